// No secret in any text (issue 8): a Login-with-Amazon endpoint that answers errors by echoing the
// request (client_secret and refresh_token in it) leaves neither in the logs, the database or the
// CLI's output — and once it answers properly again, the orders go through. A real `start` over
// loopback with the simulator and commercetools-mock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/adapters/store/open-store.js';
import { startWorld, spawnBridge, exited, waitFor } from '../support/e2e-world.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const CLIENT_SECRET = 'lwa-client-secret-Qz81vX';
const REFRESH_TOKEN = 'Atzr|IwEBIrefresh-9Kp4wTm';

function cli(env: Record<string, string>, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', () => resolve(out));
  });
}

function leaks(text: string): string[] {
  const forms = [CLIENT_SECRET, REFRESH_TOKEN, encodeURIComponent(REFRESH_TOKEN), 'IwEBIrefresh-9Kp4wTm'];
  return forms.filter((f) => text.includes(f));
}

test('a token endpoint that echoes the request leaves no secret in logs, database or CLI output', { timeout: 4 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-echo-'));
  const databaseUrl = `sqlite:${join(dir, 'bridge.db')}`;
  const world = await startWorld({ orders: 6, seed: 37, timeScale: 3600, rateScale: 20, withoutCancellations: true });
  const env = world.env(databaseUrl, { LWA_CLIENT_SECRET: CLIENT_SECRET, LWA_REFRESH_TOKEN: REFRESH_TOKEN, LOG_LEVEL: 'debug' });
  world.sim.setAvailability({ lwaEchoesRequest: true });
  const log: string[] = [];
  const child = spawnBridge(env, (l) => log.push(l));
  const outputs: string[] = [];
  try {
    await waitFor('the credentials exception', async () => {
      const store = await openStore(databaseUrl);
      try { return (await store.exceptions.list({ status: 'open', type: 'amazon.credentials-refused' })).length > 0; } finally { await store.close(); }
    }, 60_000, 500);
    assert.ok(log.some((l) => l.includes('bad request: grant_type=refresh_token')), 'the echoed text did reach the logs, scrubbed');
    for (const args of [['exceptions', '--json'], ['exceptions'], ['exceptions', 'show', '1'], ['status', '--json']]) outputs.push(await cli(env, args));
    assert.ok(outputs[0]!.includes('amazon.credentials-refused'), outputs[0]);

    world.sim.setAvailability({ lwaEchoesRequest: false });
    const fba = world.orders.filter((o) => o.expected.kind === 'shipped');
    await waitFor('the orders to reach Amazon once LWA answers properly', async () =>
      fba.every((o) => [...world.sim.state.orders.values()].some((a) => a.displayableOrderId === o.spec.orderNumber)), 90_000, 500);
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
  try {
    assert.deepEqual(leaks(log.join('\n')), [], 'logs');
    for (const out of outputs) assert.deepEqual(leaks(out), [], `CLI output: ${out.slice(0, 200)}`);
    const dbFiles = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
    assert.deepEqual(leaks(dbFiles), [], 'database files');
    const store = await openStore(databaseUrl);
    try {
      const credentials = await store.exceptions.list({ type: 'amazon.credentials-refused', limit: 10 });
      assert.deepEqual(credentials.map((e) => e.status), ['resolved']);
      assert.match(credentials[0]!.reason, /client_secret=\[redacted\]/, 'the reason still says what came back, without the secret');
    } finally {
      await store.close();
    }
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
