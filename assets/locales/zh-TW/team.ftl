# 團隊模式：多位客服人員共用一個資料庫。編輯衝突或回覆被搶先時要做的選擇，以及他人操作的提示。
team-changed = 你在決定時 #{ $number } 已被變更
team-nothing-written = 你的內容都沒有寫入。後方的工單顯示的是它目前的樣子。
team-not-sent = #{ $number }：你的回覆尚未傳送
team-new-since = 你開始撰寫後工單上的新訊息：
# 新訊息的作者：姓名 · 身分 · 時間。
team-role-customer = 客戶
team-role-agent = 客服
# 彈出視窗標題與返回的按鍵（Esc）。
team-backs-out = { $title } — { $esc } 返回
team-change-discarded = #{ $number }：你的變更已放棄
team-reply-discarded = #{ $number }：你的回覆已放棄
team-updated-by = #{ $number } 剛被 { $who } 更新
# g a：客服人員的值班狀態（自動分配只會把工單分給值班中的客服人員）。
team-no-agent = 此資料庫沒有登入的客服人員
team-you-are = 你現在的狀態：{ $state }
team-availability-on-duty = 值班
team-availability-away = 暫離
team-availability-off = 下班
