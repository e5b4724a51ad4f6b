import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProductDraft } from '@commercetools/platform-sdk';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import { DEMO_PRODUCTS, seedDemoCatalogue } from '../../src/demo/seeders/demo-catalogue.js';
import type { VariantSku } from '../../src/ports/commercetools-inventory.js';
import type { Result } from '../../src/domain/shared/result.js';
import { startInventoryTestProject, type InventoryTestProject } from './ct-inventory-test-project.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.category} ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('listVariantSkus against the commercetools mock over HTTP', () => {
  let project: InventoryTestProject;
  let gateway: CommercetoolsInventoryGateway;
  let multiId = '';

  before(async () => {
    project = await startInventoryTestProject();
    gateway = new CommercetoolsInventoryGateway(project.api);
    await seedDemoCatalogue(project.api);
    const productType = (await project.api.productTypes().withKey({ key: 'demo-goods' }).get().execute()).body;
    const draft = (key: string, skus: string[], publish: boolean): ProductDraft => ({
      key,
      productType: { typeId: 'product-type', id: productType.id },
      name: { en: key },
      slug: { en: key },
      masterVariant: { sku: skus[0] },
      variants: skus.slice(1).map((sku) => ({ sku })),
      publish,
    });
    const multi = (await project.api.products().post({ body: draft('tee-organic', ['TEE-S', 'TEE-M', 'TEE-L'], true) }).execute()).body;
    multiId = multi.id;
    // A size added but not yet published, and a variant without a SKU: the audit sees the first only.
    await project.api
      .products()
      .withId({ ID: multi.id })
      .post({ body: { version: multi.version, actions: [{ action: 'addVariant', sku: 'TEE-XL', staged: true }, { action: 'addVariant', staged: true }] } })
      .execute();
    await project.api.products().post({ body: draft('draft-only', ['DRAFT-1'], false) }).execute();
  });
  after(() => project.close());

  it('pages through every variant SKU of every product, master and variants, each once', async () => {
    const variants: VariantSku[] = [];
    const pageLengths: number[] = [];
    let cursor: string | undefined;
    do {
      const page = value(await gateway.listVariantSkus(cursor, 5));
      variants.push(...page.variants);
      pageLengths.push(page.variants.length);
      cursor = page.cursor;
    } while (cursor && pageLengths.length < 20);

    assert.equal(pageLengths.length, 3, '14 products in pages of 5');
    const skus = variants.map((v) => v.sku);
    assert.equal(new Set(skus).size, skus.length, 'no repeats');
    assert.deepEqual([...skus].sort(), [...DEMO_PRODUCTS.map((p) => p.sku), 'TEE-S', 'TEE-M', 'TEE-L', 'TEE-XL', 'DRAFT-1'].sort());

    const tee = variants.filter((v) => v.productId === multiId);
    assert.deepEqual(
      tee.map((v) => [v.sku, v.variantId, v.isMasterVariant, v.published, v.productKey]),
      [
        ['TEE-S', 1, true, true, 'tee-organic'],
        ['TEE-M', 2, false, true, 'tee-organic'],
        ['TEE-L', 3, false, true, 'tee-organic'],
        ['TEE-XL', 4, false, false, 'tee-organic'],
      ],
    );
    assert.equal(variants.find((v) => v.sku === 'DRAFT-1')?.published, false, 'an unpublished product is not on sale');
    assert.equal(variants.find((v) => v.sku === 'KTL-1700-BLK')?.productKey, 'ktl-1700-blk');
  });

  it('refuses a cursor from the entry listing', async () => {
    const channel = await project.createChannel('fba-eu-variants');
    await project.api.inventory().post({ body: { sku: 'X-1', supplyChannel: { typeId: 'channel', id: channel }, quantityOnStock: 1 } }).execute();
    await project.api.inventory().post({ body: { sku: 'X-2', supplyChannel: { typeId: 'channel', id: channel }, quantityOnStock: 1 } }).execute();
    const entries = value(await gateway.listEntries([channel], { pageSize: 1 }));
    const refused = await gateway.listVariantSkus(entries.cursor, 5);
    assert.equal(!refused.ok && refused.error.code, 'InvalidCursor');
  });
});
