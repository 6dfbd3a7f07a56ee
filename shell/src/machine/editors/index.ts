import type { EditorsState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { editorCommand } from './editor-command.js';

/**
 * The editors: `nano`, `vi` and `vim` (the programs themselves are in `src/editors/`, loaded when one first runs).
 * The part's state is what they saved after the learner changed the text, so labs can tell an edit from `echo >`.
 */
export const editorsStarter: MachinePartStarter = {
  key: 'editors',
  start(state, services) {
    const saves = { state: state as EditorsState | undefined };
    return {
      commands: [
        editorCommand('nano', services, saves),
        editorCommand('vim', services, saves),
        editorCommand('vi', services, saves),
      ],
      state: () => (saves.state && saves.state.saves.length > 0 ? saves.state : undefined),
    };
  },
};
