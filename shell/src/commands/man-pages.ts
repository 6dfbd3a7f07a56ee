/** A manual page: what `man NAME` shows. Sections follow the real pages, trimmed to what the curriculum teaches. */
interface ManPage {
  /** 1 user commands, 5 file formats (fstab), 8 administration commands (mount). */
  section: 1 | 5 | 8;
  summary: string;
  synopsis: string;
  description: string;
  options?: [string, string][];
  examples?: [string, string][];
}

const builtin = (summary: string, synopsis: string, description: string, options?: [string, string][]): ManPage => ({
  section: 1,
  summary,
  synopsis,
  description: `${description} This is a bash builtin: \`help ${synopsis.split(' ')[0]}\` also describes it.`,
  options,
});

const VIM_PAGE: ManPage = {
  section: 1,
  summary: "Vi IMproved, a programmer's text editor",
  synopsis: 'vim [options] [file ..]',
  description:
    'Vim starts in Normal mode, where keys are commands: i, a, o or O enter Insert mode to type text, Esc returns to Normal mode, : starts a command line. :w writes the file, :q quits, :wq or ZZ writes and quits, :q! quits without saving. vi is vim.',
  examples: [
    ['vi notes.txt', 'then i, type, Esc, :wq and Enter'],
    ['vim app.conf', 'edit app.conf in Normal mode'],
  ],
};

