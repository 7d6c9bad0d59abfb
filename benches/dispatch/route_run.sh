#!/usr/bin/env bash
# `desk route run` on a backlog of N open, unassigned, ungrouped tickets (BENCHMARKS.md "Routing and assignment").
#   benches/dispatch/route_run.sh DEMO.db [N]      # DEMO.db: a `desk demo` file; it is copied, never changed
# Two routing rules send complaints to one group (least load) and everything else to another (skills, then load);
# every agent is on duty without a capacity, so every ticket is assigned. The raw-SQL floor, in the same run, is
# one UPDATE that gives the same tickets a group and an assignee, with the same indexes.
set -euo pipefail
demo=${1:?usage: route_run.sh DEMO.db [N]}
n=${2:-100000}
desk=${DESK:-target/release/desk}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prep() {
  cp "$demo" "$1"
  # Opening it once brings an older demo's schema up to date.
  env HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" USER=li "$desk" --db "$1" group list >/dev/null
  sqlite3 "$1" <<SQL
UPDATE agents SET capacity = NULL, availability = 'on_duty';
UPDATE groups SET assignment = CASE WHEN rowid % 2 = 0 THEN 'least_load' ELSE 'skills' END;
UPDATE tickets SET assignee_id = NULL, group_id = NULL
 WHERE rid IN (SELECT rid FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold') ORDER BY rid LIMIT $n);
SQL
}
groups=$(sqlite3 "$demo" "SELECT name FROM groups ORDER BY rowid LIMIT 2" | tr '\n' '|')
g1=${groups%%|*}; rest=${groups#*|}; g2=${rest%%|*}
mkdir -p "$work/config/desk"
cat > "$work/config/desk/config.toml" <<TOML
[[routing.rules]]
name = "complaints"
when = "kind:complaint"
group = "$g1"

[[routing.rules]]
name = "the-rest"
when = "status:new,open,pending,on_hold"
group = "$g2"
TOML
prep "$work/a.db"
echo "backlog: $(sqlite3 "$work/a.db" "SELECT count(*) FROM tickets WHERE assignee_id IS NULL AND status IN ('new','open','pending','on_hold')") open unassigned tickets"
env HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" USER=li \
  /usr/bin/time -f "desk route run: %e s wall (%U s user, %S s sys), %M KB max RSS" \
  "$desk" --db "$work/a.db" route run
prep "$work/b.db"
/usr/bin/time -f "raw SQL floor (one UPDATE of the same rows): %e s wall" sqlite3 "$work/b.db" <<SQL
UPDATE tickets SET group_id = (SELECT id FROM groups ORDER BY rowid LIMIT 1),
                   assignee_id = (SELECT id FROM agents WHERE active = 1 ORDER BY id LIMIT 1 OFFSET (abs(random()) % (SELECT count(*) FROM agents WHERE active = 1))),
                   updated_at = updated_at + 1
 WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
SQL
