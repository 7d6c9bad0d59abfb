"""Floor SQL for the scale harness (benches/scale.py): the statements desk runs for each measured command.

Each floor is copied from what desk prepares (read with gdb on `sqlite3LockAndPrepare` of a release build) and from the
source file named in the comment above it. When search, metrics or the SLA sweep change their SQL, update the constant
here; `python3 benches/scale.py --show-sql` prints what the floors run.
"""

import datetime
import time

DAY = 86_400
OPEN = "('new', 'open', 'pending', 'on_hold')"

# ---------------------------------------------------------------------------------------------------------------------
# FLOOR SQL: tickets (src/store/tickets.rs ROW_COLUMNS and FROM, src/store/ticket_filter.rs ticket_page_sql,
# src/store/paging.rs Clauses::keyset: limit + 1 rows, cursor `(key, t.rid) < (?, ?)` when descending).
# ---------------------------------------------------------------------------------------------------------------------
TICKET_COLUMNS = (
    't.rid AS rid, t.id AS id, t.number AS "number", t.subject AS "subject", t.status AS "status", '
    't.priority AS "priority", t.kind AS "kind", t.channel AS "channel", c.name AS "customer", a.name AS "assignee", '
    't.created_at AS "created_at", t.updated_at AS "updated_at", t.solved_at AS "solved_at", '
    't.loop_stage AS "loop_stage", t.follow_up_due_at AS "follow_up_due_at", c.tier AS customer_tier, '
    "t.sla_target AS sla_target, t.sla_due_at AS sla_due_at, t.sla_risk_at AS sla_risk_at, "
    "t.sla_paused AS sla_paused, t.sla_remaining AS sla_remaining"
)
TICKET_FROM = (
    "FROM tickets t {indexed}LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.assignee_id"
)

# The built-in views (src/domain/view.rs BuiltinView::query_text) as desk compiles them: pinned index, WHERE clauses
# (`{now}`, `{me}`, `{week_ago}` are bound), sort key, descending.
TICKET_VIEWS = {
    "my-open": ("tickets_assignee_open_updated", [f"t.status IN {OPEN}", "(t.assignee_id = {me})"], "t.updated_at", True),
    "unassigned": ("tickets_unassigned_updated", [f"t.status IN {OPEN}", "(t.assignee_id IS NULL)"], "t.updated_at", True),
    "all-open": ("tickets_open_updated", [f"t.status IN {OPEN}"], "t.updated_at", True),
    "all": ("tickets_updated", [], "t.updated_at", True),
    "pending": ("tickets_status_updated", ["t.status IN ('pending')"], "t.updated_at", True),
    "recently-solved": ("tickets_solved", ["t.solved_at >= {week_ago}", "t.solved_at IS NOT NULL"], "t.solved_at", True),
    "vip": ("tickets_open_updated", [f"t.status IN {OPEN}", "c.tier IN ('diamond', 'gold')"], "t.updated_at", True),
    "at-risk": (
        "tickets_sla_due",
        ["((t.sla_risk_at <= {now} AND t.sla_due_at > {now}) OR (t.sla_due_at <= {now} OR "
         "(t.sla_paused = 1 AND t.sla_remaining <= 0)))", "t.sla_due_at IS NOT NULL"],
        "t.sla_due_at", False,
    ),
    "follow-ups": ("tickets_follow_up_due", ["t.follow_up_due_at <= {now}", "t.follow_up_due_at IS NOT NULL"],
                   "t.follow_up_due_at", False),
}


