import type { LabCorpus } from './corpus.js';

export const files: Record<string, LabCorpus> = {
  'files-project-skeleton': [
    {
      accept: [
        ['mkdir -p ~/shop/src/components ~/shop/tests ~/shop/docs'],
        ['mkdir --parents shop/src/components shop/tests shop/docs'],
        ['mkdir -p shop/{src/components,tests,docs}'],
        ['mkdir shop shop/src shop/src/components shop/tests shop/docs'],
        ['mkdir -pv ~/shop/docs ~/shop/tests', 'cd ~/shop', 'mkdir -p src/components'],
      ],
      refuse: [
        ['mkdir -p ~/shop/src/components ~/shop/tests'],
        ['echo mkdir -p ~/shop/src/components ~/shop/tests ~/shop/docs'],
        ['mkdir -p ~/shop/src ~/shop/tests ~/shop/docs', 'touch ~/shop/src/components'],
        ['mkdir ~/shop/src/components ~/shop/tests ~/shop/docs'],
      ],
    },
    {
      setup: ['mkdir -p ~/shop/src/components ~/shop/tests ~/shop/docs'],
      accept: [
        ['touch ~/shop/README.md ~/shop/src/index.js'],
        ['cd ~/shop', 'touch README.md src/index.js'],
        ['> ~/shop/README.md', ': > ~/shop/src/index.js'],
        ['cd shop/src && touch index.js ../README.md'],
      ],
      refuse: [
        ['touch ~/shop/README.md'],
        ['echo > ~/shop/README.md', 'touch ~/shop/src/index.js'],
        ['mkdir ~/shop/README.md', 'touch ~/shop/src/index.js'],
        ['touch ~/shop/readme.md ~/shop/src/index.js'],
      ],
    },
  ],
  'files-organise-downloads': [
    {
      accept: [
        [
          'mkdir ~/Documents/invoices',
          'mv ~/Downloads/invoice-2024-01.pdf ~/Downloads/invoice-2024-02.pdf ~/Documents/invoices/',
        ],
        ['mkdir -p ~/Documents/invoices && mv ~/Downloads/invoice-* ~/Documents/invoices'],
        ['cd ~/Downloads', 'mkdir ../Documents/invoices', 'mv invoice-2024-0{1,2}.pdf ../Documents/invoices/'],
        [
          'mkdir ~/Documents/invoices',
          'cp ~/Downloads/invoice-*.pdf ~/Documents/invoices/',
          'rm ~/Downloads/invoice-*.pdf',
        ],
      ],
      refuse: [
        [
          'mkdir ~/Documents/invoices',
          'touch ~/Documents/invoices/invoice-2024-01.pdf ~/Documents/invoices/invoice-2024-02.pdf',
          'rm ~/Downloads/invoice-*',
        ],
        ['mkdir ~/Documents/invoices', 'cp ~/Downloads/invoice-*.pdf ~/Documents/invoices/'],
        ['mkdir ~/Documents/invoices', 'mv ~/Downloads/invoice-2024-01.pdf ~/Documents/invoices/'],
        [
          'mkdir ~/Documents/invoices',
          'echo invoice > ~/Documents/invoices/invoice-2024-01.pdf',
          'echo invoice > ~/Documents/invoices/invoice-2024-02.pdf',
          'rm ~/Downloads/invoice-*',
        ],
      ],
    },
    {
      accept: [
        ['mkdir ~/backup && cp -r ~/photos ~/backup/photos'],
        ['mkdir -p ~/backup/photos', 'cp -r ~/photos/* ~/backup/photos/'],
        ['mkdir ~/backup', 'cp -R ~/photos ~/backup/'],
        ['mkdir ~/backup', 'cd ~', 'cp --recursive photos backup'],
        ['mkdir ~/backup', 'cp -a ~/photos ~/backup/photos'],
      ],
      refuse: [
        ['mkdir ~/backup', 'mv ~/photos ~/backup/photos'],
        [
          'mkdir -p ~/backup/photos/lisbon ~/backup/photos/porto',
          'touch ~/backup/photos/lisbon/tram.jpg ~/backup/photos/lisbon/tiles.jpg ~/backup/photos/porto/bridge.jpg',
        ],
        ['cp -r ~/photos ~/backup'],
        ['mkdir -p ~/backup/photos', 'cp -r ~/photos/lisbon ~/backup/photos/'],
      ],
    },
    {
      accept: [
        ['mv ~/Downloads/report.docx ~/Downloads/q3-sales-report.docx'],
        ['cd ~/Downloads && mv report.docx q3-sales-report.docx'],
        ['cp ~/Downloads/report.docx ~/Downloads/q3-sales-report.docx', 'rm ~/Downloads/report.docx'],
      ],
      refuse: [
        ['touch ~/Downloads/q3-sales-report.docx', 'rm ~/Downloads/report.docx'],
        ['echo "Q3 sales report" > ~/Downloads/q3-sales-report.docx', 'rm ~/Downloads/report.docx'],
        ['cp ~/Downloads/report.docx ~/Downloads/q3-sales-report.docx'],
        ['mv ~/Downloads/report.docx ~/Downloads/q3-sales-report.doc'],
      ],
    },
  ],
  'files-clean-build': [
    {
      accept: [
        ['rm -r ~/inventory/build'],
        ['rm -rf ~/inventory/build'],
        ['cd ~/inventory && rm -R build'],
        ['cd ~/inventory/build', 'rm -r tmp', 'rm *.o', 'cd ..', 'rmdir build'],
      ],
      refuse: [
        ['rm -r ~/inventory'],
        [
          'rm -r ~/inventory',
          'mkdir -p ~/inventory/src',
          'touch ~/inventory/src/main.c ~/inventory/src/stock.c ~/inventory/Makefile',
        ],
        ['rm -r ~/inventory/build/tmp'],
        ['echo rm -r ~/inventory/build'],
        ['rm -rf ~/inventory/build ~/inventory/src'],
      ],
    },
    {
      accept: [
        ['cd ~/inventory && rm crash-0412.log crash-0413.log && rmdir old'],
        ['rm ~/inventory/crash-*.log', 'rmdir ~/inventory/old'],
        ['cd ~/inventory', 'rm -f crash-04*.log', 'rm -r old'],
        ['cd ~/inventory', 'rm crash-0412.log crash-0413.log', 'rm -d old'],
      ],
      refuse: [
        ['rm -r ~/inventory/*'],
        ['rm ~/inventory/crash-*.log'],
        ['cd ~/inventory', 'rm -rf old crash-0412.log crash-0413.log src'],
        ['rmdir ~/inventory/old'],
      ],
    },
    {
      accept: [['ls ~/inventory'], ['cd ~/inventory', 'ls'], ['ls -la ~/inventory/'], ['cd ~/inventory/src', 'ls ..']],
      refuse: [
        ['ls ~'],
        ['rm ~/inventory/Makefile', 'ls ~/inventory'],
        ['echo > ~/inventory/src/main.c', 'ls ~/inventory'],
        ['echo ls ~/inventory'],
      ],
    },
  ],
};
