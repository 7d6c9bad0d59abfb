#!/usr/bin/env python3
"""Scale harness (issue 21, item 6): desk whole-process beside the raw SQL it runs, and keypress-to-frame in a pty.

    python3 benches/scale.py --tickets 100000                      # generate (or reuse) the demo, measure, print
    python3 benches/scale.py --tickets 1000000 --write-benchmarks  # ... and replace the generated BENCHMARKS.md section

Python 3 standard library only. What it does:

1. Takes a desk binary (--desk, default ./target/release/desk; built with `cargo build --release` when missing) and
   generates the demo at --tickets N into --demo PATH, or reuses the file if it is there. The demo itself is never
   opened by desk again: every measurement runs on a copy, so the generated file stays pristine.
2. Whole-process measurements (spawn → exit, output to /dev/null), interleaved and repeated (--runs, default 15, after
   one warm-up round), each beside its raw-SQL floor: the statements desk runs for it (captured from desk itself,
   see FLOOR SQL below), run with python's sqlite3 module on the same copy in the same round — connect, the same
   pragmas, prepare, step, fetch every row.
3. Keypress-to-frame through a pseudo-terminal: desk at 120×40 on a fresh copy, 2 000 `j` and 100 Ctrl-d sent one at
   a time right after the first frame, each timed from the write to the last byte of the frame it causes (a frame
   ends when the terminal is quiet for --quiet-ms; the quiet window itself is not counted). The database facts the
   SLA check and measuring would change are compared before and after, and desk's CPU time during the session says
   whether background work ran.
4. Markdown tables on stdout and, with --write-benchmarks, between `<!-- scale:N:begin -->` and
   `<!-- scale:N:end -->` in BENCHMARKS.md (only that section is replaced; it is appended when missing).

FLOOR SQL. Each case keeps the SQL next to the desk command it floors, copied from what desk prepares (read with gdb
on `sqlite3LockAndPrepare` of a release build) and from the source file named in the comment. When search, metrics
or the SLA sweep change their SQL, update the constant beside the case; `--show-sql` prints what the floor runs.
"""

import argparse
import datetime
import math
import os
import pty
import re
import select
import shlex
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import fcntl
import json
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
    "warranty": ([(" AND c.id IN (SELECT customer_id FROM products WHERE warranty_until >= :now AND "
                   "warranty_until < :until AND (products.job_id IS NULL OR products.job_id NOT IN "
                   "(SELECT id FROM bulk_jobs WHERE published_at IS NULL)))", {"now": "now", "until": "now+30d"})],
                 "c.updated_at"),
    "care": ([(" AND c.id IN (SELECT customer_id FROM tasks WHERE kind IN ('care', 'win_back') AND done_at IS NULL "
               "AND due_at < :by)", {"by": "now+7d"})], "c.updated_at"),
}


