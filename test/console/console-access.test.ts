// The console's access rules over real HTTP: nothing without signing in, CSRF on every state-changing
// request made with a session, each role's allowed and refused exception actions (403 and audited),
// API tokens on the same JSON API, and login throttling.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/actions/people.js';
import { startConsoleWorld, ConsoleClient, emailOf, type ConsoleWorld } from '../support/console-world.js';
import type { ExceptionRecord } from '../../src/ports/store.js';

let w: ConsoleWorld;
let opsException: ExceptionRecord;
let financeException: ExceptionRecord;

before(async () => {
  w = await startConsoleWorld();
  const now = Date.now();
  opsException = await w.store.exceptions.raise({ connectionId: 'shop', type: 'order.invalid-address', owner: 'operations', subjectType: 'order', subjectId: 'ct-1', subjectLabel: 'A-1', reason: 'postal code missing', action: 'fix the address' }, now);
  financeException = await w.store.exceptions.raise({ connectionId: 'shop', type: 'settlement.unmatched-row', owner: 'finance', subjectType: 'settlement', subjectId: 'S1:4', subjectLabel: 'S1 line 4', reason: 'no such order', action: 'book it by hand' }, now);
});
after(() => w.close());

async function signedIn(role: Parameters<typeof emailOf>[0]): Promise<ConsoleClient> {
  const c = new ConsoleClient(w.base);
  const r = await c.signIn(emailOf(role));
  assert.equal(r.status, 303, `${role} signs in`);
  return c;
}

