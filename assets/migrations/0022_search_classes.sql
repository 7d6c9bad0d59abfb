-- Every search class within budget at a million tickets (issue 21): a word index beside the trigram indexes.
--
-- The trigram indexes (migration 11) find any substring of three or more characters, but a query must intersect
-- every trigram it has, and common ones (`pas`, `ord`, `202`) have lists as long as the table: `password` and an
-- order number took ~90 ms at 1M tickets, and one or two CJK characters (no trigram at all) scanned every message
-- (1.4 s). The word index (FTS5 `unicode61`, diacritics removed) holds Latin words and numbers as words, and
-- each run of CJK characters as its single characters and neighbouring pairs, so those queries read one short
-- list. `domain::search_class` says which index a query goes to.
--
-- The indexed text is made by `desk_word_index_text` (domain::search_class::word_index_text, registered by
-- store::search_index on every connection desk opens): it also leaves out zero-width and bidi characters like
-- the trigram indexes' views. The tables are external-content over views, so `rebuild` and `integrity-check`
-- work as for the trigram indexes, and triggers named `*_fts_a?` like theirs, so code that suspends and rebuilds
-- full-text triggers (bulk loads, replica bootstrap) treats them alike.

CREATE VIEW tickets_words_fts_text AS SELECT rid, desk_word_index_text(subject) AS words FROM tickets;
CREATE VIRTUAL TABLE tickets_words_fts USING fts5(words, content='tickets_words_fts_text', content_rowid='rid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER tickets_words_fts_ai AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_words_fts(rowid, words) VALUES (new.rid, desk_word_index_text(new.subject));
END;
CREATE TRIGGER tickets_words_fts_ad AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_words_fts(tickets_words_fts, rowid, words) VALUES ('delete', old.rid, desk_word_index_text(old.subject));
END;
CREATE TRIGGER tickets_words_fts_au AFTER UPDATE OF subject ON tickets BEGIN
    INSERT INTO tickets_words_fts(tickets_words_fts, rowid, words) VALUES ('delete', old.rid, desk_word_index_text(old.subject));
    INSERT INTO tickets_words_fts(rowid, words) VALUES (new.rid, desk_word_index_text(new.subject));
END;
INSERT INTO tickets_words_fts(tickets_words_fts) VALUES ('rebuild');

CREATE VIEW messages_words_fts_text AS SELECT rid, desk_word_index_text(body) AS words FROM messages;
CREATE VIRTUAL TABLE messages_words_fts USING fts5(words, content='messages_words_fts_text', content_rowid='rid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER messages_words_fts_ai AFTER INSERT ON messages BEGIN
    INSERT INTO messages_words_fts(rowid, words) VALUES (new.rid, desk_word_index_text(new.body));
END;
CREATE TRIGGER messages_words_fts_ad AFTER DELETE ON messages BEGIN
    INSERT INTO messages_words_fts(messages_words_fts, rowid, words) VALUES ('delete', old.rid, desk_word_index_text(old.body));
END;
CREATE TRIGGER messages_words_fts_au AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_words_fts(messages_words_fts, rowid, words) VALUES ('delete', old.rid, desk_word_index_text(old.body));
    INSERT INTO messages_words_fts(rowid, words) VALUES (new.rid, desk_word_index_text(new.body));
END;
INSERT INTO messages_words_fts(messages_words_fts) VALUES ('rebuild');
