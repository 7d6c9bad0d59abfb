-- Pinyin search (issue 24): a customer is found by the pinyin of their name, in full or by initials, from any
-- character on (`zyt`, `zhangyitian`, `yitian` → 张一天), every reading of a polyphonic character counted.
--
-- The indexed words are made by `desk_pinyin_words` (domain::pinyin::index_words, registered by store::search_index
-- on every connection desk opens, like migration 22's function): `zhangyitian zyt 张一天 yitian yt 一天 tian t 天`
-- (the characters too, so one or two typed characters, too short for a trigram, are a prefix query as well). The index is
-- FTS5 `unicode61` with prefix indexes, so what an agent types is a prefix query on those words — one short list
-- however many customers there are. External content over a view and triggers named `*_fts_a?`, like the other
-- full-text indexes, so bulk loads suspend and rebuild it alike.

-- The name and the email are indexed as words too, so one or two typed Latin letters are a word-prefix query
-- (`li` → Lily, li@…) rather than a scan of every name.
CREATE VIEW customers_pinyin_fts_text AS SELECT rid, desk_pinyin_words(name) || ' ' || coalesce(name, '') || ' ' || coalesce(email, '') AS words FROM customers;
CREATE VIRTUAL TABLE customers_pinyin_fts USING fts5(words, content='customers_pinyin_fts_text', content_rowid='rid', tokenize='unicode61', prefix='1 2 3');
CREATE TRIGGER customers_pinyin_fts_ai AFTER INSERT ON customers BEGIN
    INSERT INTO customers_pinyin_fts(rowid, words) VALUES (new.rid, desk_pinyin_words(new.name) || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.email, ''));
END;
CREATE TRIGGER customers_pinyin_fts_ad AFTER DELETE ON customers BEGIN
    INSERT INTO customers_pinyin_fts(customers_pinyin_fts, rowid, words) VALUES ('delete', old.rid, desk_pinyin_words(old.name) || ' ' || coalesce(old.name, '') || ' ' || coalesce(old.email, ''));
END;
CREATE TRIGGER customers_pinyin_fts_au AFTER UPDATE OF name, email ON customers BEGIN
    INSERT INTO customers_pinyin_fts(customers_pinyin_fts, rowid, words) VALUES ('delete', old.rid, desk_pinyin_words(old.name) || ' ' || coalesce(old.name, '') || ' ' || coalesce(old.email, ''));
    INSERT INTO customers_pinyin_fts(rowid, words) VALUES (new.rid, desk_pinyin_words(new.name) || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.email, ''));
END;
INSERT INTO customers_pinyin_fts(customers_pinyin_fts) VALUES ('rebuild');
