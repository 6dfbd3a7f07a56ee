import { unchanged } from './checks.js';
import { defineModule } from './define.js';

/** Error codes exported by the payment service this morning, in the order they happened. */
const ERROR_CODES = [
  'E302 out of stock',
  'E302 out of stock',
  'E204 address not found',
  'E302 out of stock',
  'E101 payment declined',
  'E101 payment declined',
  'E101 payment declined',
  'E302 out of stock',
  'E101 payment declined',
  'E117 card expired',
  'E117 card expired',
  'E302 out of stock',
  'E302 out of stock',
  'E204 address not found',
  'E204 address not found',
  'E302 out of stock',
  'E500 internal error',
  'E101 payment declined',
  'E302 out of stock',
  'E101 payment declined',
  'E101 payment declined',
  'E204 address not found',
  'E302 out of stock',
  'E101 payment declined',
  'E404 page not found',
  'E302 out of stock',
  'E302 out of stock',
  'E302 out of stock',
  'E302 out of stock',
  'E302 out of stock',
  'E101 payment declined',
  'E204 address not found',
  'E500 internal error',
  'E117 card expired',
  'E404 page not found',
  'E117 card expired',
  'E404 page not found',
];

const CUSTOMERS =
  'id,name,email,country\n1001,Ana Souza,ana.souza@example.com,pt\n1002,Chen Wei,chen.wei@example.cn,cn\n' +
  '1003,Dana Kowalski,dana@kowalski.example.pl,pl\n1004,Emeka Obi,emeka.obi@example.ng,ng\n' +
  '1005,Ines Moreau,ines.moreau@example.fr,fr\n1006,Jonas Berg,jonas@berg.example.se,se\n' +
  '1007,Rosa Alvarez,rosa.alvarez@example.es,es\n1008,Bruno Costa,bruno.costa@example.com,pt\n' +
  '1009,Lena Novak,lena.novak@example.si,si\n1010,Mateo Rossi,mateo.rossi@example.it,it\n' +
  '1011,Hana Sato,hana.sato@example.jp,jp\n1012,Gustav Lind,gustav@lind.example.se,se\n';

const APP_CONF =
  '# Northwind shop configuration\n# Owner: platform team\n\n[database]\nhost = db-old.internal\nport = 5432\n' +
  'replica = db-old.internal:5433\n\n# cache settings\n[cache]\nhost = cache.internal\nttl = 300\n\n[reports]\n' +
  '# nightly export target\nexport_host = db-old.internal\n';

const Q3_SALES =
  'region,product,units,price\nnorth,Chai,120,18.00\nnorth,Chang,80,19.00\nsouth,Chai,200,18.00\n' +
  'south,Aniseed Syrup,45,10.00\neast,Gravlax,30,26.00\neast,Chai,95,18.00\nwest,Chang,150,19.00\n' +
  'west,Pavlova,60,17.45\nnorth,Pavlova,110,17.45\nsouth,Gravlax,12,26.00\n';

const ERRORS_TXT = { '~/payments/errors.txt': ERROR_CODES.join('\n') + '\n' };
const CRM = { '~/crm/customers.csv': CUSTOMERS };
const SALES = { '~/sales/q3.csv': Q3_SALES };

