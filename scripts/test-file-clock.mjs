// Loaded into each test file's process by scripts/node-tests.mjs: on exit, writes how long the process ran (start-up,
// imports and hooks included) to $LTA_TEST_FILE_CLOCK, one file per test file. node:test reports a file's results
// in path order, so the runner cannot time a file from when its reports arrive.
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

const dir = process.env.LTA_TEST_FILE_CLOCK;
const file = process.argv[1];
if (dir && file && process.env.NODE_TEST_CONTEXT) {
  process.on('exit', () => {
    const name = createHash('sha1').update(file).digest('hex');
    const seconds = Math.round(process.uptime() * 10) / 10;
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ file: relative(process.cwd(), file), seconds }));
  });
}
