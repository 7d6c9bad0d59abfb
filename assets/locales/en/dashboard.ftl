# The dashboard: the period, KPI tiles, the sections and their charts and tables.
dashboard-title = Dashboard · { $period }
dashboard-title-range = Dashboard · { $period } · { $from } – { $to } vs { $previous-from } – { $previous-to }
dashboard-reloading = loading…
dashboard-loading = Loading the dashboard…
dashboard-no-data = No data yet — Ctrl-R loads it
dashboard-too-small = The terminal is too small for the dashboard
dashboard-no-data-before = no data before
dashboard-no-tickets = No tickets in this period
dashboard-nothing-selected = Nothing selected to open
dashboard-period-picker = Period (compared with the one before)
dashboard-not-a-period = `{ $text }` is not a period: write 2026-11-01..2026-11-30
# The periods.
dashboard-period-today = Today
dashboard-period-7d = 7 days
dashboard-period-30d = 30 days
dashboard-period-quarter = Quarter
dashboard-period-custom = Custom
# The sections, in a row under the tiles; the short names are for 80 columns.
dashboard-section-volume = Volume
dashboard-section-backlog = Backlog
dashboard-section-times = Times
dashboard-section-sla = SLA
dashboard-section-satisfaction = Satisfaction
dashboard-section-satisfaction-short = CSAT
dashboard-section-agents = Agents
dashboard-section-field = Field
dashboard-section-topics = Topics
dashboard-breakdown = Breakdown: { $dimension }
dashboard-breakdown-short = By { $dimension }
# What the breakdown groups by.
dashboard-dimension-agent = agent
dashboard-dimension-group = group
dashboard-dimension-channel = channel
dashboard-dimension-kind = kind
dashboard-dimension-priority = priority
dashboard-dimension-tier = tier
# Indicators' short names, for the tiles (14 cells) and table headers (10 cells for those in the agents table:
# created, solved, frt-median, resolution-median, frt-sla, fcr, csat, nps).
dashboard-indicator-created = Created
dashboard-indicator-solved = Solved
dashboard-indicator-backlog = Backlog
dashboard-indicator-frt-mean = FRT mean
dashboard-indicator-frt-median = FRT p50
dashboard-indicator-frt-p90 = FRT p90
dashboard-indicator-resolution-mean = Resolve mean
dashboard-indicator-resolution-median = Resolve p50
dashboard-indicator-resolution-p90 = Resolve p90
dashboard-indicator-frt-wall-mean = FRT wall mean
dashboard-indicator-frt-wall-median = FRT wall p50
dashboard-indicator-frt-wall-p90 = FRT wall p90
dashboard-indicator-resolution-wall-mean = Res. wall mean
dashboard-indicator-resolution-wall-median = Res. wall p50
dashboard-indicator-resolution-wall-p90 = Res. wall p90
dashboard-indicator-frt-sla = SLA FR
dashboard-indicator-resolution-sla = SLA res
dashboard-indicator-next-reply-sla = SLA NR
dashboard-indicator-fcr = FCR
dashboard-indicator-reopen-rate = Reopen
dashboard-indicator-complaint-rate = Complaints
dashboard-indicator-follow-up-rate = Follow-up
dashboard-indicator-csat = CSAT
dashboard-indicator-nps = NPS
dashboard-indicator-ces = CES
dashboard-indicator-csi = CSI
dashboard-indicator-sqi = SQI
# The charts' series.
dashboard-series-created = created
dashboard-series-solved = solved
dashboard-series-frt-mean = first response mean (h)
dashboard-series-resolution-mean = resolution mean (h)
dashboard-series-frt-sla = SLA first response %
dashboard-series-csat = CSAT %
dashboard-series-nps = NPS
dashboard-backlog-chart = Open tickets at the end of each day (max { $max })
dashboard-column-agent = Agent
# The line about the selection, at the bottom.
dashboard-detail-group = { $label }: created { $created } · solved { $solved } · FRT p50 { $frt } · SLA FR { $sla } · CSAT { $csat }
dashboard-detail-times = FRT mean { $frt-mean } · p50 { $frt-median } · resolution mean { $resolution-mean } · p50 { $resolution-median }
dashboard-detail-sla = SLA first response { $sla }
dashboard-detail-satisfaction = CSAT { $csat } · NPS { $nps }
dashboard-detail-day = created { $created } · solved { $solved } · backlog { $backlog }
dashboard-detail-topics = Tickets created per category (kind), tag and product; change against the same days a month before
# The queue view a drill-down opens.
dashboard-drill-solved = Solved { $day }
dashboard-drill-backlog = Open, created by { $day }
dashboard-drill-created = Created { $day }
# The times section.
dashboard-times-column-time = Time
dashboard-times-column-mean = mean
dashboard-times-column-median = median
dashboard-times-column-p90 = p90
dashboard-times-column-target = mean target
dashboard-times-first-response = First response
dashboard-times-resolution = Resolution
dashboard-times-wall-clock = wall clock
# The field-service section.
dashboard-field-loading = Loading…
dashboard-field-empty = No visits, parts or returns in this period
dashboard-field-empty-hint = desk visit new TICKET makes a visit
dashboard-field-column-engineer = Engineer
dashboard-field-column-done = Done
dashboard-field-column-first-fix = 1st fix
dashboard-field-column-on-time = On time
dashboard-field-column-no-show = No-show
dashboard-field-column-labour = Labour
dashboard-field-visits = Visits done { $done } · no-shows { $no-shows } ({ $rate })
dashboard-field-rates = First-time fix { $first-fix } · on time { $on-time } · arrival target met { $arrival }
dashboard-field-out-of-warranty = Out of warranty 保外 { $share } ({ $out } of { $visits } visits done)
dashboard-field-parts = Parts used ¥{ $cost } at cost, ¥{ $price } at price
dashboard-field-returns = Returns 退换货: { $counts }
dashboard-field-reasons = Reasons: { $counts }
dashboard-field-detail = { $engineer }: done { $done }, first-time fixes { $first-fix }, on time { $on-time } of { $arrived }, no-shows { $no-shows }, labour { $hours } h
# The hot-topics section.
dashboard-topics-none = No tickets { $from } – { $to } or the month before
dashboard-topics-title = Hot topics 热点问题 · { $from } – { $to } vs { $previous-from } – { $previous-to }
dashboard-topics-still = Nothing moved since the month before
dashboard-topics-movers = Biggest movers: { $movers }
dashboard-topics-column-change = change
dashboard-topics-new = new
dashboard-topics-none-this-month = none this month
dashboard-topics-dim-category = Category
dashboard-topics-dim-tag = Tag
dashboard-topics-dim-product = Product
