/**
 * The grade audit failing to write (a full disk) changes nothing about deliveries: the attempt goes on as it would,
 * and the host's log says what the audit missed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LaunchRecords } from '../../src/lti/launch-records.js';
import { LtiFiles } from '../../src/lti/lti-files.js';
import { PlatformRegistry } from '../../src/lti/platform-registry.js';
import { ScoreDelivery } from '../../src/lti/score-delivery.js';
import { ServiceTokens } from '../../src/lti/service-token.js';
import { loadOrCreateToolKeys } from '../../src/lti/tool-keys.js';

test('an audit that cannot be written is logged, and the delivery ends as it would', async () => {
  const files = new LtiFiles(undefined);
  const logged: string[] = [];
  const log = (level: string, message: string) => void logged.push(`${level}: ${message}`);
  const registry = await PlatformRegistry.open(files, [], fetch);
  const records = await LaunchRecords.open(files, log);
  // A launch named a line item of an LMS that has since been removed: the delivery fails at once, for good.
  await records.remember({
    grade: {
      identityHex: 'c2aa',
      labId: 'intro',
      target: {
        platformIssuer: 'https://gone.example',
        clientId: 'x',
        lineItem: 'https://gone.example/li',
        userId: 'u',
      },
    },
  });
  const tokens = new ServiceTokens(await loadOrCreateToolKeys(files), () => fetch);
  const scores = new ScoreDelivery({ records, registry, tokens, files, log });
  files.append = async () => {
    throw new Error('ENOSPC: no space left on device');
  };
  scores.completed({ identityHex: 'c2aa', labId: 'intro', completedAt: new Date(), hintsUsed: 0 });
  await scores.idle();
  assert.equal(logged.length, 1, logged.join('\n'));
  assert.match(logged[0]!, /^error: LTI: the grade audit could not record c2aa's intro \(attempt 1, failed\): ENOSPC/);
});
