# 命令列給人看的成功與摘要訊息。變數帶入機器用詞——帳號、編號、角色、路徑、反引號中的命令——在各語言中原樣保留；
# 數量照原樣輸出。

# desk init
said-init-ready = 資料庫已就緒：{$path}（schema v{$schema}）
said-init-registered = 你（{$handle}）已註冊為它的 {$role}；請用 {$add} 新增團隊成員

# desk agent
said-agent-added = 已新增 {$handle}，角色為 {$role}
said-agent-role = {$handle} 現在的角色是 {$role}
said-agent-deactivated = {$handle} 已停用
said-agent-capacity = {$handle}：容量為 {$n} 張未結工單
said-agent-no-limit = {$handle}：容量不限
said-agent-hours = {$handle}：工作時間 {$calendar}
said-agent-always-on-shift = {$handle}：工作時間不限（隨時值班）
said-agent-availability = {$handle} 現在{$availability}
said-agent-no-skills = 沒有技能

# desk customer
said-customer-contact = 電子郵件 {$email} · 電話 {$phone}
said-customer-organization = 公司 {$organization} · 城市 {$city} · 成為客戶於 {$since}
said-customer-address = 地址 {$address}
said-customer-address-labelled = 地址（{$label}）{$address}
said-customer-address-default = {$address} · 預設
said-customer-gender = 性別 {$gender}
said-customer-prefers = 偏好 {$when}
said-customer-tags = 標籤 {$tags}
said-customer-tier = 等級 {$tier}（{$source}）· {$reason}
said-customer-stage = 階段 {$stage} · {$reason}
said-customer-risk = 風險 {$level}（{$score}）
said-customer-orders = 訂單 {$count} 筆 · 合計 ¥{$total} · RFM {$rfm}
said-customer-value = 客戶終身價值 ¥{$value} · 每年 {$per-year} 筆訂單 · {$buyer}
said-customer-repeat-buyer = 回頭客
said-customer-one-order = 目前只有一筆訂單
said-customer-product = 產品 {$name} [{$serial}] · {$warranty}
said-customer-care = {$kind} {$due} 到期 · {$note}
said-customer-notes = 備註：
said-customer-timeline = 時間軸（{$n} 張未結工單）：
said-customer-care-done = 關懷任務 {$task} 已完成
said-customer-recomputed = 已重算 {$customers} 位客戶，耗時 {$seconds} 秒：{$upgraded} 位升級，{$downgraded} 位降級，{$stages} 位階段變動，{$risky} 位轉為高風險（{$win-back} 個挽回任務）；已排定 {$care} 則關懷提醒

# desk kb
said-kb-status-now = {$id}：現在是 {$status}
said-kb-status-already = {$id}：已經是 {$status}
said-kb-votes = {$id}：{$up} 人覺得有幫助，{$down} 人覺得沒幫助
said-kb-exported = 已匯出 {$n} 篇文章到 {$path}
said-kb-imported = 已從 {$path} 匯入 {$n} 篇文章：新增 {$new} 篇，更新 {$updated} 篇，{$unchanged} 篇未變更
said-kb-imported-skipping = 已從 {$path} 匯入 {$n} 篇文章：新增 {$new} 篇，更新 {$updated} 篇，{$unchanged} 篇未變更；略過 {$bad} 個有誤的檔案

