import type { LabCorpus } from './corpus.js';

/** The learner's password in every lab of the module: the line after the first sudo answers its prompt. */
const PW = 'learner';
const BACKUP_UUID = 'b7e4c2a1-5d3f-4e8b-9a6c-1f2e3d4c5b6a';
const DATA_UUID = '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';

export const storage: Record<string, LabCorpus> = {
  'storage-how-full': [
    {
      accept: [
        ['df -h > ~/disks.txt'],
        ['df -h | tee ~/disks.txt'],
        ['df -hT > ~/disks.txt'],
        ['cd; df --human-readable > disks.txt'],
      ],
      refuse: [
        ['df > ~/disks.txt'],
        ['echo /srv/data > ~/disks.txt'],
        ['df -h'],
        ['lsblk > ~/disks.txt'],
        ['df -h /home > ~/disks.txt'],
      ],
    },
    {
      accept: [
        ['df -T /srv/data/reports'],
        ['df -hT /srv/data/reports'],
        ['df --print-type /srv/data/reports/'],
        ['cd /srv/data/reports', 'df -T .'],
      ],
      refuse: [['df /srv/data/reports'], ['echo df -T /srv/data/reports'], ['df -T /home'], ['df -T /srv/data/nope']],
    },
    {
      accept: [['free -h'], ['free --human'], ['free -h | head -n 2']],
      refuse: [['free'], ['free -m'], ['echo free -h'], ['cat /proc/meminfo']],
    },
  ],
  'storage-what-fills': [
    {
      accept: [
        ['du -sh /var/log/* > ~/usage.txt'],
        ['du -h -d 1 /var/log > ~/usage.txt'],
        ['du -h --max-depth=1 /var/log > ~/usage.txt'],
        ['cd /var/log', 'du -s /var/log/* | tee ~/usage.txt'],
      ],
      refuse: [
        ['printf "100K\\t/var/log/app\\n16K\\t/var/log/nginx\\n" > ~/usage.txt'],
        ['du -sh /var/log > ~/usage.txt'],
        ['ls -l /var/log > ~/usage.txt'],
        ['du -sh /var/log/app > ~/usage.txt'],
      ],
    },
    {
      accept: [
        ['find /var/log -type f -size +20k > ~/big.txt'],
        ['find /var/log -size +20k -type f | tee ~/big.txt'],
        ['find /var/log -type f -size +30k > ~/big.txt'],
        ['find /var/log/app -size +20k > ~/big.txt'],
      ],
      refuse: [
        ['ls /var/log/app/app.log.? > ~/big.txt'],
        ['printf "/var/log/app/app.log.1\\n/var/log/app/app.log.2\\n" > ~/big.txt'],
        ['find /var/log -type f > ~/big.txt'],
        ['find /var/log -type f -size +50k > ~/big.txt'],
      ],
    },
    {
      accept: [
        ['sudo rm /var/log/app/app.log.1 /var/log/app/app.log.2', PW],
        ['sudo rm /var/log/app/app.log.[12]', PW, 'df -h /var/log'],
        ['sudo find /var/log/app -name "app.log.[0-9]" -delete', PW],
        ['cd /var/log/app', 'sudo rm app.log.1', PW, 'sudo rm app.log.2'],
      ],
      refuse: [
        ['rm /var/log/app/app.log.1 /var/log/app/app.log.2'],
        ['sudo rm /var/log/app/app.log.1', PW],
        ['sudo rm -r /var/log/app', PW],
        ['sudo rm /var/log/app/*', PW],
        ['sudo rm /var/log/app/app.log.2 /var/log/nginx/access.log', PW],
      ],
    },
  ],
  'storage-usb-stick': [
    {
      accept: [['lsblk -f'], ['lsblk --fs'], ['lsblk -f | grep HOLIDAY']],
      refuse: [['lsblk'], ['echo lsblk -f'], ['df -h'], ['sudo blkid', PW]],
    },
    {
      accept: [
        ['sudo mkdir /mnt/usb', PW, 'sudo mount /dev/sdb1 /mnt/usb'],
        ['sudo mkdir -p /mnt/usb && sudo mount -t vfat /dev/sdb1 /mnt/usb', PW],
        ['sudo mkdir /mnt/usb', PW, 'sudo mount LABEL=HOLIDAY /mnt/usb'],
      ],
      refuse: [
        ['sudo mkdir /mnt/usb', PW],
        ['sudo mount /dev/sdb1 /mnt/usb', PW],
        ['sudo mkdir /mnt/usb', PW, 'sudo mount /dev/sdb /mnt/usb'],
        ['sudo mkdir /mnt/usb', PW, 'sudo mount -t ext4 /dev/sdb1 /mnt/usb'],
        ['sudo mkdir /mnt/usb', PW, 'mount /dev/sdb1 /mnt/usb'],
        ['sudo mkdir /mnt/usb', PW, 'echo mount /dev/sdb1 /mnt/usb'],
      ],
    },
    {
      setup: ['sudo mkdir /mnt/usb', PW, 'sudo mount /dev/sdb1 /mnt/usb'],
      accept: [
        ['cp -r /mnt/usb/photos ~/', 'sudo umount /mnt/usb'],
        ['cd /mnt/usb', 'cp -r photos ~', 'cd', 'sudo umount /dev/sdb1'],
        ['mkdir ~/photos', 'cp /mnt/usb/photos/* ~/photos/', 'sudo umount /mnt/usb'],
      ],
      refuse: [
        ['cp -r /mnt/usb/photos ~/'],
        ['sudo umount /mnt/usb'],
        ['cd /mnt/usb', 'cp -r photos ~', 'sudo umount /mnt/usb'],
        [
          'mkdir ~/photos',
          'echo "JPEG beach at sunset, 4032x3024" > ~/photos/beach.jpg',
          'echo "JPEG fish market, 3024x4032" > ~/photos/market.jpg',
          'sudo umount /mnt/usb',
        ],
        ['sudo umount /mnt/usb', 'cp -r /mnt/usb/photos ~/'],
      ],
    },
  ],
  'storage-fstab': [
    {
      accept: [
        ['blkid -s UUID -o value /dev/sdb1 > ~/uuid.txt'],
        ['blkid -s UUID -o value /dev/sdb1 | tee ~/uuid.txt'],
        ['blkid -o value -s UUID /dev/sdb1 > ~/uuid.txt'],
      ],
      refuse: [
        [`echo ${BACKUP_UUID} > ~/uuid.txt`],
        ['blkid /dev/sdb1 > ~/uuid.txt'],
        ['lsblk -f > ~/uuid.txt'],
        ['blkid -s UUID -o value /dev/sda1 > ~/uuid.txt'],
      ],
    },
    {
      setup: ['blkid -s UUID -o value /dev/sdb1 > ~/uuid.txt'],
      accept: [
        ['echo "UUID=$(cat ~/uuid.txt) /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab', PW],
        [`echo "UUID=${BACKUP_UUID}  /backups  ext4  defaults,nofail  0  2" | sudo tee -a /etc/fstab > /dev/null`, PW],
        ['echo "LABEL=backups /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab', PW],
        ['echo "/dev/sdb1 /backups auto defaults 0 0" | sudo tee --append /etc/fstab', PW],
      ],
      refuse: [
        ['echo "UUID=$(cat ~/uuid.txt) /backups ext4 defaults 0 2" | sudo tee /etc/fstab', PW],
        ['echo "UUID=$(cat ~/uuid.txt) /backups vfat defaults 0 2" | sudo tee -a /etc/fstab', PW],
        ['echo "UUID=$(cat ~/uuid.txt) /backup ext4 defaults 0 2" | sudo tee -a /etc/fstab', PW],
        ['echo "UUID=1234 /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab', PW],
        ['echo "UUID=$(cat ~/uuid.txt) /backups ext4 defaults 0 2" >> /etc/fstab'],
        ['echo "# UUID=$(cat ~/uuid.txt) /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab', PW],
      ],
    },
    {
      setup: [`echo "UUID=${BACKUP_UUID} /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab`, PW],
      accept: [
        ['sudo mkdir /backups', 'sudo mount -a'],
        ['sudo mkdir -p /backups && sudo mount -a && findmnt /backups'],
        ['sudo mkdir /backups', 'sudo mount --all'],
      ],
      refuse: [
        ['sudo mount -a'],
        ['sudo mkdir /backups', 'sudo mount /dev/sdb1 /backups'],
        ['sudo mkdir /backups', 'mount -a'],
        ['sudo mkdir /backups', 'echo mount -a'],
      ],
    },
  ],
  'storage-var-full': [
    {
      accept: [
        ['sudo rm /var/log/app/debug.log', PW, 'sudo gzip /var/log/app/app.log.1'],
        [
          'du -ah /var/log | sort -h',
          'sudo rm -f /var/log/app/debug.log && sudo gzip -9 /var/log/app/app.log.1',
          PW,
          'df -h /var/log',
        ],
        ['cd /var/log/app', 'sudo gzip app.log.1', PW, 'sudo rm debug.log'],
      ],
      refuse: [
        ['sudo rm /var/log/app/debug.log', PW],
        ['sudo gzip /var/log/app/app.log.1', PW],
        ['sudo rm /var/log/app/debug.log /var/log/app/app.log.1', PW],
        ['sudo rm /var/log/app/debug.log', PW, 'sudo gzip /var/log/app/app.log'],
        [
          'sudo rm /var/log/app/debug.log',
          PW,
          'sudo touch /var/log/app/app.log.1.gz',
          'sudo rm /var/log/app/app.log.1',
        ],
        ['sudo rm /var/log/app/debug.log /var/log/nginx/access.log', PW, 'sudo gzip /var/log/app/app.log.1'],
      ],
    },
    {
      accept: [
        ['sudo mkdir -p /srv/data', PW, 'sudo mount /dev/sdc1 /srv/data', 'sudo mv ~/exports /srv/data/'],
        ['sudo mkdir /srv/data && sudo mount LABEL=data /srv/data && sudo mv ~/exports /srv/data/exports', PW],
        [
          'sudo mkdir /srv/data',
          PW,
          'sudo mount /dev/sdc1 /srv/data',
          'sudo cp -r ~/exports /srv/data/',
          'rm -r ~/exports',
        ],
      ],
      refuse: [
        ['sudo mkdir -p /srv/data/exports', PW, 'sudo mv ~/exports/* /srv/data/exports/'],
        ['sudo mkdir -p /srv/data', PW, 'sudo mount /dev/sdc1 /srv/data', 'sudo cp -r ~/exports /srv/data/'],
        ['sudo mkdir -p /srv/data', PW, 'sudo mv ~/exports /srv/data/', 'sudo mount /dev/sdc1 /srv/data'],
        ['sudo mkdir -p /srv/data', PW, 'sudo mount /dev/sdc1 /srv/data', 'rm -r ~/exports'],
      ],
    },
    {
      setup: ['sudo mkdir -p /srv/data', PW, 'sudo mount /dev/sdc1 /srv/data', 'sudo mv ~/exports /srv/data/'],
      accept: [
        [
          'echo "UUID=$(blkid -s UUID -o value /dev/sdc1) /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab',
          'sudo mount -a',
        ],
        ['echo "LABEL=data /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab > /dev/null && sudo mount -a'],
        [
          'sudo umount /srv/data',
          `echo "UUID=${DATA_UUID} /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab`,
          'sudo mount -a',
          'ls /srv/data/exports',
        ],
      ],
      refuse: [
        ['echo "UUID=$(blkid -s UUID -o value /dev/sdc1) /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab'],
        ['echo "LABEL=data /srv/data ext4 defaults 0 2" | sudo tee /etc/fstab', 'sudo mount -a'],
        ['echo "LABEL=data /srv/data xfs defaults 0 2" | sudo tee -a /etc/fstab', 'sudo mount -a'],
        ['echo "/dev/sdc /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab', 'sudo mount -a'],
        ['sudo mount -a'],
      ],
    },
  ],
};
