// How long the flows' round trips take, for the Prometheus histograms. Optional in the flows' deps: a
// flow without it (CLI commands, unit tests) measures nothing.
export interface FlowMetrics {
  /** A storefront order accepted by Amazon, `seconds` after it was created in commercetools. */
  orderAccepted(connectionId: string, seconds: number): void;
  /** A shipment written back as a delivery, `seconds` after Amazon shipped it. */
  trackingWritten(connectionId: string, seconds: number): void;
  /** An inventory entry written to commercetools, `seconds` after the FBA stock it reflects was read. */
  inventoryWritten(connectionId: string, seconds: number): void;
}
