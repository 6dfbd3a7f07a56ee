import type { NetworkState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { diagnosticCommands } from './diagnostics.js';
import { Network } from './network.js';
import { scpCommand } from './scp.js';
import { sshCommand } from './ssh.js';
import { sshCopyIdCommand } from './ssh-copy-id.js';
import { sshKeygenCommand } from './ssh-keys.js';
import { curlCommand, wgetCommand } from './web-clients.js';

/**
 * The network part: `ip`, `hostname`, `ping`, `ss`, `nc`, `dig`/`host`/`nslookup`, `curl`, `wget`, and `ssh`,
 * `scp`, `ssh-keygen`, `ssh-copy-id` to the hosts a lab declares. On a machine whose lab declares no network, the
 * learner's machine is alone on its LAN.
 */
export const networkStarter: MachinePartStarter = {
  key: 'network',
  start(saved, services, events) {
    const declared = saved !== undefined;
    const state: NetworkState = (saved as NetworkState | undefined) ?? { hosts: [], dns: {}, services: [], keys: [] };
    const network = new Network(state, services, () => events.ask('listening') ?? []);
    return {
      commands: [
        ...diagnosticCommands(network),
        curlCommand(network),
        wgetCommand(network),
        sshCommand(network),
        scpCommand(network),
        sshKeygenCommand(network),
        sshCopyIdCommand(network),
      ],
      // A host's shell shares the learner's network state; only the learner's machine reports it.
      state: () => (!network.isHome || (!declared && state.keys.length === 0) ? undefined : network.currentState()),
      remoteSession: () => network.session.remote(),
    };
  },
};
