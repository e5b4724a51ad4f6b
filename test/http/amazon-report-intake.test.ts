// REPORT_PROCESSING_FINISHED (camelCase envelope, as its model writes it): a finished settlement report
// runs settlement discovery for the seller's connections once; a duplicate, another report type or an
// unfinished report does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/adapters/store/open-store.js';
import { acceptAmazonNotification } from '../../src/http/amazon-intake.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';

function finished(id: string, reportType: string, processingStatus = 'DONE', sellerId = 'SELLER-A') {
  return {
    notificationVersion: '2020-09-04', notificationType: 'REPORT_PROCESSING_FINISHED', payloadVersion: '2020-09-04', eventTime: '2026-11-28T10:00:00Z',
    payload: { reportProcessingFinishedNotification: { sellerId, accountId: `amzn1.merchant.o.${sellerId}`, reportId: '5451', reportType, processingStatus, reportDocumentId: 'amzn1.tortuga.3.x' } },
    notificationMetadata: { applicationId: 'app', subscriptionId: 'sub', publishTime: '2026-11-28T10:00:01Z', notificationId: id },
  };
}

test('a finished settlement report runs discovery for the seller\'s connections, once', async () => {
  const store = await openStore(':memory:');
  await store.migrate();
  const asked: string[][] = [];
  const deps = {
    store, workClock: { now: () => new Date(5_000) }, logger: silentLogger, wake: () => {},
    connections: [{ id: 'a', sellerId: 'SELLER-A' }, { id: 'b', sellerId: 'SELLER-B' }],
    settlementReportReady: (ids: readonly string[]) => { asked.push([...ids]); },
  };
  const first = await acceptAmazonNotification(deps, finished('n-1', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'));
  assert.equal(first.status, 202);
  assert.deepEqual(asked, [['a']]);
  assert.equal((await acceptAmazonNotification(deps, finished('n-1', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'))).status, 202);
  assert.equal(asked.length, 1, 'a duplicate does not run discovery again');
  await acceptAmazonNotification(deps, finished('n-2', 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA'));
  await acceptAmazonNotification(deps, finished('n-3', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'CANCELLED'));
  assert.equal(asked.length, 1, 'other reports and unfinished ones are acknowledged only');
  await store.close();
});