# desk sla run, desk task, desk survey
said-service-auto-closed = #{$n} 已關閉：已解決且客戶未回覆
said-service-sweep = 升級 {$escalated} 張，關閉 {$closed} 張，重新計算 {$clocks} 個計時
said-service-sweep-complaints = 升級 {$escalated} 張，關閉 {$closed} 張，重新計算 {$clocks} 個計時，{$complaints} 件已解決的客訴等待複訪
said-service-follow-ups-waiting = {$n} 張已解決的工單在記錄回訪之前維持未結（{$list}）
said-service-replica = 這是一個副本：升級與自動關閉由它的中心資料庫執行，透過 {$sync} 同步過來
said-service-no-tasks = 沒有 {$due} 到期的待辦任務
said-service-no-tasks-at-all = 沒有任何待辦任務
said-service-follow-up = #{$n}：已記錄回訪（{$outcome}）；服務閉環：{$stage}
said-service-follow-up-reopened = #{$n}：已記錄回訪（{$outcome}）；工單已重新開啟
said-service-survey = #{$n}：已記錄滿意度調查（{$summary}）
said-service-low-score = #{$n}：低分（{$why}）：已安排補救任務回電給客戶（{$list}）
said-service-low-score-reopened = #{$n}：低分（{$why}）：已安排補救任務回電給客戶（{$list}）；工單已重新開啟
said-service-no-items = 沒有問卷題目：調查只問 CSAT、NPS 與 CES。可在 {$setting} 下新增。
said-service-items-scored = 每題以 1–5 分評分：{$example}

# desk qa
said-qa-sampled-ticket = #{$n} 已進入品檢佇列
said-qa-sampled-already = #{$n} 已經在品檢佇列中
said-qa-sampled-week = {$week}：抽出 {$n} 張工單進入品檢佇列
said-qa-reviewed = #{$n}：{$who} 的品檢評核：{$score}
said-qa-score-critical = {$total}/100 ✗ 關鍵項不合格
said-qa-criterion = {$key} — {$label} · 權重 {$weight} · 0–{$max}
said-qa-criterion-critical = {$key} — {$label} · 權重 {$weight} · 0–{$max} · 關鍵項
said-qa-sample = 客服人員 {$agent} · 抽樣於 {$week}（{$reason}）· {$n} 份評核
said-qa-review = {$who} 的評核：{$score}
said-qa-item-critical = {$item}（關鍵項）
said-qa-comment = 評語：{$comment}
said-qa-calibration = 校準 {$first} → {$second}：總分相差 {$diff}

# desk ingest, desk mail fetch, desk attachment
said-intake-created = #{$n} 新工單
said-intake-follow-up = #{$n} 新工單（已關閉的 #{$of} 的後續）
said-intake-answer = #{$n} 回覆
said-intake-answer-reopened = #{$n} 回覆，已重新開啟
said-intake-survey = #{$n} 滿意度調查回覆：{$scores}
said-intake-survey-reopened = #{$n} 滿意度調查回覆：{$scores}，已重新開啟
said-intake-noted = #{$n} 僅作備註：{$reason}
said-intake-ignored = 已忽略：{$reason}
said-intake-duplicate = #{$n} 已在 desk 中
said-intake-duplicate-unknown = 已在 desk 中
said-intake-summary = {$n} 則訊息：{$created} 張新工單，{$answers} 則回覆，{$notes} 則備註，{$ignored} 則忽略，{$duplicates} 則已在 desk 中
said-intake-mailbox-failed = 信箱 {$mailbox}：{$error}
said-intake-skipped = {$place}：已略過：{$error}
said-intake-no-attachments = #{$n} 沒有附件
said-intake-saved = 已將 {$name}（{$size}）儲存到 {$path}

# desk mail send, desk mail outbox
said-mail-unknown-group = 注意：{$section} 指定的群組在 desk 中不存在；其 From 與簽名不會使用
said-mail-sent = 已寄出 #{$n} {$kind} 給 {$to} <{$id}>
said-mail-not-sent = 未寄出 #{$n} 給 {$to}：{$error}（第 {$attempt} 次嘗試；下次重試 {$next}）
said-mail-failed = 寄送失敗 #{$n} 給 {$to}：{$error}（已記在工單上）
said-mail-summary = {$due} 封待寄：已寄出 {$sent} 封，待重試 {$retry} 封，失敗 {$failed} 封
said-mail-outbox-empty = 寄件匣是空的
said-mail-outbox-nothing-waiting = 寄件匣是空的（沒有待寄或失敗的郵件）

