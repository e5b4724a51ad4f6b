// A complete set of settings for one connection, and its secret values (which must never print).
import type { RawSettings } from '../../src/config/load-config.js';

export const COMPLETE: RawSettings = {
  CTP_PROJECT_KEY: 'shop', CTP_CLIENT_ID: 'ct-client', CTP_CLIENT_SECRET: 'ct-secret-value',
  LWA_CLIENT_ID: 'amzn1.application-oa2-client.x', LWA_CLIENT_SECRET: 'lwa-secret-value', LWA_REFRESH_TOKEN: 'Atzr|refresh-token-value',
  SPAPI_MARKETPLACE_ID: 'A1PA6795UKMFR9', SPAPI_REGION: 'eu',
};

export const SECRET_VALUES = ['ct-secret-value', 'lwa-secret-value', 'Atzr|refresh-token-value', 'refresh-token-value'];
