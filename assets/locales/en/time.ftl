# SLA countdowns: at most two units. $minutes after $hours is two digits ("7h05m").
time-span-minutes = { $minutes }m
time-span-hours = { $hours }h
time-span-hours-minutes = { $hours }h{ $minutes }m
time-span-days = { $days }d
time-span-days-hours = { $days }d{ $hours }h
# A countdown past its due time.
time-overdue = -{ $span }
# The same in a narrow list column (the queue at 80 columns): English is already short.
time-compact-span-minutes = { $minutes }m
time-compact-span-hours = { $hours }h
time-compact-span-hours-minutes = { $hours }h{ $minutes }m
time-compact-span-days = { $days }d
time-compact-span-days-hours = { $days }d{ $hours }h
time-compact-overdue = -{ $span }
# Ages in a list's few cells, and as a phrase.
time-age-now = now
time-age-minutes = { $n }m
time-age-hours = { $n }h
time-age-days = { $n }d
time-age-months = { $n }mo
time-ago = { $age } ago
time-ago-now = just now
# Dates (chrono strftime; %a is the weekday below). ui.date_format replaces both when set.
time-date-format = %Y-%m-%d %H:%M
time-date-format-other-year = %Y-%m-%d %H:%M
time-weekday-mon = Mon
time-weekday-tue = Tue
time-weekday-wed = Wed
time-weekday-thu = Thu
time-weekday-fri = Fri
time-weekday-sat = Sat
time-weekday-sun = Sun
# A preferred contact time's days (the English form is written as the config and the CLI take it).
time-days-daily = daily
time-days-weekdays = weekdays
time-days-weekends = weekends
time-days-separator = ,
