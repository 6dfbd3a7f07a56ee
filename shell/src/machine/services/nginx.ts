import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { runsAsRoot } from '../privilege.js';
import { NGINX_CONF, testNginxConfig } from './nginx-config.js';
import type { Systemd } from './systemd.js';

const SERVICE = 'nginx.service';

/** `nginx`: `-t` tests the configuration, `-v` says the version, `-s reload|stop` signals the running server. */
export function nginxCommand(systemd: Systemd, fs: LearnerFs): LearnerCommand {
  return {
    name: 'nginx',
    async execute(args) {
      if (args.includes('-v')) return fail('nginx version: nginx/1.22.1\n', 0);
      if (args.includes('-h') || args.includes('-?'))
        return fail(
          'nginx version: nginx/1.22.1\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n             [-e filename] [-c filename] [-g directives]\n',
          0,
        );
      if (args.includes('-t') || args.includes('-T')) {
        const quiet = args.includes('-q');
        const result = testNginxConfig(fs);
        if (!result.ok)
          return fail(`nginx: [emerg] ${result.error}\nnginx: configuration file ${NGINX_CONF} test failed\n`, 1);
        return fail(
          quiet
            ? ''
            : `nginx: the configuration file ${NGINX_CONF} syntax is ok\nnginx: configuration file ${NGINX_CONF} test is successful\n`,
          0,
        );
      }
      if (!runsAsRoot(fs)) {
        return fail(
          'nginx: [alert] could not open error log file: open() "/var/log/nginx/error.log" failed (13: Permission denied)\n' +
            `${new Date().toISOString().replace(/-/g, '/').replace('T', ' ').slice(0, 19)} [emerg] 1#1: open() "/run/nginx.pid" failed (13: Permission denied)\n`,
          1,
        );
      }
      const unit = systemd.load(SERVICE);
      const signal = args[args.indexOf('-s') + 1];
      if (args.includes('-s')) {
        if (!unit || unit.active !== 'active')
          return fail(`nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)\n`, 1);
        if (signal === 'stop' || signal === 'quit') systemd.stop(SERVICE);
        else if (signal === 'reload') await systemd.reload(SERVICE);
        else if (signal !== 'reopen') return fail(`nginx: invalid option: "-s ${signal ?? ''}"\n`, 1);
        return ok();
      }
      if (unit?.active === 'active')
        return fail(
          'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\nnginx: [emerg] still could not bind()\n',
          1,
        );
      const result = testNginxConfig(fs);
      if (!result.ok) return fail(`nginx: [emerg] ${result.error}\n`, 1);
      if (unit) await systemd.start(SERVICE);
      return ok();
    },
  };
}
