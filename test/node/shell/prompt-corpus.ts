import { c, shown } from './corpus-cases.js';
import type { DifferentialCase } from './differential-corpus.js';

/**
 * Scripts of several lines as a learner enters them at the prompt: the differential test runs every case typed line
 * by line and pasted as a block too, so these are where line-by-line entry differs from one call.
 */
export const PROMPT_CORPUS: DifferentialCase[] = [
  ...c(
    'here-documents',
    "cat > f <<'EOF'\necho hi\nEOF\ncat f",
    'cat > g.txt <<EOF\nline one\nline two\nEOF\nwc -l g.txt',
    'cat <<-EOF\n\tindented\n\t\ttwice\n\tEOF',
    'name=World\ncat <<EOF\nHello $name\n$(echo from a substitution)\nEOF',
    'cat <<"END"\n$HOME stays as typed\nEND',
    'cat <<\\EOF\n$x `y`\nEOF',
    'cat <<A; cat <<B\nfirst\nA\nsecond\nB',
    'cat <<EOF | wc -l\none\ntwo\nthree\nEOF',
    'while read -r a b; do echo "[$b] [$a]"; done <<EOF\nx y\nz w\nEOF',
    'cat >> notes.txt <<EOF\nwater plants\nEOF\ntail -n 2 notes.txt',
    'cat > hello.sh <<\'EOF\'\n#!/bin/bash\necho "Hello $1, $# args"\nEOF\nchmod +x hello.sh\n./hello.sh bob x',
    'cat <<EOF > sum.txt\n$((2 + 3))\nEOF\ncat sum.txt',
    "cat <<'EOF' | grep -c a\nbanana\ncherry\napple\nEOF",
  ),
  ...c(
    'multi-line constructs',
    'for i in 1 2 3\ndo\n  echo "n $i"\ndone',
    'if [ -f notes.txt ]\nthen\n  echo yes\nelse\n  echo no\nfi',
    'greet() {\n  echo "hi $1"\n}\ngreet bob',
    'case data.csv in\n  *.csv) echo table ;;\n  *) echo other ;;\nesac',
    'n=0\nwhile [ $n -lt 3 ]; do\n  n=$((n + 1))\ndone\necho $n',
    'x=$(\necho nested\n)\necho "$x"',
    'echo "two\nlines"',
    "echo 'open\nquote'",
    '{\n  echo a\n  echo b\n} > both.txt\ncat both.txt',
    'count=0\nfor f in *.txt; do\n  count=$((count + 1))\ndone\necho "$count files"',
  ),
  ...c(
    'line continuations',
    'echo one \\\ntwo \\\nthree',
    'ls logs |\nwc -l',
    'true &&\necho and',
    'false ||\necho or',
    'grep -c ERROR \\\n  logs/app.log',
  ),
  ...c(
    'pasted scripts',
    '#!/bin/bash\n# back up the text files\nmkdir -p out\nfor f in *.txt; do\n  cp "$f" out/\ndone\nls out',
    'cd logs\nls\ncd ..\nls -d logs',
    'total=0\nwhile IFS=, read -r name city score; do\n  [ "$name" = name ] && continue\n  total=$((total + score))\ndone < data.csv\necho "total $total"',
    'mkdir -p demo\ncd demo\ntouch a b c\nls | wc -l\ncd ..\nrm -r demo\nls -d demo',
  ),
  ...c(
    'state between lines',
    'set -- one two three\necho "$2 $#"',
    'set -- "a b" c\nshift\necho "$1|$#|$*"',
    'set -- x y\nf() { echo "f: $#"; }\nf 1 2 3\necho "top: $#"',
    'set -- a\nset --\necho "[$#]"',
    'mkdir -p r/real\nln -s r/real lnk\ncd lnk\npwd | sed "s|.*/||"\ncd ..\nls -d r',
    'ln -s logs current\ncd current\necho "${PWD##*/}"\npwd -P | sed "s|.*/||"',
  ),
  ...c(
    'copy and move onto a file',
    'echo new > new.txt\ncp new.txt notes.txt\ncat notes.txt',
    'echo x > b\necho y > c\nmv b c\ncat c; ls b',
    'cp notes.txt todo.md && cat todo.md',
    'mv words.txt notes.txt && wc -l notes.txt',
    'ln notes.txt hard\ncp notes.txt hard; echo $?',
  ),
  ...c(
    'stderr before stdout moves',
    "printf 'echo out\\nls nope\\necho more\\n' > s.sh; chmod +x s.sh; ./s.sh 2>&1 > all.log; cat all.log",
    "printf 'echo out\\nls nope\\n' > s.sh; chmod +x s.sh; ./s.sh 2>&1 >/dev/null | wc -l",
    '{ echo a; ls nope; echo b; } 2>&1 > g.log; cat g.log',
    '{ echo a; ls nope; echo b; } 2>&1 >/dev/null | wc -l',
    'ls notes.txt nope 2>&1 >/dev/null | wc -l',
  ),
  ...shown(
    'stderr before stdout moves',
    "printf 'echo out\\nls nope\\necho more\\n' > s.sh\nchmod +x s.sh\n./s.sh 2>&1 > all.log\ncat all.log",
    '{ echo a; ls nope; echo b; } 2>&1 > g.log\ncat g.log',
  ),
];
