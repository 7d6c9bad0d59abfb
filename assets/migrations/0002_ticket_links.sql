-- Related tickets (a follow-up of a closed ticket, the same problem reported twice …). Stored once per pair with
-- a < b so a link has one row whichever side created it.
CREATE TABLE ticket_links (
    a          TEXT NOT NULL REFERENCES tickets(id),
    b          TEXT NOT NULL REFERENCES tickets(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX ticket_links_b ON ticket_links(b);
CREATE INDEX tickets_merged_into ON tickets(merged_into) WHERE merged_into IS NOT NULL;
