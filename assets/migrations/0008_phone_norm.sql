-- Phone numbers as one key for search and duplicate detection (`domain::phone`): `193 3998 1700`,
-- `+86 193-3998-1700` and `0086 19339981700` all key to `+8619339981700`. A cache of `phone` under the default
-- region (config `[crm] default_region`), written by every write that sets a phone; `meta.phone_region` names the
-- region the keys were made under, and desk re-keys every phone when the configured one differs (the backfill of
-- this migration is that re-keying, done in Rust: store::phones).
ALTER TABLE customers ADD COLUMN phone_norm TEXT;
CREATE INDEX customers_phone_norm ON customers(phone_norm) WHERE phone_norm IS NOT NULL;
