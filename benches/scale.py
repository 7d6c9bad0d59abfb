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

FLOOR SQL. Each case's floor (benches/scale_sql.py) keeps the SQL of the desk command it floors, copied from what
desk prepares (read with gdb on `sqlite3LockAndPrepare` of a release build) and from the source file named in the
comment. When search, metrics or the SLA sweep change their SQL, update the constant there; `--show-sql` prints
what the floor runs.

MODULES (beside this file, standard library only): scale_sql.py the floor SQL, scale_cases.py the cases and their
budgets, scale_run.py running desk and the floors, scale_pty.py the pseudo-terminal benchmark, scale_report.py
the Markdown and the BENCHMARKS.md section. This file parses the arguments and runs them in order.
"""

import argparse
import datetime
import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the modules beside this file, also under `python3 -I` / `-P`
    sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # no benches/__pycache__ in the work tree

from scale_cases import build_cases  # noqa: E402
from scale_pty import pty_session  # noqa: E402
from scale_report import ROOT, desk_label, git_describe, machine, render, write_benchmarks  # noqa: E402
from scale_run import context, copy_db, desk_env, facts, log, measure, open_floor  # noqa: E402
from scale_sql import TICKET_COLUMNS  # noqa: E402


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
