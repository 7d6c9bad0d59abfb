#!/usr/bin/env bash
# Whole-process measurements of replicas and sync (BENCHMARKS.md, "Replicas and sync (issue 19)"), each beside a
# raw SQL floor run in the same session. Release build first:
#   cargo build --release && cargo build --release --example sync_backlog
# Usage (WORK is scratch space; every file there is replaced):
#   benches/replica/measure.sh create TEAM.db WORK [runs]   desk replica create vs sqlite3 .backup and cp
#   benches/replica/measure.sh sync TEAM.db WORK [runs]     10 000 changes each way vs the same rows inserted by sqlite3
#   benches/replica/measure.sh idle TEAM.db WORK [runs]     a sync with nothing to move
#   benches/replica/measure.sh latency TEAM.db WORK [writes] A writes, A and B sync every second, when B sees it
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
desk="${DESK:-$here/target/release/desk}"
backlog="$here/target/release/examples/sync_backlog"
what=$1 team=$(realpath "$2") work=$3 runs=${4:-3}
mkdir -p "$work/home"
work=$(realpath "$work")
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
unset DESK_DB
export USER=wang   # a demo agent: desk registers the OS user as an agent otherwise (a change of its own)
t() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" "$@"; }
rmdb() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }
cpdb() { rmdb "$2"; cp "$1" "$2"; }

# The change-log entries made on side $2 (a database file) past the marks the other side $3 holds for it,
# inserted with raw SQL into the database sqlite3 opens, in one transaction: what applying them costs at the least.
floor_sql() {
  echo "ATTACH '$1' AS src;
    BEGIN IMMEDIATE;
    INSERT INTO changes(id, hlc, replica, actor, entity, entity_id, field, old, new, at, action)
      SELECT id, hlc, replica, actor, entity, entity_id, field, old, new, at, action FROM src.changes
      WHERE seq > coalesce((SELECT got_change FROM main.sync_peers
                            WHERE peer = (SELECT value FROM src.meta WHERE key = 'replica_id')), 0)
        AND replica = (SELECT value FROM src.meta WHERE key = 'replica_id');
    SELECT changes() || ' change rows inserted';
    COMMIT;"
}

case $what in
create)
  # One copy on disk at a time (the 1M-ticket demo is 3.7 GB).
  for i in $(seq "$runs"); do
    rmdb "$work/r.db"; rmdb "$work/copy.db"; rm -f "$work/cp.db"
    echo "-- run $i: desk replica create"; t "$desk" replica create --from "$team" "$work/r.db" >/dev/null
    ls -l "$work/r.db"; rmdb "$work/r.db"
    echo "-- run $i: sqlite3 .backup (floor)"; t sqlite3 "$team" ".backup '$work/copy.db'"
    ls -l "$work/copy.db"; rmdb "$work/copy.db"
    echo "-- run $i: cp (floor)"; t cp "$team" "$work/cp.db"
    rm -f "$work/cp.db"
  done ;;
sync)
  hub0="$work/hub0.db" r0="$work/r0.db"
  cpdb "$team" "$hub0"
  "$desk" replica create --from "$hub0" "$r0" >/dev/null
  # The replica's backlog (r1) and the hub's (hub1), 10 000 change-log entries each, written as agents do.
  cpdb "$r0" "$work/r1.db"; "$backlog" "$work/r1.db" wang 10000 1
  cpdb "$hub0" "$work/hub1.db"; "$backlog" "$work/hub1.db" zhang 10000 2
  for i in $(seq "$runs"); do
    cpdb "$hub0" "$work/h.db"; cpdb "$work/r1.db" "$work/x.db"
    echo "-- run $i: replica → hub, desk sync --push-only"; t "$desk" --db "$work/x.db" sync --push-only "$work/h.db"
    cpdb "$hub0" "$work/f.db"
    echo "-- run $i: replica → hub floor"; t sqlite3 "$work/f.db" "$(floor_sql "$work/r1.db")"
    cpdb "$work/hub1.db" "$work/h.db"; cpdb "$r0" "$work/x.db"
    echo "-- run $i: hub → replica, desk sync --pull-only"; t "$desk" --db "$work/x.db" sync --pull-only "$work/h.db"
    cpdb "$r0" "$work/f.db"
    echo "-- run $i: hub → replica floor"; t sqlite3 "$work/f.db" "$(floor_sql "$work/hub1.db")"
    cpdb "$work/hub1.db" "$work/h.db"; cpdb "$work/r1.db" "$work/x.db"
    echo "-- run $i: both ways, desk sync"; t "$desk" --db "$work/x.db" sync "$work/h.db"
  done
  for f in hub0 r0 r1 hub1 h x f; do rmdb "$work/$f.db"; done ;;
