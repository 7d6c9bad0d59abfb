-- Customer profiles as a CRM. The tier, stage and risk columns are a cache of `domain::crm` over the customer's
-- orders, tickets and surveys (recomputed by `desk customer recompute` and on every change that feeds them);
-- the reasons are kept as text so a profile can say why without recomputing.
ALTER TABLE customers ADD COLUMN external_id TEXT;
ALTER TABLE customers ADD COLUMN tier_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN rfm TEXT;             -- "R-F-M" quartile scores, e.g. "4-3-2"; NULL without orders
ALTER TABLE customers ADD COLUMN stage TEXT NOT NULL DEFAULT 'potential'
    CHECK (stage IN ('potential', 'new', 'growing', 'mature', 'at_risk', 'churned'));
ALTER TABLE customers ADD COLUMN stage_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN risk_level TEXT NOT NULL DEFAULT 'none'
    CHECK (risk_level IN ('none', 'low', 'medium', 'high'));
ALTER TABLE customers ADD COLUMN risk_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN risk_signals TEXT NOT NULL DEFAULT ''; -- one named signal per line
ALTER TABLE customers ADD COLUMN last_active_at INTEGER; -- latest order or contact
ALTER TABLE customers ADD COLUMN first_order_at INTEGER;
ALTER TABLE customers ADD COLUMN anniversary_md TEXT;    -- "MM-DD" of the first order, for care reminders
-- A merged duplicate points at the survivor; it stays so old ids in the change log still resolve.
ALTER TABLE customers ADD COLUMN merged_into TEXT REFERENCES customers(id);

CREATE UNIQUE INDEX customers_external ON customers(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_merged ON customers(merged_into) WHERE merged_into IS NOT NULL;
-- Emails match case-insensitively (lookups, imports, duplicates): an index in that collation.
CREATE INDEX customers_email_nocase ON customers(email COLLATE NOCASE) WHERE merged_into IS NULL;
CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;
CREATE INDEX customers_live_updated ON customers(updated_at) WHERE merged_into IS NULL;
CREATE INDEX customers_tier_updated ON customers(tier, updated_at) WHERE merged_into IS NULL;
CREATE INDEX customers_stage_updated ON customers(stage, updated_at) WHERE merged_into IS NULL;
CREATE INDEX customers_risk ON customers(risk_score) WHERE merged_into IS NULL AND risk_score > 0;
CREATE INDEX customers_created ON customers(created_at) WHERE merged_into IS NULL;
-- Birthdays are `YYYY-MM-DD` or `MM-DD`: the last five characters are the month and day either way.
CREATE INDEX customers_birthday ON customers(substr(birthday, -5)) WHERE birthday IS NOT NULL;
CREATE INDEX customers_anniversary ON customers(anniversary_md) WHERE anniversary_md IS NOT NULL;

ALTER TABLE organizations ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX organizations_external ON organizations(external_id) WHERE external_id IS NOT NULL;
ALTER TABLE products ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX products_external ON products(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX products_warranty ON products(warranty_until) WHERE warranty_until IS NOT NULL;
ALTER TABLE orders ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX orders_external ON orders(external_id) WHERE external_id IS NOT NULL;

-- Care (客户关怀) and win-back (挽回) tasks belong to a customer, not a ticket; one per occasion.
CREATE INDEX tasks_customer ON tasks(customer_id, due_at);
-- "Care due" picks open care and win-back tasks among many more open follow-up calls.
CREATE INDEX tasks_open_kind_due ON tasks(kind, due_at) WHERE done_at IS NULL;
CREATE UNIQUE INDEX tasks_care_once ON tasks(customer_id, kind, due_at) WHERE kind IN ('care', 'win_back');