def floor_customer_view(view, limit=100):
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
# The daily roll-ups (issue 21 item 4) will replace these scans: update REPORT_SQL then.
# ---------------------------------------------------------------------------------------------------------------------
REPORT_SQL = [
    ("SELECT count(*) FROM tickets INDEXED BY tickets_unmeasured WHERE measured = 0 AND "
     "(first_response_at IS NOT NULL OR solved_at IS NOT NULL)", ()),
    ("SELECT t.created_at, NULL, t.kind, NULL, NULL, NULL, t.frt_secs, t.frt_late, NULL FROM tickets t "
     "INDEXED BY tickets_created_facts WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2",
     ("prev_from", "prev_to")),
    ("SELECT t.created_at, t.channel, t.kind, t.priority, t.assignee_id, t.group_id, t.frt_secs, t.frt_late, NULL "
     "FROM tickets t INDEXED BY tickets_created_facts WHERE t.status <> 'merged' AND t.created_at >= ?1 AND "
     "t.created_at < ?2", ("from", "to")),
    ("SELECT t.solved_at, t.channel, t.kind, t.priority, t.assignee_id, t.group_id, t.resolution_secs, "
     "t.resolution_late, t.next_reply_late, t.agent_replies, t.reopens, t.csat, t.nps, t.ces, t.loop_stage, "
     "t.follow_up_due_at, NULL FROM tickets t INDEXED BY tickets_solved_facts WHERE t.solved_at IS NOT NULL AND "
     "t.solved_at >= ?1 AND t.solved_at < ?2", ("from", "to")),
    ("SELECT t.solved_at, NULL, NULL, NULL, NULL, NULL, t.resolution_secs, t.resolution_late, t.next_reply_late, "
     "t.agent_replies, t.reopens, t.csat, t.nps, t.ces, t.loop_stage, t.follow_up_due_at, NULL FROM tickets t "
     "INDEXED BY tickets_solved_facts WHERE t.solved_at IS NOT NULL AND t.solved_at >= ?1 AND t.solved_at < ?2",
     ("prev_from", "prev_to")),
    (f"SELECT count(*) FROM tickets WHERE status IN {OPEN} AND ?1 = ?1", ("to",)),
    ("SELECT count(*) FROM tickets INDEXED BY tickets_created_facts WHERE status <> 'merged' AND created_at >= ?1",
     ("from",)),
    ("SELECT count(*) FROM tickets INDEXED BY tickets_solved_facts WHERE solved_at IS NOT NULL AND solved_at >= ?1",
     ("from",)),
    ("SELECT g.tag, count(*) FROM tickets t INDEXED BY tickets_created_facts JOIN tags g ON g.entity = 'ticket' AND "
     "g.entity_id = t.id WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2 AND "
     "t.kind = 'complaint' GROUP BY g.tag ORDER BY 2 DESC, 1 LIMIT 5", ("from", "to")),
] + [
    ("SELECT t.number, s.score, s.at, s.comment FROM tickets t INDEXED BY tickets_solved_facts JOIN surveys s ON "
     "s.ticket_id = t.id AND s.kind = ?1 WHERE t.solved_at IS NOT NULL AND t.solved_at >= ?2 AND t.solved_at < ?3 "
     f"AND t.{kind} {cond} AND s.score {cond} AND coalesce(s.comment, '') <> '' ORDER BY s.at DESC LIMIT 5",
     (f"'{kind}", "from", "to"))
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
        v = {"from": start, "to": end, "prev_from": start - (end - start), "prev_to": start}
        n = 0
        for sql, names in REPORT_SQL:
            params = [n_[1:] if n_.startswith("'") else v[n_] for n_ in names]
            n += len(conn.execute(sql, params).fetchall())
        return {"rows": n}
    return run


# ---------------------------------------------------------------------------------------------------------------------
# Budgets (issue 21 and DESIGN.md §6). A budget on one figure is checked against p50; search also against p99 and the
# ratio to its floor; a deep page against the cost of a page beyond the first.
# ---------------------------------------------------------------------------------------------------------------------
class Budget:
    def __init__(self, text, p50=None, p99=None, ratio=None, per_page=None):
        self.text, self.p50, self.p99, self.ratio, self.per_page = text, p50, p99, ratio, per_page

    def check(self, p50, p99, ratio, per_page=None):
        over = []
        if self.p50 is not None and p50 > self.p50:
            over.append("p50")
        if self.p99 is not None and p99 > self.p99:
            over.append("p99")
        if self.ratio is not None and ratio is not None and ratio > self.ratio:
            over.append("ratio")
        if self.per_page is not None and per_page is not None and per_page > self.per_page:
            over.append("a page")
        return "within" if not over else "over (" + ", ".join(over) + ")"


B_FIRST_FRAME = Budget("first frame ≤150 ms", p50=150)
B_PAGE = Budget("queue page ≤20 ms", p50=20)
B_DEEP = Budget("≤20 ms a page", per_page=20)
B_SEARCH = Budget("p50 ≤30 ms, p99 ≤150 ms, ≤1.5× SQL", p50=30, p99=150, ratio=1.5)
B_OPEN = Budget("open ticket ≤10 ms", p50=10)
B_CUSTOMER = Budget("customer page ≤20 ms", p50=20)
B_REPORT_30 = Budget("≤100 ms (30 days at 1M)", p50=100)
B_REPORT_Q = Budget("≤200 ms (a quarter at 1M)", p50=200)
B_KEY = Budget("keypress → frame p99 ≤16 ms", p99=16)


class Case:
    def __init__(self, key, what, argv, floor, budget, deep_of=None):
        self.key, self.what, self.argv, self.floor, self.budget, self.deep_of = key, what, argv, floor, budget, deep_of
        self.desk, self.sql, self.floor_info, self.desk_rss = [], [], {}, 0


DEEP_ROWS = 10_000


def build_cases(ctx):
    """Every case: what it is, the desk arguments (after `desk --db FILE`), its floor and its budget."""
    cases = [Case("first-frame", "first frame (`--bench-first-frame`, my-open, 120×40 off-screen)",
                  ["--bench-first-frame"], floor_first_frame, B_FIRST_FRAME)]
    for v in TICKET_VIEWS:
        cases.append(Case(f"view-{v}", f"`ticket list --view {v} --limit 100`",
                          ["ticket", "list", "--view", v, "--limit", "100"],
                          floor_ticket_pages(v, 100), B_PAGE))
        cases.append(Case(f"deep-{v}", f"`ticket list --view {v} --limit {DEEP_ROWS} --format csv`",
                          ["ticket", "list", "--view", v, "--limit", str(DEEP_ROWS), "--format", "csv"],
                          floor_ticket_pages(v, DEEP_ROWS), B_DEEP, deep_of=f"view-{v}"))
    for label, q in ctx["searches"]:
        cases.append(Case(f"search-{label}", f"`search {q}` ({label})", ["search", q], floor_search(q), B_SEARCH))
    n = ctx["show_number"]
    cases.append(Case("show", f"`ticket show {n}` ({ctx['show_messages']} messages)", ["ticket", "show", str(n)],
                      floor_show(n), B_OPEN))
    for v in CUSTOMER_VIEWS:
        cases.append(Case(f"customer-{v}", f"`customer list --view {v} --limit 100`",
                          ["customer", "list", "--view", v, "--limit", "100"], floor_customer_view(v), B_CUSTOMER))
    start, _ = report_window("90d", ctx["now"])
    cases += [
        Case("report-30d", "`report --period 30d`", ["report", "--period", "30d"], floor_report("30d"), B_REPORT_30),
        Case("report-quarter", "`report --period quarter` (this quarter so far)", ["report", "--period", "quarter"],
             floor_report("quarter"), B_REPORT_Q),
        Case("report-90d", "`report --from … --to …` (90 days)",
             ["report", "--from", datetime.date.fromtimestamp(start).isoformat(),
              "--to", datetime.date.fromtimestamp(ctx["now"]).isoformat()], floor_report("90d"), B_REPORT_Q),
    ]
    return cases


# ---------------------------------------------------------------------------------------------------------------------
# Running things
# ---------------------------------------------------------------------------------------------------------------------
def percentile(xs, p):
    """Nearest rank: with fewer than 100 runs p99 is the maximum."""
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def desk_env(workdir, handle):
    env = dict(os.environ)
    cfg = workdir / "config.toml"
    if not cfg.exists():
        cfg.write_text("# empty: desk's defaults (benches/scale.py)\n")
    env.update({"USER": handle, "DESK_CONFIG": str(cfg), "TERM": "xterm-256color", "NO_COLOR": ""})
    env.pop("DESK_DB", None)
    return env


def run_desk(desk, db, argv, env, check=True):
    """One whole-process run: spawn → exit, stdout to /dev/null. Returns (seconds, max RSS in KB)."""
    args = [str(desk), "--db", str(db)] + argv
    devnull = os.open(os.devnull, os.O_WRONLY)
    err_r, err_w = os.pipe()
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
        t0 = time.perf_counter()
        pid = os.posix_spawn(args[0], args, env, file_actions=actions)
        os.close(err_w)
        err_w = -1
        _, status, ru = os.wait4(pid, 0)
        took = time.perf_counter() - t0
        err = b""
        while True:
            chunk = os.read(err_r, 65536)
            if not chunk:
                break
            err += chunk
    finally:
        os.close(devnull)
        os.close(err_r)
        if err_w >= 0:
            os.close(err_w)
    code = os.waitstatus_to_exitcode(status)
    if check and code != 0:
        raise SystemExit(f"scale.py: `{shlex.join(args)}` exited {code}:\n{err.decode(errors='replace')}")
    return took, ru.ru_maxrss


def open_floor(db):
    conn = sqlite3.connect(str(db), isolation_level=None)
    # What src/store/open.rs sets on a local file (journal mode is already WAL in the file).
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -16000")
    return conn


def run_floor(db, case, ctx):
    t0 = time.perf_counter()
    conn = open_floor(db)
    try:
        info = case.floor(conn, ctx)
    finally:
        conn.close()
    return time.perf_counter() - t0, info


def facts(db):
    """What the SLA check, escalations and measuring would change; compared before and after a session."""
    conn = sqlite3.connect(str(db))
    try:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "changes": q("SELECT count(*) FROM changes"),
            "max(changes.seq)": q("SELECT coalesce(max(seq), 0) FROM changes"),
            "escalations": q("SELECT count(*) FROM escalations"),
            "messages": q("SELECT count(*) FROM messages"),
            "max(sync_rows.seq)": q("SELECT coalesce(max(seq), 0) FROM sync_rows"),
            "tickets not measured": q("SELECT count(*) FROM tickets WHERE measured = 0"),
            "max(tickets.updated_at)": q("SELECT coalesce(max(updated_at), 0) FROM tickets"),
            "open tickets": q(f"SELECT count(*) FROM tickets WHERE status IN {OPEN}"),
        }
    finally:
        conn.close()


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm"):
        d = Path(str(dst) + suffix)
        if d.exists():
            d.unlink()
    shutil.copyfile(src, dst)
    wal = Path(str(src) + "-wal")
    if wal.exists():
        shutil.copyfile(wal, str(dst) + "-wal")


