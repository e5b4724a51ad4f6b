// Faster shipping promises go to Amazon first when rate-limit tokens are scarce. The numbers are the
// order entries of CallPriority (src/ports/amazon-fulfillment.ts); the domain keeps its own table so it
// does not depend on a port, and a test holds the two together.
import type { ShippingSpeed } from './fba-order.js';

const PRIORITY_BY_SPEED: Record<ShippingSpeed, number> = {
  Priority: 500,
  Expedited: 450,
  Standard: 400,
};

export function workPriorityFor(speed: ShippingSpeed): number {
  return PRIORITY_BY_SPEED[speed];
}
