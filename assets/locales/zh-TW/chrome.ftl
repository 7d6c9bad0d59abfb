# 面板外框：分頁列右側與徽章、狀態列的提示，以及所有清單與捲動檢視的共通文字。
chrome-too-small = 請將終端機放大到至少 { $width }×{ $height }
chrome-too-small-now = （目前 { $width }×{ $height }）
chrome-no-agent = 未登入客服
# 在客服人員與資料庫之後：資料庫由多個 desk 共用。
chrome-shared = 共用
# 分頁列上的徽章，附上檢視它們的按鍵。
chrome-escalated = !{ $n } 件升級 (!)
chrome-new-tickets = +{ $n } 張新工單 (1)
chrome-mail-busy = 郵件…
chrome-mail-failed = 郵件失敗
chrome-mail-failed-short = 郵件!
chrome-store-waiting = 正在等待另一個 desk 的寫入…
# 清單與捲動檢視。$what 為列的類型（工單、客戶）；每行一句。
chrome-loading = 載入中…
chrome-none-match =
    沒有符合「{ $filter }」的{ $what }。
    按 Esc 清除篩選。
chrome-scrolled = { $title } · 第 { $first }–{ $last } 行，共 { $total } 行
# 提示。
chrome-reloaded = 已重新載入
chrome-filter-error = 篩選：{ $error }
chrome-merged-into = #{ $number } 已合併至 #{ $target }：顯示 #{ $target }
chrome-renumbered = #{ $was } 現為 #{ $now }：顯示 #{ $now }
chrome-no-ticket = 沒有工單 #{ $number }
# 在沒有清單的面板按 /，以及在此面板無作用的按鍵。
chrome-no-filter-ticket = 工單面板沒有可篩選的清單
chrome-no-filter-dashboard = 儀表板沒有可篩選的清單
chrome-not-bound = { $key } 在此處沒有功能 — 按 ? 查看按鍵
