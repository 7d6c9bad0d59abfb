# 工單欄位的顯示名稱（儲存、命令列的機器格式和檢視語言仍用英文）。
ticket-status-new = 新建
ticket-status-open = 處理中
ticket-status-pending = 等待客戶
ticket-status-on-hold = 掛起
ticket-status-solved = 已解決
ticket-status-closed = 已關閉
ticket-status-merged = 已合併
# 紅黃綠藍四色優先級；介面總在旁邊顯示字母（U H N L）。
ticket-priority-urgent = 紅
ticket-priority-high = 黃
ticket-priority-normal = 綠
ticket-priority-low = 藍
# 選擇清單中，附上級別。
ticket-priority-urgent-with-colour = 紅（緊急）
ticket-priority-high-with-colour = 黃（高）
ticket-priority-normal-with-colour = 綠（普通）
ticket-priority-low-with-colour = 藍（低）
# 工單面板及其選擇器中的工單類型與進件管道。
ticket-kind-question = 諮詢
ticket-kind-complaint = 客訴
ticket-kind-service-request = 服務請求
ticket-kind-value-added = 加值服務
ticket-kind-incident = 故障
ticket-kind-task = 任務
ticket-channel-phone = 電話
ticket-channel-email = 電子郵件
ticket-channel-web = 網站
ticket-channel-chat = 線上客服
ticket-channel-wechat = 微信
ticket-channel-weibo = 微博
ticket-channel-on-site = 到府
# 工單面板：標題，以及沒有開啟工單時的提示。
ticket-pane = 工單
ticket-loading = 載入中…
ticket-none-open = 沒有開啟的工單。
ticket-pick-one = 在工單佇列（1）中選取一張工單，按 Enter 開啟。
# 對話區標題：訊息則數，以及暫存的草稿（$key 繼續編輯）。
ticket-thread = 對話 · { $n } 則訊息
ticket-draft-kept-reply = 回覆草稿已保留（{ $key } 繼續編輯）
ticket-draft-kept-note = 備註草稿已保留（{ $key } 繼續編輯）
# 顯示在對話區下框線上，後接推薦文章標題；按 b 列出文章。
ticket-suggested = b 推薦文章：
# 訊息標題列中的作者身分。
ticket-author-unknown = 不明
ticket-role-internal-note = 內部備註
ticket-role-customer = 客戶
ticket-role-reply = 回覆
ticket-role-system = 系統
# 變更紀錄（H）。
ticket-history = 變更紀錄（H 返回對話）
ticket-history-none = 尚無變更紀錄（批次匯入的工單沒有紀錄）。
# 工單標頭的欄位名稱：與欄位值同列顯示，請保持簡短。
ticket-label-status = 狀態
ticket-label-priority = 優先級
ticket-label-kind = 類型
ticket-label-channel = 管道
ticket-label-customer = 客戶
ticket-label-assignee = 負責人
ticket-label-group = 群組
ticket-label-tags = 標籤
ticket-label-created = 建立
ticket-label-updated = 更新
ticket-label-product = 產品
ticket-label-warranty = 保固
ticket-label-visits = 到府
ticket-label-merged-into = 已合併至
ticket-label-links = 關聯
ticket-unassigned = 未指派
# 依日期判斷的保固狀態：保固內（至某日）或保固外（自某日起）。
ticket-warranty-in = 保固內，至 { $day }
ticket-warranty-out = 保固外，自 { $day } 起
# 工單標頭的 SLA 列：政策名稱，接著是每個計時器的剩餘或已用時間。
ticket-sla = SLA
ticket-sla-no-policy = 沒有適用於此工單的 SLA 政策
ticket-sla-met = 已達標 { $took }
ticket-sla-late = 逾時完成 { $took }
ticket-sla-left-due = { $left }（{ $when } 到期）
ticket-sla-target-first-response = 首次回應
ticket-sla-target-first-solution = 首次解決
ticket-sla-target-next-reply = 下次回覆
ticket-sla-target-resolution = 解決
# 對開啟的工單操作：選擇器的標題與選項，以及提示訊息。
ticket-open-first = 請先開啟一張工單（在工單佇列中按 Enter）
ticket-status-final = #{ $number } 已是「{ $status }」，狀態無法再變更
ticket-close-with-reason = 已關閉 — { $reason }（不回訪）
ticket-closed-after-revisit = 客訴回訪後才能關閉（E 推進客訴階段）
ticket-status-of = #{ $number } 的狀態（目前：{ $status }）
ticket-kind-of = #{ $number } 的類型（目前：{ $kind }）
ticket-group-of = #{ $number } 的群組（目前：{ $group }）
ticket-channel-of = #{ $number } 的管道（目前：{ $channel }）
ticket-priority-of = #{ $number } 的優先級
ticket-assign = 指派 #{ $number }
ticket-no-group = 不指定群組
ticket-group-none = 無
ticket-me = 我（{ $me }）
ticket-nobody = 不指派
ticket-quoted-shown = 已展開引用的歷史郵件與簽名（z 摺疊）
ticket-quoted-folded = 已摺疊引用的歷史郵件與簽名（z 展開）
ticket-changed-elsewhere = #{ $number } 已被他人修改，已重新載入；請重新操作
ticket-not-a-number = 「{ $text }」不是工單編號
ticket-take-needs = 請先開啟一張工單（並設定 agent.handle）再認領
# 工單寫入的結果，顯示在提示訊息中的工單編號之後。
ticket-done-saved = 已儲存
ticket-done-replied = 回覆已送出
ticket-done-noted = 內部備註已新增
ticket-done-merged = 已合併至 #{ $into }
ticket-done-linked = 已關聯至 #{ $to }
ticket-done-taken = 已認領
ticket-done-follow-up = 回訪已記錄：{ $outcome }
ticket-done-survey = 滿意度調查已記錄
ticket-done-draft-saved = 草稿已保留 — r 繼續編輯，u 立即復原
ticket-done-draft-discarded = 草稿已放棄
