// `fba-bridge demo --serve`: after the demo the console keeps serving its data at the printed address,
// and the printed one-time login signs in once only.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, waitFor } from '../support/e2e-world.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

it('demo --serve prints the console address and a one-time login that works once', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-serve-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'demo', '--serve', '--port', '0', '--orders', '12', '--database', join(dir, 'demo.db')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  try {
    await waitFor('the console address', async () => /one-time login/.test(out), 200_000, 250);
    const link = /(http:\/\/127\.0\.0\.1:\d+)\/login\/once\?token=(\S+)/.exec(out);
    assert.ok(link, out);
    const first = await fetch(link[0], { redirect: 'manual' });
    assert.equal(first.status, 303);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith('fba_session='))!.split(';')[0]!;
    const overview = await fetch(`${link[1]}/`, { headers: { cookie } });
    assert.equal(overview.status, 200);
    assert.match(await overview.text(), /Connection demo/);
    const exceptions = await (await fetch(`${link[1]}/api/exceptions`, { headers: { cookie } })).json() as { total: number };
    assert.ok(exceptions.total > 0, 'the demo\'s exceptions are there');
    assert.equal((await fetch(link[0], { redirect: 'manual' })).status, 401, 'the login works once');
  } finally {
    child.kill('SIGINT');
    await exited(child);
  }
});
