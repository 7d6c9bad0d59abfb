# 命令清單的文字：每個命令的說明（說明浮層、命令面板）及提示欄顯示的簡短提示（`-hint`）。
# 鍵為 `commands-` 加上命令名的短橫線形式：`queue.next_view` → `commands-queue-next-view`。
commands-app-quit = 退出 desk（Ctrl-C 隨時退出）
commands-app-quit-hint = 退出
commands-app-help = 顯示按鍵和命令（/ 搜尋）
commands-app-help-hint = 說明
commands-app-palette = 開啟命令面板
commands-app-palette-hint = 命令
commands-app-refresh = 重新載入螢幕上的內容

commands-pane-next = 下一個面板
commands-pane-prev = 上一個面板
commands-pane-queues = 轉到工單佇列
commands-pane-ticket = 轉到開啟的工單
commands-pane-customers = 轉到客戶
commands-pane-kb = 轉到知識庫
commands-pane-dashboard = 轉到儀表板（KPI 和圖表）

commands-nav-down = 下移
commands-nav-down-hint = 移動
commands-nav-up = 上移
commands-nav-top = 轉到頂部
commands-nav-bottom = 轉到底部
commands-nav-half-down = 向下半頁
commands-nav-half-up = 向上半頁
commands-nav-page-down = 向下一頁
commands-nav-page-up = 向上一頁
commands-nav-open = 開啟選取的項目
commands-nav-open-hint = 開啟
commands-nav-back = 返回 / 關閉
commands-nav-back-hint = 返回
commands-nav-left = 聚焦左欄
commands-nav-right = 聚焦右欄

commands-list-filter = 篩選目前清單
commands-list-filter-hint = 篩選
commands-list-clear-filter = 清除清單篩選

commands-ticket-go-to = 按編號轉到工單（已合併的工單會顯示合併去向）
commands-ticket-new = 新建工單
commands-ticket-new-hint = 新建

commands-app-undo = 復原你對工單的上一次更改（欄位、標籤、合併、關聯、批次更改），限 ui.undo_minutes 之內
commands-app-undo-hint = 復原

commands-sla-escalations = 自你上次檢視以來升級的工單（SLA 臨近超時 / 已超時）

commands-queue-next-view = 下一個檢視
commands-queue-next-view-hint = 檢視
commands-queue-prev-view = 上一個檢視
commands-queue-search = 搜尋主旨和所有訊息
commands-queue-search-hint = 搜尋
commands-queue-search-order = 搜尋結果：最新優先 / 最符合優先
commands-queue-mark = 標記 / 取消標記工單，以便批次更改
commands-queue-mark-hint = 標記
commands-queue-mark-range = 開始 / 結束範圍標記
commands-queue-status = 標記工單（或選取工單）的狀態
commands-queue-priority = 標記工單的優先級
commands-queue-assign = 指派標記的工單
commands-queue-tags = 標記工單的標籤（+新增 -移除）
commands-queue-macro = 對標記的工單傳送巨集

commands-ticket-customer = 開啟此工單的客戶
commands-ticket-customer-hint = 客戶
commands-ticket-status = 更改狀態
commands-ticket-status-hint = 狀態
commands-ticket-priority = 更改優先級
commands-ticket-priority-hint = 優先級
commands-ticket-assign = 指派給客服人員
commands-ticket-assign-hint = 指派
commands-ticket-reply = 回覆客戶（開啟 $EDITOR）
commands-ticket-reply-hint = 回覆
commands-ticket-note = 新增內部備註（開啟 $EDITOR）
commands-ticket-note-hint = 備註
commands-ticket-macro = 用巨集回覆（預設回覆及其更改）
commands-ticket-macro-hint = 巨集
commands-ticket-tags = 新增或移除標籤（+vip -refund）
commands-ticket-tags-hint = 標籤
commands-ticket-quick-note = 新增一行內部備註
commands-ticket-take = 無人處理時認領此工單
commands-ticket-merge = 將此工單合併到另一個工單
commands-ticket-link = 將此工單關聯到相關工單
commands-ticket-kind = 更改類型（客訴、服務請求 …）
commands-ticket-channel = 更改受理管道
commands-ticket-group = 分派到組（團隊）
commands-ticket-open-attachment = 用系統程式開啟附件（$DESK_OPENER）；可執行程式只儲存不開啟
commands-ticket-quoted = 在對話串中顯示 / 摺疊引用的歷史和簽名
commands-ticket-history = 顯示更改歷史 / 對話串
commands-ticket-history-hint = 歷史
commands-ticket-follow-up = 記錄回訪，表單旁顯示回訪話術，然後記錄滿意度調查
commands-ticket-survey = 記錄滿意度調查（CSAT、NPS、CES 和問卷）
commands-ticket-complaint-stage = 推進客訴：已受理 → 已登記（類別、嚴重程度）→ 調查中（責任方）→ 已解決（根本原因、處理結果）→ 已回訪（回訪電話）
commands-ticket-visit = 預約到府服務：安裝、維修、保養、檢測或取件；之後用 g v 安排工程師和時間
commands-ticket-articles = 推薦文章：Enter 在回覆中插入連結，b 引用文章
commands-ticket-articles-hint = 知識庫