/** Pages for every command the curriculum teaches. */
export const MAN_PAGES: Record<string, ManPage> = {
  pwd: {
    section: 1,
    summary: 'print name of current/working directory',
    synopsis: 'pwd [OPTION]...',
    description: 'Print the full filename of the current working directory.',
    options: [['-P', 'print the physical directory, without any symbolic links']],
  },
  ls: {
    section: 1,
    summary: 'list directory contents',
    synopsis: 'ls [OPTION]... [FILE]...',
    description: 'List information about the FILEs (the current directory by default). Sort entries alphabetically.',
    options: [
      ['-a, --all', 'do not ignore entries starting with .'],
      ['-A, --almost-all', 'do not list implied . and ..'],
      ['-C', 'list entries by columns'],
      ['-d, --directory', 'list directories themselves, not their contents'],
      ['-F, --classify', 'append indicator (one of */=>@|) to entries'],
      ['-h, --human-readable', 'with -l, print sizes like 1K 234M 2G'],
      ['-i, --inode', 'print the index number of each file'],
      ['-l', 'use a long listing format'],
      ['-r, --reverse', 'reverse order while sorting'],
      ['-R, --recursive', 'list subdirectories recursively'],
      ['-S', 'sort by file size, largest first'],
      ['-t', 'sort by time, newest first'],
      ['-1', 'list one file per line'],
    ],
    examples: [
      ['ls -la', 'long listing of every file, hidden ones too'],
      ['ls -lh /var/log', 'sizes in K, M, G'],
    ],
  },
  cd: builtin(
    'change the shell working directory',
    'cd [DIR]',
    'Change the current directory to DIR. The default DIR is the value of the HOME shell variable. `cd -` goes back to the previous directory, `cd ..` to the parent.',
  ),
  mkdir: {
    section: 1,
    summary: 'make directories',
    synopsis: 'mkdir [OPTION]... DIRECTORY...',
    description: 'Create the DIRECTORY(ies), if they do not already exist.',
    options: [
      ['-m, --mode=MODE', 'set file mode (as in chmod)'],
      ['-p, --parents', 'no error if existing, make parent directories as needed'],
      ['-v, --verbose', 'print a message for each created directory'],
    ],
  },
  rmdir: {
    section: 1,
    summary: 'remove empty directories',
    synopsis: 'rmdir [OPTION]... DIRECTORY...',
    description: 'Remove the DIRECTORY(ies), if they are empty.',
    options: [['-p, --parents', 'remove DIRECTORY and its ancestors']],
  },
  touch: {
    section: 1,
    summary: 'change file timestamps',
    synopsis: 'touch [OPTION]... FILE...',
    description:
      'Update the access and modification times of each FILE to the current time. A FILE argument that does not exist is created empty.',
    options: [['-c, --no-create', 'do not create any files']],
  },
  cp: {
    section: 1,
    summary: 'copy files and directories',
    synopsis: 'cp [OPTION]... SOURCE... DEST',
    description: 'Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.',
    options: [
      ['-i, --interactive', 'prompt before overwrite'],
      ['-p', 'preserve mode, ownership and timestamps'],
      ['-r, -R, --recursive', 'copy directories recursively'],
      ['-v, --verbose', 'explain what is being done'],
    ],
  },
  mv: {
    section: 1,
    summary: 'move (rename) files',
    synopsis: 'mv [OPTION]... SOURCE... DEST',
    description: 'Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.',
    options: [
      ['-f, --force', 'do not prompt before overwriting'],
      ['-i, --interactive', 'prompt before overwrite'],
      ['-n, --no-clobber', 'do not overwrite an existing file'],
      ['-v, --verbose', 'explain what is being done'],
    ],
  },
  rm: {
    section: 1,
    summary: 'remove files or directories',
    synopsis: 'rm [OPTION]... [FILE]...',
    description:
      'Remove (unlink) the FILE(s). By default, rm does not remove directories. There is no undo and no trash can.',
    options: [
      ['-f, --force', 'ignore nonexistent files and arguments, never prompt'],
      ['-i', 'prompt before every removal'],
      ['-r, -R, --recursive', 'remove directories and their contents recursively'],
      ['-v, --verbose', 'explain what is being done'],
    ],
  },
  cat: {
    section: 1,
    summary: 'concatenate files and print on the standard output',
    synopsis: 'cat [OPTION]... [FILE]...',
    description: 'Concatenate FILE(s) to standard output. With no FILE, or when FILE is -, read standard input.',
    options: [
      ['-A, --show-all', 'show tabs as ^I and line ends as $'],
      ['-n, --number', 'number all output lines'],
      ['-s, --squeeze-blank', 'suppress repeated empty output lines'],
    ],
  },
  less: {
    section: 1,
    summary: 'opposite of more: view a file one screen at a time',
    synopsis: 'less [FILE]...',
    description:
      'Show a file (or what a pipe gives it) one screenful at a time. Keys: Space or f next page, b previous page, j/k one line, /pattern search forward, ?pattern backward, n next match, N previous, g top, G bottom, :n next file, h help, q quit. When its output is not a terminal, less prints the whole file, like cat.',
  },
  top: {
    section: 1,
    summary: 'display Linux processes',
    synopsis: 'top [-b] [-n ITERATIONS] [-d SECONDS] [-u USER] [-p PID,...]',
    description:
      'Show the busiest processes and a summary of the system, refreshed every 3 seconds. Keys: P sort by CPU, M sort by memory, 1 one line per CPU, k send a signal to a process (asks the PID, then the signal), h help, q quit.',
    options: [
      ['-b', 'batch mode: print the screens instead of taking the terminal'],
      ['-n ITERATIONS', 'print this many screens, then end'],
      ['-d SECONDS', 'the delay between screens'],
      ['-u USER', "only that user's processes"],
      ['-p PID,...', 'only these processes'],
    ],
  },
  more: {
    section: 1,
    summary: 'file perusal filter for crt viewing',
    synopsis: 'more [FILE]...',
    description:
      'Show a file one screenful at a time; Space for the next page, q to quit. Outside an interactive terminal more prints the whole file.',
  },
  head: {
    section: 1,
    summary: 'output the first part of files',
    synopsis: 'head [OPTION]... [FILE]...',
    description:
      'Print the first 10 lines of each FILE to standard output. With more than one FILE, precede each with a header giving the file name.',
    options: [
      ['-c, --bytes=[-]NUM', 'print the first NUM bytes of each file'],
      [
        '-n, --lines=[-]NUM',
        'print the first NUM lines instead of the first 10; with a leading -, all but the last NUM lines',
      ],
    ],
  },
  tail: {
    section: 1,
    summary: 'output the last part of files',
    synopsis: 'tail [OPTION]... [FILE]...',
    description: 'Print the last 10 lines of each FILE to standard output.',
    options: [
      ['-c, --bytes=[+]NUM', 'output the last NUM bytes'],
      ['-n, --lines=[+]NUM', 'output the last NUM lines; with +NUM, start at line NUM'],
      ['-f, --follow', 'output appended data as the file grows'],
    ],
  },
  wc: {
    section: 1,
    summary: 'print newline, word, and byte counts for each file',
    synopsis: 'wc [OPTION]... [FILE]...',
    description:
      'Print newline, word, and byte counts for each FILE, and a total line if more than one FILE is specified. A word is a non-zero-length sequence of printable characters delimited by white space.',
    options: [
      ['-c, --bytes', 'print the byte counts'],
      ['-m, --chars', 'print the character counts'],
      ['-l, --lines', 'print the newline counts'],
      ['-w, --words', 'print the word counts'],
      ['-L, --max-line-length', 'print the maximum display width'],
    ],
  },
  find: {
    section: 1,
    summary: 'search for files in a directory hierarchy',
    synopsis: 'find [starting-point...] [expression]',
    description:
      'Search the directory tree rooted at each starting-point by evaluating the expression from left to right for each file.',
    options: [
      ['-name PATTERN', 'base of file name matches shell PATTERN (quote it: -name "*.txt")'],
      ['-iname PATTERN', 'like -name, but the match is case insensitive'],
      ['-type c', 'file is of type c: f regular file, d directory, l symbolic link'],
      ['-size n[ckMG]', 'file uses n units of space (+n more, -n less)'],
      ['-mtime n', 'file was last modified n*24 hours ago'],
      ['-maxdepth levels', 'descend at most levels below the starting-points'],
      ['-empty', 'file is empty and is either a regular file or a directory'],
      ['-exec command {} ;', 'run command on each file found'],
      ['-delete', 'delete files found'],
    ],
    examples: [
      ['find . -name "*.log"', 'every .log file below the current directory'],
      ['find /tmp -type d -empty', 'empty directories'],
    ],
  },
  grep: {
    section: 1,
    summary: 'print lines that match patterns',
    synopsis: 'grep [OPTION]... PATTERNS [FILE]...',
    description:
      'Search for PATTERNS in each FILE and print each line that matches. With no FILE, read standard input; with -r, search the working directory.',
    options: [
      ['-E, --extended-regexp', 'PATTERNS are extended regular expressions'],
      ['-F, --fixed-strings', 'PATTERNS are strings'],
      ['-i, --ignore-case', 'ignore case distinctions'],
      ['-v, --invert-match', 'select non-matching lines'],
      ['-w, --word-regexp', 'match only whole words'],
      ['-c, --count', 'print only a count of matching lines per FILE'],
      ['-l, --files-with-matches', 'print only names of FILEs with matches'],
      ['-n, --line-number', 'print line number with output lines'],
      ['-o, --only-matching', 'show only the matching part of lines'],
      ['-r, --recursive', 'read all files under each directory, recursively'],
    ],
    examples: [
      ['grep -rn TODO .', 'every TODO below here, with file and line number'],
      ['grep -vi "^#" config', 'lines that are not comments'],
    ],
  },
  sort: {
    section: 1,
    summary: 'sort lines of text files',
    synopsis: 'sort [OPTION]... [FILE]...',
    description: 'Write sorted concatenation of all FILE(s) to standard output.',
    options: [
      ['-f, --ignore-case', 'fold lower case to upper case characters'],
      ['-n, --numeric-sort', 'compare according to string numerical value'],
      ['-h, --human-numeric-sort', 'compare human readable numbers (e.g., 2K 1G)'],
      ['-r, --reverse', 'reverse the result of comparisons'],
      ['-k, --key=KEYDEF', 'sort via a key; KEYDEF gives location and type'],
      ['-t, --field-separator=SEP', 'use SEP instead of non-blank to blank transition'],
      ['-u, --unique', 'output only the first of an equal run'],
    ],
  },
  uniq: {
    section: 1,
    summary: 'report or omit repeated lines',
    synopsis: 'uniq [OPTION]... [INPUT [OUTPUT]]',
    description:
      'Filter adjacent matching lines from INPUT, writing to OUTPUT. Matching lines are merged only when adjacent: sort first.',
    options: [
      ['-c, --count', 'prefix lines by the number of occurrences'],
      ['-d, --repeated', 'only print duplicate lines, one for each group'],
      ['-u, --unique', 'only print unique lines'],
      ['-i, --ignore-case', 'ignore differences in case when comparing'],
    ],
    examples: [['sort access.log | uniq -c | sort -rn', 'the most frequent lines first']],
  },
  cut: {
    section: 1,
    summary: 'remove sections from each line of files',
    synopsis: 'cut OPTION... [FILE]...',
    description: 'Print selected parts of lines from each FILE to standard output.',
    options: [
      ['-b, --bytes=LIST', 'select only these bytes'],
      ['-c, --characters=LIST', 'select only these characters'],
      ['-d, --delimiter=DELIM', 'use DELIM instead of TAB for field delimiter'],
      ['-f, --fields=LIST', 'select only these fields, e.g. 1,3 or 2-4'],
    ],
  },
  tr: {
    section: 1,
    summary: 'translate or delete characters',
    synopsis: 'tr [OPTION]... SET1 [SET2]',
    description: 'Translate, squeeze, and/or delete characters from standard input, writing to standard output.',
    options: [
      ['-d, --delete', 'delete characters in SET1, do not translate'],
      ['-s, --squeeze-repeats', 'replace each sequence of a repeated character with a single occurrence'],
      ['-c, --complement', 'use the complement of SET1'],
    ],
    examples: [
      ["tr 'a-z' 'A-Z'", 'upper-case the input'],
      ["tr -d '\\r'", 'strip carriage returns'],
    ],
  },
  sed: {
    section: 1,
    summary: 'stream editor for filtering and transforming text',
    synopsis: 'sed [OPTION]... {script} [input-file]...',
    description:
      'Sed reads its input line by line, applies the script and prints the result. The most used command is s/regexp/replacement/flags (flag g: every match on the line).',
    options: [
      ['-n, --quiet', 'suppress automatic printing of pattern space'],
      ['-e script', 'add the script to the commands to be executed'],
      ['-E, -r', 'use extended regular expressions'],
      ['-i[SUFFIX]', 'edit files in place (makes backup if SUFFIX supplied)'],
    ],
    examples: [
      ["sed 's/http:/https:/g' urls.txt", 'replace every http: by https:'],
      ["sed -n '5,10p' file", 'print lines 5 to 10'],
    ],
  },
  awk: {
    section: 1,
    summary: 'pattern scanning and text processing language',
    synopsis: "awk [-F fs] [-v var=value] 'program' [file ...]",
    description:
      'Awk splits each input line into fields $1, $2, ... ($0 is the whole line, NF the number of fields, NR the line number) and runs each pattern { action } of the program on it.',
    options: [
      ['-F fs', 'use fs as the input field separator'],
      ['-v var=val', 'assign val to the variable var before the program starts'],
    ],
    examples: [
      ["awk -F, '{print $2}' data.csv", 'the second column of a CSV'],
      ["awk '$3 > 100 {sum += $3} END {print sum}'", 'sum a column'],
    ],
  },
  chmod: {
    section: 1,
    summary: 'change file mode bits',
    synopsis: 'chmod [OPTION]... MODE[,MODE]... FILE...',
    description:
      "Change the mode of each FILE to MODE. MODE is symbolic, [ugoa][+-=][rwxX] (u owner, g group, o others, a all: chmod u+x script.sh), or octal, three digits for owner, group and others, each the sum of 4 read, 2 write, 1 execute (chmod 644 notes.txt gives rw-r--r--). Only a file's owner may change its mode.",
    options: [
      ['-R, --recursive', 'change files and directories recursively'],
      ['-v, --verbose', 'output a diagnostic for every file processed'],
    ],
  },
  ln: {
    section: 1,
    summary: 'make links between files',
    synopsis: 'ln [OPTION]... TARGET LINK_NAME',
    description:
      'Create a link to TARGET with the name LINK_NAME. Create hard links by default (another name for the same file: same inode, same content), symbolic links with --symbolic (a small file that points to a path).',
    options: [
      ['-s, --symbolic', 'make symbolic links instead of hard links'],
      ['-f, --force', 'remove existing destination files'],
      ['-v, --verbose', 'print name of each linked file'],
    ],
  },
  readlink: {
    section: 1,
    summary: 'print resolved symbolic links or canonical file names',
    synopsis: 'readlink [OPTION]... FILE...',
    description: 'Print the target of a symbolic link.',
    options: [['-f', 'canonicalize by following every symlink']],
  },
  realpath: {
    section: 1,
    summary: 'print the resolved path',
    synopsis: 'realpath [OPTION]... FILE...',
    description: 'Print the resolved absolute file name; all symbolic links are followed.',
  },
  tar: {
    section: 1,
    summary: 'an archiving utility',
    synopsis: 'tar {c|x|t}[vzf] [ARCHIVE] [FILE]...',
    description: 'Store files in an archive, list an archive, or extract it.',
    options: [
      ['-c, --create', 'create a new archive'],
      ['-x, --extract', 'extract files from an archive'],
      ['-t, --list', 'list the contents of an archive'],
      ['-f, --file=ARCHIVE', 'use archive file ARCHIVE'],
      ['-v, --verbose', 'verbosely list files processed'],
      ['-z, --gzip', 'filter the archive through gzip'],
      ['-C, --directory=DIR', 'change to DIR before working'],
    ],
    examples: [
      ['tar -czvf backup.tar.gz notes/', 'archive and compress a directory'],
      ['tar -xzf backup.tar.gz -C restore/', 'extract it elsewhere'],
    ],
  },
  file: {
    section: 1,
    summary: 'determine file type',
    synopsis: 'file [-bL] FILE...',
    description:
      'Tell what each FILE holds by looking at its contents, never at its name: text (ASCII, UTF-8, ISO-8859, with its line ends), scripts by their #! line, JSON, archives and compressed data (gzip, bzip2, tar, zip), images (PNG), programs (ELF), empty files, directories and symbolic links.',
    options: [
      ['-b, --brief', 'do not prepend filenames to output lines'],
      ['-L, --dereference', 'follow symlinks'],
    ],
    examples: [
      ['file *', 'what every file of the directory holds'],
      ['file -b data.bin', 'only the description'],
    ],
  },
  base64: {
    section: 1,
    summary: 'base64 encode/decode data and print to standard output',
    synopsis: 'base64 [OPTION]... [FILE]',
    description: 'Base64 encode or decode FILE, or standard input, to standard output.',
    options: [
      ['-d, --decode', 'decode data'],
      ['-i, --ignore-garbage', 'when decoding, ignore non-alphabet characters'],
      ['-w, --wrap=COLS', 'wrap encoded lines after COLS character (default 76); 0 disables line wrapping'],
    ],
  },
  xxd: {
    section: 1,
    summary: 'make a hex dump or do the reverse',
    synopsis: 'xxd [options] [infile [outfile]]',
    description:
      'Make a hex dump of a file or standard input: the offset, the bytes in hexadecimal, then the bytes as text (a dot for a byte that is not printable). With -r, turn a hex dump back into the bytes.',
    options: [
      ['-c cols', 'format <cols> octets per line (default 16; 30 with -p)'],
      ['-g bytes', 'number of octets per group (default 2)'],
      ['-l len', 'stop after <len> octets'],
      ['-p', 'output in plain hexdump style: hex only, no offsets'],
      ['-r', 'reverse operation: convert (or patch) hexdump into binary'],
      ['-s [+][-]seek', 'start at <seek> bytes (from the end with -)'],
      ['-u', 'use upper case hex letters'],
    ],
    examples: [
      ['xxd data.bin | head', 'the first bytes of a file'],
      ['xxd -r dump.txt > data.bin', 'a hex dump back into a file'],
    ],
  },
  hexdump: {
    section: 1,
    summary: 'display file contents in hexadecimal',
    synopsis: 'hexdump -C [-v] [-n length] [-s offset] [FILE]...',
    description:
      'Display the files, or standard input, in the canonical hex+ASCII view: offset, sixteen bytes in hexadecimal, the same bytes as text between bars. A run of identical lines shows as one line and a *.',
    options: [
      ['-C, --canonical', 'canonical hex+ASCII display'],
      ['-n, --length LENGTH', 'interpret only LENGTH bytes of input'],
      ['-s, --skip OFFSET', 'skip OFFSET bytes from the beginning'],
      ['-v, --no-squeezing', 'output identical lines'],
    ],
  },
  strings: {
    section: 1,
    summary: 'print the sequences of printable characters in files',
    synopsis: 'strings [-n MIN] [FILE]...',
    description:
      'Print each run of at least 4 printable characters (followed by a non-printable one) found in the FILEs: the readable parts of a binary file.',
    options: [['-n, --bytes=MIN', 'print sequences of at least MIN characters']],
  },
  od: {
    section: 1,
    summary: 'dump files in octal and other formats',
    synopsis: 'od [OPTION]... [FILE]...',
    description: 'Write an unambiguous representation, octal bytes by default, of FILE to standard output.',
    options: [
      ['-c', 'printable characters or backslash escapes'],
      ['-t x1', 'hexadecimal bytes'],
      ['-A x', 'offsets in hexadecimal'],
    ],
  },
  rev: {
    section: 1,
    summary: 'reverse lines characterwise',
    synopsis: 'rev [FILE]...',
    description:
      'Copy the FILEs, or standard input, to standard output, reversing the order of the characters of every line.',
  },
  bzip2: {
    section: 1,
    summary: 'a block-sorting file compressor',
    synopsis: 'bzip2 [-cdfkz] [FILE]...',
    description:
      'Compress each FILE, replacing it by FILE.bz2 with the same mode; bunzip2 (or bzip2 -d) restores it and bzcat writes it to standard output. With no FILE, standard input to standard output.',
    options: [
      ['-c, --stdout', 'compress or decompress to standard output'],
      ['-d, --decompress', 'force decompression'],
      ['-z, --compress', 'force compression'],
      ['-k, --keep', "keep (don't delete) input files"],
      ['-f, --force', 'overwrite existing output files'],
    ],
  },
  bunzip2: {
    section: 1,
    summary: 'a block-sorting file decompressor',
    synopsis: 'bunzip2 [-ckf] [FILE]...',
    description:
      'Decompress each FILE.bz2 into FILE (FILE.tbz2 into FILE.tar; a name without those suffixes gets .out). The same as bzip2 -d.',
    options: [
      ['-c, --stdout', 'decompress to standard output'],
      ['-k, --keep', "keep (don't delete) input files"],
    ],
  },
  bzcat: {
    section: 1,
    summary: 'decompresses files to stdout',
    synopsis: 'bzcat [FILE]...',
    description: 'Decompress each bzip2 FILE, or standard input, to standard output. The same as bzip2 -dc.',
  },
  gzip: {
    section: 1,
    summary: 'compress or expand files',
    synopsis: 'gzip [OPTION]... [FILE]...',
    description: 'Reduce the size of each FILE, replacing it by FILE.gz with the same mode.',
    options: [
      ['-c, --stdout', 'write on standard output, keep original files unchanged'],
      ['-d, --decompress', 'decompress'],
      ['-k, --keep', "keep (don't delete) input files"],
      ['-l, --list', 'list compressed file contents'],
      ['-v, --verbose', 'verbose mode'],
    ],
  },
  gunzip: {
    section: 1,
    summary: 'expand files compressed by gzip',
    synopsis: 'gunzip [OPTION]... [FILE]...',
    description: 'Replace each FILE.gz by the original FILE.',
    options: [
      ['-c, --stdout', 'write on standard output'],
      ['-k, --keep', 'keep the .gz file'],
    ],
  },
  zcat: {
    section: 1,
    summary: 'print compressed files',
    synopsis: 'zcat [FILE]...',
    description: 'Print the uncompressed content of gzip files, like gunzip -c.',
  },
  echo: builtin(
    'display a line of text',
    'echo [-neE] [ARG ...]',
    'Write the ARGs to standard output, separated by spaces, followed by a newline.',
    [
      ['-n', 'do not output the trailing newline'],
      ['-e', 'enable interpretation of backslash escapes such as \\n and \\t'],
    ],
  ),
  env: {
    section: 1,
    summary: 'run a program in a modified environment',
    synopsis: 'env [NAME=VALUE]... [COMMAND [ARG]...]',
    description: 'Print the exported environment, or set each NAME to VALUE in the environment and run COMMAND.',
    options: [
      ['-i, --ignore-environment', 'start with an empty environment'],
      ['-u, --unset=NAME', 'remove variable from the environment'],
    ],
  },
  printenv: {
    section: 1,
    summary: 'print all or part of environment',
    synopsis: 'printenv [VARIABLE]...',
    description:
      'Print the values of the specified environment VARIABLE(s). If no VARIABLE is specified, print name and value pairs for them all.',
  },
  export: builtin(
    'set export attribute for shell variables',
    'export [-n] [NAME[=VALUE] ...]',
    'Marks each NAME for automatic export to the environment of subsequently executed commands. Without export a variable exists only in the current shell.',
    [
      ['-n', 'remove the export property from each NAME'],
      ['-p', 'display a list of all exported variables'],
    ],
  ),
  unset: builtin(
    'unset values and attributes of shell variables and functions',
    'unset [-fv] [NAME ...]',
    'For each NAME, remove the corresponding variable or function.',
  ),
  alias: builtin(
    'define or display aliases',
    'alias [NAME[=VALUE] ...]',
    "Without arguments, print the list of aliases. Otherwise define an alias for each NAME whose VALUE is given: alias ll='ls -l'.",
  ),
  history: builtin(
    'display the command history list',
    'history [N]',
    'Display the history list with line numbers; with N, only the last N lines. `history -c` clears the list. `!N` re-runs line N on a real system.',
  ),
  umask: builtin(
    'display or set file mode mask',
    'umask [-S] [MODE]',
    'Set the mask that removes permissions from newly created files and directories. umask 022 gives files 644 and directories 755.',
    [['-S', 'print the mask in symbolic form']],
  ),
  whoami: {
    section: 1,
    summary: 'print effective user name',
    synopsis: 'whoami',
    description: 'Print the user name associated with the current effective user ID.',
  },
  id: {
    section: 1,
    summary: 'print real and effective user and group IDs',
    synopsis: 'id [OPTION]... [USER]...',
    description: 'Print user and group information for each USER, or the current user.',
    options: [
      ['-u, --user', 'print only the effective user ID'],
      ['-g, --group', 'print only the effective group ID'],
      ['-n, --name', 'print a name instead of a number, with -u or -g'],
    ],
  },
  uname: {
    section: 1,
    summary: 'print system information',
    synopsis: 'uname [OPTION]...',
    description: 'Print certain system information. With no OPTION, same as -s.',
    options: [
      ['-a, --all', 'print all information'],
      ['-s', 'print the kernel name'],
      ['-n', 'print the network node hostname'],
      ['-r', 'print the kernel release'],
      ['-m', 'print the machine hardware name'],
    ],
  },
  man: {
    section: 1,
    summary: 'an interface to the system reference manuals',
    synopsis: 'man PAGE',
    description:
      'Show the manual page for PAGE: NAME, SYNOPSIS, DESCRIPTION and OPTIONS. In the terminal, scroll with Space and quit with q.',
  },
  test: builtin(
    'evaluate conditional expression',
    'test EXPR  or  [ EXPR ]',
    'Exits with status 0 (true) or 1 (false) depending on EXPR.',
    [
      ['-e FILE', 'FILE exists'],
      ['-f FILE', 'FILE is a regular file'],
      ['-d FILE', 'FILE is a directory'],
      ['-x FILE', 'FILE is executable by you'],
      ['-z STRING', 'STRING is empty'],
      ['STR1 = STR2', 'the strings are equal'],
      ['N1 -eq N2, -ne, -lt, -le, -gt, -ge', 'integer comparisons'],
    ],
  ),
  if: builtin(
    'execute commands based on conditional',
    'if COMMANDS; then COMMANDS; [ elif COMMANDS; then COMMANDS; ]... [ else COMMANDS; ] fi',
    'The if COMMANDS list is executed. If its exit status is zero, the then COMMANDS list is executed; otherwise each elif list in turn, then the else list.',
  ),
  for: builtin(
    'execute commands for each member in a list',
    'for NAME [in WORDS ... ] ; do COMMANDS; done',
    'The for loop executes a sequence of commands for each member in a list of items, with NAME set to that member.',
  ),
  while: builtin(
    'execute commands as long as a test succeeds',
    'while COMMANDS; do COMMANDS; done',
    'Expand and execute COMMANDS as long as the final command in the while COMMANDS has an exit status of zero.',
  ),
  read: builtin(
    'read a line from the standard input and split it into fields',
    'read [-r] [-p prompt] NAME ...',
    'Reads a single line from the standard input; the first word goes to the first NAME, and so on, the rest to the last NAME.',
    [
      ['-r', 'do not allow backslashes to escape any characters'],
      ['-p prompt', 'output the string PROMPT before reading'],
    ],
  ),
  exit: builtin(
    'exit the shell',
    'exit [N]',
    'Exits the shell with a status of N. If N is omitted, the exit status is that of the last command executed. In a script, ends the script.',
  ),
  source: builtin(
    'execute commands from a file in the current shell',
    'source FILENAME [ARGUMENTS]',
    'Read and execute commands from FILENAME in the current shell, so its variables and functions stay defined. `. FILENAME` is the same.',
  ),
  bash: {
    section: 1,
    summary: 'GNU Bourne-Again SHell',
    synopsis: 'bash [FILE [ARGUMENTS]]',
    description:
      'Bash is the shell, the command language interpreter. `bash script.sh` runs a script in a new shell; a script with a #!/bin/bash first line and execute permission runs as ./script.sh. In a script $1, $2, ... are the arguments, $# their count, $? the exit status of the last command.',
  },
  diff: {
    section: 1,
    summary: 'compare files line by line',
    synopsis: 'diff [OPTION]... FILES',
    description: 'Compare FILES line by line.',
    options: [
      ['-u', 'output unified context'],
      ['-q, --brief', 'report only when files differ'],
    ],
  },
  tee: {
    section: 1,
    summary: 'read from standard input and write to standard output and files',
    synopsis: 'tee [OPTION]... [FILE]...',
    description: 'Copy standard input to each FILE, and also to standard output.',
    options: [['-a, --append', 'append to the given FILEs, do not overwrite']],
  },
  xargs: {
    section: 1,
    summary: 'build and execute command lines from standard input',
    synopsis: 'xargs [OPTION]... [COMMAND [INITIAL-ARGS]...]',
    description:
      'Read items from standard input separated by blanks and newlines and run COMMAND with them as arguments.',
    options: [
      ['-n max-args', 'use at most max-args arguments per command line'],
      ['-I replace-str', 'replace occurrences of replace-str in the initial-arguments with each input line'],
    ],
  },
  stat: {
    section: 1,
    summary: 'display file status',
    synopsis: 'stat [OPTION]... FILE...',
    description: 'Display file status: size, blocks, inode, links, access mode, owner.',
    options: [['-c --format=FORMAT', 'use the specified FORMAT, e.g. %a (octal mode), %s (size), %n (name)']],
  },
  du: {
    section: 1,
    summary: 'estimate file space usage',
    synopsis: 'du [OPTION]... [FILE]...',
    description:
      'Summarize device usage of the set of FILEs, recursively for directories: whole 4 KiB blocks, as the disk holds them.',
    options: [
      ['-h', 'print sizes in human readable format'],
      ['-s', 'display only a total for each argument'],
      ['-a', 'write counts for all files, not just directories'],
      ['-c', 'produce a grand total'],
      ['-d, --max-depth=N', 'print the total for a directory only if it is N or fewer levels below the argument'],
      ['--apparent-size', 'print apparent sizes (bytes in the files) rather than disk usage'],
      ['-b', 'apparent sizes in bytes'],
    ],
  },
  df: {
    section: 1,
    summary: 'report file system space usage',
    synopsis: 'df [OPTION]... [FILE]...',
    description: 'Show the size, use and room of each mounted file system, or of the file system each FILE is on.',
    options: [
      ['-h', 'print sizes in powers of 1024 (e.g., 1023M)'],
      ['-T', 'print file system type'],
      ['-i', 'list inode information instead of block usage'],
    ],
  },
  free: {
    section: 1,
    summary: 'display amount of free and used memory in the system',
    synopsis: 'free [OPTION]',
    description: 'Display the total, used and free memory and swap.',
    options: [
      ['-h', 'show all output fields in human readable units'],
      ['-m', 'display the amount of memory in mebibytes'],
    ],
  },
  lsblk: {
    section: 8,
    summary: 'list block devices',
    synopsis: 'lsblk [OPTION]...',
    description: 'List the disks and their partitions as a tree, with size, type and mount point.',
    options: [['-f', 'output info about filesystems: type, label, UUID, room']],
  },
  blkid: {
    section: 8,
    summary: 'locate/print block device attributes',
    synopsis: 'blkid [-s TAG] [-o value] [DEVICE]...',
    description: 'Print the LABEL, UUID and TYPE of the filesystem on each DEVICE.',
    options: [
      ['-s TAG', 'show only the tag TAG (e.g. UUID)'],
      ['-o value', 'print only the values, not the tag names'],
    ],
  },
  findmnt: {
    section: 8,
    summary: 'find a filesystem',
    synopsis: 'findmnt [TARGET|SOURCE]',
    description: 'List mounted filesystems as a tree, or the mount of TARGET or SOURCE.',
  },
  mount: {
    section: 8,
    summary: 'mount a filesystem',
    synopsis: 'mount [-t TYPE] DEVICE DIRECTORY | mount DIRECTORY | mount -a',
    description:
      'Attach the filesystem on DEVICE (/dev/sdb1, UUID=..., LABEL=...) to DIRECTORY; its files then show there. Without arguments, list what is mounted. Needs root.',
    options: [
      ['-a', 'mount all filesystems in /etc/fstab not yet mounted'],
      ['-t TYPE', 'the filesystem type (ext4, vfat, xfs)'],
    ],
  },
  umount: {
    section: 8,
    summary: 'unmount filesystems',
    synopsis: 'umount DIRECTORY|DEVICE',
    description:
      'Detach a filesystem: its files leave the directory, and what the directory held before shows again. Fails with "target is busy" while a shell is inside it. Needs root.',
  },
  fstab: {
    section: 5,
    summary: 'static information about the filesystems',
    synopsis: '/etc/fstab',
    description:
      'One line per filesystem mounted at boot (and by mount -a): SOURCE (UUID=..., LABEL=..., /dev/...), MOUNTPOINT, TYPE, OPTIONS (defaults), DUMP (0), PASS (0, 1 for /, 2 for others). Lines starting with # are comments.',
  },
  basename: {
    section: 1,
    summary: 'strip directory and suffix from filenames',
    synopsis: 'basename NAME [SUFFIX]',
    description: 'Print NAME with any leading directory components removed, and the trailing SUFFIX if given.',
  },
  dirname: {
    section: 1,
    summary: 'strip last component from file name',
    synopsis: 'dirname NAME...',
    description: 'Print each NAME with its last non-slash component and trailing slashes removed.',
  },
  seq: {
    section: 1,
    summary: 'print a sequence of numbers',
    synopsis: 'seq [FIRST [INCREMENT]] LAST',
    description: 'Print numbers from FIRST to LAST, in steps of INCREMENT.',
  },
  date: {
    section: 1,
    summary: 'print or set the system date and time',
    synopsis: 'date [+FORMAT]',
    description: 'Display the current time in the given FORMAT, e.g. date +%Y-%m-%d.',
  },
  yes: {
    section: 1,
    summary: 'output a string repeatedly until killed',
    synopsis: 'yes [STRING]',
    description: 'Repeatedly output a line with STRING, or y. Here output stops after 10000 lines.',
  },
  clear: {
    section: 1,
    summary: 'clear the terminal screen',
    synopsis: 'clear',
    description: 'Clear the screen. Ctrl-L does the same.',
  },
  nano: {
    section: 1,
    summary: "Nano's ANOther editor, inspired by Pico",
    synopsis: 'nano [OPTIONS] [FILE]',
    description:
      'nano is a small and friendly editor: type to insert text, move with the arrow keys. The two bottom lines list the shortcuts (^ is Ctrl): ^O writes the file out, ^X exits (asking whether to save a modified buffer), ^W searches, ^K cuts a line and ^U pastes it, ^G shows the help.',
    examples: [['nano ~/todo.txt', 'edit or create ~/todo.txt']],
  },
  vim: VIM_PAGE,
  vi: VIM_PAGE,
  help: builtin(
    'display information about builtin commands',
    'help [PATTERN]',
    'Display helpful information about builtin commands.',
  ),
};

