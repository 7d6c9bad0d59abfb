-- A postponed reply keeps the agent's choice to mail it on a ticket that did not come by mail (review screen `m`).
ALTER TABLE drafts ADD COLUMN by_mail INTEGER NOT NULL DEFAULT 0;
