import type { LabCorpus } from './corpus.js';

/** The capstone's first three layers undone, in ~/work. */
const UNTARRED = ['mkdir ~/work', 'cd ~/work', 'xxd -r ~/data.txt > layer1.gz', 'gunzip layer1.gz', 'tar -xf layer1'];

export const forensics: Record<string, LabCorpus> = {
  'forensics-odd-names': [
    {
      accept: [
        ['cat ~/vault/- > ~/code1.txt'],
        ['cd ~/vault', 'cat ./- > ~/code1.txt'],
        ['cd ~/vault', 'cat -- ./- >> ~/code1.txt'],
        ['cat /home/learner/vault/- | tee ~/code1.txt'],
      ],
      refuse: [
        ["echo 'code one: rM4tQ8zLw2Xc' > ~/code1.txt"],
        ['cp ~/vault/- ~/code1.txt'],
        ['cd ~/vault', 'cat - > ~/code1.txt'],
        ['cat ~/vault/- > ~/code1.txt', 'rm ~/vault/-'],
      ],
    },
    {
      accept: [
        ['cat ~/vault/"spaces in this filename" > ~/code2.txt'],
        ['cd ~/vault', 'cat spaces\\ in\\ this\\ filename > ~/code2.txt'],
        ["cat '/home/learner/vault/spaces in this filename' > ~/code2.txt"],
        ['cd ~/vault', 'cat spaces* > ~/code2.txt'],
      ],
      refuse: [
        ['cat ~/vault/spaces in this filename > ~/code2.txt'],
        ["printf 'code two: Hn5pV1sKd7Ye\\n' > ~/code2.txt"],
        ['cp ~/vault/"spaces in this filename" ~/code2.txt'],
      ],
    },
    {
      accept: [
        ['cat ~/vault/inhere/.hidden-code > ~/code3.txt'],
        ['cd ~/vault/inhere', 'ls -a', 'cat .hidden-code > ~/code3.txt'],
        ['cd ~/vault/inhere', 'cat .h* > ~/code3.txt'],
      ],
      refuse: [
        ['cat ~/vault/inhere/* > ~/code3.txt'],
        ["echo 'code three: Jb3fT9wQe6Ua' > ~/code3.txt"],
        ['mv ~/vault/inhere/.hidden-code ~/code3.txt'],
      ],
    },
  ],
  'forensics-readable': [
    {
      accept: [
        ['cd ~/inhere', 'file ./-file*'],
        ['file ~/inhere/-file*'],
        ['cd ~/inhere', 'file -- -file*'],
        ['cd ~/inhere', 'file ./*'],
      ],
      refuse: [
        ['cd ~/inhere', 'file ./-file03'],
        ['echo file ~/inhere/-file*'],
        ['cat ~/inhere/-file03'],
        ['ls -l ~/inhere'],
      ],
    },
    {
      accept: [
        ['cat ~/inhere/-file03 > ~/password.txt'],
        ['cd ~/inhere', 'cat ./-file03 > ~/password.txt'],
        ['cd ~/inhere', 'cat -- -file03 | tee ~/password.txt'],
      ],
      refuse: [
        ['echo koReBOKuIDDepwhWk7jZC0RTdopnAYKh > ~/password.txt'],
        ['cp ~/inhere/-file03 ~/password.txt'],
        ['cat ~/inhere/-file00 > ~/password.txt'],
      ],
    },
    {
      accept: [
        ['strings ~/inhere/firmware.bin | grep ADMIN_KEY > ~/admin-key.txt'],
        ['cd ~/inhere', 'strings -n 6 firmware.bin | grep ADMIN_KEY > ~/admin-key.txt'],
        ['strings ~/inhere/firmware.bin > /tmp/s', 'grep ADMIN_KEY /tmp/s > ~/admin-key.txt'],
      ],
      refuse: [['echo ADMIN_KEY=Zt8sPq2VxL5m > ~/admin-key.txt'], ['strings ~/inhere/firmware.bin > ~/admin-key.txt']],
    },
  ],
  'forensics-by-size': [
    {
      accept: [
        ['find ~/inhere -type f -size 1033c ! -executable'],
        ['cd ~/inhere', 'find . -size 1033c ! -executable'],
        ['find ~/inhere -size 1033c -not -executable'],
        ['find /home/learner/inhere -readable -size 1033c ! -executable -type f'],
      ],
      refuse: [
        ['find ~/inhere -size 1033c'],
        ['find ~/inhere -type f ! -executable'],
        ['ls -laR ~/inhere'],
        ['find ~/inhere -size 1033c -executable'],
        ['echo find ~/inhere -size 1033c ! -executable'],
      ],
    },
    {
      accept: [
        ['cut -d" " -f1 ~/inhere/maybehere02/.file2 > ~/code.txt'],
        ["awk '{print $1}' ~/inhere/maybehere02/.file2 > ~/code.txt"],
        ["tr -d ' ' < ~/inhere/maybehere02/.file2 > ~/code.txt"],
        ["find ~/inhere -size 1033c ! -executable -exec cat {} \\; | awk '{print $1}' > ~/code.txt"],
      ],
      refuse: [
        ['echo P4HqxD7vR1WmKe9c > ~/code.txt'],
        ['cat ~/inhere/maybehere02/.file2 > ~/code.txt'],
        ["awk '{print $1}' ~/inhere/maybehere00/.file1 > ~/code.txt"],
        ["cut -d' ' -f1 ~/inhere/maybehere02/-file1 > ~/code.txt"],
      ],
    },
  ],
  'forensics-unique-rot13': [
    {
      accept: [
        ['sort ~/data.txt | uniq -u > ~/unique.txt'],
        ['sort ~/data.txt > /tmp/sorted', 'uniq -u /tmp/sorted > ~/unique.txt'],
        ['sort ~/data.txt | uniq --unique | tee ~/unique.txt'],
      ],
      refuse: [
        ['uniq -u ~/data.txt > ~/unique.txt'],
        ['echo UNIQUE-Tk4mW9xRb2Sq > ~/unique.txt'],
        ['sort -u ~/data.txt > ~/unique.txt'],
        ['grep UNIQUE ~/data.txt > ~/unique.txt'],
      ],
    },
    {
      accept: [
        ['tr "A-Za-z" "N-ZA-Mn-za-m" < ~/message.txt > ~/plain.txt'],
        ["cat ~/message.txt | tr 'a-zA-Z' 'n-za-mN-ZA-M' > ~/plain.txt"],
        ["tr '[A-Za-z]' '[N-ZA-Mn-za-m]' < ~/message.txt > ~/plain.txt"],
      ],
      refuse: [
        ["echo 'The password for the next level is Xq5LnR8pWv2T' > ~/plain.txt"],
        ['tr "a-z" "n-za-m" < ~/message.txt > ~/plain.txt'],
        ['cp ~/message.txt ~/plain.txt'],
        ['rev ~/message.txt > ~/plain.txt'],
      ],
    },
  ],
  'forensics-layers': [
    {
      accept: [
        ['mkdir ~/work && xxd -r ~/data.txt > ~/work/layer1.gz'],
        ['mkdir ~/work', 'cd ~/work', 'xxd -r ../data.txt layer1.gz.tmp', 'xxd -r ~/data.txt > layer1.gz'],
        ['mkdir -p ~/work', 'cat ~/data.txt | xxd -r > ~/work/layer1.gz'],
      ],
      refuse: [
        ['mkdir ~/work', 'cp ~/data.txt ~/work/layer1.gz'],
        ['mkdir ~/work', 'xxd ~/data.txt > ~/work/layer1.gz'],
        ['mkdir ~/work', 'xxd -r ~/data.txt > ~/work/layer1.gz', 'rm ~/data.txt'],
      ],
    },
    {
      setup: ['mkdir ~/work', 'cd ~/work', 'xxd -r ~/data.txt > layer1.gz'],
      accept: [
        ['file layer1.gz', 'gunzip layer1.gz'],
        ['file ~/work/layer1.gz', 'zcat layer1.gz > layer1.tar'],
        ['file layer1.gz', 'gzip -d layer1.gz'],
        ['file -b layer1.gz', 'gunzip -k layer1.gz'],
      ],
      refuse: [
        ['gunzip layer1.gz'],
        ['file layer1.gz', 'mv layer1.gz layer1'],
        ['file layer1.gz'],
        ['echo gunzip layer1.gz', 'file layer1.gz'],
      ],
    },
    {
      setup: ['mkdir ~/work', 'cd ~/work', 'xxd -r ~/data.txt > layer1.gz', 'gunzip layer1.gz'],
      accept: [
        ['file layer1', 'tar -xf layer1'],
        ['file layer1', 'tar xvf layer1'],
        ['file ~/work/layer1', 'tar --extract --file=layer1'],
        ['file layer1', 'cat layer1 | tar -x'],
      ],
      refuse: [['file layer1', 'tar -tf layer1'], ['tar -xf layer1'], ['file layer1', 'touch secret.bz2']],
    },
    {
      setup: [...UNTARRED],
      accept: [
        ['file secret.bz2', 'bunzip2 secret.bz2'],
        ['file ~/work/secret.bz2', 'bzip2 -d secret.bz2'],
        ['file -b secret.bz2', 'bzcat secret.bz2 > secret'],
        ['file secret.bz2', 'bunzip2 -k secret.bz2'],
      ],
      refuse: [
        ['bunzip2 secret.bz2'],
        ['file secret.bz2', 'bzcat secret.bz2'],
        ['file secret.bz2', 'echo VGhlIHZhdWx0IHBhc3N3b3JkIGlzIEdxN3ZSMm1YazlMcFc0dFoK > secret'],
        ['file secret.bz2', 'gunzip secret.bz2'],
      ],
    },
    {
      setup: [...UNTARRED, 'bunzip2 secret.bz2'],
      accept: [
        ['base64 -d secret > ~/password.txt'],
        ['base64 --decode ~/work/secret > ~/password.txt'],
        ['cat secret | base64 -d | tee ~/password.txt'],
      ],
      refuse: [
        ["echo 'The vault password is Gq7vR2mXk9LpW4tZ' > ~/password.txt"],
        ['base64 secret > ~/password.txt'],
        ['cp secret ~/password.txt'],
        ['base64 -d secret > ~/password.txt', 'echo wrong >> ~/password.txt'],
      ],
    },
  ],
};
