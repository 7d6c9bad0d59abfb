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
said-customer-care = 關懷 {$kind} 到期 {$due} · {$note}
said-customer-notes = 備註：
said-customer-timeline = 時間軸（{$n} 張未結工單）：
said-customer-care-done = 關懷任務 {$task} 已完成
said-customer-recomputed = 已重算 {$customers} 位客戶，耗時 {$seconds} 秒：{$upgraded} 位升級，{$downgraded} 位降級，{$stages} 位階段變動，{$risky} 位轉為高風險（{$win-back} 個挽回任務）；已排定 {$care} 則關懷提醒
