// Each application of connect.yaml started the way Connect starts it: `npm start` in its folder, with
// its settings and PORT in the environment, the bridge package's `fba-bridge` command on the folder's
// node_modules/.bin (here a shim running this checkout). Against commercetools-mock and the SP-API
// simulator over HTTP, on one SQLite file the three share:
// - bridge-service answers its health endpoints;
// - bridge-event takes a Pub/Sub push of an OrderCreated message with the intake's authentication,
//   and refuses one without;
// - bridge-job runs the due periodic work on each call, each task at most once per its interval, also
//   across a restart of the job's instance;
// - the event application's post-deploy creates the commercetools subscription (then finds it), and
//   its pre-undeploy removes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/index.js';
import { startCommercetoolsMock, type CommercetoolsMockServer } from '../../src/demo/commercetools-mock/ct-mock-server.js';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { Secret } from '../../src/config/secret.js';
import { BRIDGE_SUBSCRIPTION_KEY } from '../../src/adapters/commercetools/ct-subscription-setup.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const TSX = import.meta.resolve('tsx');
const PROJECT = 'connect-store';
const SECRET = 'connect-intake-secret-0123456789abcdef';
const apps = (yaml.load(readFileSync(join(ROOT, 'connect.yaml'), 'utf8')) as { deployAs: Array<{ name: string; applicationType: string }> }).deployAs;

let sim: AmazonSimulator;
let ct: CommercetoolsMockServer;
let dir: string;
let env: Record<string, string>;
const running: ChildProcess[] = [];

before(async () => {
  sim = await startAmazonSimulator({ port: 0 });
  ct = await startCommercetoolsMock({ projectKey: PROJECT });
  dir = mkdtempSync(join(tmpdir(), 'fba-connect-'));
  env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
    CTP_PROJECT_KEY: PROJECT, CTP_CLIENT_ID: 'connect', CTP_CLIENT_SECRET: 'connect', CTP_AUTH_URL: ct.authUrl, CTP_API_URL: ct.apiUrl,
    SPAPI_ENDPOINT: sim.url, LWA_ENDPOINT: `${sim.url}/auth/o2/token`, LWA_CLIENT_ID: 'amzn1.application-oa2-client.connect',
    LWA_CLIENT_SECRET: 'connect', LWA_REFRESH_TOKEN: 'Atzr|connect', SPAPI_MARKETPLACE_ID: 'ATVPDKIKX0DER',
    DATABASE_URL: `sqlite:${join(dir, 'bridge.db')}`, INTAKE_SECRET: SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'info',
  };
});

