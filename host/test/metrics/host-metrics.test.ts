import { test } from 'node:test';
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { HostMetrics } from '../../src/metrics/host-metrics.js';

function familyOf(text: string, name: string) {
  const family = parsePrometheusTextFormat(text).find((f) => f.name === name);
  assert.ok(family, `metric ${name} is exposed`);
  return family;
}

test('the metrics parse as Prometheus text and count what happened, by reducer', () => {
  const metrics = new HostMetrics({
    database: 'academy',
    databaseIdentity: 'c2'.padEnd(64, '0'),
    tableSizes: () => [
      { table: 'learner', rows: 3, bytes: 120 },
      { table: 'chat "message"', rows: 0, bytes: 0 },
    ],
    commitLogBytes: () => 4096,
  });
  metrics.clientConnected();
  metrics.clientConnected();
  metrics.clientDisconnected();
  metrics.subscriptionAdded(2);
  metrics.messageSent(100);
  metrics.messageSent(50);
  metrics.reducerCalled('complete_lab', 800, false);
  metrics.reducerCalled('complete_lab', 3_000, true);
  metrics.reducerCalled('send_message', 40, false);
  metrics.transactionCommitted();
  metrics.transactionCommitted();
  metrics.fsyncObserved(0.002);
  let waiting = 7;
  metrics.readOutgoingQueueLengthFrom(() => waiting);
  metrics.clientDroppedForOutgoingQueue();
  const text = metrics.render();

  assert.equal(familyOf(text, 'spacetime_connected_clients').metrics[0]!.value, '1');
  const calls = familyOf(text, 'spacetime_reducer_calls_total');
  assert.equal(calls.type, 'COUNTER');
  assert.deepEqual(
    calls.metrics.map((m) => [m.labels!['reducer'], m.value]),
    [
      ['complete_lab', '2'],
      ['send_message', '1'],
    ],
  );
  assert.equal(familyOf(text, 'spacetime_reducer_errors_total').metrics[0]!.labels!['reducer'], 'complete_lab');
  assert.equal(familyOf(text, 'spacetime_transactions_committed_total').metrics[0]!.value, '2');
  // The parser folds labelled histograms into one series, so the per-reducer lines are checked as text too.
  assert.equal(familyOf(text, 'spacetime_reducer_duration_seconds').type, 'HISTOGRAM');
  assert.match(text, /^spacetime_reducer_duration_seconds_count\{reducer="complete_lab"\} 2$/m);
  assert.match(text, /^spacetime_reducer_duration_seconds_bucket\{reducer="complete_lab",le="0\.001"\} 1$/m);
  assert.match(text, /^spacetime_reducer_duration_seconds_bucket\{reducer="complete_lab",le="0\.005"\} 2$/m);
  const rows = familyOf(text, 'spacetime_table_rows').metrics;
  assert.deepEqual(
    rows.map((m) => [m.labels!['table'], m.value]),
    [
      ['learner', '3'],
      ['chat "message"', '0'],
    ],
  );
  assert.equal(familyOf(text, 'spacetime_table_bytes').metrics[0]!.value, '120');
  assert.equal(familyOf(text, 'spacetime_subscriptions').metrics[0]!.value, '1');
  assert.equal(familyOf(text, 'spacetime_subscription_query_sets').metrics[0]!.value, '2');
  assert.equal(familyOf(text, 'spacetime_messages_sent_total').metrics[0]!.value, '2');
  assert.equal(familyOf(text, 'spacetime_message_bytes_sent_total').metrics[0]!.value, '150');
  assert.equal(familyOf(text, 'spacetime_commitlog_bytes').metrics[0]!.value, '4096');
  const fsync = familyOf(text, 'spacetime_commitlog_fsync_seconds').metrics[0]!;
  assert.equal(fsync.count, '1');
  assert.equal(fsync.buckets!['0.001'], '0');
  assert.equal(fsync.buckets!['0.005'], '1');
  // SpacetimeDB's names, types and `db` label (the database identity), so its dashboards read them.
  const queue = familyOf(text, 'spacetime_total_outgoing_queue_length');
  assert.equal(queue.type, 'GAUGE');
  assert.deepEqual(queue.metrics, [{ labels: { db: 'c2'.padEnd(64, '0') }, value: '7' }]);
  const drops = familyOf(text, 'spacetime_client_outgoing_queue_disconnects_total');
  assert.equal(drops.type, 'COUNTER');
  assert.deepEqual(drops.metrics, [{ labels: { db: 'c2'.padEnd(64, '0') }, value: '1' }]);
  waiting = 0;
  assert.equal(familyOf(metrics.render(), 'spacetime_total_outgoing_queue_length').metrics[0]!.value, '0');
});