def ticket_page_sql(view, ctx, cursor, limit):
    """One keyset page of a built-in view, as ticket_page_sql builds it, with named parameters."""
    index, clauses, key, desc = TICKET_VIEWS[view]
    params = {"now": ctx["now"], "me": ctx["me"], "week_ago": ctx["now"] - 7 * DAY}
    where = [c.format(now=":now", me=":me", week_ago=":week_ago") for c in clauses]
    used = {k: v for k, v in params.items() if f":{k}" in " ".join(where)}
    if cursor is not None:
        where.append(f"({key}, t.rid) {'<' if desc else '>'} (:ck, :cr)")
        used["ck"], used["cr"] = cursor
    d = "DESC" if desc else "ASC"
    used["lim"] = limit + 1
    sql = (f"SELECT {TICKET_COLUMNS}, {key} AS sort_key "
           + TICKET_FROM.format(indexed=f"INDEXED BY {index} ")
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {key} {d}, t.rid {d} LIMIT :lim")
    return sql, used


def floor_ticket_pages(view, rows_wanted, page=500):
    """`desk ticket list --view V --limit N`: src/cli/ticket.rs for_each_page, pages of 500 by keyset."""
    def run(conn, ctx):
        done, cursor, pages = 0, None, 0
        while True:
            want = min(rows_wanted - done, page)
            sql, params = ticket_page_sql(view, ctx, cursor, want)
            rows = conn.execute(sql, params).fetchall()
            pages += 1
            more = len(rows) > want
            rows = rows[:want]
            done += len(rows)
            if not more or done >= rows_wanted or not rows:
                return {"rows": done, "pages": pages}
            cursor = (rows[-1][-1], rows[-1][0])
    return run


# ---------------------------------------------------------------------------------------------------------------------
# FLOOR SQL: first frame (src/runtime/mod.rs first_frame): the agent's id, the change-log position the live refresh
# starts from, and the first page (PAGE_SIZE 100, src/app/paged.rs) of the first view, my-open.
# ---------------------------------------------------------------------------------------------------------------------
def floor_first_frame(conn, ctx):
    conn.execute("SELECT id FROM agents WHERE handle = ?", (ctx["handle"],)).fetchall()
    conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchall()
    sql, params = ticket_page_sql("my-open", ctx, None, 100)
    return {"rows": len(conn.execute(sql, params).fetchall())}


# ---------------------------------------------------------------------------------------------------------------------
# FLOOR SQL: search (src/store/search.rs Store::search). The query's shape picks the index (src/domain/search_class.rs
# classify): Latin words / numbers and one or two CJK characters read both word FTS5 tables (migration 22; Latin words
# fall back to the trigram tables when they find nothing); other queries of three or more characters both trigram
# FTS5 tables; the rest LIKE scans. Newest 400 candidates per table (CANDIDATES).
# ---------------------------------------------------------------------------------------------------------------------
SEARCH_FTS_SUBJECT = (
    "SELECT t.number, t.subject, t.status, t.updated_at, snippet(tickets_fts, 0, ?2, ?3, '…', 32), tickets_fts.rank "
    "FROM tickets_fts JOIN tickets t ON t.rid = tickets_fts.rowid "
    "WHERE tickets_fts MATCH ?1 ORDER BY tickets_fts.rowid DESC LIMIT ?4"
)
SEARCH_FTS_MESSAGE = (
    "SELECT t.number, t.subject, t.status, t.updated_at, snippet(messages_fts, 0, ?2, ?3, '…', 32), messages_fts.rank "
    "FROM messages_fts JOIN messages m ON m.rid = messages_fts.rowid JOIN tickets t ON t.id = m.ticket_id "
    "WHERE messages_fts MATCH ?1 ORDER BY messages_fts.rowid DESC LIMIT ?4"
)
SEARCH_LIKE_SUBJECT = (
    "SELECT t.number, t.subject, t.status, t.updated_at, t.subject FROM tickets t "
    "WHERE t.subject LIKE ?1 ESCAPE '\\' ORDER BY t.rid DESC LIMIT ?2"
)
SEARCH_LIKE_MESSAGE = (
    "SELECT t.number, t.subject, t.status, t.updated_at, m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id "
    "WHERE m.body LIKE ?1 ESCAPE '\\' ORDER BY m.rid DESC LIMIT ?2"
)
SEARCH_WORDS_SUBJECT = (
    "SELECT t.number, t.subject, t.status, t.updated_at, t.subject, w.rank "
    "FROM tickets_words_fts w JOIN tickets t ON t.rid = w.rowid "
    "WHERE tickets_words_fts MATCH ?1 ORDER BY w.rowid DESC LIMIT ?2"
)
SEARCH_WORDS_MESSAGE = (
    "SELECT t.number, t.subject, t.status, t.updated_at, m.body, w.rank "
    "FROM messages_words_fts w JOIN messages m ON m.rid = w.rowid JOIN tickets t ON t.id = m.ticket_id "
    "WHERE messages_words_fts MATCH ?1 ORDER BY w.rowid DESC LIMIT ?2"
)
SEARCH_CANDIDATES = 400
# domain::search_class::is_cjk: Han, kana, Hangul letters.
CJK_RANGES = [(0x3005, 0x3007), (0x3041, 0x3096), (0x30A1, 0x30FA), (0x30FC, 0x30FF), (0x1100, 0x11FF),
              (0x3131, 0x318E), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
              (0x20000, 0x2FA1F)]


def search_class(query):
    """domain::search_class::classify, for the queries the harness uses (no zero-width characters)."""
    q = query.strip()
    cjk = all(c.isalpha() and any(a <= ord(c) <= b for a, b in CJK_RANGES) for c in q)
    if 1 <= len(q) <= 2 and cjk:
        return "cjk"
    if len(q) < 3:
        return "scan"
    if all((c.isascii() and c.isalnum()) or c == " " for c in q):
        return "words"
    return "trigram"


def floor_search(query):
    def run(conn, ctx):
        n = 0
        cls = search_class(query)
        if cls in ("words", "cjk"):
            words = " ".join(query.split())
            match = f'"{words}"*' if cls == "words" else f'"{words.replace(" ", "")}"'
            for sql in (SEARCH_WORDS_SUBJECT, SEARCH_WORDS_MESSAGE):
                n += len(conn.execute(sql, (match, SEARCH_CANDIDATES)).fetchall())
        if cls == "trigram" or (cls == "words" and n == 0):
            phrase = '"' + query.replace('"', '""') + '"'
            for sql in (SEARCH_FTS_SUBJECT, SEARCH_FTS_MESSAGE):
                n += len(conn.execute(sql, (phrase, "\ue000", "\ue001", SEARCH_CANDIDATES)).fetchall())
        elif cls == "scan":
            pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for sql in (SEARCH_LIKE_SUBJECT, SEARCH_LIKE_MESSAGE):
                n += len(conn.execute(sql, (pattern, SEARCH_CANDIDATES)).fetchall())
        return {"rows": n}
    return run


# ---------------------------------------------------------------------------------------------------------------------
# FLOOR SQL: ticket open (`desk ticket show N`: src/cli/ticket.rs, src/store/tickets.rs ticket_detail and what fills it).
# ---------------------------------------------------------------------------------------------------------------------
SHOW_SQL = [
    ("SELECT t2.number FROM tickets t JOIN tickets t2 ON t2.id = t.merged_into WHERE t.number = :n", None),
    (f"SELECT {TICKET_COLUMNS}, t.version AS version, t.customer_id AS customer_id, c.email AS customer_email, "
     'g.name AS "group", p.name AS "product", t.first_response_at AS "first_response_at", t.closed_at AS "closed_at", '
     't.complaint_stage AS "complaint_stage", t.sla_policy AS "sla_policy", p.serial AS "serial" '
     "FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.assignee_id "
     "LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN products p ON p.id = t.product_id WHERE t.number = :n", None),
    ("SELECT tag FROM tags WHERE entity = 'ticket' AND entity_id = :id ORDER BY tag", "id"),
    ("SELECT t.number FROM ticket_links l JOIN tickets t ON t.id = CASE WHEN l.a = :id THEN l.b ELSE l.a END "
     "WHERE l.a = :id OR l.b = :id ORDER BY t.number", "id"),
    ("SELECT t2.number FROM tickets t JOIN tickets t2 ON t2.id = t.merged_into WHERE t.id = :id", "id"),
    ("SELECT m.id, m.author_kind, coalesce(a.name, c.name, s.name, CASE WHEN m.author_kind = 'system' THEN coalesce( "
     "m.author_id, (SELECT l.actor FROM changes l WHERE l.entity = 'ticket' AND l.entity_id = m.ticket_id AND "
     "l.field = 'note' AND l.new = m.id), 'system') END), m.visibility, m.body, m.created_at, m.channel "
     "FROM messages m LEFT JOIN agents a ON m.author_kind = 'agent' AND a.id = m.author_id "
     "LEFT JOIN customers c ON m.author_kind = 'customer' AND c.id = m.author_id "
     "LEFT JOIN agents s ON m.author_kind = 'system' AND s.handle = m.author_id "
     "WHERE m.ticket_id = :id ORDER BY m.created_at, m.rid", "id"),
    ("SELECT id, message_id, name, content_type, size, hash FROM attachments WHERE ticket_id = :id ORDER BY rid", "id"),
    ("SELECT email FROM ticket_collaborators WHERE ticket_id = :id ORDER BY email", "id"),
    ("SELECT internal, body, macro_name, article_id, article_how, saved_at, by_mail FROM drafts "
     "WHERE ticket_id = :id AND author = :handle", "id"),
    ("SELECT coalesce(max(c.seq), 0) FROM tickets t JOIN changes c ON c.entity = 'ticket' AND c.entity_id = t.id "
     "WHERE t.number = :n", None),
]


def floor_show(number):
    def run(conn, ctx):
        tid = conn.execute("SELECT id FROM tickets WHERE number = ?", (number,)).fetchone()[0]
        n = 0
        for sql, _ in SHOW_SQL:
            p = {"n": number, "id": tid, "handle": ctx["handle"]}
            n += len(conn.execute(sql, {k: v for k, v in p.items() if f":{k}" in sql}).fetchall())
        return {"rows": n}
    return run


# ---------------------------------------------------------------------------------------------------------------------
# FLOOR SQL: customer views (src/store/customers.rs customer_page / customer_rows, src/store/customer_filter.rs
# compile, src/domain/customer_view.rs query_text). A view over several tiers runs one keyset page per tier and merges.
# ---------------------------------------------------------------------------------------------------------------------
CUSTOMER_SELECT = (
    "SELECT c.rid, c.id, c.name, c.email, c.phone, o.name, c.tier, c.city, c.stage, c.risk_level, c.risk_score, "
    "c.created_at, c.updated_at FROM customers c LEFT JOIN organizations o ON o.id = c.org_id "
    "WHERE c.merged_into IS NULL AND (c.job_id IS NULL OR c.job_id NOT IN "
    "(SELECT id FROM bulk_jobs WHERE published_at IS NULL))"
)
CUSTOMER_VIEWS = {
    # view: ([(extra WHERE, params)] one per merged part, sort key)
    "all": ([("", {})], "c.updated_at"),
    "vip": ([(" AND c.tier IN (:t)", {"t": "diamond"}), (" AND c.tier IN (:t)", {"t": "gold"})], "c.updated_at"),
    "at-risk": ([(" AND c.risk_level IN (:a, :b) AND c.risk_score > 0", {"a": "medium", "b": "high"})], "c.risk_score"),
    "new": ([(" AND c.created_at >= :since", {"since": "now-30d"})], "c.created_at"),
}



def _visible(alias):
    return f"({alias}.job_id IS NULL OR {alias}.job_id NOT IN (SELECT id FROM bulk_jobs WHERE published_at IS NULL))"


# The warranty and care views walk products and tasks by date (customer_filter.rs Walk): each customer once, at its
# soonest date; care and win-back tasks are two index ranges of one index, merged by a UNION ALL.
_DATED = (
    "SELECT c.rid, c.id, c.name, c.email, c.phone, o.name, c.tier, c.city, c.stage, c.risk_level, c.risk_score, "
    "c.created_at, c.updated_at, {key} AS sort_key, {rid} AS sort_rid FROM {table} JOIN customers c ON "
    "c.id = {alias}.customer_id LEFT JOIN organizations o ON o.id = c.org_id WHERE c.merged_into IS NULL AND "
    + _visible("c") + " AND {cond}"
)
_WARRANTY = (
    "p.warranty_until >= :now AND p.warranty_until < :until AND " + _visible("p")
    + " AND NOT EXISTS (SELECT 1 FROM products q WHERE q.customer_id = p.customer_id AND q.warranty_until >= :now "
    "AND q.warranty_until < :until AND " + _visible("q")
    + " AND (q.warranty_until, q.rowid) < (p.warranty_until, p.rowid))"
)
_CARE = (
    "t.done_at IS NULL AND t.due_at < :by AND NOT EXISTS (SELECT 1 FROM tasks q WHERE q.customer_id = t.customer_id "
    "AND q.kind IN ('care', 'win_back') AND q.done_at IS NULL AND q.due_at < :by AND (q.due_at, q.rowid) < "
    "(t.due_at, t.rowid))"
)
DATED_VIEWS = {
    "warranty": (_DATED.format(key="p.warranty_until", rid="p.rowid", table="products p", alias="p", cond=_WARRANTY)
                 + " ORDER BY sort_key ASC, sort_rid ASC LIMIT :lim"),
    "care": (" UNION ALL ".join(
        _DATED.format(key="t.due_at", rid="t.rowid", table="tasks t", alias="t", cond=_CARE) + f" AND t.kind = '{k}'"
        for k in ("care", "win_back")) + " ORDER BY sort_key ASC, sort_rid ASC LIMIT :lim"),
}


def floor_customer_view(view, limit=100):
    if view in DATED_VIEWS:
        def dated(conn, ctx):
            now = ctx["now"]
            p = {"now": now, "until": now + 30 * DAY, "by": now + 7 * DAY, "lim": limit + 1}
            sql = DATED_VIEWS[view]
            rows = conn.execute(sql, {k: v for k, v in p.items() if f":{k}" in sql}).fetchall()
            return {"rows": min(len(rows), limit)}
        return dated
    parts, key = CUSTOMER_VIEWS[view]

    def value(v, now):
        return {"now": now, "now-30d": now - 30 * DAY, "now+30d": now + 30 * DAY, "now+7d": now + 7 * DAY}.get(v, v)

    def run(conn, ctx):
        rows = []
        for extra, params in parts:
            p = {k: value(v, ctx["now"]) for k, v in params.items()}
            p["lim"] = limit + 1
            sql = f"{CUSTOMER_SELECT}{extra} ORDER BY {key} DESC, c.rid DESC LIMIT :lim"
            rows += conn.execute(sql, p).fetchall()
        return {"rows": min(len(rows), limit)}
    return run


# ---------------------------------------------------------------------------------------------------------------------
# FLOOR SQL: `desk report` (src/cli/report.rs, src/store/metrics.rs): the period's and the previous period's facts by
# created and by solved time, the backlog counts, the top complaint tags and the low survey scores. Bound values
# follow src/domain/metrics_report.rs window(); which statement gets which window is read from the SQL's shape.
# What `desk report --format json` reads from the daily roll-ups (src/store/rollup_read.rs, src/store/metrics.rs): per
# dimension of the JSON report ('' = the desk, group, priority, channel) one primary-key range of each roll-up table
# for the period, the desk's rows for the period before, follow-ups due later on the as-of day, the backlog, complaint
# tags and the newest low-score comments.
_DIMS = ("'", "'group", "'priority", "'channel")  # a leading ' marks a literal: "'" is ''
REPORT_SQL = [
    ("SELECT count(*) FROM tickets INDEXED BY tickets_unmeasured WHERE measured = 0 AND "
     "(first_response_at IS NOT NULL OR solved_at IS NOT NULL)", ()),
] + [
    (sql, (dim, "from_day", "to_day"))
    for dim in _DIMS
    for sql in ("SELECT * FROM metric_days WHERE dim = ?1 AND day >= ?2 AND day < ?3 AND (created <> 0 OR solved <> 0)",
                "SELECT day, key, measure, cell, n FROM metric_day_cells WHERE dim = ?1 AND day >= ?2 AND day < ?3 "
                "AND n > 0")
] + [
    ("SELECT * FROM metric_days WHERE dim = '' AND day >= ?1 AND day < ?2 AND (created <> 0 OR solved <> 0)",
     ("prev_from_day", "from_day")),
    ("SELECT day, key, measure, cell, n FROM metric_day_cells WHERE dim = '' AND day >= ?1 AND day < ?2 AND n > 0",
     ("prev_from_day", "from_day")),
    ("SELECT solved_at, channel, kind, priority, assignee_id, group_id FROM tickets INDEXED BY tickets_follow_up_due "
     "WHERE follow_up_due_at > ?1 AND follow_up_due_at < ?2 AND loop_stage = 'solved' AND solved_at >= ?3 AND "
     "solved_at < ?4", ("now", "to", "from", "to")),
    ("SELECT coalesce(sum(created), 0), coalesce(sum(solved), 0) FROM metric_days WHERE dim = '' AND day >= ?1",
     ("to_day",)),
    (f"SELECT count(*) FROM tickets WHERE status IN {OPEN} AND ?1 = ?1", ("to",)),
    ("SELECT tag, sum(n) FROM metric_complaint_tags WHERE day >= ?1 AND day < ?2 GROUP BY tag HAVING sum(n) > 0 "
     "ORDER BY 2 DESC, 1 LIMIT 5", ("from_day", "to_day")),
] + [
    (f"SELECT t.number, s.score, s.at, s.comment FROM surveys s INDEXED BY surveys_low_{kind} JOIN tickets t ON "
     f"t.id = s.ticket_id WHERE s.kind = '{kind}' AND s.score {cond} AND s.comment <> '' AND t.solved_at IS NOT NULL "
     f"AND t.solved_at >= ?1 AND t.solved_at < ?2 AND t.{kind} {cond} ORDER BY s.at DESC LIMIT 5", ("from", "to"))
    for kind, cond in (("csat", "<= 2"), ("nps", "<= 6"), ("ces", ">= 5"))
]


def report_window(period, now):
    """src/domain/metrics_report.rs window(): whole local days ending today."""
    today = datetime.date.fromtimestamp(now)
    if period == "30d":
        first = today - datetime.timedelta(days=29)
    elif period == "quarter":
        first = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    else:  # "90d": --from today-89 --to today
        first = today - datetime.timedelta(days=89)
    midnight = lambda d: int(time.mktime(d.timetuple()))  # noqa: E731 (local midnight, as desk reads days)
    return midnight(first), midnight(today) + DAY


def floor_report(period):
    def run(conn, ctx):
        start, end = report_window(period, ctx["now"])
        v = {"from": start, "to": end, "prev_from": start - (end - start), "prev_to": start, "now": ctx["now"]}
        # Roll-up days are local day numbers at the machine's UTC offset, as desk reads them.
        off = int(datetime.datetime.now().astimezone().utcoffset().total_seconds())
        v.update({k + "_day": (v[k] + off) // DAY for k in ("from", "to", "prev_from")})
        n = 0
        for sql, names in REPORT_SQL:
            params = [n_[1:] if n_.startswith("'") else v[n_] for n_ in names]
            n += len(conn.execute(sql, params).fetchall())
        return {"rows": n}
    return run
