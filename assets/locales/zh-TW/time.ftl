# SLA 倒數計時：最多兩個單位。小時後的 $minutes 為兩位數。
time-span-minutes = { $minutes }分
time-span-hours = { $hours }小時
time-span-hours-minutes = { $hours }小時{ $minutes }分
time-span-days = { $days }天
time-span-days-hours = { $days }天{ $hours }小時
time-overdue = 已逾時 { $span }
time-age-now = 剛剛
time-age-minutes = { $n }分鐘
time-age-hours = { $n }小時
time-age-days = { $n }天
time-age-months = { $n }個月
time-ago = { $age }前
time-ago-now = 剛剛
# 日期（chrono strftime；%a 為下面的星期）。設定了 ui.date_format 時以它為準。
time-date-format = %-m月%-d日 %a %H:%M
time-date-format-other-year = %Y年%-m月%-d日 %a %H:%M
time-weekday-mon = 週一
time-weekday-tue = 週二
time-weekday-wed = 週三
time-weekday-thu = 週四
time-weekday-fri = 週五
time-weekday-sat = 週六
time-weekday-sun = 週日