# desk replica, desk sync, desk conflicts
said-sync-replica-made = {$path} 是 {$hub} 的副本（{$tickets} 張工單，{$size} MB）；請用 {$db}（或 DESK_DB）在其中作業，能連上中心資料庫時執行 {$sync}
said-sync-hub-not-noted = 注意：無法寫入 {$hub} 來登記新副本；第一次同步會讀取此副本的完整日誌
said-sync-duties = {$path} 現在負責收發團隊郵件、執行升級與自動關閉（副本 {$replica}）；請讓一個 desk 在上面持續執行（或用 cron 執行 `desk mail fetch`、`desk mail send` 與 `desk sla run`）
said-sync-duties-moved = {$path} 現在負責收發團隊郵件、執行升級與自動關閉（副本 {$replica}）；副本 {$before} 在下次同步時停止這些工作；請讓一個 desk 在上面持續執行（或用 cron 執行 `desk mail fetch`、`desk mail send` 與 `desk sla run`）
said-sync-status-replica = 副本 {$replica}，中心資料庫 {$hub}，位於 {$location}
said-sync-status-last = 上次同步：{$at}（{$ago}）
said-sync-status-never = 上次同步：從未同步
said-sync-status-failed = 上次嘗試失敗 {$at}：{$error}
said-sync-status-to-send = 待傳送：{$changes} 項變更，{$rows} 列
said-sync-status-to-receive = 待接收：{$changes} 項變更，{$rows} 列
said-sync-status-to-receive-unknown = 待接收：未知（連不上中心資料庫）
said-sync-status-conflicts = 未處理的衝突：{$n}
said-sync-synced = 已與 {$hub} 同步
said-sync-sent = 已傳送：{$applied}
said-sync-received = 已接收：{$applied}
said-sync-applied = {$changes} 項變更，{$rows} 列
said-sync-applied-conflicts = ，{$n} 個衝突
said-sync-applied-refused = ，{$n} 個被拒絕
said-sync-renumbered = #{$was} 現在是 #{$now}
said-sync-edits-lost = 你有 {$n} 處修改因同時發生的修改而未生效；請見 {$list}
said-sync-accepted = 已保留勝出的值；{$id} 已解決
said-sync-reapplied = 已重新寫入你的值；{$id} 已解決

# desk part
said-part-added = 已新增零件 {$code}
said-part-none-low = 沒有庫存不足的零件
said-part-none = 還沒有零件；請用 {$add} 新增
said-part-received = {$code} 在 {$location}：現有庫存 {$n}
said-part-moved = 已將 {$n} × {$code} 從 {$from} 調撥到 {$to}
said-part-counted = {$code} 在 {$location}：盤點數量 {$n}

# desk route run
said-route-summary = {$n} 張未指派的未結工單：{$routed} 張依規則分流，{$assigned} 張已指派
said-route-waiting = {$n} 張在 {$group} 等候：{$why}

# desk customer edit
said-customer-unchanged = {$id}：沒有變更
said-customer-tags-set = {$id}：標籤 {$tags}
said-customer-merged = 已將 {$from} 合併到 {$into}：移轉了 {$tickets} 張工單、{$products} 個產品、{$orders} 筆訂單、{$surveys} 份調查、{$tasks} 個任務
said-customer-no-duplicates = {$id} 沒有重複的客戶

# desk plan
said-plan-added = P{$n}：{$title} · {$indicator} 目前 {$now}（目標 {$target}）· 期限 {$due}
said-plan-status = 狀態 {$status} · 期限 {$due}
said-plan-owner = 負責人 {$owner}
said-plan-indicator = 指標 {$indicator} · 基準 {$baseline} · 目標 {$target}
said-plan-rule = 來自報告的建議 {$rule}
said-plan-note = 備註 {$note}

