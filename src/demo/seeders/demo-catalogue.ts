// Seeds a small, realistic storefront for `demo` and tests, through the SDK over HTTP like any client
// would: tax category and zone, a product type with 12 products, the FBA stock pool and a merchant
// warehouse as channels, and FBA and merchant shipping methods. Every helper is "ensure by key", so
// seeding twice is harmless. Tooling, not flow code: failures throw.
import type { ShippingMethodDraft, TaxCategory, Zone } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import type { Result } from '../../domain/shared/result.js';
import { read } from '../../adapters/commercetools/ct-errors.js';

export const DEMO_CURRENCY = 'EUR';
/** Countries the demo zone, taxes and shipping methods cover. */
export const DEMO_COUNTRIES = ['DE', 'AT', 'NL', 'BE', 'FR', 'IT', 'ES'] as const;
const VAT: Record<(typeof DEMO_COUNTRIES)[number], number> = { DE: 0.19, AT: 0.2, NL: 0.21, BE: 0.21, FR: 0.2, IT: 0.22, ES: 0.21 };

export const DEMO_CHANNELS = {
  /** The FBA pool: lines supplied from here are Amazon's to ship. */
  fbaPool: 'fba-eu',
  merchantWarehouse: 'warehouse-berlin',
} as const;

export const DEMO_SHIPPING_METHODS = {
  fbaStandard: 'fba-standard',
  fbaExpedited: 'fba-expedited',
  fbaPriority: 'fba-priority',
  merchantHome: 'dhl-home',
} as const;

const SHIPPING_RATES: ReadonlyArray<{ key: string; name: string; centAmount: number }> = [
  { key: DEMO_SHIPPING_METHODS.fbaStandard, name: 'Standard (Amazon FBA, 3–5 days)', centAmount: 495 },
  { key: DEMO_SHIPPING_METHODS.fbaExpedited, name: 'Expedited (Amazon FBA, 2 days)', centAmount: 895 },
  { key: DEMO_SHIPPING_METHODS.fbaPriority, name: 'Priority (Amazon FBA, next day)', centAmount: 1495 },
  { key: DEMO_SHIPPING_METHODS.merchantHome, name: 'DHL home delivery (from our Berlin warehouse)', centAmount: 595 },
];

export interface DemoProduct {
  readonly sku: string;
  readonly name: string;
  /** Gross price in cents (EUR, VAT included). */
  readonly centAmount: number;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { sku: 'KTL-1700-BLK', name: 'Stainless Steel Electric Kettle 1.7 l, Black', centAmount: 3999 },
  { sku: 'FRP-350-STL', name: 'French Press Coffee Maker 350 ml', centAmount: 2499 },
  { sku: 'GRN-BURR-01', name: 'Conical Burr Coffee Grinder', centAmount: 6999 },
  { sku: 'MUG-CER-2PK', name: 'Ceramic Espresso Cups, Set of 2', centAmount: 1899 },
  { sku: 'BTL-750-INS', name: 'Insulated Water Bottle 750 ml', centAmount: 2799 },
  { sku: 'LNC-BOX-BMB', name: 'Bamboo Lunch Box with Cutlery', centAmount: 2199 },
  { sku: 'YGA-MAT-6MM', name: 'Non-Slip Yoga Mat 6 mm, Sage', centAmount: 3499 },
  { sku: 'HDP-BT-ANC', name: 'Wireless Noise-Cancelling Headphones', centAmount: 12999 },
  { sku: 'CHG-USB-C65', name: 'USB-C Charger 65 W, GaN', centAmount: 3999 },
  { sku: 'LMP-DSK-LED', name: 'Dimmable LED Desk Lamp', centAmount: 4599 },
  { sku: 'TWL-BTH-4PK', name: 'Organic Cotton Bath Towels, Pack of 4', centAmount: 4999 },
  { sku: 'CND-SOY-LAV', name: 'Lavender Soy Candle 200 g', centAmount: 1499 },
];

const TAX_CATEGORY_KEY = 'standard-vat';
const ZONE_KEY = 'eu-core';
const PRODUCT_TYPE_KEY = 'demo-goods';

export interface DemoCatalogue {
  readonly skus: readonly string[];
  readonly channelIds: { readonly fbaPool: string; readonly merchantWarehouse: string };
  readonly shippingMethodIds: Readonly<Record<string, string>>;
}