def context(db, handle):
    """Facts the cases need, read from the copy: the agent, the search terms that exist, a ticket to open."""
    conn = open_floor(db)
    try:
        me = conn.execute("SELECT id FROM agents WHERE handle = ?", (handle,)).fetchone()
        if me is None:
            raise SystemExit(f"scale.py: the demo has no agent `{handle}`")
        # A rare order number: the newest message that quotes one (`DD` + 12 digits).
        order = None
        for (body,) in conn.execute("SELECT body FROM messages WHERE body LIKE '%DD20%' ORDER BY rid DESC LIMIT 50"):
            m = re.search(r"DD\d{12}", body)
            if m:
                order = m.group(0)
                break
        lo, hi = conn.execute("SELECT min(number), max(number) FROM tickets WHERE number > 0").fetchone()
        # The longest thread among a thousand tickets from the middle of the numbers.
        show = conn.execute("SELECT t.number, count(*) FROM tickets t JOIN messages m ON m.ticket_id = t.id "
                            "WHERE t.number BETWEEN ?1 AND ?1 + 999 AND t.merged_into IS NULL "
                            "GROUP BY t.id ORDER BY 2 DESC, 1 LIMIT 1", ((lo + hi) // 2,)).fetchone()
        counts = {}
        for v in TICKET_VIEWS:  # how many rows each view has (the page SQL without its limit)
            sql, params = ticket_page_sql(v, {"now": int(time.time()), "me": me[0]}, None, 10**12)
            counts[v] = conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        sizes = {
            "tickets": conn.execute("SELECT count(*) FROM tickets").fetchone()[0],
            "messages": conn.execute("SELECT max(rid) FROM messages").fetchone()[0],
            "customers": conn.execute("SELECT count(*) FROM customers").fetchone()[0],
        }
    finally:
        conn.close()
    searches = [("common word", "password")]
    if order:
        searches.append(("rare order number", order))
    searches += [("2-char CJK, absent", "漏水"), ("1-char CJK, absent", "鲸"), ("CJK phrase", "支付失败"),
                 ("1-char CJK", "修")]
    return {"me": me[0], "handle": handle, "now": int(time.time()), "searches": searches,
            "show_number": show[0], "show_messages": show[1], "view_rows": counts, "sizes": sizes}


def measure(cases, desk, db, env, ctx, runs, warmup):
    """Interleaved: each round runs every case once, desk then its floor, so drift hits both alike."""
    for r in range(warmup + runs):
        t_round = time.perf_counter()
        for c in cases:
            took, rss = run_desk(desk, db, c.argv, env)
            fl, info = run_floor(db, c, ctx)
            if r >= warmup:
                c.desk.append(took)
                c.sql.append(fl)
                c.desk_rss = max(c.desk_rss, rss)
            c.floor_info = info
        log(f"  round {r + 1}/{warmup + runs}{' (warm-up)' if r < warmup else ''}: "
            f"{time.perf_counter() - t_round:.1f} s")


# ---------------------------------------------------------------------------------------------------------------------
# Keypress to frame through a pseudo-terminal
# ---------------------------------------------------------------------------------------------------------------------
class Term:
    """desk in a pty: reads what it draws, answers the terminal queries a real terminal would."""

    def __init__(self, argv, env, cols=120, rows=40):
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before desk reads it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out, self.exit_code, self.rusage = pid, fd, 0, None, None
        self.tail = b""

    def _answer(self, data):
        buf = self.tail + data
        if b"\x1b[6n" in buf:  # cursor position
            os.write(self.fd, b"\x1b[1;1R")
        if b"\x1b[c" in buf or b"\x1b[0c" in buf:  # primary device attributes
            os.write(self.fd, b"\x1b[?62;22c")
        self.tail = buf[-8:]

    def read(self, timeout):
        """What arrives within `timeout` seconds (b"" if nothing); None once desk has closed the terminal."""
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return None
        if not data:
            return None
        self.out += len(data)
        self._answer(data)
        return data

    def frame(self, quiet, first_timeout):
        """Reads one frame: waits up to `first_timeout` for output, then until quiet. (end time, bytes, text)."""
        data = self.read(first_timeout)
        if not data:
            return None, 0, b""
        last, got, text = time.perf_counter(), len(data), data
        while True:
            more = self.read(quiet)
            if not more:
                break
            last = time.perf_counter()
            got += len(more)
            if len(text) < 1 << 20:
                text += more
        return last, got, text

    def drain(self):
        n = 0
        while True:
            d = self.read(0)
            if not d:
                return n
            n += len(d)

    def cpu_seconds(self):
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return None

    def threads(self):
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("Threads:"):
                    return int(line.split()[1])
        except OSError:
            return None

    def wait_exit(self, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.exit_code, self.rusage = os.waitstatus_to_exitcode(status), ru
                return True
            if self.read(0.02) is None:
                time.sleep(0.01)
        return False

    def kill(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                return
            if self.wait_exit(2):
                return


def pty_session(desk, db, env, args):
    """Start desk, wait for the first frame, switch to the view, send the keys; measure each key's frame."""
    before = facts(db)
    started_at = int(time.time())
    t0 = time.perf_counter()
    term = Term([str(desk), "--db", str(db)], env)
    res = {"before": before, "keys": {}, "silent": {}, "stray": 0, "ok": True}
    try:
        # The first frame: the queue's rows (ticket numbers) are on screen and the terminal is quiet.
        seen = b""
        deadline = t0 + 120
        while not re.search(rb"#\d{3,}", seen):
            if time.perf_counter() > deadline:
                raise SystemExit("scale.py: desk drew no queue within 120 s in the pseudo-terminal")
            d = term.read(deadline - time.perf_counter())
            if d is None:
                raise SystemExit("scale.py: desk exited before its first frame in the pseudo-terminal")
            seen += d
        end, _, _ = term.frame(args.quiet_ms / 1000, args.quiet_ms / 1000)
        res["first_frame"] = ((end or time.perf_counter()) - t0)
        res["cpu_at_first_frame"] = term.cpu_seconds()
        res["threads"] = term.threads()
        session_start = time.perf_counter()
        keys = [("view", b"]")] * args.pty_view_presses + [("j", b"j")] * args.keys_j + [("Ctrl-d", b"\x04")] * args.keys_ctrl_d
        for name, key in keys:
            res["stray"] += term.drain()
            t = time.perf_counter()
            os.write(term.fd, key)
            end, got, text = term.frame(args.quiet_ms / 1000, args.key_timeout)
            if name == "view":
                res["view_text"] = text
            if end is None:
                res["silent"][name] = res["silent"].get(name, 0) + 1
            else:
                res["keys"].setdefault(name, []).append(end - t)
        res["stray"] += term.drain()
        res["session"] = time.perf_counter() - session_start
        # Where the selection ended: a resize there and back makes desk draw the whole screen, position included.
        for rows in (41, 40):
            fcntl.ioctl(term.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 120, 0, 0))
            _, _, text = term.frame(args.quiet_ms / 1000, 1.0)
        m = re.findall(rb"\[(\d+)/(\d+\+?)\]", text)
        res["row"] = f"{int(m[-1][0]):,} of {m[-1][1].decode()}" if m else "unknown (no position drawn)"
        # Stay open long enough for the first SLA check (asked for at the first tick) and its backlog to run.
        while time.perf_counter() - t0 < args.pty_hold:
            if term.read(0.05) is None:
                raise SystemExit("scale.py: desk exited on its own in the pseudo-terminal")
        res["open_for"] = time.perf_counter() - t0
        res["cpu_session"] = (term.cpu_seconds() or 0) - (res["cpu_at_first_frame"] or 0)
        os.write(term.fd, b"q")
        if not term.wait_exit(10):
            res["ok"] = False
            term.kill()
            raise SystemExit("scale.py: desk did not exit within 10 s of `q` in the pseudo-terminal (killed)")
        if term.exit_code != 0:
            res["ok"] = False
            raise SystemExit(f"scale.py: desk exited {term.exit_code} after `q` in the pseudo-terminal")
        res["rss_kb"] = term.rusage.ru_maxrss
    finally:
        if term.exit_code is None:
            term.kill()
        try:
            os.close(term.fd)
        except OSError:
            pass
    res["after"] = facts(db)
    res["escalated"] = new_escalations(db, started_at, int(args.demo_mtime))
    return res


def new_escalations(db, since, generated):
    """Escalations written since `since`, by rule and state, and how many were on clocks that had already passed
    (risk or due time by the ticket's stored clock) when the demo was generated: those the demo left unsettled."""
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute(
            "SELECT e.rule, e.state, count(*), sum(CASE WHEN (e.state = 'breached' AND t.sla_due_at < :gen) OR "
            "(e.state <> 'breached' AND t.sla_risk_at < :gen) THEN 1 ELSE 0 END) FROM escalations e "
            "JOIN tickets t ON t.id = e.ticket_id WHERE e.at >= :since GROUP BY 1, 2 ORDER BY 3 DESC",
            {"since": since, "gen": generated}).fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------------------------------
def ms(x):
    return f"{x * 1000:.1f}" if x < 10 else f"{x * 1000:.0f}"


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        mem = "RAM unknown"
    return f"{os.cpu_count()} CPUs (`nproc` {len(os.sched_getaffinity(0))}), {model}, {mem}, Linux {platform_release()}"


def platform_release():
    return os.uname().release


def desk_label(desk):
    built = datetime.datetime.fromtimestamp(desk.stat().st_mtime, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    try:
        rel = desk.relative_to(ROOT)
    except ValueError:
        rel = desk
    return f"`{rel}` built {built}"


def git_describe():
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def render(cases, pty_res, meta, args):
    out = []
    w = out.append
    w(f"Generated by `{meta['command']}` on {meta['date']} (repository at {meta['commit']}; desk binary "
      f"{meta['desk']}).")
    w("")
    w(f"Machine: {meta['machine']}; load average {meta['load_before']} before, {meta['load_after']} after. "
      "Whole-process unless marked in-process; the machine is shared and noisy — the ratio travels, an absolute "
      "time does not.")
    w("")
    s = meta["sizes"]
    w(f"Database: the demo at `--tickets {args.tickets}` ({s['tickets']:,} tickets, about {s['messages']:,} messages, "
      f"{s['customers']:,} customers; {meta['db_mb']:.0f} MB){meta['generated']}. Measurements ran on a copy; "
      f"agent `{args.handle}` (`USER={args.handle}`), an empty config.")
    w("")
    w(f"desk: `desk --db COPY …`, spawned and waited for, output to /dev/null; {args.runs} runs each after "
      f"{args.warmup} warm-up round, every case once per round, desk then its floor. Raw SQL floor: the statements "
      "desk runs for the command, in-process with python's sqlite3 module on the same copy in the same round "
      "(connect, desk's pragmas, prepare, step, fetch every row; python's cost of making each row a tuple is in it, so "
      "where thousands of rows come back — deep pages, reports — the floor is above SQLite's own time and a ratio "
      "under 1 can happen). p99 of fewer than 100 runs is the maximum. A budget on one figure is checked against "
      "p50.")
    w("")
    w("| what | desk p50 ms | desk p99/max ms | raw SQL floor p50 ms | ratio | budget | status |")
    w("|---|---|---|---|---|---|---|")
    by_key = {c.key: c for c in cases}
    for c in cases:
        p50, p99 = percentile(c.desk, 50), percentile(c.desk, 99)
        f50 = percentile(c.sql, 50)
        ratio = p50 / f50 if f50 > 0 else None
        what = c.what
        per_page = None
        info = c.floor_info
        if c.deep_of:
            first = by_key[c.deep_of]
            pages = info.get("pages", 1)
            extra = max(pages - 1, 1)
            if pages > 1:
                per_page = (p50 - percentile(first.desk, 50)) / extra
                floor_page = (f50 - percentile(first.sql, 50)) / extra
                what += (f": {info['rows']:,} rows in {pages} keyset pages; a page beyond the first ≈ "
                         f"{ms(max(per_page, 0))} ms (floor {ms(max(floor_page, 0))} ms)")
            else:
                per_page = p50
                what += f": all {info['rows']:,} rows in one page"
        elif c.key.startswith("view-"):
            what += f": {info['rows']} of {meta['view_rows'][c.key[5:]]:,} rows"
        elif "rows" in info and (c.key.startswith("search") or c.key.startswith("customer")):
            what += f": {info['rows']} rows"
        status = c.budget.check(p50 * 1000, p99 * 1000, ratio, per_page * 1000 if per_page is not None else None)
        w(f"| {what} | {ms(p50)} | {ms(p99)} | {ms(f50)} | {f'{ratio:.2f}×' if ratio else '—'} | "
          f"{c.budget.text} | {status} |")
    if pty_res:
        w("")
        render_pty(w, pty_res, args)
    return "\n".join(out) + "\n"


def render_pty(w, r, args):
    w(f"**Keypress to frame** (pseudo-terminal, 120×40, TERM=xterm-256color; `desk --db COPY` on a fresh copy of the "
      f"demo): after the first frame, {args.pty_view_presses} × `]` to the all-open view, then {args.keys_j} × `j` "
      f"and {args.keys_ctrl_d} × Ctrl-d, one key at a time; each timed from the write to the last byte of the frame it "
      f"caused (the frame ends after {args.quiet_ms:g} ms of quiet, not counted; a redraw that comes later, such as a "
      "page arriving, runs into the next key's time).")
    w("")
    shown = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", r.get("view_text", b"")).decode(errors="replace")
    if args.pty_view_presses == 2 and "All open" not in shown:
        w("(The last `]` did not draw the title `All open`: the keys ran in another view.)")
        w("")
    w("| what | p50 ms | p99 ms | max ms | keys | budget | status |")
    w("|---|---|---|---|---|---|---|")
    w(f"| first frame in the terminal (spawn → queue drawn) | {ms(r['first_frame'])} | | | | first frame ≤150 ms | "
      f"{'within' if r['first_frame'] <= 0.150 else 'over'} |")
    for name in ("view", "j", "Ctrl-d"):
        xs = r["keys"].get(name, [])
        if not xs:
            continue
        p50, p99, mx = percentile(xs, 50), percentile(xs, 99), max(xs)
        silent = r["silent"].get(name, 0)
        label = {"view": "`]` next view", "j": "`j`", "Ctrl-d": "Ctrl-d"}[name]
        w(f"| {label} | {ms(p50)} | {ms(p99)} | {ms(mx)} | {len(xs)}{f' (+{silent} drew nothing)' if silent else ''} "
          f"| {B_KEY.text} | {B_KEY.check(0, p99 * 1000, None)} |")
    w("")
    changed = {k: (r["before"][k], r["after"][k]) for k in r["before"] if r["before"][k] != r["after"][k]}
    cpu = r.get("cpu_session")
    cpu0 = r["cpu_at_first_frame"] or 0
    before = f"{cpu0:.2f} s" if cpu0 >= 0.01 else "under 0.01 s"
    w(f"desk was open {r['open_for']:.1f} s ({r['session']:.1f} s of keys, then idle until `q`; the first SLA check "
      f"is asked for at the first 1 s tick): {cpu:.2f} s of CPU after its first frame ({before} before it), "
      f"{r['threads']} threads, peak RSS {r.get('rss_kb', 0) / 1024:.0f} MB; {r['stray']} bytes were drawn between "
      f"keys (redraws no key asked for); the selection ended on row {r.get('row', '?')}.")
    if changed:
        w("The database changed while desk ran — background work wrote: "
          + "; ".join(f"{k} {a:,} → {b:,}" for k, (a, b) in changed.items()) + ".")
        esc = r.get("escalated") or []
        if esc:
            total = sum(n for _, _, n, _ in esc)
            stale = sum(s or 0 for _, _, _, s in esc)
            w(f"New escalations: {total:,} ("
              + ", ".join(f"rule `{rule}` → {state}: {n:,}" for rule, state, n, _ in esc)
              + f"); {stale:,} of them on tickets whose stored risk or due time (as it stands after the session, "
              "so a raised priority's new clock counts) is before the demo file's time: clocks `desk demo` left "
              "unsettled, not ones that fell due while the harness ran.")
    else:
        w("The database did not change while desk ran (" + ", ".join(f"{k} {v:,}" for k, v in r["before"].items())
          + " before and after): the SLA check and measuring wrote nothing on the freshly generated demo.")


def write_benchmarks(path, tickets, body):
    begin, end = f"<!-- scale:{tickets}:begin -->", f"<!-- scale:{tickets}:end -->"
    text = path.read_text()
    section = f"{begin}\n<!-- generated by benches/scale.py; edits between these markers are overwritten -->\n\n{body}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + f"\n\n### Scale harness, {tickets:,} tickets\n\n{section}\n"
    path.write_text(text)


# ---------------------------------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--desk", type=Path, default=ROOT / "target/release/desk",
                    help="desk binary (default ./target/release/desk, built with `cargo build --release` if missing)")
    ap.add_argument("--tickets", type=int, default=100_000, help="demo size (default 100000)")
    ap.add_argument("--demo", type=Path, help="the demo file, generated if missing (default /tmp/desk-scale/demo-N.db)")
    ap.add_argument("--workdir", type=Path, help="where the copies go (default: the demo's directory)")
    ap.add_argument("--handle", default="li", help="the demo agent to act as (default li, the demo lead)")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--only", help="regex: run only the cases whose key matches (e.g. 'search|report')")
    ap.add_argument("--no-pty", action="store_true", help="skip the pseudo-terminal benchmark")
    ap.add_argument("--pty-only", action="store_true", help="only the pseudo-terminal benchmark")
    ap.add_argument("--keys-j", type=int, default=2000)
    ap.add_argument("--keys-ctrl-d", type=int, default=100)
    ap.add_argument("--pty-view-presses", type=int, default=2,
                    help="`]` presses before the keys: 2 moves from my-open to all-open (default)")
    ap.add_argument("--pty-hold", type=float, default=10.0,
                    help="keep desk open at least this many seconds after start before `q` (default 10)")
    ap.add_argument("--quiet-ms", type=float, default=2.0, help="a frame ends after this much quiet (default 2)")
    ap.add_argument("--key-timeout", type=float, default=0.5, help="seconds to wait for a key's frame (default 0.5)")
    ap.add_argument("--write-benchmarks", nargs="?", const=ROOT / "BENCHMARKS.md", type=Path, metavar="PATH",
                    help="replace the generated section for this size in BENCHMARKS.md (or PATH)")
    ap.add_argument("--show-sql", action="store_true", help="print the floor SQL of every case and exit")
    args = ap.parse_args()

    started = datetime.datetime.now(datetime.timezone.utc)
    command = "python3 benches/scale.py " + shlex.join(sys.argv[1:])
    demo = args.demo or Path(f"/tmp/desk-scale/demo-{args.tickets}.db")
    workdir = args.workdir or demo.parent
    workdir.mkdir(parents=True, exist_ok=True)
    demo.parent.mkdir(parents=True, exist_ok=True)
    desk = args.desk.resolve()
    if not desk.exists():
        if args.desk != ROOT / "target/release/desk":
            raise SystemExit(f"scale.py: no desk binary at {desk}")
        log("building desk (cargo build --release) …")
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    env = desk_env(workdir, args.handle)

    note = Path(str(demo) + ".scale.json")  # how the demo was made, for the header when it is reused
    if not demo.exists():
        log(f"generating the demo: desk demo --db {demo} --tickets {args.tickets} …")
        t0 = time.perf_counter()
        subprocess.run([str(desk), "demo", "--db", str(demo), "--tickets", str(args.tickets)], env=env, check=True)
        note.write_text(json.dumps({"seconds": round(time.perf_counter() - t0, 1), "desk": desk_label(desk),
                                    "at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}))
    else:
        log(f"reusing the demo {demo}")
    try:
        made = json.loads(note.read_text())
        generated = f", generated by this script on {made['at']} in {made['seconds']:.0f} s with {made['desk']}"
    except (OSError, ValueError, KeyError):
        generated = ", generated before (not by this script)"

    work = workdir / f"work-{args.tickets}.db"
    log(f"copying the demo to {work} …")
    copy_db(demo, work)
    ctx = context(work, args.handle)
    ctx["work"] = work
    cases = [] if args.pty_only else build_cases(ctx)
    if args.only:
        cases = [c for c in cases if re.search(args.only, c.key)]
        keep = {c.key for c in cases}
        for c in list(cases):  # a deep page is reported against its first page
            if c.deep_of and c.deep_of not in keep:
                cases.insert(cases.index(c), next(x for x in build_cases(ctx) if x.key == c.deep_of))
                keep.add(c.deep_of)
    if args.show_sql:
        show_sql(cases, ctx)
        return

    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    cli_before = facts(work)
    if cases:
        log(f"measuring {len(cases)} cases × {args.runs} runs (+{args.warmup} warm-up) on {work} …")
        measure(cases, desk, work, env, ctx, args.runs, args.warmup)
    cli_after = facts(work)
    pty_res = None
    if not args.no_pty:
        args.demo_mtime = demo.stat().st_mtime
        fresh = workdir / f"pty-{args.tickets}.db"
        copy_db(demo, fresh)
        log(f"keypress-to-frame in a pseudo-terminal on a fresh copy {fresh} …")
        pty_res = pty_session(desk, fresh, env, args)

    meta = {
        "command": command, "date": started.strftime("%Y-%m-%d %H:%M UTC"), "commit": git_describe(),
        "desk": desk_label(desk),
        "machine": machine(), "load_before": load_before,
        "load_after": " ".join(f"{x:.1f}" for x in os.getloadavg()), "sizes": ctx["sizes"],
        "db_mb": demo.stat().st_size / 1e6, "generated": generated, "view_rows": ctx["view_rows"],
    }
    body = render(cases, pty_res, meta, args)
    wrote = {k: (cli_before[k], cli_after[k]) for k in cli_before if cli_before[k] != cli_after[k]}
    if wrote and cases:
        body += ("\nThe command-line runs wrote to their copy: "
                 + "; ".join(f"{k} {a:,} → {b:,}" for k, (a, b) in wrote.items()) + ".\n")
    print(body)
    if args.write_benchmarks:
        write_benchmarks(args.write_benchmarks, args.tickets, body)
        log(f"wrote the {args.tickets} section of {args.write_benchmarks}")


def show_sql(cases, ctx):
    """Prints the statements each floor runs (by running it on a connection that records them)."""
    for c in cases:
        print(f"## {c.key}: desk {' '.join(c.argv)}")
        seen = []

        class Recorder:
            def __init__(self, real):
                self.real = real

            def execute(self, sql, params=()):
                seen.append((sql, params))
                return self.real.execute(sql, params)

        real = open_floor(ctx["work"])
        try:
            c.floor(Recorder(real), ctx)
        finally:
            real.close()
        for sql, params in seen[:4]:
            print(f"    {sql.replace(TICKET_COLUMNS, '<TICKET_COLUMNS>')}\n      -- {params!r}")
        if len(seen) > 4:
            print(f"    … and {len(seen) - 4} more statements like these")
        print()


if __name__ == "__main__":
    main()
