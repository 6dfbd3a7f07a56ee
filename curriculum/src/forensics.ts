import type { LabFile } from '@lta/labs';
import { unchanged } from './checks.js';
import { defineModule } from './define.js';

/** Bytes no text has (control characters), so that `file` calls these files data, as Bandit's are. */
const noise = (seed: number, length: number) =>
  Array.from({ length }, (_, i) => String.fromCharCode(1 + ((seed * 7 + i * 13) % 26))).join('');

const ODD_NAMES: Record<string, LabFile> = {
  '~/vault/-': 'code one: rM4tQ8zLw2Xc\n',
  '~/vault/spaces in this filename': 'code two: Hn5pV1sKd7Ye\n',
  '~/vault/inhere/.hidden-code': 'code three: Jb3fT9wQe6Ua\n',
  '~/vault/inhere/decoy.txt': 'Nothing here. Look harder.\n',
};

const READABLE: Record<string, LabFile> = {
  '~/inhere/-file00': noise(0, 33),
  '~/inhere/-file01': noise(1, 33),
  '~/inhere/-file02': noise(2, 33),
  '~/inhere/-file03': 'koReBOKuIDDepwhWk7jZC0RTdopnAYKh\n',
  '~/inhere/-file04': noise(4, 33),
  '~/inhere/-file05': noise(5, 33),
  '~/inhere/firmware.bin': `${noise(6, 120)}BUILD=2024.03${noise(7, 40)}ADMIN_KEY=Zt8sPq2VxL5m${noise(8, 60)}ok${noise(9, 20)}`,
};

/** A code line padded with spaces to a size, as Bandit pads its files. */
const padded = (line: string, size: number) => line + ' '.repeat(size - line.length - 1) + '\n';

const BY_SIZE: Record<string, LabFile> = {
  '~/inhere/maybehere00/.file1': padded('not this one', 1034),
  '~/inhere/maybehere00/-file2': padded('not this one either', 2488),
  '~/inhere/maybehere01/spaces file1': padded('close, but no', 1032),
  '~/inhere/maybehere02/-file1': { content: padded('executable: not this one', 1033), mode: '755' },
  '~/inhere/maybehere02/.file2': padded('P4HqxD7vR1WmKe9c', 1033),
  '~/inhere/maybehere03/-file3': padded('too big', 9388),
  '~/inhere/maybehere03/.file1': padded('too small', 220),
};

const WORDS = ['EN6c0Vhd9r1K', 'q2WzTbPv8Jx4', 'Lm3RtY7uQa0s', 'Gf5HkN1cXe9w', 'Ub8OpZ2dVj6y'];
/** Every line but one appears several times, shuffled by a fixed rule. */
const DATA_LINES = [...WORDS.flatMap((word, i) => Array.from({ length: 3 + i }, () => word)), 'UNIQUE-Tk4mW9xRb2Sq'];
const DATA = DATA_LINES.map((_, i) => DATA_LINES[(i * 7) % DATA_LINES.length]!).join('\n') + '\n';
const ROT13_PLAIN = 'The password for the next level is Xq5LnR8pWv2T\n';
const rot13 = (text: string) =>
  text.replace(/[a-z]/gi, (c) =>
    String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c <= 'Z' ? 65 : 97)),
  );
const UNIQUE_FILES: Record<string, LabFile> = { '~/data.txt': DATA, '~/message.txt': rot13(ROT13_PLAIN) };

/**
 * An xxd dump of a gzip-compressed tar holding `secret.bz2`: bzip2-compressed `secret`, the password in base64 (made
 * with the real tools).
 */
