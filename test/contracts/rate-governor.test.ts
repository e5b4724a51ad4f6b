// The RateGovernor contract against the fake the HTTP tests use and the real in-process governor.
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { FakeRateGovernor } from '../support/fakes/fake-rate-governor.js';
import { rateGovernorContract } from './rate-governor-contract.js';

rateGovernorContract('FakeRateGovernor', () => new FakeRateGovernor([
  { seller: 'seller-1', operation: 'createFulfillmentOrder', ratePerSecond: 2, burst: 30, tokens: 29, waiting: 0, throttled: 0 },
]));

rateGovernorContract('PriorityRateGovernor', () => new PriorityRateGovernor());
