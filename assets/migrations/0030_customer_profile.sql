-- Customer profile completeness (客户画像, issue 23 item 13): gender and the preferred contact channel and time on
-- the customer (fields of the change log, merged per field like the others), several addresses per customer with
-- one default, and an index for the report's orders of a period (repurchase rate, customer lifetime value).
ALTER TABLE customers ADD COLUMN gender TEXT;
-- A ticket channel (`phone`, `wechat` …).
ALTER TABLE customers ADD COLUMN contact_channel TEXT;
-- When to reach them, as `domain::customer_profile::ContactTime` writes it (`weekdays 18:00-21:00`).
ALTER TABLE customers ADD COLUMN contact_time TEXT;

-- Where engineers can go (家, 公司 …). The store keeps exactly one default per customer with any address and
-- mirrors its text in `customers.address`, which visits and exports read. Whole rows travel between replicas; no
-- unique index on the default, since a sync applies one row at a time and two rows may swap the flag.
CREATE TABLE customer_addresses (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    label       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL CHECK (address != ''),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX customer_addresses_customer ON customer_addresses(customer_id, is_default, created_at);

-- The single address each customer had becomes their default. The id is made from the customer's, so replicas
-- that migrate on their own make the same row (and it is not stamped for sync: the triggers come after).
INSERT INTO customer_addresses(id, customer_id, label, address, is_default, created_at, updated_at)
SELECT id || '-A0', id, '', trim(address), 1, updated_at, updated_at FROM customers
 WHERE trim(coalesce(address, '')) != '';

CREATE TRIGGER sync_customer_addresses_ai AFTER INSERT ON customer_addresses BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('customer_addresses', new.id);
END;
CREATE TRIGGER sync_customer_addresses_au AFTER UPDATE ON customer_addresses BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('customer_addresses', new.id);
END;
CREATE TRIGGER sync_customer_addresses_ad AFTER DELETE ON customer_addresses BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('customer_addresses', old.id);
END;

-- The report's customer section reads the orders of a period: one range, covering what it sums.
CREATE INDEX orders_at ON orders(at, customer_id, amount_cents, job_id);
