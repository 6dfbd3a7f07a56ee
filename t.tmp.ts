import { startingSnapshot } from '@lta/labs';
import { ALL_LABS } from '@lta/curriculum';
import { createShell } from '@lta/shell';
const lab = ALL_LABS.find((l) => l.id === process.argv[2])!;
const shell = await createShell({ snapshot: startingSnapshot(lab) });
const answers = ['learner'];
for (const line of process.argv.slice(3)) {
  const r = await shell.run(line, { ask: async () => answers.shift() ?? 'y' });
  console.log(`$ ${line}\n${r.output}[${r.exitCode}]`);
}
console.log(JSON.stringify(shell.snapshot().commands?.map((c) => c.name)));