commands-customer-next-view = 下一個客戶檢視（VIP、有流失風險、新客戶、保固、關懷）
commands-customer-next-view-hint = 檢視
commands-customer-prev-view = 上一個客戶檢視
commands-customer-notes = 編輯客戶備註（開啟 $EDITOR）
commands-customer-notes-hint = 備註
commands-customer-edit = 編輯資料：姓名、聯絡方式、單位、等級、生日（開啟 $EDITOR）
commands-customer-edit-hint = 編輯
commands-customer-create = 新增客戶（開啟 $EDITOR）
commands-customer-merge = 將重複客戶（相同電子郵件或電話）合併到此客戶
commands-customer-care-done = 將關懷或挽回任務標為完成
commands-customer-back-to-ticket = 返回你來自的工單

commands-kb-next-view = 下一個檢視（草稿、最常用、最無幫助、過期、已歸檔）
commands-kb-next-view-hint = 檢視
commands-kb-prev-view = 上一個知識庫檢視
commands-kb-new = 撰寫新文章（開啟 $EDITOR）
commands-kb-new-hint = 新建
commands-kb-edit = 編輯文章：前置資料和 Markdown（開啟 $EDITOR）
commands-kb-edit-hint = 編輯
commands-kb-status = 發布、歸檔文章或將其退回草稿
commands-kb-status-hint = 狀態
commands-kb-helpful = 將文章標為有幫助
commands-kb-unhelpful = 將文章標為沒有幫助
commands-kb-history = 顯示文章的更改歷史 / 正文

commands-dashboard-period = 選擇週期：今天、7 天、30 天、季度、自訂
commands-dashboard-period-hint = 週期
commands-dashboard-next-section = 下一個圖表：工單量、積壓、時長、SLA、滿意度、細分、客服人員、到府服務
commands-dashboard-next-section-hint = 圖表
commands-dashboard-prev-section = 上一個圖表
commands-dashboard-breakdown = 按管道、類型、優先級或組細分
commands-dashboard-breakdown-hint = 細分

commands-help-down = 向下捲動
commands-help-down-hint = 捲動
commands-help-up = 向上捲動
commands-help-half-down = 向下半頁
commands-help-half-up = 向上半頁
commands-help-page-down = 向下一頁
commands-help-page-up = 向上一頁
commands-help-top = 到頂部
commands-help-bottom = 到末尾
commands-help-search = 邊輸入邊搜尋說明
commands-help-search-hint = 搜尋
commands-help-back = 放棄搜尋，或關閉說明
commands-help-close = 關閉說明
commands-help-close-hint = 關閉

commands-help-search-keep = 保留搜尋，捲動檢視結果
commands-help-search-keep-hint = 保留
commands-help-search-clear = 放棄搜尋
commands-help-search-clear-hint = 清除
commands-help-search-down = 向下捲動
commands-help-search-up = 向上捲動

commands-mail-now = 立即收發郵件（否則每隔 [mail] fetch_every_secs）

commands-agent-availability = 切換你的值班狀態：值班 → 暫離 → 下班（不值班時自動分配會跳過你）

commands-sync-now = 立即與中心資料庫同步此副本（否則每隔 [sync] every_secs）
commands-sync-conflicts = 同步時落敗的編輯（:conflicts）：保留勝出的值或重新套用你的值

commands-app-messages = 顯示 desk 啟動以來的所有訊息（:messages）

commands-field-schedule = 工程師排班（到府服務）：日和週時間線、時間重疊和路程間隔、待安排時間的到府服務（:schedule）

commands-qa-open = 品管：待抽檢評分的品管佇列，以及對你工作的審查（:qa）

commands-plans-open = 改善措施（PDCA）：每項措施的階段、負責人、截止日期及指標的基線、現狀和目標（:plans）

commands-messages-down = 向下捲動
commands-messages-down-hint = 捲動
commands-messages-up = 向上捲動
commands-messages-half-down = 向下半頁
commands-messages-half-up = 向上半頁
commands-messages-top = 到最早
commands-messages-bottom = 到最新
commands-messages-close = 關閉訊息
commands-messages-close-hint = 關閉

