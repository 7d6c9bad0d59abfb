"""Running the scale harness's cases (benches/scale.py): desk whole-process, the floors, the demo copies."""

import math
import os
import re
import shlex
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from scale_sql import OPEN, TICKET_VIEWS, ticket_page_sql


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
