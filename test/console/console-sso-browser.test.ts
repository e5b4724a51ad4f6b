// Single sign-on in real Chromium against a local oidc-provider (loopback): a person whose role claim
// names finance signs in and acts as finance; a person without a known role is refused (403, audited).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { Secret } from '../../src/config/secret.js';
import { startConsoleWorld, type ConsoleWorld } from '../support/console-world.js';
import { browserSkipReason, launchChromium, screenshot } from '../support/browser.js';

const skip = browserSkipReason();
const ROLES: Record<string, unknown> = { 'fiona@example.com': 'finance', 'nobody@example.com': 'chef' };

describe('single sign-on (OpenID Connect) in Chromium', { skip: skip ?? false }, () => {
  let idp: Server;
  let w: ConsoleWorld;
  let browser: Browser;
  before(async () => {
    idp = createServer();
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', () => r()));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    w = await startConsoleWorld({ access: { oidc: { issuerUrl: issuer, clientId: 'fba-console', clientSecret: new Secret('console-client-secret-0123456789'), roleClaim: 'fba_role' } } });
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'fba-console', client_secret: 'console-client-secret-0123456789', redirect_uris: [`${w.base}/login/sso/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['fba_role'] },
      findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true, fba_role: ROLES[id] }) }),
      cookies: { keys: ['test-cookie-key-0123456789'] },
    });
    provider.proxy = false;
    idp.on('request', provider.callback());
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await w?.close();
    await new Promise<void>((r) => idp?.close(() => r()));
  });

  async function signInWithSso(page: Page, login: string): Promise<void> {
    // Loopback only: the provider's development pages would fetch a web font.
    await page.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort());
    await page.goto(`${w.base}/login`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.port === new URL(w.base).port && (url.pathname === '/' || url.pathname === '/login/sso/callback'));
  }

  it('signs in a person with the role from the configured claim', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInWithSso(page, 'fiona@example.com');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('.who').textContent() ?? '', /fiona@example\.com \(finance\)/);
    await screenshot(page, 'sso-signed-in');
    const user = await w.store.console.getUser('fiona@example.com');
    assert.deepEqual([user?.role, user?.source, user?.passwordHash], ['finance', 'sso', null]);
    await page.close();
  });

  it('refuses a person whose claim names no role, and audits it', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInWithSso(page, 'nobody@example.com');
    assert.match(await page.locator('main').textContent() ?? '', /Not allowed: the "fba_role" claim names no fba-bridge role/);
    const [a] = await w.store.console.listAudit({ actor: 'nobody@example.com', limit: 1 });
    assert.deepEqual([a?.action, a?.outcome], ['sign-in', 'refused']);
    assert.equal(await w.store.console.getUser('nobody@example.com'), null);
    await page.close();
  });
});