export async function seedDemoCatalogue(api: CommercetoolsApi): Promise<DemoCatalogue> {
  const taxCategory = await ensureTaxCategory(api);
  const zone = await ensureZone(api);
  const fbaPool = await ensureChannel(api, DEMO_CHANNELS.fbaPool, 'Amazon FBA – EU pool');
  const merchantWarehouse = await ensureChannel(api, DEMO_CHANNELS.merchantWarehouse, 'Warehouse Berlin');
  const shippingMethodIds: Record<string, string> = {};
  for (const rate of SHIPPING_RATES) {
    shippingMethodIds[rate.key] = await ensureShippingMethod(api, rate, zone, taxCategory);
  }
  const productTypeId = await ensureProductType(api);
  for (const product of DEMO_PRODUCTS) await ensureProduct(api, product, productTypeId, taxCategory.id);
  return {
    skus: DEMO_PRODUCTS.map((p) => p.sku),
    channelIds: { fbaPool, merchantWarehouse },
    shippingMethodIds,
  };
}

async function ensureTaxCategory(api: CommercetoolsApi): Promise<TaxCategory> {
  const existing = await found(read(() => api.taxCategories().withKey({ key: TAX_CATEGORY_KEY }).get().execute()));
  if (existing) return existing;
  const rates = DEMO_COUNTRIES.map((country) => ({ name: `VAT ${country}`, amount: VAT[country], includedInPrice: true, country }));
  return (await api.taxCategories().post({ body: { key: TAX_CATEGORY_KEY, name: 'Standard VAT', rates } }).execute()).body;
}

async function ensureZone(api: CommercetoolsApi): Promise<Zone> {
  const existing = await found(read(() => api.zones().withKey({ key: ZONE_KEY }).get().execute()));
  if (existing) return existing;
  const locations = DEMO_COUNTRIES.map((country) => ({ country }));
  return (await api.zones().post({ body: { key: ZONE_KEY, name: 'EU core', locations } }).execute()).body;
}

/** Finds or creates an InventorySupply channel by key; answers its id. */
export async function ensureChannel(api: CommercetoolsApi, key: string, name: string): Promise<string> {
  const existing = await found(read(() => api.channels().withKey({ key }).get().execute()));
  if (existing) return existing.id;
  const body = { key, name: { en: name }, roles: ['InventorySupply' as const] };
  return (await api.channels().post({ body }).execute()).body.id;
}

async function ensureShippingMethod(
  api: CommercetoolsApi,
  rate: (typeof SHIPPING_RATES)[number],
  zone: Zone,
  taxCategory: TaxCategory,
): Promise<string> {
  const existing = await found(read(() => api.shippingMethods().withKey({ key: rate.key }).get().execute()));
  if (existing) return existing.id;
  const body: ShippingMethodDraft = {
    key: rate.key,
    name: rate.name,
    localizedName: { en: rate.name },
    isDefault: false,
    active: true,
    taxCategory: { typeId: 'tax-category', id: taxCategory.id },
    zoneRates: [
      {
        zone: { typeId: 'zone', id: zone.id },
        shippingRates: [{ price: { currencyCode: DEMO_CURRENCY, centAmount: rate.centAmount } }],
      },
    ],
  };
  return (await api.shippingMethods().post({ body }).execute()).body.id;
}

async function ensureProductType(api: CommercetoolsApi): Promise<string> {
  const existing = await found(read(() => api.productTypes().withKey({ key: PRODUCT_TYPE_KEY }).get().execute()));
  if (existing) return existing.id;
  const body = { key: PRODUCT_TYPE_KEY, name: 'Demo goods', description: 'Products of the fba-bridge demo shop', attributes: [] };
  return (await api.productTypes().post({ body }).execute()).body.id;
}

async function ensureProduct(api: CommercetoolsApi, product: DemoProduct, productTypeId: string, taxCategoryId: string): Promise<void> {
  const key = product.sku.toLowerCase();
  const existing = await found(read(() => api.products().withKey({ key }).get().execute()));
  if (existing) return;
  await api
    .products()
    .post({
      body: {
        key,
        productType: { typeId: 'product-type', id: productTypeId },
        taxCategory: { typeId: 'tax-category', id: taxCategoryId },
        name: { en: product.name },
        slug: { en: key },
        masterVariant: {
          sku: product.sku,
          prices: [{ value: { currencyCode: DEMO_CURRENCY, centAmount: product.centAmount } }],
        },
        publish: true,
      },
    })
    .execute();
}

/** Unwraps a read for seeding code, where any failure is fatal. */
async function found<T>(pending: Promise<Result<T | null>>): Promise<T | null> {
  const result = await pending;
  if (!result.ok) throw new Error(`commercetools: ${result.error.message}`);
  return result.value;
}

// Placing and cancelling demo orders lives in its own file; re-exported so demo code has one import.
export { cancelOrder, createDemoOrder, type DemoOrderLine, type DemoOrderSpec } from './demo-orders.js';
