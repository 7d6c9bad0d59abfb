# The engineers' schedule of on-site visits (g v): a day's timeline or the week per engineer, overlaps and travel
# gaps in words, and the visits waiting for a time. Visits are numbered V1, V2 …
schedule-title = Engineers' schedule
# After the title, each after " · ".
schedule-title-today = { $date } (today)
schedule-title-day = { $date }
schedule-title-week = week of { $date }
schedule-title-loading = loading…
schedule-title-saving = saving V{ $n }…
schedule-loading = Loading the schedule…
# Shown on two lines in the schedule and on one in a toast; the second line is a command: keep it as it is.
schedule-no-engineers =
    No engineers: give an agent a service skill —
    desk agent skills li --add service:repair
# The legend under the lanes: one line of at most 80 cells.
schedule-legend-day = | visit  ! overlap  ~ under { $travel } min to travel  dim: done  struck: didn't happen
schedule-legend-week = visits a day, their start hours below  ! overlap  ~ under { $travel } min to travel
# A day's cell in the week view, where it fits (narrow).
schedule-week-visits = { $n } { $n ->
    [one] visit
   *[other] visits
}
schedule-more-lines = … { $more } more lines
schedule-flag-overlap = ! V{ $a } and V{ $b } overlap — { $who }
schedule-flag-tight = ~ { $gap } min between V{ $a } and V{ $b } at different places, travel needs { $travel } — { $who }
schedule-no-flags-day = No overlaps or tight travel gaps on this day
schedule-no-flags-week = No overlaps or tight travel gaps this week
schedule-flags-elsewhere = { $what }; { $n } on other days of the week (w shows the week)
# The visits waiting for a time.
schedule-waiting = Waiting for a time ({ $n })
schedule-books = Enter books V{ $number } for { $who }, { $when }
schedule-book-hint = Tab, then Enter: book at the cursor
schedule-none-waiting = Nothing waits for a time
schedule-rescheduled = (rescheduled)
# Toasts of the schedule's keys. $hour is two digits (09).
schedule-nothing-at = Nothing at { $hour }:00 on { $who }'s day — Tab goes to the visits waiting for a time
schedule-no-visit-at = No visit at { $hour }:00 on { $who }'s day
schedule-still-saving = V{ $n } is still being saved
schedule-passed = { $when } has passed: choose a later hour (l) or day (]) for V{ $number }
schedule-reschedule-waiting = These visits already wait for a time: r is for a visit on an engineer's lane
schedule-scheduled = V{ $number } scheduled for { $who }, { $when }
schedule-no-time = no time
schedule-nobody = nobody
schedule-rescheduled-back = V{ $number } is back on the waiting list for a new time
schedule-not-scheduled = V{ $number } not scheduled: { $error }
schedule-not-rescheduled = V{ $number } not rescheduled: { $error }
# v on a ticket: the picker of the service, and what became of the visit.
schedule-visit-for = On-site visit 上门服务 · #{ $number }: what for?
schedule-service-label-install = install 安装
schedule-service-label-repair = repair 维修
schedule-service-label-maintenance = maintenance 保养
schedule-service-label-inspection = inspection 检测
schedule-service-label-pickup = pick-up 取件
schedule-service-install = install
schedule-service-repair = repair
schedule-service-maintenance = maintenance
schedule-service-inspection = inspection
schedule-service-pickup = pickup
schedule-visit-made = V{ $number } { $service } on #{ $ticket } waits for a time: g v, Tab, Enter books it
schedule-visit-not-made = No visit made on #{ $ticket }: { $error }
