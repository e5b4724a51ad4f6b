// Amazon's notifications the way Amazon sends them, end to end: a local SQS-compatible server
// (local-aws-sqs, AWS's protocol) holds the bridge's queue and its dead-letter queue; the SP-API
// simulator implements the Notifications API and delivers to the queue; `fba-bridge setup` (a real
// process) creates the destination and the three subscriptions, and says `found` on a second run;
// `fba-bridge start` (a real process) consumes the queue. The Amazon poll runs once at start (before any
// order ships) and then hourly, and the open-order sweep's first run is 60 s after start, so shipments
// written back within 50 s came through the queue; a settlement period closed at the simulator is
// imported after its REPORT_PROCESSING_FINISHED although scheduled discovery only runs every 500 hours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { messagesIn, queueArn, queueWithDeadLetters, startLocalSqs } from '../support/local-sqs.js';
import { checkWorld, exited, runCli, spawnBridge, startWorld, waitFor, type WorldCheck } from '../support/e2e-world.js';

const SELLER = 'e2e-seller';
/** The open-order sweep first runs 60 s after start; the test must be done with shipments before. */
const BEFORE_FIRST_SWEEP_MS = 50_000;

test('setup subscribes the queue; start brings shipments and a settlement in through SQS', { timeout: 4 * 60_000 }, async () => {
  const local = await startLocalSqs();
  const { endpoint, client: sqs } = local;
  const { queueUrl, dlqUrl: dlq } = await queueWithDeadLetters(sqs, 'fba-bridge-notifications', 5);
  const arn = await queueArn(sqs, queueUrl);

  const world = await startWorld({ orders: 8, seed: 5, timeScale: 3600, rateScale: 20, withoutCancellations: true, simulator: { sqsEndpoint: endpoint, sellerId: SELLER } });
  const dir = mkdtempSync(join(tmpdir(), 'fba-sqs-e2e-'));
  const dbFile = join(dir, 'bridge.db');
  const env = world.env(`sqlite:${dbFile}`, {
    SQS_QUEUE_URL: queueUrl, SQS_QUEUE_ARN: arn, SQS_ENDPOINT: endpoint, SPAPI_DESTINATION_NAME: 'fba-bridge-e2e',
    AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1',
    FBA_POLL_SECONDS: '3600', SETTLEMENT_POLL_HOURS: '500', LOG_LEVEL: 'info',
  });
  const log: string[] = [];
  let bridge: ReturnType<typeof spawnBridge> | undefined;
  try {
    const first = await runCli(['setup'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created\s+destination fba-bridge-e2e: \S+ → arn:aws:sqs:/);
    for (const type of ['FULFILLMENT_ORDER_STATUS', 'FBA_INVENTORY_AVAILABILITY_CHANGES', 'REPORT_PROCESSING_FINISHED']) {
      assert.match(first.stdout, new RegExp(`created\\s+subscription ${type}:`));
    }
    const second = await runCli(['setup'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal((second.stdout.match(/ found\s+(destination|subscription) /g) ?? []).length, 4, second.stdout);
    assert.doesNotMatch(second.stdout, /created/);

    const startedAt = Date.now();
    bridge = spawnBridge(env, (line) => log.push(line));
    let last: WorldCheck | undefined;
    await waitFor('shipments written back through the queue', async () => {
      last = await checkWorld(world);
      return last.amazonMismatches.length === 0 && last.pendingShipments === 0 && last.shipmentsChecked > 0;
    }, BEFORE_FIRST_SWEEP_MS, 1_000).catch((err: Error) => { throw new Error(`${err.message}: ${JSON.stringify(last)} ${log.slice(-5).join(' | ')}`); });
    assert.ok(Date.now() - startedAt < 60_000, 'done before the first open-order sweep could have tracked the orders');
    assert.deepEqual(last!.shipmentMismatches, []);

    // A settlement period closes: REPORT_PROCESSING_FINISHED makes start import it now.
    const closed = await (await fetch(`${world.sim.url}/_simulator/settlements/close`, { method: 'POST' })).json() as { reports: Array<{ settlementId: string }> };
    assert.ok(closed.reports.length > 0);
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      await waitFor('the settlement announced by REPORT_PROCESSING_FINISHED to be imported', async () => {
        const rows = db.prepare("SELECT settlement_id FROM settlements WHERE status = 'imported'").all() as Array<{ settlement_id: string }>;
        return closed.reports.every((r) => rows.some((row) => row.settlement_id === r.settlementId));
      }, 60_000, 1_000);
      // Every notification came through SQS and was recorded once: the queue is drained, nothing went to the dead-letter queue.
      const recorded = (db.prepare("SELECT COUNT(*) AS n FROM inbox_messages WHERE source = 'amazon'").get() as { n: number }).n;
      assert.ok(recorded > 0, 'notifications recorded in the inbox');
    } finally {
      db.close();
    }
    const depth = (url: string) => messagesIn(sqs, url);
    await world.sim.notificationsIdle();
    await waitFor('the queue to be drained', async () => (await depth(queueUrl)) === 0, 30_000, 500);
    assert.equal(await depth(dlq), 0, 'nothing in the dead-letter queue');
  } finally {
    bridge?.kill('SIGTERM');
    const code = bridge ? await exited(bridge) : 0;
    await world.close();
    await local.close();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0, `start shut down cleanly: ${log.filter((l) => /error/i.test(l)).slice(-3).join(' | ')}`);
  }
});
