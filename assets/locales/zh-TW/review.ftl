# 送出前檢視：從編輯器返回的回覆或內部備註，送出之前顯示在這裡。
# 巨集帶來的變更，列在「變更」之後（以逗號分隔）。
review-edit-status = 狀態改為{ $status }
review-edit-priority = 優先級改為{ $priority }
review-edit-kind = 類型改為{ $kind }
review-edit-channel = 管道改為{ $channel }
review-edit-subject = 主旨改為「{ $subject }」
review-edit-assignee = 指派給 { $who }
review-edit-unassigned = 取消指派
review-edit-group = 群組改為 { $group }
review-edit-no-group = 取消群組
review-edit-product = 產品改為 { $product }
review-edit-no-product = 清除產品
review-edit-tag-add = 標籤 +{ $tag }
review-edit-tag-remove = 標籤 -{ $tag }
review-edit-complaint = 客訴階段改為{ $stage }
review-edit-close-reason = 結案原因：{ $reason }
review-edit-complaint-category = 客訴類別：{ $category }
review-edit-severity = 嚴重程度：{ $severity }
review-edit-responsible = 負責人：{ $who }
review-edit-no-responsible = 清除負責人
review-edit-root-cause = 根本原因：{ $cause }
review-edit-resolution = 處理結果備註
# 回覆只留在工單上、不寄出郵件的原因。
review-route-mail-not-set-up = 尚未設定郵件（[mail] from）
review-route-no-email = 客戶沒有電子郵件地址
review-route-not-mail = 不是郵件工單
review-route-not-mail-no-email = 不是郵件工單，且客戶沒有電子郵件地址
# 檢視畫面按鍵的提示訊息。
review-note-never-mailed = 內部備註不會以郵件寄出
review-mailed-anyway = 這是郵件工單：回覆本來就會寄到 { $to }
review-cannot-mail = 無法以郵件寄出：{ $why }
review-cannot-mail-not-open = 無法以郵件寄出：工單未開啟
review-note-no-solution = 內部備註不會向客戶提出解決方案
review-discard-reply = 放棄這則回覆？
review-discard-note = 放棄這則備註？
review-discard-lost = 寄往 #{ $number } 的 { $n } 個字元將會遺失。
review-discarded = 已放棄
review-nothing-undone = 沒有可復原的操作：{ $error }
review-undone = 已復原：{ $what }
review-undone-done = 完成
# 檢視畫面。欄位名稱所在欄寬 9 個字元（一個中文字佔 2 個），請保持簡短。
review-internal-to = 內部備註 — 僅客服人員可見
review-the-customer = 客戶
review-label-to = 收件者
review-label-ticket = 工單
review-label-delivery = 寄送方式
review-label-solution = 解決方案
review-label-adds = 附加
review-label-changes = 變更
review-label-article = 文章
review-solution-marked = 提出解決方案：停止「首次解決」計時（{ $toggle }：取消標記）
review-solution-unmarked = 未標記為解決方案 — 按 { $toggle } 標記
review-article-linked = 連結
review-article-quoted = 引用全文
review-title-reply = 檢視回覆 — { $send } 傳送 · { $edit } 編輯 · { $postpone } 稍後 · { $discard } 放棄
review-title-note = 檢視備註 — { $send } 傳送 · { $edit } 編輯 · { $postpone } 稍後 · { $discard } 放棄
# 回覆如何送達客戶。$channel 是工單管道的儲存名稱（phone、wechat …）。
review-ticket-only = 僅儲存在工單上
review-cc = 副本 { $list }
review-from = 寄件者 { $from }
review-mailed = 由 `desk mail send` 寄到 { $to }
review-offer-asked = { $channel ->
    [phone] 電話
    [email] 郵件
    [web] 網站
    [chat] 線上客服
    [wechat] 微信
    [weibo] 微博
    [on_site] 到府
   *[other] { $channel }
}工單，已依要求以郵件寄到 { $to }（{ $toggle }：不寄送）
review-offer = 不寄郵件（{ $channel ->
    [phone] 電話
    [email] 郵件
    [web] 網站
    [chat] 線上客服
    [wechat] 微信
    [weibo] 微博
    [on_site] 到府
   *[other] { $channel }
}工單）— 按 { $toggle } 寄到 { $to }
review-ticket-only-not-mail = 僅儲存在工單上（不是郵件工單）
review-ticket-only-why = 僅儲存在工單上：{ $why }
# 郵件在回覆之外附加的內容。
review-signature = 簽名「{ $first }{ $more }」
review-quoted-last = 引用客戶的最後一則訊息
review-in-mail-only = { $parts }（僅在郵件中）
# 確認對話框的兩個選項。
review-yes-no = { $yes } 是 · { $no } 否
# 確認框選擇了「否」。
review-confirm-declined = 未做任何變更
