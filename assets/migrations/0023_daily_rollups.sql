-- Daily roll-ups of the report's measures (issue 21), so a report reads O(days) rows instead of every ticket of
-- its period. Per local day and per key of each dimension a report splits by ('' = the whole desk), the sums and
-- counts every indicator is derived from; time percentiles come from counts per cell of a fixed time grid.
--
-- Nothing here is filled yet: the store builds the tables, the grid and the triggers that keep them current
-- (they need the UTC offset where local days start and the grid, both known only to the binary) on the first
-- report, on `desk check --repair`, and after bulk loads. `meta.metric_rollups` says for which offset and grid.

-- The dimensions each ticket is counted under ('' is the whole desk).
CREATE TABLE metric_dims (dim TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO metric_dims(dim) VALUES (''), ('agent'), ('group'), ('channel'), ('kind'), ('priority');

-- Upper bounds of the time grid's cells (domain::metrics_grid).
CREATE TABLE metric_time_grid (upper INTEGER PRIMARY KEY);

-- `day` is the local day number (unix seconds + offset) / 86400. Created-side columns count tickets created that
-- day (merged ones left out), solved-side columns tickets whose latest solve was that day.
CREATE TABLE metric_days (
    dim TEXT NOT NULL,
    day INTEGER NOT NULL,
    key TEXT NOT NULL,
    created INTEGER NOT NULL DEFAULT 0,
    complaints INTEGER NOT NULL DEFAULT 0,
    frt_met INTEGER NOT NULL DEFAULT 0,
    frt_late INTEGER NOT NULL DEFAULT 0,
    solved INTEGER NOT NULL DEFAULT 0,
    resolution_met INTEGER NOT NULL DEFAULT 0,
    resolution_late INTEGER NOT NULL DEFAULT 0,
    next_reply_met INTEGER NOT NULL DEFAULT 0,
    next_reply_late INTEGER NOT NULL DEFAULT 0,
    first_contact INTEGER NOT NULL DEFAULT 0,
    reopened INTEGER NOT NULL DEFAULT 0,
    followed_up INTEGER NOT NULL DEFAULT 0,
    csat_n INTEGER NOT NULL DEFAULT 0,
    csat_good INTEGER NOT NULL DEFAULT 0,
    csat_sum INTEGER NOT NULL DEFAULT 0,
    nps_n INTEGER NOT NULL DEFAULT 0,
    promoters INTEGER NOT NULL DEFAULT 0,
    detractors INTEGER NOT NULL DEFAULT 0,
    ces_n INTEGER NOT NULL DEFAULT 0,
    ces_sum INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;

-- Counts per cell: measure 'frt' (first response, created day) and 'res' (resolution, solved day) by grid cell;
-- 'due' counts solved tickets whose follow-up is still to make, by the local day it falls due (`cell`), so a
-- report as of any moment knows which are overdue.
CREATE TABLE metric_day_cells (
    dim TEXT NOT NULL,
    day INTEGER NOT NULL,
    key TEXT NOT NULL,
    measure TEXT NOT NULL,
    cell INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (dim, day, key, measure, cell)
) WITHOUT ROWID;

-- Tags on complaints (the report's complaint categories) by the local day the complaint was created.
CREATE TABLE metric_complaint_tags (
    day INTEGER NOT NULL,
    tag TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, tag)
) WITHOUT ROWID;

-- The report's low-score comments: the newest low surveys with a comment, walked newest first until five are about
-- tickets solved in the period (a scan of the period's solved tickets grew with the period).
CREATE INDEX surveys_low_csat ON surveys(at) WHERE kind = 'csat' AND score <= 2 AND comment <> '';
CREATE INDEX surveys_low_nps ON surveys(at) WHERE kind = 'nps' AND score <= 6 AND comment <> '';
CREATE INDEX surveys_low_ces ON surveys(at) WHERE kind = 'ces' AND score >= 5 AND comment <> '';