const LAYERS_DUMP =
  '00000000: 1f8b 0800 0000 0000 0203 edca 314b 4261  ............1KBa\n00000010: 18c5 f107 0221 2334 8386 2078 8728 6888  .....!#4.. x.(h.\n00000020: fbbc f77a 2568 c996 1011 a106 6d10 342e  ...z%h......m.4.\n00000030: 3944 c355 975a a4f6 c00f d014 e1d2 e0d0  9D.U.Z..........\n00000040: e2dc 204d 6e2e 6d4e 4dd1 18b8 746b 6a89  .. Mn.mNM...tkj.\n00000050: 2603 e1ff 5b0e 9c73 1ac1 4918 34b7 6b17  &...[..s..I.4.k.\n00000060: 56a6 c689 f89e f795 9a49 3b3f f39b ba2a  V........I;?...*\n00000070: eaa5 33ae 5af5 bda8 57eb 5b2b c691 7fd0  ..3.Z...W.[+....\n00000080: 6a34 aba1 3172 1654 c3f3 20fc f5f7 d73e  j4..1r.T.. ....>\n00000090: a3b2 c7f5 1ddd 2b6f 1c96 4b7a fb2c b238  ......+o..Kz.,.8\n000000a0: 6c4b b22e cb93 f9de 6ea1 5d34 7254 8c5e  lK......n.]4rT.^\n000000b0: 7389 f5d8 ea75 7ef3 f56e 7475 3f4a ed3f  s....u~..ntu?J.?\n000000c0: 0e57 962a a587 9bb5 a781 d9ea 752a ef1f  .W.*........u*..\n000000d0: a7ee 4b2b 7739 7e3b e8c6 530b 31b7 6f04  ..K+w9~;..S.1.o.\n000000e0: 0000 0000 0000 0000 0000 0000 0030 4d9f  .............0M.\n000000f0: 1fff 8c15 0028 0000                      .....(..\n';
const LAYERS: Record<string, LabFile> = { '~/data.txt': LAYERS_DUMP };
const SECRET_B64 = 'VGhlIHZhdWx0IHBhc3N3b3JkIGlzIEdxN3ZSMm1YazlMcFc0dFoK\n';
const PASSWORD = 'The vault password is Gq7vR2mXk9LpW4tZ\n';

