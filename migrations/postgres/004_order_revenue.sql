-- Storefront revenue per exported order (PostgreSQL). Times are epoch milliseconds (UTC); money is integer
-- minor units of the order's own currency. Keep in step with ../sqlite/004_order_revenue.sql.

-- What the storefront charged for an order, as the bridge saw it when it sent (or adopted) the order at
-- Amazon: the settlement has Amazon's fees for the order but not what the customer paid the storefront,
-- so `settlement orders` joins this in to show revenue and contribution. One row per storefront order.
CREATE TABLE order_revenue (
  connection_id               TEXT NOT NULL,
  ct_order_id                 TEXT NOT NULL,
  order_number                TEXT,
  seller_fulfillment_order_id TEXT,
  currency                    TEXT NOT NULL,
  fraction_digits             BIGINT NOT NULL,
  -- The order's totalPrice (gross: what the customer paid, tax and shipping included).
  total_gross                 BIGINT NOT NULL,
  -- Sum of unit price × quantity over the lines sent to FBA; NULL when a line has no price or another currency.
  fba_lines_value             BIGINT,
  recorded_at                 BIGINT NOT NULL,
  PRIMARY KEY (connection_id, ct_order_id)
);