# desk backup, desk restore
said-backup-size = {$pages} 頁 × {$bytes} 位元組 = {$mb} MB
said-backup-done = 已將 {$db} 備份到 {$path}：{$size}，quick_check 通過
said-backup-done-restarted = 已將 {$db} 備份到 {$path}：{$size}，quick_check 通過（因其他 desk 寫入而重新開始 {$n} 次）
said-backup-restored = 已將 {$backup} 還原到 {$path}（schema v{$schema}，{$size}），quick_check 通過
said-backup-kept = 被取代的資料庫保留為 {$path}；確認無誤後即可刪除
said-backup-none-before = {$path} 之前沒有資料庫

# desk convert
said-convert-to-shared = {$path}：已從 WAL 切換為回復日誌（journal_mode=delete）；可用於共用模式
said-convert-already-shared = {$path} 已經使用回復日誌（共用模式）；未做任何變更
said-convert-to-local = {$path}：已從回復日誌切換為 WAL（journal_mode=wal）；請放在本機磁碟上
said-convert-already-local = {$path} 已經使用 WAL（本機模式）；未做任何變更
said-convert-opens-local = 注意：desk 在這裡以本機模式開啟 {$path}（未偵測到網路共用，或 [storage] mode = "local"），會把它切回 WAL；請把它移到共用資料夾，或設定 [storage] mode = "shared"
said-convert-opens-shared = 注意：desk 在這裡以共用模式開啟 {$path}（網路共用，或 [storage] mode = "shared"），共用模式不接受 WAL 檔案；請把它移到本機磁碟，或設定 [storage] mode = "local"

# desk check
said-check-rebuilt = 已依工單重建每日報表彙總
said-check-quick = {$path}（schema v{$schema}，快速檢查）
said-check-full = {$path}（schema v{$schema}，完整性全面檢查）
said-check-more = …… 另有 {$n} 項
said-check-healthy = 狀態良好：全部 {$n} 項檢查通過

# desk group
said-group-added = 已新增群組 {$name}
said-group-no-members = 沒有成員
said-group-renamed = 已將群組 {$old} 更名為 {$new}
said-group-assigns = {$group} 的指派方式：{$how}
said-group-archived = {$group} 已封存
said-group-open-again = {$group} 已重新啟用

# desk customer address
said-address-default = {$id}：預設地址為 {$address}
said-address-removed = {$id}：已移除地址 {$address}

# desk ticket merge, desk ticket link, desk ticket show
said-ticket-merged = #{$n} 已合併至 #{$target}
said-ticket-linked = #{$a} ↔ #{$b} 已關聯
said-ticket-already-linked = #{$a} ↔ #{$b} 早已關聯
said-ticket-shown-merged = #{$n} 已合併至 #{$now}；顯示 #{$now}
said-ticket-renumbered = #L{$n} 已由中心資料庫編號為 #{$now}；顯示 #{$now}

# desk ticket show：現場服務（保固、到府與退換貨申請）
said-field-warranty = 保固：{$coverage} — {$reason}
said-field-visit = 到府 V{$n} {$service} {$status} · {$engineer} · {$window} · {$coverage}
said-field-no-engineer = 未指派工程師
said-field-return = 退換貨 R{$n} {$kind}（{$reason}）{$status} · {$rules}
# 現場服務各行中的保固內 / 保固外。
said-coverage-in = 保固內
said-coverage-out = 保固外
said-coverage-unknown = 保固未定

# desk plan set, desk plan show
said-plan-set = P{$n}：{$status} · {$title}
said-plan-title = P{$n} {$title}

# desk return
said-return-new = 工單 #{$ticket} 的 R{$n}：{$kind}（{$reason}）{$status}
said-return-rules = 規則：{$rules}
said-return-set = R{$n}：{$kind} {$status}
said-return-set-refund = R{$n}：{$kind} {$status}，退款 ¥{$refund}

