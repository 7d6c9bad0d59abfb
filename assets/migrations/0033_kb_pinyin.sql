-- Pinyin in the knowledge base (issue 24): an article is found by the pinyin of its title, in full or by initials,
-- from any character on (`tk`, `tuikuan` → 退款流程), every reading of a polyphonic character counted — as customers
-- are by their names (migration 32, the same `desk_pinyin_words`). Titles only: they are what an agent remembers, and
-- `index_words` reads only a text's first characters, so a body would add nothing but its opening.
--
-- FTS5 `unicode61` with prefix indexes over a view, triggers named `*_fts_a?` so bulk loads suspend and rebuild it
-- like the other full-text indexes. The title's own characters are words too, so one or two typed characters are a
-- prefix query.
CREATE VIEW articles_pinyin_fts_text AS SELECT rid, desk_pinyin_words(title) || ' ' || coalesce(title, '') AS words FROM articles;
CREATE VIRTUAL TABLE articles_pinyin_fts USING fts5(words, content='articles_pinyin_fts_text', content_rowid='rid', tokenize='unicode61', prefix='1 2 3');
CREATE TRIGGER articles_pinyin_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_pinyin_fts(rowid, words) VALUES (new.rid, desk_pinyin_words(new.title) || ' ' || coalesce(new.title, ''));
END;
CREATE TRIGGER articles_pinyin_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_pinyin_fts(articles_pinyin_fts, rowid, words) VALUES ('delete', old.rid, desk_pinyin_words(old.title) || ' ' || coalesce(old.title, ''));
END;
CREATE TRIGGER articles_pinyin_fts_au AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO articles_pinyin_fts(articles_pinyin_fts, rowid, words) VALUES ('delete', old.rid, desk_pinyin_words(old.title) || ' ' || coalesce(old.title, ''));
    INSERT INTO articles_pinyin_fts(rowid, words) VALUES (new.rid, desk_pinyin_words(new.title) || ' ' || coalesce(new.title, ''));
END;
INSERT INTO articles_pinyin_fts(articles_pinyin_fts) VALUES ('rebuild');
