import type { LabCorpus } from './corpus.js';

export const finding: Record<string, LabCorpus> = {
  'glob-camera-roll': [
    {
      accept: [
        ['mkdir ~/pictures', 'mv ~/camera/*.jpg ~/camera/*.png ~/pictures/'],
        ['mkdir ~/pictures && mv ~/camera/IMG_* ~/pictures'],
        ['cd ~/camera', 'mkdir ../pictures', 'mv *.{jpg,png} ../pictures/'],
        ['mkdir ~/pictures', 'cp ~/camera/IMG_* ~/pictures/', 'rm ~/camera/IMG_*'],
      ],
      refuse: [
        ['mkdir ~/pictures', 'mv ~/camera/*.jpg ~/pictures/'],
        ['mkdir ~/pictures', 'cp ~/camera/*.jpg ~/camera/*.png ~/pictures/'],
        [
          'mkdir ~/pictures',
          'touch ~/pictures/IMG_0412.jpg ~/pictures/IMG_0413.jpg ~/pictures/IMG_0414.jpg ~/pictures/IMG_0415.png',
          'rm ~/camera/IMG_*',
        ],
        ['echo mv ~/camera/*.jpg ~/pictures/'],
      ],
    },
    {
      accept: [
        ['mkdir ~/videos', 'mv ~/camera/VID_* ~/videos/'],
        ['mkdir ~/videos && mv ~/camera/*.mp4 ~/videos'],
        ['cd ~/camera', 'mkdir ~/videos', 'mv VID_0007.mp4 VID_0008.mp4 ~/videos/'],
      ],
      refuse: [
        ['mkdir ~/videos', 'mv ~/camera/VID_* ~/camera/notes.txt ~/videos/'],
        ['mkdir ~/videos', 'mv ~/camera/VID_0007.mp4 ~/videos/'],
        ['mkdir ~/videos', 'touch ~/videos/VID_0007.mp4 ~/videos/VID_0008.mp4', 'rm ~/camera/VID_*'],
      ],
    },
  ],
  'glob-quarterly-reports': [
    {
      accept: [
        ['mkdir ~/q1', 'cp ~/reports/report-2024-0[1-3].csv ~/q1/'],
        ['mkdir ~/q1 && cp ~/reports/report-2024-0{1,2,3}.csv ~/q1'],
        ['cd ~/reports', 'mkdir ../q1', 'cp report-2024-01.csv report-2024-02.csv report-2024-03.csv ../q1/'],
      ],
      refuse: [
        ['mkdir ~/q1', 'cp ~/reports/report-2024-*[1-3].csv ~/q1/'],
        ['mkdir ~/q1', 'mv ~/reports/report-2024-0[1-3].csv ~/q1/'],
        ['mkdir ~/q1', 'touch ~/q1/report-2024-01.csv ~/q1/report-2024-02.csv ~/q1/report-2024-03.csv'],
        ['mkdir ~/q1', 'cp ~/reports/report-2024-0[1-2].csv ~/q1/'],
      ],
    },
    {
      accept: [
        ['rm ~/reports/report-2023-??.csv'],
        ['cd ~/reports', 'rm report-2023-*'],
        ['rm ~/reports/report-2023-11.csv ~/reports/report-2023-12.csv'],
      ],
      refuse: [
        ['rm ~/reports/report-202?-1?.csv'],
        ['rm ~/reports/report-2023-11.csv'],
        ['rm ~/reports/*2023* ~/reports/*summary*'],
        ['echo rm ~/reports/report-2023-??.csv'],
      ],
    },
  ],
  'find-lost-config': [
    {
      accept: [
        ['find ~/projects -name database.yml', 'cp ~/projects/shop/vendor/legacy/settings/database.yml ~/database.yml'],
        ["find ~/projects -name 'database.yml'", 'cp ~/projects/shop/vendor/legacy/settings/database.yml ~'],
        ['cd ~/projects', 'find . -type f -name database.yml', 'cp shop/vendor/legacy/settings/database.yml ~/'],
      ],
      refuse: [
        ['find ~/projects -name database.yml', 'mv ~/projects/shop/vendor/legacy/settings/database.yml ~/database.yml'],
        ['find ~/projects -name database.yml', 'touch ~/database.yml'],
        [
          'echo find ~/projects -name database.yml',
          'cp ~/projects/shop/vendor/legacy/settings/database.yml ~/database.yml',
        ],
        ['find ~/projects -name database.yml', "echo 'host: db-staging.internal' > ~/database.yml"],
      ],
    },
    {
      accept: [
        ["find ~/projects -name '*.bak' -delete"],
        ['find ~/projects -name "*.bak" -exec rm {} \\;'],
        [
          'rm ~/projects/shop/app/models/order.rb.bak ~/projects/shop/config/routes.rb.bak ~/projects/api/lib/auth.js.bak',
        ],
        ['cd ~/projects', "find . -type f -name '*.bak' -delete"],
      ],
      refuse: [
        ["find ~/projects -name '*.rb*' -delete", "find ~/projects -name '*.bak' -delete"],
        ["find ~/projects/shop -name '*.bak' -delete"],
        ['rm -r ~/projects/api', "find ~/projects -name '*.bak' -delete"],
        ["echo find ~/projects -name '*.bak' -delete"],
      ],
    },
  ],
  'find-gather-drafts': [
    {
      accept: [
        ['mkdir ~/drafts', "find ~/work -type f -name '*.draft.md' -exec cp {} ~/drafts/ \\;"],
        ['mkdir ~/drafts', "find ~/work -name '*.draft.md' -exec cp {} ~/drafts \\;"],
        ['mkdir ~/drafts', 'cp ~/work/2024/*/*.draft.md ~/work/events/*.draft.md ~/drafts/'],
        ['mkdir ~/drafts', "find ~/work -name '*.draft.md' | xargs cp -t ~/drafts"],
      ],
      refuse: [
        ['mkdir ~/drafts', "find ~/work -type f -name '*.md' -exec cp {} ~/drafts/ \\;"],
        ['mkdir ~/drafts', "find ~/work -type f -name '*.draft.md' -exec mv {} ~/drafts/ \\;"],
        [
          'mkdir ~/drafts',
          'touch ~/drafts/spring-menu.draft.md ~/drafts/new-van.draft.md ~/drafts/anniversary.draft.md',
        ],
        ['mkdir ~/drafts', "find ~/work/2024 -name '*.draft.md' -exec cp {} ~/drafts/ \\;"],
      ],
    },
    {
      accept: [
        ["find ~/work -type d -name '*draft*'"],
        ["find ~/work -name '*draft*' -type d"],
        ['cd ~/work', "find . -type d -name '*draft*'"],
      ],
      refuse: [
        ['echo /home/learner/work/events/drafts-archive'],
        ["find ~/work -name '*draft*'"],
        ['ls -d ~/work/events/drafts-archive'],
        ["find ~/work -type d -name '*draft*'", 'echo ok'],
      ],
    },
  ],
};
