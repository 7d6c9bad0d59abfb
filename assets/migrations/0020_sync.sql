-- Replicas and sync (issue 19). The change log is the op log for fields of rows that change field by field
-- (tickets, customers, organizations, articles, agents, tasks); the rows themselves, and every table whose rows
-- are added, moved or removed whole (messages, tags, links, surveys, attachments …), are tracked in sync_rows by
-- the triggers below. A sync sends what the other side lacks past a per-peer high-water mark and merges by
-- last-writer-wins on (hlc, replica): per field through the log, per row through sync_rows.

-- Local writes stamp with the newest clock in the log; finding it must not scan.
CREATE INDEX changes_hlc ON changes(hlc);
-- The newest stamp of one field (the per-field merge) is found through changes_entity: an entity has tens of
-- entries, and a million-ticket log is spared an index of its own.

-- One row per write of a tracked row. `hlc`/`replica` are filled by the change-log entry of the same write (or by
-- the next sync for a write that logged nothing); a row received by sync keeps the stamp it was written with.
CREATE TABLE sync_rows (
    seq     INTEGER PRIMARY KEY,
    tbl     TEXT NOT NULL,
    key     TEXT NOT NULL,     -- the row's id, or a JSON array of its key columns
    hlc     TEXT,
    replica TEXT
);
CREATE INDEX sync_rows_key ON sync_rows(tbl, key, hlc);
CREATE INDEX sync_rows_unstamped ON sync_rows(seq) WHERE hlc IS NULL;

-- What this database holds of each peer's log: high-water marks on the peer's own sequences.
CREATE TABLE sync_peers (
    peer        TEXT PRIMARY KEY,  -- the peer's replica id
    location    TEXT,              -- where it was last reached (a path, later a URL)
    got_change  INTEGER NOT NULL DEFAULT 0,  -- the peer's changes.seq up to which its entries are here
    got_change_id TEXT,                      -- the id of the peer's entry at got_change: a peer whose log was
                                             -- replaced (restored from a backup) no longer has it there
    got_row     INTEGER NOT NULL DEFAULT 0,  -- the peer's sync_rows.seq up to which its rows are here
    sent_change INTEGER NOT NULL DEFAULT 0,  -- this side's changes.seq up to which the peer said it holds them
    sent_row    INTEGER NOT NULL DEFAULT 0,
    synced_at   INTEGER,
    failed_at   INTEGER,
    error       TEXT
);

-- Concurrent edits of one field: the losing entry stays in the log and is listed here for the agent who made it.
-- Found by each side as the entries meet (derived, not synced); what the hub decided (a refusal, a merge kept) and
-- an agent's accept or re-apply travel as change-log entries (`conflict_found`, `conflict_settled`).
CREATE TABLE sync_conflicts (
    loser    TEXT PRIMARY KEY REFERENCES changes(id),
    winner   TEXT NOT NULL REFERENCES changes(id),
    reason   TEXT,                 -- set when the hub refused the change (a role that did not allow it …)
    found_at INTEGER NOT NULL,
    state    TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'reapplied'))
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(found_at) WHERE state = 'open';

-- Provisional numbers a replica gave (`#L-3`), kept once the hub made them final so they still find their ticket.
-- (A table, not a partial index on changes: a partial index whose WHERE names `entity` or `field` makes SQLite
-- re-prepare every statement that binds those columns, at every run.)
CREATE TABLE ticket_renumbered (
    old       INTEGER NOT NULL,  -- the provisional number (negative)
    creator   TEXT NOT NULL,     -- the replica that gave it
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    PRIMARY KEY (old, creator)
) WITHOUT ROWID;

