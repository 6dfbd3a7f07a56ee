import type { LabCorpus } from './corpus.js';

export const processes: Record<string, LabCorpus> = {
  'proc-see-what-runs': [
    {
      accept: [['ps'], ['ps -f'], ['ps -o pid,comm']],
      refuse: [['echo ps'], ['# ps'], ['man ps'], ['pgrep bash']],
    },
    {
      accept: [
        ['ps aux > ~/all-processes.txt'],
        ['ps -ef > all-processes.txt'],
        ['ps -e > ~/all-processes.txt'],
        ['ps aux | tee ~/all-processes.txt'],
      ],
      refuse: [
        ['ps > ~/all-processes.txt'],
        ['echo "root 1 sshd server.py" > ~/all-processes.txt'],
        ['ps aux', 'printf "sshd\\nserver.py\\n" > ~/all-processes.txt'],
      ],
    },
    {
      accept: [
        ['pgrep -f server.py > ~/server.pid'],
        ['pgrep -f server > ~/server.pid'],
        ['pgrep server.py > ~/server.pid'],
        ["ps aux | awk '/server.py/ {print $2}' > ~/server.pid"],
      ],
      refuse: [
        ['echo 2417 > ~/server.pid'],
        ['pgrep cron > ~/server.pid'],
        ['pgrep -f server.py', 'echo 2417 > ~/server.pid'],
        ['pgrep -fl server.py > ~/server.pid'],
      ],
    },
  ],
  'proc-stop-runaway': [
    {
      accept: [['top -b -n 1'], ['top -bn1'], ['top -b -n 1 | head -12']],
      refuse: [['echo top -b'], ['ps aux'], ['uptime']],
    },
    {
      accept: [
        ['kill 3150'],
        ['pkill backup.sh'],
        ['kill -TERM 3150'],
        ['kill -9 3150'],
        ['pkill -f backup'],
        ['kill $(pgrep backup.sh)'],
      ],
      refuse: [['kill 1'], ['echo kill 3150'], ['pkill sshd'], ['kill -STOP 3150'], ['kill -0 3150']],
    },
  ],
  'proc-background-jobs': [
    {
      accept: [
        ['sleep 600 &', 'sleep 900 &', 'jobs'],
        ['sleep 600 & sleep 900 &', 'jobs'],
        ['sleep 600 &', 'sleep 900 &', 'jobs -r'],
      ],
      refuse: [
        ['sleep 900 &', 'sleep 600 &', 'jobs'],
        ['sleep 600 &', 'jobs'],
        ['echo "[1]-  Running                 sleep 600 &"'],
        ['sleep 600 &', 'sleep 901 &', 'jobs'],
      ],
    },
    {
      setup: ['sleep 600 &', 'sleep 900 &'],
      accept: [
        ['kill -STOP %1', 'jobs'],
        ['kill -19 %1', 'jobs'],
        ['kill -s STOP $(jobs -p %1)', 'jobs'],
        ['kill -SIGSTOP %sleep\\ 600', 'jobs'],
      ],
      refuse: [['jobs'], ['kill %1', 'jobs'], ['kill -STOP %2', 'jobs'], ['kill -CONT %1', 'jobs']],
    },
    {
      setup: ['sleep 600 &', 'sleep 900 &', 'kill -STOP %1'],
      accept: [['bg %1', 'kill %2'], ['kill -CONT %1', 'kill %2'], ['bg', 'kill -9 %2'], ['kill -CONT %1; kill %2']],
      refuse: [['kill %2'], ['bg %1'], ['kill %1', 'kill %2'], ['bg %1', 'kill -STOP %2']],
    },
  ],
  'proc-nohup-nice': [
    {
      accept: [
        ['nohup ~/reports/build.sh &'],
        ['nohup ./reports/build.sh &'],
        ['cd reports', 'cd ..', 'nohup bash reports/build.sh &'],
      ],
      refuse: [
        ['~/reports/build.sh &'],
        ['nohup ~/reports/build.sh > out.log &'],
        ['echo "report build started" > nohup.out', 'nohup sleep 600 &'],
        ['echo nohup ~/reports/build.sh'],
      ],
    },
    {
      setup: ['nohup ~/reports/build.sh &'],
      accept: [
        ['renice -n 10 -p $!'],
        ['renice 15 $!'],
        ['renice -n 19 -p $(pgrep -f build.sh)'],
        ['renice 10 -p %1'.replace('%1', '$!')],
      ],
      refuse: [
        ['renice -n 5 -p $!'],
        ['nice -n 10 ~/reports/build.sh'],
        ['renice -n 10 -p 1'],
        ['echo renice -n 10 -p $!'],
      ],
    },
  ],
  'proc-capstone-tame': [
    {
      accept: [['renice -n 15 -p 4033'], ['renice 19 $(pgrep indexer)'], ['renice -n 15 -u learner']],
      refuse: [
        ['renice -n 10 -p 4033'],
        ['kill 4033'],
        ['kill -STOP 4033', 'renice -n 15 -p 4033'],
        ['renice -n 15 -p 4012'],
      ],
    },
    {
      accept: [['pkill backup.sh'], ['kill 4012'], ['kill -9 4012'], ['pkill -f backup']],
      refuse: [['kill -STOP 4012'], ['renice 19 4012'], ['echo kill 4012'], ['kill 4020']],
    },
    {
      accept: [
        ['kill -9 4020'],
        ['kill -KILL 4020'],
        ['pkill -9 report-gen'],
        ['pkill -KILL -f report-gen'],
        ['kill 4020', 'kill -s KILL 4020'],
      ],
      refuse: [['kill 4020'], ['pkill report-gen'], ['kill -9 4020 4033'], ['pkill -9 -u learner'], ['kill -HUP 4020']],
    },
  ],
};