commands-palette-down = 下一個符合項
commands-palette-down-hint = 下一個
commands-palette-up = 上一個符合項
commands-palette-run = 執行選取的命令
commands-palette-run-hint = 執行
commands-palette-close = 關閉命令面板
commands-palette-close-hint = 關閉

commands-prompt-submit = 套用輸入的內容
commands-prompt-submit-hint = 確定
commands-prompt-cancel = 取消
commands-prompt-cancel-hint = 取消
commands-prompt-older = 叫出此輸入框較早的記錄
commands-prompt-older-hint = 更早
commands-prompt-newer = 叫出較晚的記錄（回到輸入的內容）

commands-picker-down = 下一個選項
commands-picker-down-hint = 移動
commands-picker-up = 上一個選項
commands-picker-choose = 選擇選取的選項
commands-picker-choose-hint = 選擇
commands-picker-cancel = 關閉而不選擇
commands-picker-cancel-hint = 取消

commands-form-next-field = 下一個欄位
commands-form-next-field-hint = 下一欄位
commands-form-prev-field = 上一個欄位
commands-form-enter = 選擇客戶、繼續，最後撰寫第一條訊息
commands-form-enter-hint = 選擇 / 撰寫
commands-form-match-down = 下一個符合的客戶
commands-form-match-up = 上一個符合的客戶
commands-form-choice-next = 下一個選項（類型、管道、優先級、產品）；在文字欄位中為游標右移
commands-form-choice-next-hint = 切換
commands-form-choice-prev = 上一個選項；在文字欄位中為游標左移
commands-form-cancel = 關閉表單
commands-form-cancel-hint = 取消

commands-survey-next = 下一個評分、問卷題目或評論
commands-survey-next-hint = 下一個
commands-survey-prev = 上一個評分或題目
commands-survey-submit = 記錄調查
commands-survey-submit-hint = 記錄
commands-survey-clear = 清除評分（在評論中刪除一個字元）

commands-loop-form-next = 下一個欄位
commands-loop-form-next-hint = 下一個
commands-loop-form-prev = 上一個欄位
commands-loop-form-choice-prev = 上一個選項；在文字欄位中為游標左移
commands-loop-form-choice-next = 下一個選項；在文字欄位中為游標右移
commands-loop-form-submit = 記錄（系統會檢查該階段所需的內容）
commands-loop-form-submit-hint = 儲存
commands-loop-form-cancel = 關閉而不記錄
commands-loop-form-cancel-hint = 取消

commands-survey-cancel = 關閉而不記錄
commands-survey-cancel-hint = 取消

commands-escalations-down = 下一個升級
commands-escalations-down-hint = 移動
commands-escalations-up = 上一個升級
commands-escalations-open = 開啟升級的工單
commands-escalations-open-hint = 開啟
commands-escalations-close = 關閉（清單視為已讀）
commands-escalations-close-hint = 關閉

commands-suggestions-down = 下一篇文章
commands-suggestions-up = 上一篇文章
commands-suggestions-link = 回覆文章連結
commands-suggestions-link-hint = 連結
commands-suggestions-quote = 回覆並引用文章
commands-suggestions-quote-hint = 引用
commands-suggestions-open = 在知識庫中開啟文章
commands-suggestions-open-hint = 開啟
commands-suggestions-helpful = 將文章標為有幫助
commands-suggestions-helpful-hint = 評價
commands-suggestions-unhelpful = 將文章標為沒有幫助
commands-suggestions-close = 關閉推薦
commands-suggestions-close-hint = 關閉

commands-conflict-reapply = 將我的更改重新套用到工單的目前版本
commands-conflict-reapply-hint = 重新套用
commands-conflict-discard = 放棄我的更改
commands-conflict-discard-hint = 放棄

commands-collision-send = 仍然傳送我的回覆
commands-collision-send-hint = 傳送
commands-collision-edit = 編輯我的回覆（在目前對話串下重新開啟）
commands-collision-edit-hint = 編輯
commands-collision-discard = 放棄我的回覆
commands-collision-discard-hint = 放棄

commands-review-send = 傳送（連同巨集的更改）
commands-review-send-hint = 傳送
commands-review-edit = 返回編輯器
commands-review-edit-hint = 編輯
commands-review-postpone = 作為草稿保留在工單上（r 繼續編輯）
commands-review-postpone-hint = 稍後
commands-review-discard = 放棄（會先確認）
commands-review-discard-hint = 放棄
commands-review-mail = 同時透過郵件傳送回覆（非郵件工單）
commands-review-solution = 將回覆標為提出解決方案（停止 3-5-7 首次解決方案計時）

