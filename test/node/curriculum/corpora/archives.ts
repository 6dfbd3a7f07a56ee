import type { LabCorpus } from './corpus.js';

export const archives: Record<string, LabCorpus> = {
  'archive-deliver-site': [
    {
      accept: [
        ['cd ~', 'tar -czf website.tar.gz website'],
        ['cd ~ && tar --create --gzip --file=website.tar.gz website'],
        ['cd ~', 'tar -zcvf website.tar.gz website/'],
      ],
      refuse: [
        ['touch ~/website.tar.gz'],
        ['echo tar -czf website.tar.gz website'],
        ['cd ~', 'tar -czf website.tar.gz website/index.html'],
        ['cd ~', 'tar -czf website.tar.gz website', 'rm -r website'],
      ],
    },
    {
      setup: ['cd ~', 'tar -czf website.tar.gz website'],
      accept: [
        ['mkdir ~/restore-test && tar -xzf ~/website.tar.gz -C ~/restore-test'],
        ['mkdir ~/restore-test', 'cd ~/restore-test', 'tar xzf ../website.tar.gz'],
        ['mkdir ~/restore-test', 'tar --extract --gzip --file=website.tar.gz --directory=restore-test'],
      ],
      refuse: [
        ['mkdir ~/restore-test', 'cp -r ~/website ~/restore-test/'],
        ['tar -xzf ~/website.tar.gz'],
        ['mkdir ~/restore-test', 'tar -tzf ~/website.tar.gz'],
      ],
    },
    {
      setup: ['cd ~', 'tar -czf website.tar.gz website'],
      accept: [
        ['tar -tzf ~/website.tar.gz'],
        ['tar --list --gzip --file ~/website.tar.gz'],
        ['tar tzf website.tar.gz'],
      ],
      refuse: [
        ["printf 'website/img/logo.svg\\nwebsite/robots.txt\\n'"],
        ['find website'],
        ['tar -tzf ~/website.tar.gz', 'echo ok'],
      ],
    },
  ],
  'archive-rotate-logs': [
    {
      accept: [
        ['gzip ~/logs/access.log.1 ~/logs/access.log.2'],
        ['cd ~/logs', 'gzip access.log.[12]'],
        ['cd ~/logs', 'gzip access.log.2', 'gzip access.log.1'],
      ],
      refuse: [
        ['touch ~/logs/access.log.2.gz', 'rm ~/logs/access.log.2'],
        ['gzip ~/logs/access.log*'],
        ['gzip -k ~/logs/access.log.2'],
        ['echo gzip ~/logs/access.log.2'],
      ],
    },
    {
      setup: ['gzip ~/logs/access.log.1 ~/logs/access.log.2'],
      accept: [
        ['gunzip ~/logs/access.log.1.gz'],
        ['gzip -d ~/logs/access.log.1.gz'],
        ['cd ~/logs', 'zcat access.log.1.gz > access.log.1', 'rm access.log.1.gz'],
      ],
      refuse: [
        ['mv ~/logs/access.log.1.gz ~/logs/access.log.1'],
        ['gunzip -k ~/logs/access.log.1.gz'],
        ['touch ~/logs/access.log.1', 'rm ~/logs/access.log.1.gz'],
      ],
    },
    {
      setup: ['gzip ~/logs/access.log.1 ~/logs/access.log.2'],
      accept: [
        ['zcat ~/logs/access.log.2.gz'],
        ['gzip -dc ~/logs/access.log.2.gz'],
        ['cd ~/logs', 'gunzip -c access.log.2.gz'],
      ],
      refuse: [
        ['echo \'"GET /about HTTP/1.1" 200 2210\''],
        ['cat ~/logs/access.log.2.gz'],
        ['zcat ~/logs/access.log.1.gz'],
        ['zcat ~/logs/access.log.2.gz', 'echo ok'],
      ],
    },
  ],
};
