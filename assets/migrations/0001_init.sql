-- desk schema v1. Timestamps are INTEGER unix seconds (UTC). Every row has a stable text id (ULID) so replicas
-- never collide. Tables indexed by FTS5 also carry `rid INTEGER PRIMARY KEY` so the FTS rowid survives VACUUM.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE agents (
    id         TEXT PRIMARY KEY,
    handle     TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    email      TEXT,
    role       TEXT NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'lead', 'admin')),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE groups (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agent_groups (
    agent_id TEXT NOT NULL REFERENCES agents(id),
    group_id TEXT NOT NULL REFERENCES groups(id),
    PRIMARY KEY (agent_id, group_id)
) WITHOUT ROWID;

CREATE TABLE organizations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    tier       TEXT CHECK (tier IN ('diamond', 'gold', 'silver', 'bronze')),
    notes      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX organizations_name ON organizations(name);

CREATE TABLE customers (
    rid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    org_id      TEXT REFERENCES organizations(id),
    tier        TEXT NOT NULL DEFAULT 'bronze' CHECK (tier IN ('diamond', 'gold', 'silver', 'bronze')),
    tier_source TEXT NOT NULL DEFAULT 'computed' CHECK (tier_source IN ('manual', 'computed')),
    birthday    TEXT,
    city        TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_email ON customers(email);
CREATE INDEX customers_org ON customers(org_id);
CREATE INDEX customers_tier ON customers(tier);
CREATE INDEX customers_updated ON customers(updated_at);

CREATE TABLE products (
    id             TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES customers(id),
    name           TEXT NOT NULL,
    serial         TEXT,
    purchased_at   INTEGER,
    warranty_until INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX products_customer ON products(customer_id);

CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    at           INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX orders_customer ON orders(customer_id, at);

CREATE TABLE tickets (
    rid               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    number            INTEGER NOT NULL UNIQUE,
    subject           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed', 'merged')),
    priority          TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    kind              TEXT NOT NULL CHECK (kind IN ('question', 'complaint', 'service_request', 'value_added', 'incident', 'task')),
    channel           TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'web', 'chat', 'wechat', 'weibo', 'on_site')),
    customer_id       TEXT REFERENCES customers(id),
    product_id        TEXT REFERENCES products(id),
    assignee_id       TEXT REFERENCES agents(id),
    group_id          TEXT REFERENCES groups(id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    first_response_at INTEGER,
    solved_at         INTEGER,
    closed_at         INTEGER,
    merged_into       TEXT REFERENCES tickets(id),
    version           INTEGER NOT NULL DEFAULT 1
);
-- One index per built-in view, in its sort order, so a page is an index range walk (see store::tickets).
-- The open-set partial indexes must use the same literal list the store emits.
CREATE INDEX tickets_open_updated ON tickets(updated_at)
    WHERE status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_unassigned_updated ON tickets(updated_at)
    WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_assignee_open_updated ON tickets(assignee_id, updated_at)
    WHERE status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_status_updated ON tickets(status, updated_at);
CREATE INDEX tickets_updated ON tickets(updated_at);
CREATE INDEX tickets_solved ON tickets(solved_at) WHERE solved_at IS NOT NULL;
CREATE INDEX tickets_customer ON tickets(customer_id, created_at);
-- Tier views (VIP) select customers by tier first, then their tickets by status: a covering range per customer.
CREATE INDEX tickets_customer_status ON tickets(customer_id, status);

CREATE TABLE messages (
    rid             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    ticket_id       TEXT NOT NULL REFERENCES tickets(id),
    author_kind     TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system')),
    author_id       TEXT,
    visibility      TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    channel         TEXT,
    mail_message_id TEXT
);
CREATE INDEX messages_ticket ON messages(ticket_id, created_at);

CREATE TABLE tags (
    entity    TEXT NOT NULL CHECK (entity IN ('ticket', 'customer', 'article')),
    entity_id TEXT NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags(tag, entity);

CREATE TABLE field_values (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT,
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;

CREATE TABLE categories (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    parent_id  TEXT REFERENCES categories(id),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE articles (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    body_md      TEXT NOT NULL,
    category_id  TEXT REFERENCES categories(id),
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    author_id    TEXT REFERENCES agents(id),
    views        INTEGER NOT NULL DEFAULT 0,
    helpful_up   INTEGER NOT NULL DEFAULT 0,
    helpful_down INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_category ON articles(category_id, updated_at);
CREATE INDEX articles_updated ON articles(updated_at);

CREATE TABLE surveys (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT REFERENCES tickets(id),
    customer_id TEXT REFERENCES customers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('csat', 'nps', 'ces')),
    score       INTEGER NOT NULL,
    comment     TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX surveys_ticket ON surveys(ticket_id);
CREATE INDEX surveys_customer ON surveys(customer_id, at);

CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    ticket_id   TEXT REFERENCES tickets(id),
    customer_id TEXT REFERENCES customers(id),
    due_at      INTEGER NOT NULL,
    done_at     INTEGER,
    assignee_id TEXT REFERENCES agents(id),
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_due ON tasks(due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_ticket ON tasks(ticket_id);

-- The change log: audit history, live-refresh feed and sync log in one insert-only table.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    actor     TEXT,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    old       TEXT,
    new       TEXT,
    at        INTEGER NOT NULL
);
CREATE INDEX changes_entity ON changes(entity, entity_id, seq);

-- Full-text search: trigram so Chinese (no spaces between words) is searchable; external content keeps one copy.
CREATE VIRTUAL TABLE tickets_fts USING fts5(subject, content='tickets', content_rowid='rid', tokenize='trigram');
CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='rid', tokenize='trigram');
CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, phone, content='customers', content_rowid='rid', tokenize='trigram');
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body_md, content='articles', content_rowid='rid', tokenize='trigram');

CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_fts(rowid, subject) VALUES (new.rid, new.subject);
END;
CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, subject) VALUES ('delete', old.rid, old.subject);
END;
CREATE TRIGGER tickets_fts_au AFTER UPDATE OF subject ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, subject) VALUES ('delete', old.rid, old.subject);
    INSERT INTO tickets_fts(rowid, subject) VALUES (new.rid, new.subject);
END;

CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body) VALUES (new.rid, new.body);
END;
CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rid, old.body);
END;
CREATE TRIGGER messages_fts_au AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rid, old.body);
    INSERT INTO messages_fts(rowid, body) VALUES (new.rid, new.body);
END;

CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts(rowid, name, email, phone) VALUES (new.rid, new.name, new.email, new.phone);
END;
CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts(customers_fts, rowid, name, email, phone) VALUES ('delete', old.rid, old.name, old.email, old.phone);
END;
CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, email, phone ON customers BEGIN
    INSERT INTO customers_fts(customers_fts, rowid, name, email, phone) VALUES ('delete', old.rid, old.name, old.email, old.phone);
    INSERT INTO customers_fts(rowid, name, email, phone) VALUES (new.rid, new.name, new.email, new.phone);
END;

CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body_md) VALUES (new.rid, new.title, new.body_md);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body_md) VALUES ('delete', old.rid, old.title, old.body_md);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body_md ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body_md) VALUES ('delete', old.rid, old.title, old.body_md);
    INSERT INTO articles_fts(rowid, title, body_md) VALUES (new.rid, new.title, new.body_md);
END;
