// The commercetools shipping address as Amazon's destinationAddress: complete, ISO-8859-1, within
// Amazon's field lengths. An address is never shortened: a cut street or name could send the parcel
// to the wrong door, so an overlong field is a problem for a person to fix.
// Docs: ../spapi-models/fulfillmentOutbound_2020-07-01.json (Address: required fields). The model states
// no lengths; Amazon's MCF integration guide does (name 50, lines 60, city 50, state 50, postal 20, phone 20).
import { fail, ok, type Result } from '../shared/result.js';
import type { ExceptionType } from '../exceptions/exception-types.js';
import type { FbaAddress } from './fba-order.js';
import { isLatin1, toLatin1 } from './latin1-text.js';
import type { StorefrontAddress } from './storefront-order.js';

export interface AddressProblem {
  readonly type: ExceptionType;
  readonly reason: string;
}

export type AddressMapping = Result<{ readonly address: FbaAddress; readonly notes: string[] }, AddressProblem[]>;

type AddressField = 'name' | 'addressLine1' | 'addressLine2' | 'addressLine3' | 'city' | 'stateOrRegion' | 'postalCode' | 'phone';

interface FieldRule {
  readonly max: number;
  /** What the field is called for the person who fixes it, with the commercetools fields it comes from. */
  readonly label: string;
}

const FIELD_RULES: Record<AddressField, FieldRule> = {
  name: { max: 50, label: 'recipient name (firstName + lastName, or company)' },
  addressLine1: { max: 60, label: 'street (streetName + streetNumber)' },
  addressLine2: { max: 60, label: 'address line 2 (additionalStreetInfo, building, apartment)' },
  addressLine3: { max: 60, label: 'company (company)' },
  city: { max: 50, label: 'city (city)' },
  stateOrRegion: { max: 50, label: 'state or region (state, region)' },
  postalCode: { max: 20, label: 'postal code (postalCode)' },
  phone: { max: 20, label: 'phone (phone, mobile)' },
};

/** Countries where the house number is written before the street name. */
const NUMBER_FIRST_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'FR', 'LU', 'JP', 'IN', 'SG']);
/** Docs: Address.city "is required in all countries except Japan. It should not be used in Japan." */
const COUNTRIES_WITHOUT_CITY: ReadonlySet<string> = new Set(['JP']);

function clean(value: string | undefined): string {
  return (value ?? '').trim();
}

function joined(parts: ReadonlyArray<string | undefined>, separator: string): string {
  return parts.map(clean).filter((p) => p !== '').join(separator);
}

function streetLine(address: StorefrontAddress, country: string): string {
  const street = clean(address.streetName);
  const number = clean(address.streetNumber);
  // Storefronts often type the number into streetName as well; do not print it twice.
  if (street === '' || number === '' || street.split(/\s+/).includes(number)) return street;
  return NUMBER_FIRST_COUNTRIES.has(country) ? `${number} ${street}` : `${street} ${number}`;
}

/** Phone numbers often only overflow because of their spacing: "+49 (0) 170 123 45 67" → "+491701234567". */
function compactPhone(phone: string): string {
  return phone.replace(/\(0\)/g, '').replace(/[\s().\-/]/g, '');
}

export function mapDestinationAddress(address: StorefrontAddress | undefined): AddressMapping {
  if (address === undefined) {
    return fail([{ type: 'order.invalid-address', reason: 'The order has no shipping address.' }]);
  }
  const country = clean(address.country).toUpperCase();
  const person = joined([address.firstName, address.lastName], ' ');
  const company = clean(address.company);
  const raw: Record<AddressField, string> = {
    name: person !== '' ? person : company,
    addressLine1: streetLine(address, country),
    addressLine2: joined([address.additionalStreetInfo, address.building, address.apartment], ', '),
    addressLine3: person !== '' ? company : '',
    city: COUNTRIES_WITHOUT_CITY.has(country) ? '' : clean(address.city),
    stateOrRegion: clean(address.state) !== '' ? clean(address.state) : clean(address.region),
    postalCode: clean(address.postalCode),
    phone: clean(address.phone) !== '' ? clean(address.phone) : clean(address.mobile),
  };
  const notes: string[] = [];
  // Japan has no `city` field at Amazon: the city goes after the street, as Japanese addresses are written in Latin letters.
  if (COUNTRIES_WITHOUT_CITY.has(country) && clean(address.city) !== '') {
    raw.addressLine1 = joined([raw.addressLine1, address.city], ', ');
    notes.push(`City written into the street line: Amazon takes no city field for ${country} addresses.`);
  }

  const sent = {} as Record<AddressField, string>;
  const unrepresentable: string[] = [];
  for (const field of Object.keys(FIELD_RULES) as AddressField[]) {
    sent[field] = toLatin1(raw[field]);
    if (raw[field] !== '' && sent[field] === '') unrepresentable.push(FIELD_RULES[field].label);
    else if (!isLatin1(raw[field])) notes.push(`Shipping address ${FIELD_RULES[field].label} transliterated to ISO-8859-1 for Amazon.`);
  }
  if (sent.phone.length > FIELD_RULES.phone.max && compactPhone(sent.phone).length <= FIELD_RULES.phone.max) {
    sent.phone = compactPhone(sent.phone);
    notes.push(`Phone number sent without spaces and punctuation to fit Amazon's ${FIELD_RULES.phone.max} characters.`);
  }

  const problems: AddressProblem[] = [];
  const missing: string[] = [];
  if (raw.name === '') missing.push(FIELD_RULES.name.label);
  if (clean(address.streetName) === '') missing.push('street (streetName)');
  if (raw.postalCode === '') missing.push(FIELD_RULES.postalCode.label);
  if (raw.city === '' && !COUNTRIES_WITHOUT_CITY.has(country)) missing.push(FIELD_RULES.city.label);
  if (country === '') missing.push('country (country)');
  if (missing.length > 0) {
    problems.push({ type: 'order.invalid-address', reason: `Shipping address incomplete for Amazon: missing ${missing.join(', ')}.` });
  }
  if (country !== '' && !/^[A-Z]{2}$/.test(country)) {
    problems.push({ type: 'order.invalid-address', reason: `Shipping address country (country) '${clean(address.country)}' is not a two-letter ISO 3166 code such as DE or US.` });
  }
  if (unrepresentable.length > 0) {
    problems.push({
      type: 'order.invalid-address',
      reason: `Shipping address cannot be written in ISO-8859-1 (Latin) characters, which Amazon requires: ${unrepresentable.join(', ')}. Enter it in Latin letters.`,
    });
  }
  for (const field of Object.keys(FIELD_RULES) as AddressField[]) {
    const { max, label } = FIELD_RULES[field];
    if (sent[field].length > max) {
      problems.push({
        type: 'order.invalid-address',
        reason: `Shipping address ${label} has ${sent[field].length} characters; Amazon accepts at most ${max}. Shorten it on the order.`,
      });
    }
  }
  if (problems.length > 0) return fail(problems);

  const optional = (field: AddressField): { [K in AddressField]?: string } => (sent[field] === '' ? {} : { [field]: sent[field] });
  return ok({
    address: {
      name: sent.name,
      addressLine1: sent.addressLine1,
      ...optional('addressLine2'),
      ...optional('addressLine3'),
      ...optional('city'),
      ...optional('stateOrRegion'),
      postalCode: sent.postalCode,
      countryCode: country,
      ...optional('phone'),
    },
    notes,
  });
}