/** Module 9: reshape text with small tools. */
export const text = defineModule(
  'text',
  'Text processing',
  'Turn raw text into answers: sort and count (sort, uniq -c), cut columns (cut), translate characters (tr), edit streams (sed) and compute over fields (awk).',
  [
    {
      id: 'text-top-errors',
      title: 'The three worst errors',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'Checkout conversions dropped this morning. The payment service dumped its error codes into ' +
        '`~/payments/errors.txt`, one per failed attempt. The product owner wants the three most frequent errors with ' +
        'their counts, most frequent first, in `~/payments/top3.txt`.',
      files: ERRORS_TXT,
      steps: [
        {
          title: 'Count each error',
          instructions:
            '`uniq -c` counts runs of identical lines, so sort first. Then sort the counts numerically, biggest first (`sort -rn`), keep the top 3 and save them.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/payments/top3.txt',
              content: '     14 E302 out of stock\n      9 E101 payment declined\n      5 E204 address not found\n',
              message: 'top3.txt holds the three most frequent errors with their counts',
            },
            { kind: 'ran', command: 'uniq', options: ['-c'], message: 'uniq -c (or --count) counted them' },
            // The last tool of the pipeline wrote the file: typing the counts in by hand does not pass.
            {
              kind: 'ran',
              command: 'head|sed|awk|tail|sort|uniq',
              into: '~/payments/top3.txt',
              message: 'top3.txt is what your pipeline printed, saved with > (not typed in)',
            },
            unchanged(ERRORS_TXT, '~/payments/errors.txt', 'errors.txt itself is unchanged'),
          ],
          hints: [
            'Build it one stage at a time and look at the output after each `|`.',
            '`sort errors.txt | uniq -c` gives counts; `sort -rn` orders them; `head -n 3` keeps three.',
            '`sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3 > ~/payments/top3.txt`',
          ],
        },
      ],
      recap:
        '`sort | uniq -c | sort -rn | head` counts each distinct line and ranks them: `uniq` only merges neighbours, so sort first.',
      solution: [
        'sort ~/payments/errors.txt | uniq -c | sort -rn | head -n 3 > ~/payments/top3.txt',
        'cat ~/payments/top3.txt',
      ],
    },
    {
      id: 'text-cut-tr',
      title: 'Mailing list and markets',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'Marketing needs the customer e-mail addresses for the anniversary newsletter, and the list of countries you ' +
        'sell to, as upper-case codes, each once. Everything is in `~/crm/customers.csv`.',
      files: CRM,
      steps: [
        {
          title: 'The e-mail column',
          instructions:
            'Save the third comma-separated field of every customer (not the header line) into `~/crm/emails.txt`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/crm/emails.txt',
              content:
                CUSTOMERS.trim()
                  .split('\n')
                  .slice(1)
                  .map((line) => line.split(',')[2])
                  .join('\n') + '\n',
              message: 'emails.txt lists the 12 addresses, no header',
            },
            {
              kind: 'ran',
              command: 'cut|awk|tail|sed',
              operands: ['~/crm/customers.csv'],
              message: 'A tool (cut, awk, tail or sed) read customers.csv',
            },
            unchanged(CRM, '~/crm/customers.csv', 'customers.csv itself is unchanged'),
          ],
          hints: [
            '`cut -d, -f3` cuts field 3 with `,` as separator.',
            '`tail -n +2` prints from line 2 on.',
            '`cut -d, -f3 ~/crm/customers.csv | tail -n +2 > ~/crm/emails.txt`',
          ],
        },
        {
          title: 'Countries, upper case, once each',
          instructions:
            'Save the country codes (field 4, no header) in upper case, sorted, without duplicates, into `~/crm/countries.txt`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/crm/countries.txt',
              content: 'CN\nES\nFR\nIT\nJP\nNG\nPL\nPT\nSE\nSI\n',
              message: 'countries.txt lists the 10 countries in upper case',
            },
            { kind: 'ran', command: 'tr|awk|sed', message: 'tr (or awk, sed) changed the case' },
            {
              kind: 'ran',
              command: 'cut|awk|tail|sed',
              operands: ['~/crm/customers.csv'],
              message: 'A tool (cut, awk, tail or sed) read customers.csv',
            },
          ],
          hints: [
            "`tr 'a-z' 'A-Z'` turns lower case into upper case.",
            '`sort -u` sorts and drops duplicates.',
            "`cut -d, -f4 ~/crm/customers.csv | tail -n +2 | tr 'a-z' 'A-Z' | sort -u > ~/crm/countries.txt`",
          ],
        },
      ],
      recap:
        "`cut -d, -fN` takes one column of a CSV, `tail -n +2` skips the header, `tr 'a-z' 'A-Z'` changes letters and `sort -u` keeps each line once.",
      solution: [
        'cut -d, -f3 ~/crm/customers.csv | tail -n +2 > ~/crm/emails.txt',
        "cut -d, -f4 ~/crm/customers.csv | tail -n +2 | tr 'a-z' 'A-Z' | sort -u > ~/crm/countries.txt",
      ],
    },
    {
      id: 'text-sed-migrate',
      title: 'The database moves tonight',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'At 22:00 the database moves from `db-old.internal` to `db-new.internal`. The host name appears three times ' +
        'in `~/config/app.conf`; missing one means a broken nightly export. Let `sed` change them all, then produce a ' +
        'comment-free copy for the change ticket.',
      files: { '~/config/app.conf': APP_CONF },
      steps: [
        {
          title: 'Replace every occurrence',
          instructions: 'Edit `~/config/app.conf` in place: every `db-old.internal` becomes `db-new.internal`.',
          checks: [
            {
              kind: 'file-contains',
              path: '~/config/app.conf',
              text: 'db-old',
              negate: true,
              message: 'No db-old is left',
            },
            {
              kind: 'file-equals',
              path: '~/config/app.conf',
              content: APP_CONF.replaceAll('db-old.internal', 'db-new.internal'),
              message:
                'All three hosts (host, replica, export_host) moved to db-new.internal; every other line is as it was',
            },
          ],
          hints: [
            '`s/OLD/NEW/` replaces the first match on each line; `g` replaces all of them.',
            '`-i` edits the file in place.',
            "`sed -i 's/db-old\\.internal/db-new.internal/g' ~/config/app.conf`",
          ],
        },
        {
          title: 'A copy without comments',
          instructions:
            "Write `app.conf` without its comment lines (those starting with `#`) to `~/config/ticket.conf`, using sed's `d` command.",
          checks: [
            {
              kind: 'file-equals',
              path: '~/config/ticket.conf',
              content:
                '\n[database]\nhost = db-new.internal\nport = 5432\nreplica = db-new.internal:5433\n\n[cache]\nhost = cache.internal\nttl = 300\n\n[reports]\nexport_host = db-new.internal\n',
              message: 'ticket.conf is app.conf without comment lines',
            },
            {
              kind: 'ran',
              command: 'sed|grep|awk',
              operands: ['~/config/app.conf'],
              message: 'sed (or grep, awk) read app.conf',
            },
          ],
          hints: [
            '`/PATTERN/d` deletes the lines matching PATTERN.',
            "`sed '/^#/d' ~/config/app.conf > ~/config/ticket.conf`",
          ],
        },
      ],
      recap:
        "`sed 's/old/new/g'` replaces every match (escape dots with `\\.`), `-i` edits the file in place, and `sed '/^#/d'` deletes comment lines.",
      solution: [
        "sed -i 's/db-old\\.internal/db-new.internal/g' ~/config/app.conf",
        "sed '/^#/d' ~/config/app.conf > ~/config/ticket.conf",
      ],
    },
    {
      id: 'text-awk-sales',
      title: 'Quarterly numbers with awk',
      xp: 50,
      difficulty: 'advanced',
      story:
        'The board meets at noon and wants two numbers from `~/sales/q3.csv` (region, product, units, unit price): ' +
        'which product lines sold more than 100 units, and the total revenue of the quarter. `awk` reads the file ' +
        'field by field and does the arithmetic.',
      files: SALES,
      steps: [
        {
          title: 'The big sellers',
          instructions:
            'For every line (not the header) with more than 100 units, print `PRODUCT (REGION)` into `~/sales/big-sellers.txt`, in file order.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/sales/big-sellers.txt',
              content: 'Chai (north)\nChai (south)\nChang (west)\nPavlova (north)\n',
              message: 'big-sellers.txt lists the four big sellers',
            },
            { kind: 'ran', command: 'awk', operands: ['~/sales/q3.csv'], message: 'awk read q3.csv' },
            unchanged(SALES, '~/sales/q3.csv', 'q3.csv itself is unchanged'),
          ],
          hints: [
            '`-F,` splits on commas; `$2` is the product, `$1` the region; `NR > 1` skips the header.',
            '`awk -F, \'NR > 1 && $3 > 100 { print $2 " (" $1 ")" }\' ~/sales/q3.csv > ~/sales/big-sellers.txt`',
          ],
        },
        {
          title: 'Total revenue',
          instructions:
            'Add up units x price over all lines and write the total with two decimals into `~/sales/total.txt`.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/sales/total.txt',
              pattern: String.raw`^16348\.50\n?$`,
              message: 'total.txt says 16348.50',
            },
            { kind: 'ran', command: 'awk', operands: ['~/sales/q3.csv'], message: 'awk read q3.csv' },
          ],
          hints: [
            'Accumulate in a variable, print it in `END { ... }`.',
            '`printf "%.2f\\n", total` prints two decimals.',
            '`awk -F, \'NR > 1 { total += $3 * $4 } END { printf "%.2f\\n", total }\' ~/sales/q3.csv > ~/sales/total.txt`',
          ],
        },
      ],
      recap:
        '`awk -F,` splits lines into fields `$1`, `$2`...; a condition like `NR > 1 && $3 > 100` picks rows, and `END { print total }` sums a column.',
      solution: [
        'awk -F, \'NR > 1 && $3 > 100 { print $2 " (" $1 ")" }\' ~/sales/q3.csv > ~/sales/big-sellers.txt',
        'awk -F, \'NR > 1 { total += $3 * $4 } END { printf "%.2f\\n", total }\' ~/sales/q3.csv > ~/sales/total.txt',
      ],
    },
  ],
);