/** Module 13: a Bandit-style hunt for secrets, with the tools that look inside files. */
export const forensics = defineModule(
  'forensics',
  'Finding secrets: a Bandit-style hunt',
  'Hunt for codes hidden the way wargames hide them: odd file names, binary noise, a file known only by its size, the one unique line, rot13, and layers of hex dump, gzip, tar, bzip2 and base64, each identified with file.',
  [
    {
      id: 'forensics-odd-names',
      title: 'Names that fight back',
      xp: 30,
      difficulty: 'beginner',
      story:
        'A colleague left three codes in `~/vault`, in files whose names get in the way: one is called `-`, one has ' +
        'spaces in its name, and one is hidden. Save each code into your home directory with `cat` and a redirection.',
      files: ODD_NAMES,
      steps: [
        {
          title: 'The file called -',
          instructions:
            'Save the contents of `~/vault/-` into `~/code1.txt` with `cat`. To most commands a lone `-` means standard input, so name it by a path.',
          checks: [
            {
              kind: 'ran',
              command: 'cat',
              operands: ['~/vault/-'],
              into: '~/code1.txt',
              message: 'cat read ~/vault/- into ~/code1.txt',
            },
            {
              kind: 'file-equals',
              path: '~/code1.txt',
              content: 'code one: rM4tQ8zLw2Xc\n',
              message: '~/code1.txt holds code one',
            },
            unchanged(ODD_NAMES, '~/vault/-'),
          ],
          hints: [
            '`cat -` waits for you to type: `-` is standard input. A path that leads to the file is not read that way.',
            '`cd ~/vault` then `cat ./- > ~/code1.txt`',
          ],
        },
        {
          title: 'Spaces in the name',
          instructions:
            'Save the contents of `~/vault/spaces in this filename` into `~/code2.txt`. Quote the name, or escape each space.',
          checks: [
            {
              kind: 'ran',
              command: 'cat',
              operands: ['~/vault/spaces in this filename'],
              into: '~/code2.txt',
              message: 'cat read the file with spaces into ~/code2.txt',
            },
            {
              kind: 'file-equals',
              path: '~/code2.txt',
              content: 'code two: Hn5pV1sKd7Ye\n',
              message: '~/code2.txt holds code two',
            },
          ],
          hints: [
            'Unquoted, the shell splits the name into four words: four files that do not exist.',
            '`cat ~/vault/"spaces in this filename" > ~/code2.txt`',
          ],
        },
        {
          title: 'The hidden one',
          instructions:
            'One file in `~/vault/inhere` does not show with a plain `ls`. Find it and save its contents into `~/code3.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'cat',
              operands: ['~/vault/inhere/.hidden-code'],
              into: '~/code3.txt',
              message: 'cat read the hidden file into ~/code3.txt',
            },
            {
              kind: 'file-equals',
              path: '~/code3.txt',
              content: 'code three: Jb3fT9wQe6Ua\n',
              message: '~/code3.txt holds code three',
            },
          ],
          hints: [
            'Hidden names start with a dot: `ls -a ~/vault/inhere` shows them.',
            '`cat ~/vault/inhere/.hidden-code > ~/code3.txt`',
          ],
        },
      ],
      recap:
        'Name a file called `-` by a path (`./-`), quote names with spaces (`"a b"`), and list hidden files with `ls -a`.',
      solution: [
        'cd ~/vault',
        'cat ./- > ~/code1.txt',
        'cat "spaces in this filename" > ~/code2.txt',
        'ls -a inhere',
        'cat inhere/.hidden-code > ~/code3.txt',
      ],
    },
    {
      id: 'forensics-readable',
      title: 'The only human-readable file',
      xp: 35,
      difficulty: 'beginner',
      story:
        'Six files in `~/inhere` are named `-file00` to `-file05`; only one holds text, the rest are binary noise that ' +
        'would scramble your terminal. Ask `file` what each holds instead of opening them one by one. Then pull a key ' +
        'out of `firmware.bin`, a binary file with a few readable words inside.',
      files: READABLE,
      steps: [
        {
          title: 'Ask file',
          instructions:
            'Run `file` on every `-file*` in `~/inhere` at once. The names start with `-`: give them as `./-file*`.',
          checks: [
            {
              kind: 'ran',
              command: 'file',
              operands: ['~/inhere/-file03', '~/inhere/-file00'],
              message: 'file looked at every -file* at once',
            },
          ],
          hints: [
            '`file` tells what a file holds by its bytes; a wildcard gives it all six. `-file*` alone looks like options.',
            '`cd ~/inhere` then `file ./-file*`',
          ],
        },
        {
          title: 'Save the readable one',
          instructions: 'Save the contents of the ASCII text file into `~/password.txt` with `cat`.',
          checks: [
            {
              kind: 'ran',
              command: 'cat',
              operands: ['~/inhere/-file03'],
              into: '~/password.txt',
              message: 'cat read the text file into ~/password.txt',
            },
            {
              kind: 'file-equals',
              path: '~/password.txt',
              content: 'koReBOKuIDDepwhWk7jZC0RTdopnAYKh\n',
              message: '~/password.txt holds the password',
            },
          ],
          hints: ['The one `file` called ASCII text is the one.', '`cat ~/inhere/-file03 > ~/password.txt`'],
        },
        {
          title: 'Readable words in a binary',
          instructions:
            'Save the line of `~/inhere/firmware.bin` that holds `ADMIN_KEY` into `~/admin-key.txt`: `strings` prints the readable runs of a binary file, and `grep` picks the one you want.',
          checks: [
            {
              kind: 'ran',
              command: 'strings',
              operands: ['~/inhere/firmware.bin'],
              message: 'strings read firmware.bin',
            },
            {
              kind: 'ran',
              command: 'grep',
              operands: ['ADMIN_KEY'],
              into: '~/admin-key.txt',
              message: 'grep saved the ADMIN_KEY line into ~/admin-key.txt',
            },
            {
              kind: 'file-equals',
              path: '~/admin-key.txt',
              content: 'ADMIN_KEY=Zt8sPq2VxL5m\n',
              message: '~/admin-key.txt holds ADMIN_KEY=Zt8sPq2VxL5m',
            },
          ],
          hints: [
            '`strings FILE` prints each run of 4 or more printable characters on its own line.',
            '`strings ~/inhere/firmware.bin | grep ADMIN_KEY > ~/admin-key.txt`',
          ],
        },
      ],
      recap:
        '`file` tells what a file holds from its bytes (`file ./-file*`), and `strings` prints the readable runs of a binary file, ready for `grep`.',
      solution: [
        'cd ~/inhere',
        'file ./-file*',
        'cat ./-file03 > ~/password.txt',
        'strings firmware.bin | grep ADMIN_KEY > ~/admin-key.txt',
      ],
    },
    {
      id: 'forensics-by-size',
      title: 'A file known by its size',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'The code is in a file somewhere under `~/inhere`, among many directories and decoys. All you know: it is ' +
        'exactly 1033 bytes and not executable. Let `find` search by those properties.',
      files: BY_SIZE,
      steps: [
        {
          title: 'Find it',
          instructions:
            'Use `find` with `-size` (`c` means bytes) and `! -executable` to print the one file that fits.',
          checks: [
            {
              kind: 'ran',
              command: 'find',
              operands: ['~/inhere', '-size', '1033c', '-executable'],
              oneOf: ['!', '-not'],
              message: 'find searched ~/inhere with -size 1033c and ! -executable',
            },
          ],
          hints: [
            '`-size 1033c` is exactly 1033 bytes; `!` before a test negates it.',
            '`find ~/inhere -type f -size 1033c ! -executable`',
          ],
        },
        {
          title: 'Save the code',
          instructions:
            'Save the code inside it, without the padding spaces, into `~/code.txt`: its first word is all you need, and `cut` or `awk` can take it.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/code.txt',
              content: 'P4HqxD7vR1WmKe9c\n',
              message: '~/code.txt holds the code alone',
            },
            {
              kind: 'ran',
              command: 'cut|awk|tr|sed|xargs',
              into: '~/code.txt',
              message: 'A text tool wrote the code into ~/code.txt',
            },
          ],
          hints: [
            'The file is the code and then spaces: the first field, split on spaces.',
            '`cut -d" " -f1 ~/inhere/maybehere02/.file2 > ~/code.txt`',
          ],
        },
      ],
      recap:
        '`find DIR -type f -size 1033c ! -executable` finds a file by its size in bytes (`-size +1M`, `-size -2k` for ranges) and by what you may do with it.',
      solution: [
        'find ~/inhere -type f -size 1033c ! -executable',
        'cut -d" " -f1 ~/inhere/maybehere02/.file2 > ~/code.txt',
      ],
    },
    {
      id: 'forensics-unique-rot13',
      title: 'The odd line out and a rotated message',
      xp: 45,
      difficulty: 'intermediate',
      story:
        '`~/data.txt` repeats the same few codes over and over; the real one appears exactly once. And `~/message.txt` ' +
        'was scrambled with rot13: every letter moved 13 places along the alphabet.',
      files: UNIQUE_FILES,
      steps: [
        {
          title: 'The line that appears once',
          instructions:
            'Save the only line of `~/data.txt` that appears exactly once into `~/unique.txt`. `uniq -u` keeps such lines, but only compares neighbours.',
          checks: [
            { kind: 'ran', command: 'sort', message: 'sort put equal lines together' },
            {
              kind: 'ran',
              command: 'uniq',
              options: ['-u'],
              into: '~/unique.txt',
              message: 'uniq -u wrote the unique line into ~/unique.txt',
            },
            {
              kind: 'file-equals',
              path: '~/unique.txt',
              content: 'UNIQUE-Tk4mW9xRb2Sq\n',
              message: '~/unique.txt holds the one unique line',
            },
          ],
          hints: [
            'Sort first, so that equal lines are neighbours; then `uniq -u`.',
            '`sort ~/data.txt | uniq -u > ~/unique.txt`',
          ],
        },
        {
          title: 'Undo rot13',
          instructions: 'Decode `~/message.txt` into `~/plain.txt` with `tr`: map A-Z onto N-ZA-M and a-z onto n-za-m.',
          checks: [
            {
              kind: 'ran',
              command: 'tr',
              into: '~/plain.txt',
              message: 'tr wrote the decoded message into ~/plain.txt',
            },
            {
              kind: 'file-equals',
              path: '~/plain.txt',
              content: ROT13_PLAIN,
              message: '~/plain.txt holds the message in clear',
            },
          ],
          hints: [
            'rot13 undoes itself: the same `tr` scrambles and unscrambles.',
            '`tr "A-Za-z" "N-ZA-Mn-za-m" < ~/message.txt > ~/plain.txt`',
          ],
        },
      ],
      recap:
        '`sort | uniq -u` keeps the lines that appear once (`uniq -d` the repeated ones), and `tr "A-Za-z" "N-ZA-Mn-za-m"` applies or undoes rot13.',
      solution: [
        'sort ~/data.txt | uniq -u > ~/unique.txt',
        'tr "A-Za-z" "N-ZA-Mn-za-m" < ~/message.txt > ~/plain.txt',
      ],
    },
    {
      id: 'forensics-layers',
      title: 'Capstone: peel the layers',
      xp: 80,
      difficulty: 'advanced',
      story:
        '`~/data.txt` is a hex dump of a file that was packed several times over. Work in `~/work`: turn the dump back ' +
        'into bytes, ask `file` what each layer is, undo it with the right tool, and go on until the password is in ' +
        'clear in `~/password.txt`. Never trust a name: only `file` knows.',
      files: LAYERS,
      steps: [
        {
          title: 'Back to bytes',
          instructions:
            'Create `~/work` and turn the hex dump back into bytes with `xxd -r`, saved as `~/work/layer1.gz`.',
          checks: [
            {
              kind: 'ran',
              command: 'xxd',
              options: ['-r'],
              into: '~/work/layer1.gz',
              message: 'xxd -r turned the dump back into ~/work/layer1.gz',
            },
            unchanged(LAYERS, '~/data.txt'),
          ],
          hints: [
            '`xxd` makes hex dumps; `-r` reverses one.',
            '`mkdir ~/work && xxd -r ~/data.txt > ~/work/layer1.gz`',
          ],
        },
        {
          title: 'Peel the compression',
          instructions: 'Ask `file` what `layer1.gz` is, then decompress it with the matching tool.',
          checks: [
            { kind: 'ran', command: 'file', operands: ['~/work/layer1.gz'], message: 'file identified layer1.gz' },
            {
              kind: 'ran',
              command: 'gunzip|zcat|gzip',
              operands: ['~/work/layer1.gz'],
              message: 'gunzip (or zcat, gzip -d) decompressed it',
            },
          ],
          hints: [
            '`file` says gzip compressed data: `gunzip` undoes it.',
            '`cd ~/work`, `file layer1.gz`, then `gunzip layer1.gz`',
          ],
        },
        {
          title: 'Open the archive',
          instructions: 'Ask `file` what came out, and unpack it in `~/work` with the matching tool.',
          checks: [
            // What came out is judged in the next step: bunzip2 takes secret.bz2 away.
            { kind: 'ran', command: 'file', operands: ['~/work/layer1'], message: 'file identified layer1' },
            { kind: 'ran', command: 'tar', options: ['-x'], message: 'tar -x unpacked the archive' },
          ],
          hints: ['`file layer1` says POSIX tar archive.', '`tar -xf layer1` in `~/work`'],
        },
        {
          title: 'Another compression',
          instructions:
            'Ask `file` what `secret.bz2` is, then decompress it with the matching tool into `~/work/secret`.',
          checks: [
            { kind: 'ran', command: 'file', operands: ['~/work/secret.bz2'], message: 'file identified secret.bz2' },
            {
              kind: 'ran',
              command: 'bunzip2|bzip2|bzcat',
              operands: ['~/work/secret.bz2'],
              message: 'bunzip2 (or bzip2 -d, bzcat) decompressed it',
            },
            {
              kind: 'file-equals',
              path: '~/work/secret',
              content: SECRET_B64,
              message: '~/work/secret holds what was compressed',
            },
          ],
          hints: [
            "`file` says bzip2 compressed data: gzip's cousin, with its own tools.",
            '`bunzip2 secret.bz2` leaves `secret`, as `gunzip` did for `.gz`.',
            '`file secret.bz2`, then `bunzip2 secret.bz2`',
          ],
        },
        {
          title: 'The last layer',
          instructions: 'The file that came out is text, but not clear text: decode it into `~/password.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'base64',
              options: ['-d'],
              into: '~/password.txt',
              message: 'base64 -d wrote the password into ~/password.txt',
            },
            {
              kind: 'file-equals',
              path: '~/password.txt',
              content: PASSWORD,
              message: '~/password.txt holds the password in clear',
            },
          ],
          hints: [
            'Letters, digits, `+` and `/`, maybe `=` at the end: base64.',
            '`base64 -d ~/work/secret > ~/password.txt`',
          ],
        },
      ],
      recap:
        '`xxd -r` turns a hex dump back into bytes, `file` names each layer, and `gunzip`, `tar -xf`, `bunzip2` and `base64 -d` undo gzip, tar, bzip2 and base64 in turn.',
      solution: [
        'mkdir ~/work',
        'cd ~/work',
        'xxd -r ~/data.txt > layer1.gz',
        'file layer1.gz',
        'gunzip layer1.gz',
        'file layer1',
        'tar -xf layer1',
        'file secret.bz2',
        'bunzip2 secret.bz2',
        'file secret',
        'base64 -d secret > ~/password.txt',
      ],
    },
  ],
);
