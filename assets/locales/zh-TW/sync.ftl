# 畫面上的副本：狀態列的同步標記、與團隊資料庫（主庫）背景同步的提示，以及此客服人員在同步時被覆蓋的編輯清單
# （:conflicts 是指令，請保持原樣）。
# 狀態列標記，由長到短；狀態列取第一個不超過其寬度四分之一的。
sync-badge-busy = 同步中…
sync-badge-waiting = { $head } · ↑{ $up } 待傳送
sync-badge-unreachable = 連不上主庫
sync-badge-offline = 離線
sync-badge-failed = 同步失敗
sync-badge-failed-short = 同步!
sync-badge-hub = 主庫
# 副本上次與主庫一致是多久以前，不到一分鐘時（窄）。
sync-age-seconds = { $n }秒
sync-renumbered = #{ $was } 現為 #{ $now }
sync-synced-nothing = 已同步：沒有要傳送或接收的內容
sync-synced = 已同步：傳送 { $sent } 筆，接收 { $received } 筆
sync-failed = 同步失敗：{ $why }
sync-conflict-toast = { $what } — :conflicts
sync-conflicts-toast = 你的 { $n } 項變更被他人的變更覆蓋 — :conflicts
sync-not-replica = 此資料庫不是副本：請用 `desk replica create --from TEAM.db LOCAL.db` 建立副本並開啟它
sync-running = 同步：已有同步正在進行
# 衝突清單。
sync-conflicts-title = 同步時被覆蓋的編輯 · { $n }
sync-conflicts-hint = { $accept } 保留對方的 · { $reapply } 重新套用你的 · { $close } 關閉
sync-settling = 處理中…
sync-loading = 載入中…
sync-no-conflicts = 沒有衝突：你的編輯都沒有被同時進行的編輯覆蓋。兩個副本在同步前修改了同一欄位時，較晚的變更生效，另一個會列在這裡，供做出變更的人查看。
# 一筆衝突：$field 為工單欄位（見下），$mine 與 $theirs 為兩個值，$on 為工單（#1042），$by 為勝出變更的作者，$when 為時間。
sync-conflict = 你在 { $on } 上將{ $field }改為 { $mine } 的變更，被 { $by } 的 { $theirs } 覆蓋 { $when }
sync-conflict-short = { $on } { $field }：你的 { $mine } 被 { $by } 的 { $theirs } 覆蓋 { $when }
sync-value-nothing = 空
sync-reapplied = 已在 { $on } 上重新寫入你的{ $field }：{ $value }
sync-kept = 已在 { $on } 上保留 { $by } 的 { $value }
sync-not-settled = 未處理：{ $error }
# 衝突中工單欄位的名稱。
sync-field-subject = 主旨
sync-field-status = 狀態
sync-field-priority = 優先順序
sync-field-kind = 類型
sync-field-channel = 管道
sync-field-customer = 客戶
sync-field-assignee = 處理人
sync-field-group = 群組
sync-field-merged-into = 合併至
sync-field-complaint-stage = 客訴階段
sync-field-close-reason = 結案原因
sync-field-complaint-category = 客訴類別
sync-field-complaint-severity = 嚴重程度
sync-field-complaint-owner = 負責人
sync-field-root-cause = 根本原因
sync-field-complaint-resolution = 處理結果