idle)
  cpdb "$team" "$work/h.db"; rmdb "$work/x.db"
  "$desk" replica create --from "$work/h.db" "$work/x.db" >/dev/null
  "$desk" --db "$work/x.db" sync >/dev/null
  # /usr/bin/time counts in 10 ms steps: time each run here instead (wall, and user + sys of the child), the
  # desk sync and its floor interleaved.
  python3 - "$runs" "$desk" "$work" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, desk, work = int(sys.argv[1]), sys.argv[2], sys.argv[3]
floor_sql = f"""ATTACH '{work}/h.db' AS h;
  SELECT got_change, got_row FROM h.sync_peers WHERE peer = (SELECT value FROM main.meta WHERE key = 'replica_id');
  SELECT max(seq) FROM main.changes; SELECT max(seq) FROM main.sync_rows;
  SELECT got_change, got_row FROM main.sync_peers WHERE peer = (SELECT value FROM h.meta WHERE key = 'replica_id');
  SELECT max(seq) FROM h.changes; SELECT max(seq) FROM h.sync_rows;"""
cmds = {"desk sync (nothing to move)": [desk, "--db", f"{work}/x.db", "sync", "--format", "json"],
        "floor: sqlite3 reads both marks and both logs' ends": ["sqlite3", f"{work}/x.db", floor_sql]}
res = {k: ([], []) for k in cmds}
for _ in range(runs):
    for name, cmd in cmds.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        res[name][0].append(wall * 1000)
        res[name][1].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if name.startswith("desk") and '"changes": 0' not in out:
            print("moved something:", out)
for name, (wall, cpu) in res.items():
    wall.sort(); cpu.sort()
    print(f"{name}: {runs} runs, wall median {statistics.median(wall):.1f} ms (min {wall[0]:.1f}, max {wall[-1]:.1f}), "
          f"CPU median {statistics.median(cpu):.1f} ms (max {cpu[-1]:.1f})")
PY
  rmdb "$work/h.db"; rmdb "$work/x.db" ;;
latency)
  writes=$runs
  cpdb "$team" "$work/h.db"; rmdb "$work/a.db"; rmdb "$work/b.db"
  "$desk" replica create --from "$work/h.db" "$work/a.db" >/dev/null
  "$desk" replica create --from "$work/h.db" "$work/b.db" >/dev/null
  loop() { while :; do "$desk" --db "$1" sync >/dev/null 2>>"$work/sync-errors.txt" || true; sleep 1; done; }
  loop "$work/a.db" & la=$!
  loop "$work/b.db" & lb=$!
  trap 'kill $la $lb 2>/dev/null || true' EXIT
  number=$(sqlite3 "$work/a.db" "SELECT number FROM tickets WHERE status = 'open' ORDER BY number LIMIT 1")
  : > "$work/latency.txt"
  for i in $(seq "$writes"); do
    sleep "0.$((RANDOM % 10))"
    t0=$(date +%s.%N)
    USER=wang "$desk" --db "$work/a.db" ticket set "$number" "tags+=lat$i-$$" >/dev/null
    t1=$(date +%s.%N)
    until [ "$(sqlite3 "$work/b.db" "SELECT count(*) FROM tags WHERE tag = 'lat$i-$$'" 2>/dev/null)" = 1 ]; do
      sleep 0.02
    done
    t2=$(date +%s.%N)
    echo "$i write $(echo "$t1 - $t0" | bc) s, seen on B $(echo "$t2 - $t0" | bc) s after it started" | tee -a "$work/latency.txt"
  done
  kill $la $lb 2>/dev/null || true; wait 2>/dev/null || true
  echo "sync errors: $(wc -l < "$work/sync-errors.txt")"
  sort -t' ' -k8 -n "$work/latency.txt" | awk '{print $8}' | tr '\n' ' '; echo
  rmdb "$work/h.db"; rmdb "$work/a.db"; rmdb "$work/b.db" ;;
*) echo "unknown: $what" >&2; exit 2 ;;
esac