commands-confirm-yes = 是，繼續
commands-confirm-yes-hint = 是
commands-confirm-no = 否，返回
commands-confirm-no-hint = 否

commands-conflicts-down = 下一個衝突
commands-conflicts-down-hint = 移動
commands-conflicts-up = 上一個衝突
commands-conflicts-accept = 保留勝出的值；該衝突移出清單
commands-conflicts-accept-hint = 接受對方
commands-conflicts-reapply = 再次寫入你的值（一次新的更改，現在由它勝出）
commands-conflicts-reapply-hint = 重用我的
commands-conflicts-close = 關閉衝突清單
commands-conflicts-close-hint = 關閉

commands-schedule-enter = 將選取的待安排到府服務預約在游標處 2 小時；在工程師行上，開啟游標處到府服務的工單
commands-schedule-enter-hint = 預約 / 開啟
commands-schedule-focus = 在工程師和待安排時間的到府服務之間切換
commands-schedule-focus-hint = 待安排
commands-schedule-view = 顯示週檢視 / 當天時間線
commands-schedule-view-hint = 週 / 日
commands-schedule-down = 下一位工程師（或待安排的到府服務）
commands-schedule-down-hint = 移動
commands-schedule-up = 上一位工程師（或待安排的到府服務）
commands-schedule-left = 提前一小時（週檢視：前一天）
commands-schedule-right = 延後一小時（週檢視：後一天）
commands-schedule-right-hint = 小時
commands-schedule-prev = 前一天（週檢視：上一週）
commands-schedule-next = 後一天（週檢視：下一週）
commands-schedule-next-hint = 日
commands-schedule-today = 轉到今天並重新讀取排班
commands-schedule-reschedule = 將游標處的到府服務退回待安排清單（改期）
commands-schedule-reschedule-hint = 改期
commands-schedule-close = 關閉排班
commands-schedule-close-hint = 關閉

commands-qa-score = 按評分表給佇列中選取的工單評分（組長）
commands-qa-score-hint = 評分
commands-qa-tab = 在品管佇列和對你工作的審查之間切換
commands-qa-tab-hint = 佇列 / 我的
commands-qa-down = 下一個工單或審查
commands-qa-down-hint = 移動
commands-qa-up = 上一個工單或審查
commands-qa-sample = 將上週已解決的工單抽入佇列：所有客訴和低分工單，每位客服人員隨機抽幾個（組長）
commands-qa-sample-hint = 抽檢上週
commands-qa-sample-this-week = 抽檢本週至今已解決的工單（組長）
commands-qa-close = 關閉品管
commands-qa-close-hint = 關閉

commands-plans-advance = 將選取的措施推進一步：計劃 → 執行 → 檢查 → 處理 → 計劃（下一輪循環）
commands-plans-advance-hint = 推進
commands-plans-back-to-do = 檢查發現無效：退回執行
commands-plans-back-to-do-hint = 退回執行
commands-plans-detail = 顯示 / 隱藏選取措施的欄位和歷史
commands-plans-detail-hint = 詳情
commands-plans-down = 下一項措施
commands-plans-down-hint = 移動
commands-plans-up = 上一項措施
commands-plans-top = 第一項措施（最早到期）
commands-plans-bottom = 最後一項措施（最晚到期）
commands-plans-reload = 重新讀取措施和指標
commands-plans-close = 從詳情返回，或關閉改善措施
commands-plans-close-hint = 返回 / 關閉

commands-qa-form-next = 下一個評分項或評論
commands-qa-form-next-hint = 下一個
commands-qa-form-prev = 上一個評分項
commands-qa-form-submit = 記錄審查（每個評分項都已評分）
commands-qa-form-submit-hint = 儲存
commands-qa-form-clear = 清除評分（在評論中刪除一個字元）
commands-qa-form-cancel = 關閉表單而不記錄
commands-qa-form-cancel-hint = 取消

commands-text-left = 游標左移
commands-text-right = 游標右移
commands-text-word-left = 左移一個詞
commands-text-word-right = 右移一個詞
commands-text-home = 到開頭
commands-text-end = 到末尾
commands-text-delete-back = 刪除游標前的字元
commands-text-delete = 刪除游標處的字元
commands-text-delete-word-back = 刪除游標前的詞
commands-text-delete-word = 刪除游標後的詞
commands-text-clear = 清除文字
commands-text-kill-to-end = 刪除到末尾
