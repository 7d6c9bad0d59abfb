"""The scale harness's cases (benches/scale.py): each desk command, its raw-SQL floor and its budget."""

import datetime

from scale_sql import (CUSTOMER_VIEWS, DATED_VIEWS, TICKET_VIEWS, floor_customer_view, floor_first_frame, floor_report, floor_search,
                       floor_show, floor_ticket_pages, report_window)


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
    for v in list(CUSTOMER_VIEWS) + list(DATED_VIEWS):
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
