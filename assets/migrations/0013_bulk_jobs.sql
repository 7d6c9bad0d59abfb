-- Bulk jobs (issue 17): a long import commits in short batches, so other desks on a shared file never wait long
-- for the lock, and still nobody sees half of it. Every row an import creates carries its job's id and stays
-- hidden while the job is unpublished; one short transaction stamps `published_at` and all of them appear at
-- once. A job killed before publishing is found by the next import (its process gone, or no heartbeat for two
-- minutes), and its rows and their change-log entries are removed.
CREATE TABLE bulk_jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,     -- what runs: 'customer import', 'kb import'
    action       TEXT NOT NULL,     -- the change-log action of every entry the job writes
    actor        TEXT,
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    published_at INTEGER
);
CREATE INDEX bulk_jobs_pending ON bulk_jobs(id) WHERE published_at IS NULL;

ALTER TABLE customers ADD COLUMN job_id TEXT;
ALTER TABLE organizations ADD COLUMN job_id TEXT;
ALTER TABLE products ADD COLUMN job_id TEXT;
ALTER TABLE orders ADD COLUMN job_id TEXT;
ALTER TABLE articles ADD COLUMN job_id TEXT;
ALTER TABLE categories ADD COLUMN job_id TEXT;
CREATE INDEX customers_job ON customers(job_id) WHERE job_id IS NOT NULL;
CREATE INDEX organizations_job ON organizations(job_id) WHERE job_id IS NOT NULL;
CREATE INDEX products_job ON products(job_id) WHERE job_id IS NOT NULL;
CREATE INDEX orders_job ON orders(job_id) WHERE job_id IS NOT NULL;
CREATE INDEX articles_job ON articles(job_id) WHERE job_id IS NOT NULL;
CREATE INDEX categories_job ON categories(job_id) WHERE job_id IS NOT NULL;
