import type { LabCorpus } from './corpus.js';

const TOP3 =
  "printf '     14 E302 out of stock\\n      9 E101 payment declined\\n      5 E204 address not found\\n' > ~/payments/top3.txt";
const AWK_BIG = 'awk -F, \'NR > 1 && $3 > 100 { print $2 " (" $1 ")" }\' ~/sales/q3.csv > ~/sales/big-sellers.txt';

export const text: Record<string, LabCorpus> = {
  'text-top-errors': [
    {
      accept: [
        ['sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3 > ~/payments/top3.txt'],
        ['cd ~/payments', 'sort errors.txt | uniq -c | sort -nr | head -3 > top3.txt'],
        ['sort ~/payments/errors.txt | uniq --count | sort -r -n | head --lines=3 > ~/payments/top3.txt'],
        ['sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3 | tee ~/payments/top3.txt'],
        [
          'cd ~/payments',
          'sort errors.txt | uniq -c | sort -rn > /tmp/counts.txt',
          'head -n 3 /tmp/counts.txt > top3.txt',
        ],
      ],
      refuse: [
        [TOP3],
        ['uniq -c ~/payments/errors.txt | sort -rn | head -n 3 > ~/payments/top3.txt'],
        ['sort ~/payments/errors.txt | uniq -c | sort -n | head -n 3 > ~/payments/top3.txt'],
        ['sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3'],
        // The counts typed in by hand after counting, on the same line or the next.
        ['sort ~/payments/errors.txt | uniq -c', TOP3],
        ['sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3', TOP3],
        [`sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3; ${TOP3}`],
      ],
    },
  ],
  'text-cut-tr': [
    {
      accept: [
        ['cut -d, -f3 ~/crm/customers.csv | tail -n +2 > ~/crm/emails.txt'],
        ['tail -n +2 ~/crm/customers.csv | cut -d , -f 3 > ~/crm/emails.txt'],
        ["awk -F, 'NR > 1 { print $3 }' ~/crm/customers.csv > ~/crm/emails.txt"],
      ],
      refuse: [
        ['cut -d, -f3 ~/crm/customers.csv > ~/crm/emails.txt'],
        ['cut -d, -f2 ~/crm/customers.csv | tail -n +2 > ~/crm/emails.txt'],
        ["printf 'ana.souza@example.com\\n' > ~/crm/emails.txt"],
        ['cut -d, -f3 ~/crm/customers.csv | tail -n +2'],
      ],
    },
    {
      accept: [
        ["cut -d, -f4 ~/crm/customers.csv | tail -n +2 | tr 'a-z' 'A-Z' | sort -u > ~/crm/countries.txt"],
        [
          "tail -n +2 ~/crm/customers.csv | cut -d, -f4 | tr '[:lower:]' '[:upper:]' | sort | uniq > ~/crm/countries.txt",
        ],
        ["awk -F, 'NR > 1 { print toupper($4) }' ~/crm/customers.csv | sort -u > ~/crm/countries.txt"],
      ],
      refuse: [
        ["printf 'CN\\nES\\nFR\\nIT\\nJP\\nNG\\nPL\\nPT\\nSE\\nSI\\n' > ~/crm/countries.txt"],
        ["cut -d, -f4 ~/crm/customers.csv | tail -n +2 | tr 'a-z' 'A-Z' | sort > ~/crm/countries.txt"],
        ['cut -d, -f4 ~/crm/customers.csv | tail -n +2 | sort -u > ~/crm/countries.txt'],
        ["cut -d, -f4 ~/crm/customers.csv | tr 'a-z' 'A-Z' | sort -u > ~/crm/countries.txt"],
      ],
    },
  ],
  'text-sed-migrate': [
    {
      accept: [
        ["sed -i 's/db-old\\.internal/db-new.internal/g' ~/config/app.conf"],
        ["sed -i 's/db-old/db-new/g' ~/config/app.conf"],
        ['cd ~/config', "sed -i -e 's|db-old.internal|db-new.internal|g' app.conf"],
      ],
      refuse: [
        ["sed -i '5s/db-old/db-new/' ~/config/app.conf"],
        ["sed 's/db-old\\.internal/db-new.internal/g' ~/config/app.conf"],
        ["sed -i '/db-old/d' ~/config/app.conf"],
        ["sed -i 's/db-old.*/db-new.internal/g' ~/config/app.conf"],
      ],
    },
    {
      setup: ["sed -i 's/db-old\\.internal/db-new.internal/g' ~/config/app.conf"],
      accept: [
        ["sed '/^#/d' ~/config/app.conf > ~/config/ticket.conf"],
        ["grep -v '^#' ~/config/app.conf > ~/config/ticket.conf"],
        ['cd ~/config', "sed -e '/^#/d' app.conf > ticket.conf"],
      ],
      refuse: [
        ["sed '/^#/d; /^$/d' ~/config/app.conf > ~/config/ticket.conf"],
        ["sed -i '/^#/d' ~/config/app.conf"],
        ["sed '/^#/d' ~/config/app.conf"],
      ],
    },
  ],
  'text-awk-sales': [
    {
      accept: [
        [AWK_BIG],
        ['awk -F, \'$3 > 100 && NR > 1 { printf "%s (%s)\\n", $2, $1 }\' ~/sales/q3.csv > ~/sales/big-sellers.txt'],
        ['cd ~/sales', 'awk -F\',\' \'NR>1 && $3>100 {print $2 " (" $1 ")"}\' q3.csv > big-sellers.txt'],
      ],
      refuse: [
        ["printf 'Chai (north)\\nChai (south)\\nChang (west)\\nPavlova (north)\\n' > ~/sales/big-sellers.txt"],
        ['awk -F, \'NR > 1 && $3 >= 95 { print $2 " (" $1 ")" }\' ~/sales/q3.csv > ~/sales/big-sellers.txt'],
        ['awk -F, \'$3 > 100 { print $2 " (" $1 ")" }\' ~/sales/q3.csv > ~/sales/big-sellers.txt'],
        ['awk -F, \'NR > 1 && $3 > 100 { print $1 " (" $2 ")" }\' ~/sales/q3.csv > ~/sales/big-sellers.txt'],
      ],
    },
    {
      accept: [
        ['awk -F, \'NR > 1 { total += $3 * $4 } END { printf "%.2f\\n", total }\' ~/sales/q3.csv > ~/sales/total.txt'],
        ['cd ~/sales', 'awk -F, \'NR>1 {t+=$3*$4} END {printf "%.2f\\n", t}\' q3.csv > total.txt'],
      ],
      refuse: [
        ['echo 16348.50 > ~/sales/total.txt'],
        ["awk -F, 'NR > 1 { total += $3 * $4 } END { print total }' ~/sales/q3.csv > ~/sales/total.txt"],
        ['awk -F, \'NR > 1 { total += $3 } END { printf "%.2f\\n", total }\' ~/sales/q3.csv > ~/sales/total.txt'],
      ],
    },
  ],
};
