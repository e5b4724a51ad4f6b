import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapDestinationAddress } from './destination-address.js';
import type { StorefrontAddress } from './storefront-order.js';

const berlin: StorefrontAddress = {
  firstName: 'Erika', lastName: 'Mustermann', streetName: 'Hauptstraße', streetNumber: '5',
  postalCode: '10115', city: 'Berlin', country: 'DE',
};

function problemsOf(address: StorefrontAddress | undefined): string[] {
  const result = mapDestinationAddress(address);
  assert.equal(result.ok, false, 'expected problems');
  if (result.ok) return [];
  for (const p of result.error) assert.equal(p.type, 'order.invalid-address');
  return result.error.map((p) => p.reason);
}

function addressOf(address: StorefrontAddress): Record<string, unknown> {
  const result = mapDestinationAddress(address);
  assert.ok(result.ok, result.ok ? '' : result.error.map((p) => p.reason).join(' | '));
  return result.ok ? { ...result.value.address } : {};
}

describe('mapDestinationAddress', () => {
  it('maps a complete German address', () => {
    assert.deepEqual(addressOf(berlin), {
      name: 'Erika Mustermann', addressLine1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', countryCode: 'DE',
    });
  });

  it('maps every optional part', () => {
    assert.deepEqual(addressOf({
      ...berlin, company: 'Beispiel GmbH', additionalStreetInfo: 'Hinterhaus', building: 'B', apartment: '12',
      state: 'Berlin', phone: '+49 30 1234567', mobile: '+49 170 1', country: 'de',
    }), {
      name: 'Erika Mustermann', addressLine1: 'Hauptstraße 5', addressLine2: 'Hinterhaus, B, 12', addressLine3: 'Beispiel GmbH',
      city: 'Berlin', stateOrRegion: 'Berlin', postalCode: '10115', countryCode: 'DE', phone: '+49 30 1234567',
    });
  });

  const variants: Array<[string, StorefrontAddress, Record<string, string>]> = [
    ['company as name when there is no person', { ...berlin, firstName: undefined, lastName: undefined, company: 'ACME AG' }, { name: 'ACME AG' }],
    ['last name alone is a name', { ...berlin, firstName: undefined }, { name: 'Mustermann' }],
    ['region when there is no state', { ...berlin, region: 'Mitte' }, { stateOrRegion: 'Mitte' }],
    ['mobile when there is no phone', { ...berlin, mobile: '0170 1234' }, { phone: '0170 1234' }],
    ['house number first in the US', { ...berlin, streetName: 'Main Street', streetNumber: '410', country: 'US' }, { addressLine1: '410 Main Street' }],
    ['house number first in France', { ...berlin, streetName: 'rue de la Paix', streetNumber: '12', country: 'FR' }, { addressLine1: '12 rue de la Paix' }],
    ['street without number', { ...berlin, streetNumber: undefined }, { addressLine1: 'Hauptstraße' }],
    ['number already typed into the street name', { ...berlin, streetName: 'Hauptstraße 5' }, { addressLine1: 'Hauptstraße 5' }],
    ['text is made Latin-1', { ...berlin, firstName: 'Łukasz', lastName: 'Żółć', city: 'Kraków', country: 'PL' }, { name: 'Lukasz Zólc', city: 'Kraków' }],
    ['double spaces collapse', { ...berlin, firstName: 'Erika  ', lastName: ' Mustermann', city: 'Bad  Homburg' }, { name: 'Erika Mustermann', city: 'Bad Homburg' }],
    ['an overlong phone fits once its spacing is removed', { ...berlin, phone: '+49 (0) 170 123 45 67 89' }, { phone: '+491701234567' + '89' }],
  ];
  for (const [name, input, expected] of variants) {
    it(name, () => {
      const mapped = addressOf(input);
      for (const [field, value] of Object.entries(expected)) assert.equal(mapped[field], value, field);
    });
  }

  it('notes transliteration and phone compaction without repeating personal data', () => {
    const result = mapDestinationAddress({ ...berlin, firstName: 'Łukasz', phone: '+49 (0) 170 123 45 67 89' });
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.deepEqual(result.value.notes, [
      'Shipping address recipient name (firstName + lastName, or company) transliterated to ISO-8859-1 for Amazon.',
      "Phone number sent without spaces and punctuation to fit Amazon's 20 characters.",
    ]);
    assert.ok(!result.value.notes.join(' ').includes('Łukasz'));
  });

  it('Japan: city is not required and goes into the street line', () => {
    const result = mapDestinationAddress({ lastName: 'Yamada', streetName: 'Jingumae', streetNumber: '1-2-3', city: 'Shibuya-ku', postalCode: '150-0001', country: 'JP', state: 'Tokyo' });
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.deepEqual({ ...result.value.address }, {
      name: 'Yamada', addressLine1: '1-2-3 Jingumae, Shibuya-ku', stateOrRegion: 'Tokyo', postalCode: '150-0001', countryCode: 'JP',
    });
    assert.deepEqual(result.value.notes, ['City written into the street line: Amazon takes no city field for JP addresses.']);
    assert.ok(mapDestinationAddress({ lastName: 'Yamada', streetName: 'Jingumae', postalCode: '150-0001', country: 'JP' }).ok);
  });

  it('no address', () => {
    assert.deepEqual(problemsOf(undefined), ['The order has no shipping address.']);
  });

  it('lists every missing part in one problem', () => {
    assert.deepEqual(problemsOf({ streetNumber: '5' }), [
      'Shipping address incomplete for Amazon: missing recipient name (firstName + lastName, or company), street (streetName), postal code (postalCode), city (city), country (country).',
    ]);
  });

  const single: Array<[string, StorefrontAddress, string]> = [
    ['name', { ...berlin, firstName: ' ', lastName: undefined }, 'Shipping address incomplete for Amazon: missing recipient name (firstName + lastName, or company).'],
    ['street', { ...berlin, streetName: '' }, 'Shipping address incomplete for Amazon: missing street (streetName).'],
    ['postal code', { ...berlin, postalCode: undefined }, 'Shipping address incomplete for Amazon: missing postal code (postalCode).'],
    ['city', { ...berlin, city: '  ' }, 'Shipping address incomplete for Amazon: missing city (city).'],
    ['country', { ...berlin, country: undefined }, 'Shipping address incomplete for Amazon: missing country (country).'],
    ['country not a two-letter code', { ...berlin, country: 'Germany' }, "Shipping address country (country) 'Germany' is not a two-letter ISO 3166 code such as DE or US."],
    ['country with a digit', { ...berlin, country: 'D1' }, "Shipping address country (country) 'D1' is not a two-letter ISO 3166 code such as DE or US."],
    ['text with no Latin form', { ...berlin, lastName: undefined, firstName: '山田', city: '東京' },
      'Shipping address cannot be written in ISO-8859-1 (Latin) characters, which Amazon requires: recipient name (firstName + lastName, or company), city (city). Enter it in Latin letters.'],
  ];
  for (const [name, input, reason] of single) {
    it(`problem: ${name}`, () => assert.deepEqual(problemsOf(input), [reason]));
  }

  const limits: Array<[string, StorefrontAddress, string]> = [
    ['name > 50', { ...berlin, firstName: 'A'.repeat(30), lastName: 'B'.repeat(20) }, 'recipient name (firstName + lastName, or company) has 51 characters; Amazon accepts at most 50'],
    ['street > 60', { ...berlin, streetName: 'S'.repeat(59), streetNumber: '5' }, 'street (streetName + streetNumber) has 61 characters; Amazon accepts at most 60'],
    ['address line 2 > 60', { ...berlin, additionalStreetInfo: 'x'.repeat(55), apartment: '1234' }, 'address line 2 (additionalStreetInfo, building, apartment) has 61 characters; Amazon accepts at most 60'],
    ['company > 60', { ...berlin, company: 'C'.repeat(61) }, 'company (company) has 61 characters; Amazon accepts at most 60'],
    ['city > 50', { ...berlin, city: 'c'.repeat(51) }, 'city (city) has 51 characters; Amazon accepts at most 50'],
    ['state > 50', { ...berlin, state: 's'.repeat(51) }, 'state or region (state, region) has 51 characters; Amazon accepts at most 50'],
    ['postal code > 20', { ...berlin, postalCode: '1'.repeat(21) }, 'postal code (postalCode) has 21 characters; Amazon accepts at most 20'],
    ['phone > 20 even without spacing', { ...berlin, phone: '+49 1234567890123456789' }, 'phone (phone, mobile) has 23 characters; Amazon accepts at most 20'],
    ['length counts after transliteration', { ...berlin, firstName: 'Щ'.repeat(12), lastName: 'Ж' }, 'recipient name (firstName + lastName, or company) has 51 characters; Amazon accepts at most 50'],
  ];
  for (const [name, input, detail] of limits) {
    it(`too long, never cut: ${name}`, () => assert.deepEqual(problemsOf(input), [`Shipping address ${detail}. Shorten it on the order.`]));
  }

  it('at the limits exactly is fine', () => {
    const mapped = addressOf({ ...berlin, firstName: 'A'.repeat(29), lastName: 'B'.repeat(20), streetName: 'S'.repeat(58), city: 'c'.repeat(50), postalCode: '1'.repeat(20), phone: '2'.repeat(20) });
    assert.equal(mapped['name'], `${'A'.repeat(29)} ${'B'.repeat(20)}`);
  });

  it('collects missing, overlong and unrepresentable problems together', () => {
    assert.deepEqual(problemsOf({ firstName: '東京', streetName: 'S'.repeat(61), country: 'DE', city: 'Berlin' }), [
      'Shipping address incomplete for Amazon: missing postal code (postalCode).',
      'Shipping address cannot be written in ISO-8859-1 (Latin) characters, which Amazon requires: recipient name (firstName + lastName, or company). Enter it in Latin letters.',
      'Shipping address street (streetName + streetNumber) has 61 characters; Amazon accepts at most 60. Shorten it on the order.',
    ]);
  });
});
