import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell } from '@lta/shell';

test('unzip -l lists lengths, times and names as Info-ZIP does', async () => {
  const shell = await createShell();
  await shell.run(
    'mkdir -p site/css && printf "body{}\\n" > site/css/a.css && echo hi > site/index.html && touch -d "2024-03-05 14:07" site site/css site/css/a.css site/index.html',
  );
  await shell.run('zip -qr site.zip site');
  const listed = (await shell.run('unzip -l site.zip')).output;
  assert.equal(
    listed,
    'Archive:  site.zip\n  Length      Date    Time    Name\n---------  ---------- -----   ----\n' +
      '        0  2024-03-05 14:07   site/\n        0  2024-03-05 14:07   site/css/\n        7  2024-03-05 14:07   site/css/a.css\n        3  2024-03-05 14:07   site/index.html\n' +
      '---------                     -------\n       10                     4 files\n',
  );
});

test('a zipped tree comes back with its contents and modes, into another directory with -d', async () => {
  const shell = await createShell();
  await shell.run(
    `mkdir tools && printf '#!/bin/bash\\necho run\\n' > tools/go.sh && chmod 755 tools/go.sh && zip -qr tools.zip tools`,
  );
  const run = await shell.run(
    'unzip tools.zip -d restored && restored/tools/go.sh && ls -l restored/tools/go.sh | cut -c1-10',
  );
  assert.equal(
    run.output,
    'Archive:  tools.zip\n   creating: restored/tools/\n extracting: restored/tools/go.sh    \nrun\n-rwxr-xr-x\n',
  );
});

test('a file that is no zip archive is refused with a clear error, and nothing is written', async () => {
  const shell = await createShell();
  const run = await shell.run('echo plain > fake.zip; unzip fake.zip; echo "status $?"; ls');
  assert.equal(
    run.output,
    'Archive:  fake.zip\n  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.\nstatus 9\nfake.zip\n',
  );
});