after(async () => {
  for (const child of running) await stop(child);
  await sim.close();
  await ct.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The application's folder as Connect installs it: its package.json and the package's command on node_modules/.bin. */
function installed(name: string): string {
  const folder = join(dir, name);
  mkdirSync(join(folder, 'node_modules', '.bin'), { recursive: true });
  copyFileSync(join(ROOT, name, 'package.json'), join(folder, 'package.json'));
  const shim = join(folder, 'node_modules', '.bin', 'fba-bridge');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" --import "${TSX}" "${MAIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  return folder;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm <args>` in the folder, in its own process group (npm start's shell and node die together). */
function npm(folder: string, args: string[], extra: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn('npm', args, { cwd: folder, env: { ...env, ...extra }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  return { child, output: () => output };
}

async function startApp(name: string): Promise<{ url: string; output: () => string; child: ChildProcess }> {
  const port = await freePort();
  const { child, output } = npm(installed(name), ['start'], { PORT: String(port) });
  running.push(child);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${output().slice(-800)}`);
    const live = await fetch(`${url}/health/live`).catch(() => undefined);
    if (live?.ok) return { url, output, child };
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not answer on PORT ${port}: ${output().slice(-800)}`);
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

async function npmRun(name: string, script: string, extra: Record<string, string> = {}): Promise<string> {
  const { child, output } = npm(installed(name), ['run', '--silent', script], extra);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, `${name}: npm run ${script}: ${output()}`);
  return output();
}

const appOf = (type: string) => apps.find((a) => a.applicationType === type)!.name;

test('the service application answers on PORT', { timeout: 120_000 }, async () => {
  const { url } = await startApp(appOf('service'));
  const health = await fetch(`${url}/health`);
  assert.ok(health.status === 200 || health.status === 503, `GET /health answered ${health.status}`);
  assert.ok(typeof (await health.json() as { status?: unknown }).status === 'string');
  assert.equal((await fetch(`${url}/health/ready`)).status, 200);
});

test('the event application records a Pub/Sub push with the intake\'s authentication', { timeout: 120_000 }, async () => {
  const { url } = await startApp(appOf('event'));
  const message = {
    notificationType: 'Message', projectKey: PROJECT, id: 'msg-1', version: 1, sequenceNumber: 1, type: 'OrderCreated',
    resource: { typeId: 'order', id: '9b2f6c1e-0000-4000-8000-000000000001' }, resourceVersion: 1,
  };
  const push = { message: { data: Buffer.from(JSON.stringify(message)).toString('base64'), messageId: 'pubsub-1' }, subscription: 'projects/p/subscriptions/s' };
  const post = (authorization?: string) => fetch(`${url}/`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(push),
  });
  assert.equal((await post()).status, 401, 'no credential, no intake');
  const accepted = await post(`Bearer ${SECRET}`);
  assert.ok(accepted.status >= 200 && accepted.status < 300, `answered ${accepted.status}: ${await accepted.text()}`);
});

test('the job application runs the due periodic work on each call, each task once per interval', { timeout: 120_000 }, async () => {
  const job = await startApp(appOf('job'));
  const callAt = async (url: string) => {
    const res = await fetch(`${url}/`, { method: 'POST' });
    assert.equal(res.status, 200);
    return (await res.json() as { ran: string[] }).ran;
  };
  const call = () => callAt(job.url);
  const first = await call();
  for (const task of ['default:commercetools-poll', 'default:amazon-poll', 'default:settlement-discovery']) assert.ok(first.includes(task), `${task} ran: ${first.join(', ')}`);
  const second = await call();
  assert.ok(!second.includes('default:settlement-discovery'), 'settlement discovery is not due again within its interval');
  // Connect may stop the job's instance between calls and start a new one: when a task last ran is
  // kept in the database (the task leases, docs/adr/0016), not in the process.
  await stop(job.child);
  const restarted = await startApp(appOf('job'));
  const third = await callAt(restarted.url);
  assert.ok(!third.includes('default:settlement-discovery'), `a new instance does not run settlement discovery again within its interval: ${third.join(', ')}`);
});

test('post-deploy creates the commercetools subscription and the custom type; pre-undeploy removes the subscription', { timeout: 120_000 }, async () => {
  const event = appOf('event');
  const connect = { CONNECT_PROVIDER: 'GCP', CONNECT_GCP_PROJECT_ID: 'connect-gcp-project', CONNECT_GCP_TOPIC_NAME: 'connect-topic' };
  const first = await npmRun(event, 'connector:post-deploy', connect);
  assert.match(first, new RegExp(`created subscription ${BRIDGE_SUBSCRIPTION_KEY} → projects/connect-gcp-project/topics/connect-topic`));
  assert.match(first, /(created|found) type /);
  assert.match(await npmRun(event, 'connector:post-deploy', connect), new RegExp(`found subscription ${BRIDGE_SUBSCRIPTION_KEY}`));
  const api = createCommercetoolsApi({ projectKey: PROJECT, clientId: 'connect', clientSecret: new Secret('connect'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: [`manage_project:${PROJECT}`] });
  const made = await api.subscriptions().withKey({ key: BRIDGE_SUBSCRIPTION_KEY }).get().execute();
  assert.deepEqual(made.body.messages, [{ resourceTypeId: 'order', types: ['OrderCreated', 'OrderStateChanged', 'OrderPaymentStateChanged'] }]);
  assert.match(await npmRun(event, 'connector:pre-undeploy'), new RegExp(`removed subscription ${BRIDGE_SUBSCRIPTION_KEY}`));
  assert.match(await npmRun(event, 'connector:pre-undeploy'), new RegExp(`absent subscription ${BRIDGE_SUBSCRIPTION_KEY}`));
});