const INDENT = '       ';

function wrap(text: string, width = 72): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => INDENT + l).join('\n');
}

/** The page as `man` prints it without a pager (MANPAGER=cat), or undefined when there is none. */
export function renderManPage(name: string): string | undefined {
  const page = Object.hasOwn(MAN_PAGES, name) ? MAN_PAGES[name] : undefined;
  if (!page) return undefined;
  const title = `${name.toUpperCase()}(${page.section})`;
  const heading = { 1: 'User Commands', 5: 'File Formats', 8: 'System Administration' }[page.section];
  const gap = Math.max(1, 78 - title.length * 2 - heading.length);
  const out = [
    `${title}${' '.repeat(Math.floor(gap / 2))}${heading}${' '.repeat(Math.ceil(gap / 2))}${title}`,
    '',
    'NAME',
    `${INDENT}${name} - ${page.summary}`,
    '',
    'SYNOPSIS',
    `${INDENT}${page.synopsis}`,
    '',
    'DESCRIPTION',
    wrap(page.description),
  ];
  if (page.options?.length) {
    out.push('', 'OPTIONS');
    for (const [flag, text] of page.options)
      out.push(`${INDENT}${flag}`, `${wrap(text).replace(/^ {7}/gm, INDENT + '       ')}`, '');
    out.pop();
  }
  if (page.examples?.length) {
    out.push('', 'EXAMPLES');
    for (const [command, text] of page.examples) out.push(`${INDENT}${command}`, `${INDENT}       ${text}`, '');
    out.pop();
  }
  out.push('', `Linux Terminal Academy${' '.repeat(44)}${title}`);
  return out.join('\n') + '\n';
}