describe('console access', () => {
  it('answers nothing without signing in: pages go to the sign-in form, the API says 401', async () => {
    const anon = new ConsoleClient(w.base);
    const page = await anon.request('/exceptions');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login?next=%2Fexceptions');
    assert.equal((await anon.request('/api/exceptions')).status, 401);
    assert.equal((await anon.request(`/api/exceptions/${opsException.id}/retry`, { method: 'POST' })).status, 401);
  });

  it('refuses a wrong password, audits it, and sets security headers and a secure HTTP-only session cookie on success', async () => {
    const c = new ConsoleClient(w.base);
    const wrong = await c.form('/login', { email: emailOf('viewer'), password: 'not-the-password', _csrf: await c.csrf() });
    assert.equal(wrong.status, 401);
    const audit = await w.store.console.listAudit({ actor: emailOf('viewer'), limit: 5 });
    assert.ok(audit.some((a) => a.action === 'sign-in' && a.outcome === 'refused'));
    const ok = await c.form('/login', { email: emailOf('viewer'), password: 'a-long-test-password', _csrf: await c.csrf() });
    assert.equal(ok.status, 303);
    const cookie = ok.headers.getSetCookie().find((x) => x.startsWith('fba_session='));
    assert.ok(cookie && /HttpOnly/i.test(cookie) && /Secure/i.test(cookie) && /SameSite=Lax/i.test(cookie) && /Max-Age=3600/i.test(cookie), cookie);
    const page = await c.request('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  it('refuses a state-changing request with a session but without the CSRF token, and changes nothing', async () => {
    const c = await signedIn('operations');
    const r = await c.request(`/api/exceptions/${opsException.id}/ignore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'forged' }) });
    assert.equal(r.status, 403);
    assert.equal((await w.store.exceptions.get(opsException.id))?.status, 'open');
    const forged = await c.request(`/api/exceptions/${opsException.id}/ignore`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': 'made-up' }, body: JSON.stringify({ reason: 'forged' }) });
    assert.equal(forged.status, 403);
  });

  it('lets each team act on its own exceptions only (403 and audited otherwise); viewer acts on none; admin on all', async () => {
    for (const role of ['viewer', 'ecommerce', 'finance'] as const) {
      const c = await signedIn(role);
      const r = await c.request(`/api/exceptions/${opsException.id}/retry`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': await c.csrf('/exceptions') }, body: '{}' });
      assert.equal(r.status, 403, role);
      const [last] = await w.store.console.listAudit({ actor: emailOf(role), subjectId: String(opsException.id), limit: 1 });
      assert.deepEqual([last?.action, last?.outcome], ['exception.retry', 'refused'], role);
    }
    assert.equal(await w.store.work.get('shop', 'order.export', 'ct-1'), null, 'no refused retry queued anything');
    const ops = await signedIn('operations');
    const r = await ops.request(`/api/exceptions/${opsException.id}/retry`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': await ops.csrf('/exceptions') }, body: '{}' });
    assert.equal(r.status, 200);
    assert.equal((await w.store.work.get('shop', 'order.export', 'ct-1'))?.state, 'pending');
    const admin = await signedIn('admin');
    const assign = async (assignee: string) => admin.request(`/api/exceptions/${financeException.id}/assign`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': await admin.csrf('/exceptions') }, body: JSON.stringify({ assignee }) });
    const unknown = await assign('anna@example.com');
    assert.equal(unknown.status, 400, 'nobody of that name can open the console');
    assert.match(await unknown.text(), /anna@example\.com has no console account: add it \(fba-bridge users add anna@example\.com --role finance\)/);
    const wrongTeam = await assign(emailOf('ecommerce'));
    assert.match(await wrongTeam.text(), /has the ecommerce role and cannot act on finance exceptions/);
    const assigned = await assign(emailOf('finance').toUpperCase());
    assert.equal(assigned.status, 200);
    const detail = await (await admin.request(`/api/exceptions/${financeException.id}`)).json() as any;
    assert.equal(detail.assignment.assignee, emailOf('finance'));
    assert.equal(detail.history[0].action, 'exception.assign');
  });

  it('requires a reason to ignore, and keeps it in the history', async () => {
    const fin = await signedIn('finance');
    const csrf = await fin.csrf('/exceptions');
    const none = await fin.request(`/api/exceptions/${financeException.id}/ignore`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ reason: '  ' }) });
    assert.equal(none.status, 400);
    const ok = await fin.request(`/api/exceptions/${financeException.id}/ignore`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ reason: 'booked by hand in Xero' }) });
    assert.equal(ok.status, 200);
    assert.equal((await w.store.exceptions.get(financeException.id))?.status, 'ignored');
    const [h] = await w.store.console.listAudit({ subjectType: 'exception', subjectId: String(financeException.id), limit: 1 });
    assert.deepEqual([h?.actor, h?.action, h?.detail], [emailOf('finance'), 'exception.ignore', 'booked by hand in Xero']);
  });

  it('serves scripts with API tokens on the same JSON API, without CSRF, with the token role', async () => {
    const viewer = await createApiToken(w.store, 'viewer', 'dashboards', Date.now());
    const ops = await createApiToken(w.store, 'operations', 'runbook script', Date.now());
    assert.ok(viewer.ok && ops.ok);
    const read = await fetch(`${w.base}/api/exceptions?status=all`, { headers: { authorization: `Bearer ${viewer.value.token}` } });
    assert.equal(read.status, 200);
    assert.ok(((await read.json()) as any).total >= 2);
    const refused = await fetch(`${w.base}/api/exceptions/${opsException.id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${viewer.value.token}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(refused.status, 403);
    const done = await fetch(`${w.base}/api/exceptions/${opsException.id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${ops.value.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ note: 'fixed in the Merchant Center' }) });
    assert.equal(done.status, 200);
    assert.equal((await w.store.exceptions.get(opsException.id))?.status, 'resolved');
    const revoked = await w.store.console.revokeToken(ops.value.record.id, Date.now());
    assert.ok(revoked);
    assert.equal((await fetch(`${w.base}/api/overview`, { headers: { authorization: `Bearer ${ops.value.token}` } })).status, 401);
  });

  it('acts in bulk: each exception is checked against the caller\'s team; refused ones are reported and audited', async () => {
    const now = Date.now();
    const a = await w.store.exceptions.raise({ connectionId: 'shop', type: 'order.send-failed', owner: 'operations', subjectType: 'order', subjectId: 'ct-b1', subjectLabel: 'B-1', reason: 'timeout', action: 'retry' }, now);
    const b = await w.store.exceptions.raise({ connectionId: 'shop', type: 'order.unknown-sku', owner: 'ecommerce', subjectType: 'order', subjectId: 'ct-b2', subjectLabel: 'B-2', reason: 'no listing', action: 'create it' }, now);
    const ops = await signedIn('operations');
    const r = await ops.form('/api/exceptions/bulk', { ids: [String(a.id), String(b.id)], action: 'assign', text: emailOf('operations'), back: '/exceptions', _csrf: await ops.csrf('/exceptions') });
    assert.equal(r.status, 303);
    assert.match(new URL(r.headers.get('location') ?? '', w.base).searchParams.get('ok') ?? '', /assign: 1 done; 1 not: #\d+: not allowed/);
    const assigned = await w.store.console.assignments([a.id, b.id]);
    assert.deepEqual(assigned.map((x) => x.exceptionId), [a.id]);
    const [refused] = await w.store.console.listAudit({ subjectType: 'exception', subjectId: String(b.id), limit: 1 });
    assert.equal(refused?.outcome, 'refused');
  });

  it('throttles sign-in attempts per address and account', async () => {
    const c = new ConsoleClient(w.base);
    const csrf = await c.csrf();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await c.form('/login', { email: 'nobody@example.com', password: `guess-${i}`, _csrf: csrf })).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.deepEqual(statuses.slice(10), [429, 429]);
  });
});
