import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, scrubSecrets } from '../../src/config/secret.js';

describe('scrubSecrets', () => {
  it('removes configured secret values, plain and form-encoded', () => {
    new Secret('s3cr3t value+/=');
    const text = `bad request: grant_type=refresh_token&x=${encodeURIComponent('s3cr3t value+/=')} and s3cr3t value+/= again`;
    const scrubbed = scrubSecrets(text);
    assert.ok(!scrubbed.includes('s3cr3t'), scrubbed);
  });

  it('removes credential-shaped strings whatever their value', () => {
    const cases = [
      'grant_type=refresh_token&refresh_token=Atzr|IwEBIabc&client_id=amzn1.app&client_secret=abcdef123',
      '{"client_secret": "hush-hush", "refresh_token":"xyz"}',
      'could not connect to postgres://bridge:Pa55word@db.internal:5432/fba',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def',
      'x-amz-access-token: Atza|IwEAAtoken',
    ];
    for (const text of cases) {
      const scrubbed = scrubSecrets(text);
      for (const secret of ['Atzr|IwEBIabc', 'abcdef123', 'hush-hush', 'xyz', 'Pa55word', 'eyJhbGciOiJIUzI1NiJ9', 'Atza|IwEAAtoken']) {
        assert.ok(!scrubbed.includes(secret), `${secret} left in ${scrubbed}`);
      }
    }
    assert.equal(scrubSecrets('postgres://bridge:Pa55word@db/fba'), 'postgres://bridge:[redacted]@db/fba');
    assert.equal(scrubSecrets('client_id=amzn1.app'), 'client_id=amzn1.app', 'ids are not secrets');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Amazon could not be reached for createFulfillmentOrder: fetch failed (ECONNREFUSED)';
    assert.equal(scrubSecrets(text), text);
  });
});
