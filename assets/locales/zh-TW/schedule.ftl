# 工程師到府服務排班（g v）：依工程師顯示一天的時間軸或一週，用文字列出時間衝突與路程間隔，以及等待安排時間的到府服務。
# 到府服務編號為 V1、V2 …
schedule-title = 工程師排班
# 接在標題後面，各自前面有 " · "。
schedule-title-today = { $date }（今天）
schedule-title-day = { $date }
schedule-title-week = { $date } 起的一週
schedule-title-loading = 載入中…
schedule-title-saving = 正在儲存 V{ $n }…
schedule-loading = 正在載入排班…
# 在排班中顯示為兩行，在提示中合為一行；第二行是指令，請保持原樣。
schedule-no-engineers =
    沒有工程師：請為客服人員加上服務技能 —
    desk agent skills li --add service:repair
# 時間軸下方的圖例：一行，最多 80 格寬（一個中文字佔兩格）。
schedule-legend-day = | 到府  ! 衝突  ~ 路程不足 { $travel } 分鐘  暗：已完成  刪除線：未到府
schedule-legend-week = 每天的到府次數，下方為開始時間  ! 衝突  ~ 路程不足 { $travel } 分鐘
# 週檢視中一天的格子，放得下時顯示（窄）。
schedule-week-visits = { $n } 次
schedule-more-lines = … 還有 { $more } 行
schedule-flag-overlap = ! V{ $a } 與 V{ $b } 時間衝突 — { $who }
schedule-flag-tight = ~ V{ $a } 與 V{ $b } 地點不同，間隔 { $gap } 分鐘，路程需要 { $travel } 分鐘 — { $who }
schedule-no-flags-day = 這一天沒有時間衝突或路程過緊
schedule-no-flags-week = 本週沒有時間衝突或路程過緊
schedule-flags-elsewhere = { $what }；本週其他日期有 { $n } 處（w 顯示整週）
# 等待安排時間的到府服務。
schedule-waiting = 待排時間（{ $n }）
schedule-books = Enter 為 { $who } 預約 V{ $number }，{ $when }
schedule-book-hint = 按 Tab，再按 Enter：在游標處預約
schedule-none-waiting = 沒有等待安排時間的到府服務
schedule-rescheduled = （已改期）
# 排班按鍵的提示。$hour 為兩位數（09）。
schedule-nothing-at = { $who } 當天 { $hour }:00 沒有到府服務 — 按 Tab 前往待排時間的到府服務
schedule-no-visit-at = { $who } 當天 { $hour }:00 沒有到府服務
schedule-still-saving = V{ $n } 仍在儲存中
schedule-passed = { $when } 已經過去：請為 V{ $number } 選擇較晚的時間（l）或日期（]）
schedule-reschedule-waiting = 這些到府服務已在等待安排時間：r 用於工程師時間軸上的到府服務
schedule-scheduled = V{ $number } 已安排給 { $who }，{ $when }
schedule-no-time = 未定時間
schedule-nobody = 無人
schedule-rescheduled-back = V{ $number } 已退回待排清單，等待新的時間
schedule-not-scheduled = V{ $number } 未能安排：{ $error }
schedule-not-rescheduled = V{ $number } 未能改期：{ $error }
# 工單上的 v：選擇服務類型，以及到府服務的建立結果。
schedule-visit-for = 到府服務 · #{ $number }：服務類型？
schedule-service-label-install = 安裝
schedule-service-label-repair = 維修
schedule-service-label-maintenance = 保養
schedule-service-label-inspection = 檢測
schedule-service-label-pickup = 取件
schedule-service-install = 安裝
schedule-service-repair = 維修
schedule-service-maintenance = 保養
schedule-service-inspection = 檢測
schedule-service-pickup = 取件
schedule-visit-made = 工單 #{ $ticket } 的 V{ $number }（{ $service }）等待安排時間：g v、Tab、Enter 預約
schedule-visit-not-made = 未能為工單 #{ $ticket } 建立到府服務：{ $error }
