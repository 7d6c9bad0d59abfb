-- Per-group From (issue 18): the From a mail is sent as is fixed when it is queued, so a later config change or a
-- move of the ticket to another group does not change mail already waiting. NULL: `[mail] from`.
ALTER TABLE outbox ADD COLUMN from_addr TEXT;