CREATE TRIGGER sync_tickets_ai AFTER INSERT ON tickets BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('tickets', new.id);
END;
CREATE TRIGGER sync_customers_ai AFTER INSERT ON customers BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('customers', new.id);
END;
CREATE TRIGGER sync_customers_publish AFTER UPDATE OF job_id ON customers WHEN new.job_id IS NULL AND old.job_id IS NOT NULL BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('customers', new.id);
END;
CREATE TRIGGER sync_organizations_ai AFTER INSERT ON organizations BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('organizations', new.id);
END;
CREATE TRIGGER sync_organizations_publish AFTER UPDATE OF job_id ON organizations WHEN new.job_id IS NULL AND old.job_id IS NOT NULL BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('organizations', new.id);
END;
CREATE TRIGGER sync_articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('articles', new.id);
END;
CREATE TRIGGER sync_articles_publish AFTER UPDATE OF job_id ON articles WHEN new.job_id IS NULL AND old.job_id IS NOT NULL BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('articles', new.id);
END;
CREATE TRIGGER sync_agents_ai AFTER INSERT ON agents BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('agents', new.id);
END;
CREATE TRIGGER sync_tasks_ai AFTER INSERT ON tasks BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('tasks', new.id);
END;
CREATE TRIGGER sync_groups_ai AFTER INSERT ON groups BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('groups', new.id);
END;
CREATE TRIGGER sync_groups_au AFTER UPDATE ON groups BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('groups', new.id);
END;
CREATE TRIGGER sync_categories_ai AFTER INSERT ON categories BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('categories', new.id);
END;
CREATE TRIGGER sync_categories_au AFTER UPDATE ON categories BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('categories', new.id);
END;
CREATE TRIGGER sync_products_ai AFTER INSERT ON products BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('products', new.id);
END;
CREATE TRIGGER sync_products_au AFTER UPDATE ON products BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('products', new.id);
END;
CREATE TRIGGER sync_orders_ai AFTER INSERT ON orders BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('orders', new.id);
END;
CREATE TRIGGER sync_orders_au AFTER UPDATE ON orders BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('orders', new.id);
END;
CREATE TRIGGER sync_messages_ai AFTER INSERT ON messages BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('messages', new.id);
END;
CREATE TRIGGER sync_messages_au AFTER UPDATE ON messages BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('messages', new.id);
END;
CREATE TRIGGER sync_surveys_ai AFTER INSERT ON surveys BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('surveys', new.id);
END;
CREATE TRIGGER sync_surveys_au AFTER UPDATE ON surveys BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('surveys', new.id);
END;
CREATE TRIGGER sync_escalations_ai AFTER INSERT ON escalations BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('escalations', new.id);
END;
CREATE TRIGGER sync_escalations_au AFTER UPDATE ON escalations BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('escalations', new.id);
END;
CREATE TRIGGER sync_attachment_blobs_ai AFTER INSERT ON attachment_blobs BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('attachment_blobs', new.hash);
END;
CREATE TRIGGER sync_attachments_ai AFTER INSERT ON attachments BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('attachments', new.id);
END;
CREATE TRIGGER sync_attachments_au AFTER UPDATE ON attachments BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('attachments', new.id);
END;
CREATE TRIGGER sync_article_uses_ai AFTER INSERT ON article_uses BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('article_uses', new.id);
END;
CREATE TRIGGER sync_outbox_ai AFTER INSERT ON outbox BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('outbox', new.id);
END;
CREATE TRIGGER sync_outbox_au AFTER UPDATE ON outbox BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('outbox', new.id);
END;
CREATE TRIGGER sync_tags_ai AFTER INSERT ON tags BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('tags', json_array(new.entity, new.entity_id, new.tag));
END;
CREATE TRIGGER sync_tags_ad AFTER DELETE ON tags BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('tags', json_array(old.entity, old.entity_id, old.tag));
END;
CREATE TRIGGER sync_ticket_links_ai AFTER INSERT ON ticket_links BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('ticket_links', json_array(new.a, new.b));
END;
CREATE TRIGGER sync_ticket_links_ad AFTER DELETE ON ticket_links BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('ticket_links', json_array(old.a, old.b));
END;
CREATE TRIGGER sync_agent_groups_ai AFTER INSERT ON agent_groups BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('agent_groups', json_array(new.agent_id, new.group_id));
END;
CREATE TRIGGER sync_agent_groups_ad AFTER DELETE ON agent_groups BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('agent_groups', json_array(old.agent_id, old.group_id));
END;
CREATE TRIGGER sync_ticket_collaborators_ai AFTER INSERT ON ticket_collaborators BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('ticket_collaborators', json_array(new.ticket_id, new.email));
END;
CREATE TRIGGER sync_ticket_collaborators_ad AFTER DELETE ON ticket_collaborators BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('ticket_collaborators', json_array(old.ticket_id, old.email));
END;
CREATE TRIGGER sync_field_values_ai AFTER INSERT ON field_values BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('field_values', json_array(new.entity, new.entity_id, new.field));
END;
CREATE TRIGGER sync_field_values_au AFTER UPDATE ON field_values BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('field_values', json_array(new.entity, new.entity_id, new.field));
END;
CREATE TRIGGER sync_field_values_ad AFTER DELETE ON field_values BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('field_values', json_array(old.entity, old.entity_id, old.field));
END;
CREATE TRIGGER sync_article_votes_ai AFTER INSERT ON article_votes BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('article_votes', json_array(new.article_id, new.voter));
END;
CREATE TRIGGER sync_article_votes_au AFTER UPDATE ON article_votes BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('article_votes', json_array(new.article_id, new.voter));
END;
CREATE TRIGGER sync_article_votes_ad AFTER DELETE ON article_votes BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('article_votes', json_array(old.article_id, old.voter));
END;
CREATE TRIGGER sync_inbound_ai AFTER INSERT ON inbound BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('inbound', json_array(new.source, new.external_id));
END;
CREATE TRIGGER sync_inbound_au AFTER UPDATE ON inbound BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('inbound', json_array(new.source, new.external_id));
END;
