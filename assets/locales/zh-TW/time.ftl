# SLA 倒數計時：最多兩個單位。小時後的 $minutes 為兩位數。
time-span-minutes = { $minutes }分
time-span-hours = { $hours }小時
time-span-hours-minutes = { $hours }小時{ $minutes }分
time-span-days = { $days }天
time-span-days-hours = { $days }天{ $hours }小時
time-overdue = 已逾時 { $span }
# 窄欄（80 欄終端機的工單佇列）中的寫法：單位用簡稱；儲存格前的 ! 已表示逾時，只用一個「逾」字。
time-compact-span-minutes = { $minutes }分
time-compact-span-hours = { $hours }時
time-compact-span-hours-minutes = { $hours }時{ $minutes }分
time-compact-span-days = { $days }天
time-compact-span-days-hours = { $days }天{ $hours }時
time-compact-overdue = 逾{ $span }
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
# 客戶偏好聯絡時間的日期。
time-days-daily = 每天
time-days-weekdays = 平日
time-days-weekends = 週末
time-days-separator = 、
