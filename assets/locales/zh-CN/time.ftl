# SLA 倒计时：最多两个单位。小时后的 $minutes 为两位数。
time-span-minutes = { $minutes }分
time-span-hours = { $hours }小时
time-span-hours-minutes = { $hours }小时{ $minutes }分
time-span-days = { $days }天
time-span-days-hours = { $days }天{ $hours }小时
time-overdue = 已超时 { $span }
# 窄列（80 列终端的工单队列）中的写法：单位用简称；单元格前的 ! 已表示超时，只用一个“超”字。
time-compact-span-minutes = { $minutes }分
time-compact-span-hours = { $hours }时
time-compact-span-hours-minutes = { $hours }时{ $minutes }分
time-compact-span-days = { $days }天
time-compact-span-days-hours = { $days }天{ $hours }时
time-compact-overdue = 超{ $span }
time-age-now = 刚刚
time-age-minutes = { $n }分钟
time-age-hours = { $n }小时
time-age-days = { $n }天
time-age-months = { $n }个月
time-ago = { $age }前
time-ago-now = 刚刚
# 日期（chrono strftime；%a 为下面的星期）。设置了 ui.date_format 时以它为准。
time-date-format = %-m月%-d日 %a %H:%M
time-date-format-other-year = %Y年%-m月%-d日 %a %H:%M
time-weekday-mon = 周一
time-weekday-tue = 周二
time-weekday-wed = 周三
time-weekday-thu = 周四
time-weekday-fri = 周五
time-weekday-sat = 周六
time-weekday-sun = 周日
# 客户偏好联系时间的日期。
time-days-daily = 每天
time-days-weekdays = 工作日
time-days-weekends = 周末
time-days-separator = 、
