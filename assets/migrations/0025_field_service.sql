-- Field service (issue 22): on-site visits (上门服务) on a ticket, spare parts (备件) with a stock ledger and
-- reservations, and returns and exchanges (退换货). Visits, reservations and returns travel as whole rows; stock is
-- never stored as a count that two replicas could both overwrite: it is the sum of the ledger's movements, which
-- only ever gain rows, so replicas merge by union.
ALTER TABLE customers ADD COLUMN address TEXT;
-- When the order reached the customer: the seven-day and fifteen-day clocks of returns run from it.
ALTER TABLE orders ADD COLUMN delivered_at INTEGER;

CREATE TABLE visits (
    id             TEXT PRIMARY KEY,
    -- The short number people say on the phone (V12): one more than the highest here. Two offline replicas can
    -- hand out the same one; visits are found through their ticket, so a clash after a sync only shows two
    -- visits with one number, and the id stays unique.
    number         INTEGER NOT NULL,
    ticket_id      TEXT NOT NULL REFERENCES tickets(id),
    service        TEXT NOT NULL CHECK (service IN ('install', 'repair', 'maintenance', 'inspection', 'pickup')),
    status         TEXT NOT NULL DEFAULT 'unscheduled'
        CHECK (status IN ('unscheduled', 'scheduled', 'en_route', 'on_site', 'completed', 'no_show',
                          'rescheduled', 'cancelled')),
    address        TEXT NOT NULL DEFAULT '',
    engineer_id    TEXT REFERENCES agents(id),
    window_start   INTEGER,
    window_end     INTEGER,
    -- The on-site arrival target (24/48/72 h by city tier through the SLA calendar), fixed when the visit is made.
    arrive_by      INTEGER,
    en_route_at    INTEGER,
    arrived_at     INTEGER,
    finished_at    INTEGER,
    -- What the engineer found: `fault` (normal use), `user_damage`, `unauthorized_repair`, `consumable`, `unknown`.
    cause          TEXT NOT NULL DEFAULT 'unknown',
    -- 保内 / 保外 as decided when the cause was recorded: `in`, `out`, `unknown`.
    coverage       TEXT NOT NULL DEFAULT 'unknown' CHECK (coverage IN ('in', 'out', 'unknown')),
    coverage_reason TEXT NOT NULL DEFAULT '',
    quote_cents    INTEGER,
    quote_state    TEXT NOT NULL DEFAULT 'none' CHECK (quote_state IN ('none', 'pending', 'accepted', 'declined')),
    labour_minutes INTEGER NOT NULL DEFAULT 0 CHECK (labour_minutes >= 0),
    notes          TEXT NOT NULL DEFAULT '',
    confirmed_by   TEXT,
    confirmed_at   INTEGER,
    -- A visit rescheduled into another keeps the link, so the report can count return trips.
    follows        TEXT REFERENCES visits(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visits_ticket ON visits(ticket_id);
-- The schedule pane reads one engineer's windows over a week; the report reads finished visits by time.
CREATE INDEX visits_engineer_window ON visits(engineer_id, window_start) WHERE window_start IS NOT NULL;
CREATE INDEX visits_window ON visits(window_start) WHERE window_start IS NOT NULL;
CREATE INDEX visits_unscheduled ON visits(created_at) WHERE status IN ('unscheduled', 'rescheduled');
CREATE INDEX visits_finished ON visits(finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX visits_number ON visits(number);

CREATE TABLE parts (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    -- Product names or name prefixes the part fits, one per line; empty fits anything.
    compatible      TEXT NOT NULL DEFAULT '',
    unit_cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost_cents >= 0),
    price_cents     INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    -- Stock at or below this, summed over every location, is low.
    reorder_at      INTEGER NOT NULL DEFAULT 0 CHECK (reorder_at >= 0),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- Every stock movement: received, moved between locations, consumed on a visit, counted. A transfer is two rows.
CREATE TABLE part_moves (
    id        TEXT PRIMARY KEY,
    part_code TEXT NOT NULL REFERENCES parts(code),
    -- `warehouse` names (上海仓) or an engineer's van (`van:li`).
    location  TEXT NOT NULL,
    delta     INTEGER NOT NULL CHECK (delta <> 0),
    kind      TEXT NOT NULL CHECK (kind IN ('receive', 'transfer', 'consume', 'adjust')),
    visit_id  TEXT REFERENCES visits(id),
    note      TEXT NOT NULL DEFAULT '',
    actor     TEXT,
    at        INTEGER NOT NULL
);
CREATE INDEX part_moves_stock ON part_moves(part_code, location, delta);
CREATE INDEX part_moves_consumed ON part_moves(at) WHERE kind = 'consume';
CREATE INDEX part_moves_visit ON part_moves(visit_id) WHERE visit_id IS NOT NULL;

-- Parts held for a scheduled visit: not consumed yet, not available to anyone else.
CREATE TABLE part_reservations (
    visit_id  TEXT NOT NULL REFERENCES visits(id),
    part_code TEXT NOT NULL REFERENCES parts(code),
    location  TEXT NOT NULL,
    qty       INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (visit_id, part_code)
) WITHOUT ROWID;
CREATE INDEX part_reservations_part ON part_reservations(part_code, location);

CREATE TABLE returns (
    id           TEXT PRIMARY KEY,
    number       INTEGER NOT NULL,
    ticket_id    TEXT NOT NULL REFERENCES tickets(id),
    customer_id  TEXT REFERENCES customers(id),
    order_id     TEXT REFERENCES orders(id),
    product_id   TEXT REFERENCES products(id),
    kind         TEXT NOT NULL CHECK (kind IN ('return', 'exchange', 'repair')),
    reason       TEXT NOT NULL CHECK (reason IN ('no_reason', 'quality', 'wrong_item', 'damaged_in_transit', 'other')),
    status       TEXT NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'approved', 'declined', 'collected', 'received', 'inspected', 'refunded',
                          'exchanged', 'repaired')),
    delivered_at INTEGER,
    requested_at INTEGER NOT NULL,
    -- The rule's verdict when requested (eligible or why not) and, when approved anyway, who said why.
    eligibility  TEXT NOT NULL DEFAULT '',
    override     TEXT,
    refund_cents INTEGER,
    note         TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX returns_ticket ON returns(ticket_id);
CREATE INDEX returns_customer ON returns(customer_id, requested_at);
CREATE INDEX returns_requested ON returns(requested_at);
CREATE INDEX returns_number ON returns(number);

CREATE TRIGGER sync_visits_ai AFTER INSERT ON visits BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('visits', new.id);
END;
CREATE TRIGGER sync_visits_au AFTER UPDATE ON visits BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('visits', new.id);
END;
CREATE TRIGGER sync_parts_ai AFTER INSERT ON parts BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('parts', new.code);
END;
CREATE TRIGGER sync_parts_au AFTER UPDATE ON parts BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('parts', new.code);
END;
CREATE TRIGGER sync_part_moves_ai AFTER INSERT ON part_moves BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('part_moves', new.id);
END;
CREATE TRIGGER sync_part_reservations_ai AFTER INSERT ON part_reservations BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('part_reservations', json_array(new.visit_id, new.part_code));
END;
CREATE TRIGGER sync_part_reservations_au AFTER UPDATE ON part_reservations BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('part_reservations', json_array(new.visit_id, new.part_code));
END;
CREATE TRIGGER sync_part_reservations_ad AFTER DELETE ON part_reservations BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('part_reservations', json_array(old.visit_id, old.part_code));
END;
CREATE TRIGGER sync_returns_ai AFTER INSERT ON returns BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('returns', new.id);
END;
CREATE TRIGGER sync_returns_au AFTER UPDATE ON returns BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('returns', new.id);
END;
