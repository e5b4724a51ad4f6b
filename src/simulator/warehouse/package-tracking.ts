// What the carrier reports for a shipped package at simulated `now`: IN_TRANSIT from the ship time,
// DELIVERED at the estimated arrival (~2 days for Standard), with the scan events so far, newest first.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#packagetrackingdetails
import type { PackageTrackingStatus } from '../../domain/orders/fba-order.js';
import type { SimOrder, SimPackage, SimShipment } from '../state/sim-records.js';
import { HOUR, isoSeconds } from '../time-format.js';
import { fulfillmentCenter } from './marketplaces.js';

interface TrackingAddressJson { city: string; state: string; country: string }
interface TrackingEventJson { eventDate: string; eventAddress: TrackingAddressJson; eventCode: string; eventDescription: string }

export interface PackageTrackingJson {
  packageNumber: number;
  trackingNumber: string;
  customerTrackingLink: string;
  carrierCode: string;
  shipDate: string;
  estimatedArrivalDate: string;
  shipToAddress: TrackingAddressJson;
  currentStatus: PackageTrackingStatus;
  currentStatusDescription: string;
  trackingEvents: TrackingEventJson[];
}

export function packageTracking(order: SimOrder, shipment: SimShipment, pkg: SimPackage, now: number): PackageTrackingJson {
  const shippedAt = shipment.shippedAt ?? shipment.shipAt;
  const deliveredAt = pkg.estimatedArrivalAt;
  const destination: TrackingAddressJson = {
    city: order.destinationAddress.city ?? order.destinationAddress.stateOrRegion ?? '',
    state: order.destinationAddress.stateOrRegion ?? '',
    country: order.destinationAddress.countryCode,
  };
  const fc = fulfillmentCenter(shipment.fulfillmentCenterId);
  const origin: TrackingAddressJson = fc ? { city: fc.city, state: fc.state, country: fc.country } : destination;
  const scans: Array<[number, TrackingAddressJson, string, string]> = [
    [shippedAt, origin, 'EVENT_101', 'Carrier notified to pick up package.'],
    [shippedAt + 1 * HOUR, origin, 'EVENT_102', "Shipment picked up from seller's facility."],
    [shippedAt + 3 * HOUR, origin, 'EVENT_202', 'Departure scan.'],
    [shippedAt + Math.round((deliveredAt - shippedAt) * 0.7), destination, 'EVENT_201', 'Arrival scan.'],
    [deliveredAt, destination, 'EVENT_301', 'Delivered.'],
  ];
  const delivered = now >= deliveredAt;
  return {
    packageNumber: pkg.packageNumber,
    trackingNumber: pkg.trackingNumber,
    customerTrackingLink: `https://www.swiship.com/track?id=${encodeURIComponent(pkg.trackingNumber)}`,
    carrierCode: pkg.carrierCode,
    shipDate: isoSeconds(shippedAt),
    estimatedArrivalDate: isoSeconds(deliveredAt),
    shipToAddress: destination,
    currentStatus: delivered ? 'DELIVERED' : 'IN_TRANSIT',
    currentStatusDescription: delivered ? 'Delivered to the destination address' : 'In transit to the destination address',
    trackingEvents: scans
      .filter(([at]) => at <= now && at <= deliveredAt)
      .sort((a, b) => b[0] - a[0])
      .map(([at, eventAddress, eventCode, eventDescription]) => ({ eventDate: isoSeconds(at), eventAddress, eventCode, eventDescription })),
  };
}
