// Marketplaces, fulfillment centres and carriers the simulated warehouse draws from. Realistic enough
// for dashboards and carrier mapping; not a claim about Amazon's real network.
// Docs: https://developer-docs.amazon.com/sp-api/docs/marketplace-ids

interface MarketplaceInfo {
  readonly id: string;
  readonly country: string;
  readonly currency: string;
}

const MARKETPLACES: readonly MarketplaceInfo[] = [
  { id: 'ATVPDKIKX0DER', country: 'US', currency: 'USD' },
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', currency: 'CAD' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', currency: 'MXN' },
  { id: 'A1F83G8C2ARO7P', country: 'GB', currency: 'GBP' },
  { id: 'A1PA6795UKMFR9', country: 'DE', currency: 'EUR' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', currency: 'EUR' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', currency: 'EUR' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', currency: 'EUR' },
  { id: 'A1805IZSGTT6HS', country: 'NL', currency: 'EUR' },
  { id: 'A1VC38T7YXB528', country: 'JP', currency: 'JPY' },
];

export const DEFAULT_MARKETPLACE_ID = 'ATVPDKIKX0DER';

/** The marketplace an order without marketplaceId is placed against, from its destination. */
export function marketplaceForCountry(countryCode: string): string {
  const country = countryCode === 'UK' ? 'GB' : countryCode;
  return MARKETPLACES.find((m) => m.country === country)?.id ?? DEFAULT_MARKETPLACE_ID;
}

/** The marketplace's country code (US for an unknown id). */
export function countryOf(marketplaceId: string): string {
  return MARKETPLACES.find((m) => m.id === marketplaceId)?.country ?? 'US';
}

export function currencyOf(marketplaceId: string): string {
  return MARKETPLACES.find((m) => m.id === marketplaceId)?.currency ?? 'USD';
}

export interface FulfillmentCenter {
  readonly id: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
}

const CENTERS: Readonly<Record<string, readonly FulfillmentCenter[]>> = {
  US: [
    { id: 'PHX3', city: 'Phoenix', state: 'AZ', country: 'US' },
    { id: 'RNO1', city: 'Reno', state: 'NV', country: 'US' },
    { id: 'SDF8', city: 'Jeffersonville', state: 'IN', country: 'US' },
    { id: 'BFI4', city: 'Kent', state: 'WA', country: 'US' },
    { id: 'ABE2', city: 'Breinigsville', state: 'PA', country: 'US' },
  ],
  GB: [
    { id: 'LTN1', city: 'Ridgmont', state: 'Bedfordshire', country: 'GB' },
    { id: 'BHX4', city: 'Coventry', state: 'West Midlands', country: 'GB' },
  ],
  EU: [
    { id: 'LEJ1', city: 'Leipzig', state: 'SN', country: 'DE' },
    { id: 'FRA7', city: 'Frankenthal', state: 'RP', country: 'DE' },
    { id: 'MXP5', city: 'Castel San Giovanni', state: 'PC', country: 'IT' },
    { id: 'ORY1', city: 'Saran', state: 'Loiret', country: 'FR' },
  ],
  OTHER: [{ id: 'YYZ4', city: 'Brampton', state: 'ON', country: 'CA' }],
};

const EU = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'AT', 'BE', 'PL', 'SE', 'IE', 'DK', 'CZ', 'LU', 'PT']);

function region(countryCode: string): string {
  if (countryCode === 'US') return 'US';
  if (countryCode === 'GB' || countryCode === 'UK') return 'GB';
  if (EU.has(countryCode)) return 'EU';
  return 'OTHER';
}

export function fulfillmentCentersFor(countryCode: string): readonly FulfillmentCenter[] {
  return CENTERS[region(countryCode)] ?? CENTERS.OTHER!;
}

export function fulfillmentCenter(id: string): FulfillmentCenter | undefined {
  return Object.values(CENTERS).flat().find((c) => c.id === id);
}

const CARRIERS: Readonly<Record<string, readonly string[]>> = {
  US: ['UPS', 'USPS', 'AMZL'],
  GB: ['DPD', 'ROYAL_MAIL', 'AMZL'],
  EU: ['DHL', 'DPD', 'AMZL'],
  OTHER: ['DHL', 'UPS', 'AMZL'],
};

/** Carriers that deliver to the country; AMZL left out when the order blocks Amazon Logistics. */
export function carriersFor(countryCode: string, blockAmzl: boolean): readonly string[] {
  const all = CARRIERS[region(countryCode)] ?? CARRIERS.OTHER!;
  return blockAmzl ? all.filter((c) => c !== 'AMZL') : all;
}
