// The console in real Chromium against an in-process bridge server and a real store: signing in,
// the Overview, the Exceptions inbox with a refused action (403 page, audited) and a CSRF-less request
// refused, a drifting SKU on the Inventory page, and a settlement uploaded and summarised.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startConsoleWorld, emailOf, PASSWORD, type ConsoleWorld } from '../support/console-world.js';
import { browserSkipReason, launchChromium, screenshot, signInWithForm } from '../support/browser.js';
import { settingsOf } from '../support/inventory-world.js';

const skip = browserSkipReason();
const SETTLEMENT = fileURLToPath(new URL('../fixtures/settlements/v2-de-comma-latin1-crlf.txt', import.meta.url));
const INVENTORY = settingsOf({
  pools: [{ id: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], holdback: { units: 1 }, buffer: { units: 2 }, channels: [{ key: 'fba-eu', policy: 'split', share: 60 }, { key: 'fba-eu-b2b', policy: 'split', share: 40 }] }],
});

describe('console pages in Chromium', { skip: skip ?? false }, () => {
  let w: ConsoleWorld;
  let browser: Browser;
  before(async () => {
    w = await startConsoleWorld({ connectionId: 'shop', config: { inventory: INVENTORY } });
    const now = Date.now();
    await w.store.exceptions.raise({ connectionId: 'shop', type: 'order.invalid-address', owner: 'operations', subjectType: 'order', subjectId: 'ct-9', subjectLabel: 'B-9', reason: 'The street is missing', action: 'Correct the address, then retry' }, now - 7200_000);
    await w.store.exceptions.raise({ connectionId: 'shop', type: 'order.unknown-sku', owner: 'ecommerce', subjectType: 'order', subjectId: 'ct-10', subjectLabel: 'B-10', reason: 'SKU X is not stocked by FBA', action: 'Create the listing' }, now);
    await w.store.inventory.saveSnapshots([
      { connectionId: 'shop', poolId: 'eu', sku: 'DRIFT-1', fulfillable: 103, reservedTotal: 0, pendingCustomerOrder: 0, inbound: 0, unfulfillable: 0, researching: 0, totalQuantity: 103, amazonUpdatedAt: null, readAt: now },
      { connectionId: 'shop', poolId: 'eu', sku: 'CALM-1', fulfillable: 13, reservedTotal: 0, pendingCustomerOrder: 0, inbound: 0, unfulfillable: 0, researching: 0, totalQuantity: 13, amazonUpdatedAt: null, readAt: now },
    ]);
    await w.store.inventory.saveEntries([
      { connectionId: 'shop', sku: 'DRIFT-1', channel: 'fba-eu', poolId: 'eu', entryId: 'e1', entryVersion: 3, quantityOnStock: 12, availableQuantity: 12, expectedQuantity: 60, observedAt: now, writtenAt: now - 3600_000, differsSince: now - 3 * 3600_000 },
      { connectionId: 'shop', sku: 'DRIFT-1', channel: 'fba-eu-b2b', poolId: 'eu', entryId: 'e2', entryVersion: 3, quantityOnStock: 40, availableQuantity: 40, expectedQuantity: 40, observedAt: now, writtenAt: now, differsSince: null },
      { connectionId: 'shop', sku: 'CALM-1', channel: 'fba-eu', poolId: 'eu', entryId: 'e3', entryVersion: 1, quantityOnStock: 6, availableQuantity: 6, expectedQuantity: 6, observedAt: now, writtenAt: now, differsSince: null },
    ]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await w?.close();
  });

  it('signs in with a local account and shows the Overview with each flow\'s verdict and charts', async () => {
    const page = await browser.newPage();
    await page.goto(`${w.base}/exceptions`);
    assert.match(page.url(), /\/login\?next=%2Fexceptions$/, 'signed out: the sign-in form');
    await signInWithForm(page, w.base, emailOf('viewer'), PASSWORD);
    await page.goto(`${w.base}/`);
    assert.equal(await page.locator('tr[data-flow="ordersOut"] .badge').textContent(), 'ok');
    await page.waitForSelector('.chart .uplot');
    assert.equal(await page.locator('.chart .uplot').count(), 1, 'throughput drawn with uPlot');
    assert.equal(await page.locator('.chart.empty').count(), 2, 'backlog and lag say they have no samples yet');
    await screenshot(page, 'overview');
    await page.close();
  });

  it('a viewer sees the inbox grouped by type but is refused a retry (403 page, audited); a request without the CSRF token is refused', async () => {
    const page = await browser.newPage();
    await signInWithForm(page, w.base, emailOf('viewer'), PASSWORD);
    await page.goto(`${w.base}/exceptions`);
    assert.equal(await page.locator('section.group').count(), 2);
    await screenshot(page, 'exceptions-inbox');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/retry') && r.request().method() === 'POST'),
      page.getByRole('button', { name: /Retry exception \d+/ }).first().click(),
    ]);
    assert.equal(answer.status(), 403);
    assert.match(await page.locator('main').textContent() ?? '', /Not allowed: the viewer role may not act on exceptions/);
    await screenshot(page, 'refused-viewer');
    const [audit] = await w.store.console.listAudit({ actor: emailOf('viewer'), limit: 1 });
    assert.deepEqual([audit?.action, audit?.outcome], ['exception.retry', 'refused']);

    const forged = await page.evaluate(async () => (await fetch('/api/exceptions/1/resolve', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"note":"x"}' })).status);
    assert.equal(forged, 403, 'the session cookie alone is not enough');
    await page.close();
  });

  it('an operations person ignores their exception with a reason from its page; the history shows who did it', async () => {
    const page = await browser.newPage();
    await signInWithForm(page, w.base, emailOf('operations'), PASSWORD);
    await page.goto(`${w.base}/exceptions?team=operations`);
    await page.getByRole('link', { name: 'Ignore, resolve, assign…' }).first().click();
    await page.getByLabel('Reason for ignoring').fill('Customer collected in store');
    await page.getByRole('button', { name: 'Ignore' }).click();
    await page.waitForSelector('.flash.ok');
    assert.match(await page.locator('main').textContent() ?? '', /Customer collected in store/);
    assert.match(await page.locator('main').textContent() ?? '', /operations@example\.com/);
    await screenshot(page, 'exception-history');
    await page.close();
  });

  it('shows a drifting SKU on the Inventory page and filters to drifting SKUs', async () => {
    const page = await browser.newPage();
    await signInWithForm(page, w.base, emailOf('operations'), PASSWORD);
    await page.goto(`${w.base}/inventory`);
    assert.equal(await page.locator('tr.drifting').count(), 1);
    assert.equal(await page.locator('tr.drifting').getAttribute('data-sku'), 'DRIFT-1');
    await page.getByLabel('Only drifting SKUs').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/drifting=1/);
    assert.deepEqual(await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sku'))), ['DRIFT-1']);
    assert.match(await page.locator('tr.drifting').textContent() ?? '', /60 \/ 12/, 'allocated 60, commercetools shows 12');
    await screenshot(page, 'inventory-drifting');
    await page.close();
  });

  it('finance uploads a settlement file and sees its summary; the journal downloads as Xero CSV', async () => {
    const page = await browser.newPage();
    await signInWithForm(page, w.base, emailOf('finance'), PASSWORD);
    await page.goto(`${w.base}/settlements`);
    await page.getByLabel(/Settlement file/).setInputFiles({ name: 'settlement.txt', mimeType: 'text/plain', buffer: readFileSync(SETTLEMENT) });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL(/\/settlements\/\d+/);
    const text = await page.locator('main').textContent() ?? '';
    assert.match(text, /imported/);
    assert.match(text, /Net proceeds/);
    assert.match(text, /Amazon fees/);
    await screenshot(page, 'settlement-summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xero manual journal (CSV)' }).click()]);
    assert.match(download.suggestedFilename(), /-xero\.csv$/);
    await page.close();
  });
});
