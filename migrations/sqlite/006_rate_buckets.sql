-- Amazon's token buckets shared by every worker of a seller (docs/adr/0010): one row per seller and
-- operation. `rate_per_second` is the refill the workers use (Amazon's granted rate less headroom),
-- `granted_per_second` what Amazon's x-amzn-RateLimit-Limit header last said.
CREATE TABLE rate_buckets (
  seller TEXT NOT NULL,
  operation TEXT NOT NULL,
  granted_per_second REAL NOT NULL,
  rate_per_second REAL NOT NULL,
  burst REAL NOT NULL,
  tokens REAL NOT NULL,
  updated_at BIGINT NOT NULL,
  throttled INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (seller, operation)
);
