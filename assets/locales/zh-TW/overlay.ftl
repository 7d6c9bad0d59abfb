# 面板上方的彈出視窗：單行輸入框、篩選列、選擇器與推薦文章。
# 輸入框的標題，後面接 " — Enter 確定，Esc 取消"。
overlay-prompt-filter = 篩選
overlay-prompt-tags = 標籤：+新增 -移除（如 +vip -refund）
overlay-prompt-note = 內部備註
overlay-prompt-merge-into = 將此工單合併至 #
overlay-prompt-link-to = 將此工單連結至 #
overlay-prompt-search = 搜尋主旨與訊息（3 個以上字元搜尋最快）
overlay-prompt-dashboard-dates = 期間：起始日..結束日（2026-11-01..2026-11-30）
overlay-prompt-go-to = 前往工單 #
overlay-applies-cancels = { $submit } 確定，{ $cancel } 取消
# 篩選列（/）：篩選的對象。工單的範例是檢視語言，請保持英文。
overlay-filter-title = 篩選{ $what } — { $keys }
overlay-filter-tickets = 工單：關鍵字，或 status:open priority:>=high tag:vip …
overlay-filter-customers = 客戶（姓名、電子郵件、電話）
overlay-filter-articles = 文章（標題或內文）
overlay-picker-title = { $title } — { $pick } 選擇，{ $cancel } 取消
overlay-nothing-matches = 沒有相符項目
# 為目前工單推薦的文章。
overlay-suggestions-title = 推薦文章
overlay-suggestion-votes = 使用 { $uses } 次 · { $up }/{ $down }
overlay-suggestions-hint = { $link } 連結 · { $quote } 引用 · { $open } 開啟 · { $up }/{ $down } 評分 · { $close }
