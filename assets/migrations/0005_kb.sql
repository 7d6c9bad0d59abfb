-- Knowledge-base curation: how often agents put an article into a reply, and how they rate it.
ALTER TABLE articles ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;

-- One vote per agent per article, so voting again changes the vote instead of adding one. helpful_up and
-- helpful_down on articles are the running totals (they also hold votes counted before desk, e.g. an import).
CREATE TABLE article_votes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    voter      TEXT NOT NULL,
    helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    at         INTEGER NOT NULL,
    PRIMARY KEY (article_id, voter)
) WITHOUT ROWID;

-- Every time an article went into a reply: "most used", and which tickets an article answered.
CREATE TABLE article_uses (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    ticket_id  TEXT REFERENCES tickets(id),
    agent      TEXT,
    how        TEXT NOT NULL CHECK (how IN ('link', 'body')),
    at         INTEGER NOT NULL
);
CREATE INDEX article_uses_article ON article_uses(article_id, at);

-- One index per curation view (domain::kb::KbView): drafts and stale by status and age, most used, least helpful
-- by the share of "not helpful" votes in thousandths (the same expression the query orders by).
CREATE INDEX articles_status_updated ON articles(status, updated_at);
CREATE INDEX articles_status_uses ON articles(status, uses);
CREATE INDEX articles_status_unhelpful ON articles(
    status, (helpful_down * 1000 / max(helpful_up + helpful_down, 1)));