# desk visit new, desk visit set
said-visit-new = 工單 #{$ticket} 的 V{$n}：{$service} {$status}（{$coverage}）
said-visit-arrive = 最晚抵達 {$by} · {$window}
said-visit-reserved = V{$n}：已在 {$location} 保留 {$qty} × {$code}
said-visit-set = V{$n}：{$status} · {$window} · {$coverage}
said-visit-quote-waits = 報價 ¥{$amount} 等待客戶回覆（{$accept} 或 {$decline}）
said-visit-warning = 警告：{$warning}
said-visit-part-misfit = {$code} 適用於 {$products}；此工單的產品是 {$product}
said-visit-part-low = {$code} 庫存不足：可用 {$free}（補貨點 {$reorder}）；{$receive}
said-visit-overlap = V{$a} 與 V{$b} 在 {$engineer} 的行程上時間重疊
said-visit-tight-travel = V{$a} 與 V{$b} 地點不同，間隔只有 {$gap} 分鐘；路程需要 {$travel} 分鐘
said-visit-window-late = 預約時段結束晚於抵達時限（{$by}）

# desk visit report：服務報告（Markdown；表格各列與標題）
said-visit-report-title = 服務報告 V{$n}
said-visit-report-ticket = 工單
said-visit-report-customer = 客戶
said-visit-report-address = 地址
said-visit-report-service = 服務
said-visit-report-engineer = 工程師
said-visit-report-window = 預約時間
said-visit-report-arrived = 抵達
said-visit-report-finished = 完成
said-visit-report-status = 狀態
said-visit-report-warranty = 保固
said-visit-report-work-done = 處理情形
said-visit-report-no-notes = （尚無紀錄）
said-visit-report-parts = 零件
said-visit-report-no-parts = 無。
said-visit-report-parts-header = | 料號 | 零件 | 數量 | 金額 | 狀態 |
said-visit-report-part-used = 已使用
said-visit-report-part-reserved = 已保留
said-visit-report-charges = 費用
said-visit-report-labour = 工時：{$minutes} 分鐘
said-visit-report-in-warranty = 保固內：免費。
said-visit-report-out-of-warranty = 保固外，依已完成的工作計費：零件 ¥{$parts} + 工資 ¥{$labour} + 到府費 ¥{$call-out} = ¥{$total}
said-visit-report-quote = 報價：{$quote}，{$answer}。
said-visit-report-quote-accepted = 客戶已接受
said-visit-report-quote-declined = 客戶已拒絕
said-visit-report-quote-pending = 等待客戶回覆
said-visit-report-quote-not-sent = 尚未寄出
said-visit-report-warranty-unknown = 保固尚未判定；費用依判定結果計算。
said-visit-report-confirmation = 客戶確認
said-visit-report-confirmed = 已由 {$name} 於 {$at} 確認。
said-visit-report-not-confirmed = 尚未確認。簽名：____________  日期：____________

# desk hub
said-hub-made = {$url} 現在是 desk 中心資料庫（中心資料庫 {$hub}）；請用 {$push} 移入團隊，或用 {$replica} 建立副本
said-hub-up-to-date = {$url} 是 desk 中心資料庫（中心資料庫 {$hub}）；其 schema 已是最新
said-hub-status = 中心資料庫 {$hub}，位於 {$url}
said-hub-log = 日誌：{$entries} 筆待傳遞，{$history} 筆在歷史中（{$mb} MB）；位置 {$position}
said-hub-state = 目前狀態：{$rows} 列（{$mb} MB）
said-hub-replicas = 副本：{$n} 個
said-hub-replica = {$replica}  落後 {$lag} 筆  推送 {$pushed}  拉取 {$pulled}
said-hub-never = 從未
said-hub-compacted = 已將 {$n} 筆所有副本皆已擁有的項目移入歷史；日誌保留仍有副本缺少的項目
said-hub-pushed = 已將 {$team} 移入 {$url}：{$tickets} 張工單，{$rows} 列，{$entries} 筆日誌；下一張工單是 #{$next}。現在每位客服執行 {$replica}，並在其中作業

# desk check：對照中心資料庫檢查
said-check-against-hub = {$db} 對照其中心資料庫 {$hub}
