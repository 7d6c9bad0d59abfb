# 命令列對輸入的錯誤訊息（結束代碼 2），以及命令的少數其他錯誤。變數帶入機器用詞——參數、欄位名、可選值、路徑、編號——
# 在各語言中原樣保留。

# 多個命令共用。
usage-unknown-value = 未知的 {$what} `{$value}`（可選值：{$allowed}）
usage-labelled = {$label}：{$problem}
usage-not-field-value = `{$change}` 不是 FIELD=VALUE 格式；例如 {$example}
usage-cannot-set = 無法設定 `{$field}`；可設定的欄位：{$fields}
usage-date-flag = {$flag} `{$value}`：請使用 YYYY-MM-DD 格式
usage-not-a-date = {$flag} `{$value}` 不是日期；請寫成 YYYY-MM-DD，例如 {$example}
usage-clock-out-of-range = 系統時鐘超出範圍
usage-file-exists = {$path} 已存在；desk 不會覆寫檔案
usage-not-a-replica = {$path} 不是副本；請用 `desk replica create --from TEAM.db LOCAL.db` 建立一個

# 工單。
usage-ticket-number = `{$value}` 不是工單編號（例如 1042 或 #1042）
usage-ticket-not-a-change = `{$spec}` 不是一項修改；請寫成 field=value、tags+=tag 或 tags-=tag
usage-tag-empty = 標籤不能是空的
usage-tag-not-one-word = `{$tag}` 不是一個標籤：標籤是一個詞，不含空白、控制字元、`,`、`|` 或 `"`（例如 vip、out-of-warranty 或 退款）
usage-ticket-subject-empty = --subject 是空的
usage-ticket-who-is-writing = 是誰在寫？請在設定中把 agent.handle（或 USER）設為此資料庫中一位客服的帳號
usage-ticket-body-missing = 請用 --body、--body-file 或標準輸入提供內文
usage-ticket-body-empty = 訊息是空的；未寫入任何內容
usage-ticket-unknown-view = 未知的檢視 `{$view}`；可用檢視：{$views}
usage-ticket-import-bad-lines = {$n} 行有誤（見上）：未匯入任何內容；請修正這些行，或用 --skip-bad 匯入其餘 {$good} 行正確的紀錄

# 到府服務和退換貨。
usage-visit-number = `{$value}` 不是到府編號；例如 V3 或 3
usage-visit-no-midnight = {$date} 在 {$zone} 時區沒有午夜時刻
usage-visit-field-value = {$field} `{$value}`：{$problem}
usage-visit-window-hint = 請使用 `YYYY-MM-DD HH:MM-HH:MM` 或 `YYYY-MM-DD HH:MM+2h`
usage-visit-labour-hint = 請使用分鐘數（45）或時長（1h30m）
usage-visit-quote-hint = 請使用以元為單位的金額（350.00），或 pending、accepted、declined
usage-visit-not-a-field = `{$field}` 不是到府服務的欄位；可用欄位：{$fields}
usage-visit-part-quantity = part `{$value}`：`:` 後面的數量應為數字
usage-visit-part-location = part `{$value}`：請寫明庫位，例如 {$code}:1@上海仓
usage-visit-window = --window `{$value}`：請使用 `YYYY-MM-DD HH:MM-HH:MM` 或 `YYYY-MM-DD HH:MM+2h`
usage-return-number = `{$value}` 不是退換貨申請編號；例如 R2 或 2
usage-return-refund = refund `{$value}`：應為以元為單位的金額，例如 199 或 199.50
usage-return-not-a-field = `{$field}` 不是退換貨申請的欄位；可用欄位：{$fields}

# 備品。
usage-part-money = {$flag} `{$value}`：應為以元為單位的金額，例如 89 或 89.50
usage-part-reorder = --reorder 應為 0 或更大的數量

# 報告和改善措施。
usage-report-to-needs-from = --to 需要同時給出 --from（報告的第一天）
usage-report-backwards = 期間的結束日（{$to}）早於開始日（{$from}）
usage-report-period = --period `{$value}` 不是有效的期間；請使用 today、7d、30d 或 quarter，或給出 --from 和 --to
usage-report-group-by = --group-by `{$value}` 不是有效的維度；可選：{$allowed}
usage-plan-indicator = `{$value}` 不是指標；可選：{$allowed}
usage-plan-suggestion-range = 報告中有 {$n} 條建議；請給出 1–{$n} 之間的一條（見 `desk report`）
usage-plan-suggestion-no-indicator = 建議 {$n}（{$rule}）沒有指定要改善的指標；請使用 --title 和 --indicator
usage-plan-from-what = 請給出 --from-suggestion N，或 --title 和 --indicator
usage-plan-not-a-change = `{$change}` 不是一項修改；請寫成 field=value
usage-plan-status = status `{$value}`：可選 {$allowed}

# 客服、群組、品管。
usage-agent-capacity = capacity `{$value}` 不是工單數量（或 none）
usage-agent-availability = availability `{$value}`：可選 {$allowed}
usage-agent-not-a-field = `{$field}` 不是派單欄位；可用欄位：{$fields}
usage-agent-role = `{$value}` 不是角色；可選：{$allowed}
usage-group-assignment = assignment `{$value}`：可選 {$allowed}
usage-group-archived = archived `{$value}`：請使用 yes 或 no
usage-group-not-a-field = `{$field}` 不是群組中可設定的欄位；可用欄位：{$fields}
usage-qa-who = 你是誰？請在設定中設定 agent.handle，或給出 --agent

# 客戶、任務及其檔案。
usage-customer-view = 未知的客戶檢視 `{$view}`（可用檢視：{$views}）
usage-customer-due = --due {$value}：請使用 today、7d、overdue 或 all
usage-customer-change = `{$change}`：修改請寫成 field=value
usage-task-due = --due {$value}：請使用 today、overdue、all，或 7d、12h 這樣的時間區間
usage-csv-unreadable = {$path}：無法讀取（{$error}）
usage-csv-rejects-unwritable = {$path}：無法寫入被拒紀錄檔案（{$error}）
usage-csv-refused = {$path}：{$problem}；未匯入任何內容
usage-csv-bad-rows = {$path}：{$n} 列有誤；未匯入任何內容——請修正上面的列，或使用 --skip-bad
usage-csv-not-encoding = {$file} 不是有效的 {$encoding} 編碼（第 {$line} 行含有該編碼沒有的位元組）；請檢查檔案的編碼，或將其另存為「CSV UTF-8」並拿掉 --encoding
usage-csv-looks-like = {$file} 不是 UTF-8 編碼（從第 {$line} 行起）；看起來是 {$encoding}——請使用 --encoding {$flag}，或將其另存為「CSV UTF-8」
usage-csv-not-utf8 = {$file} 不是 UTF-8 編碼（從第 {$line} 行起），也不是 GBK 或 Big5；請將其另存為「CSV UTF-8」（Excel：另存新檔 → CSV UTF-8）
usage-kb-bad-files = {$path}：{$n} 個檔案有誤；未匯入任何內容——請修正上面的檔案，或使用 --skip-bad

# 郵件和接入。
usage-mail-no-mailbox-called = 沒有名為「{$name}」的信箱（已設定：{$known}）
usage-mail-no-mailbox = 未設定 [[mail.inbound]] 信箱（config.example.toml 中有範例）
usage-mail-not-fetched = 未收取：{$mailboxes}（見上）
usage-mail-not-delivered = {$due} 封郵件中有 {$failed} 封未送達（見上；`desk mail outbox`）
usage-ingest-bad-record-after = {$place}：{$problem}（此前的 {$before} 筆紀錄已接入；重新執行這批資料是安全的）
usage-ingest-skipped = 已略過 {$n} 筆有誤的紀錄（見上面各行）

# 資料庫、副本和中心資料庫。
usage-demo-not-empty = {$path} 中已有 {$tickets} 張工單、{$customers} 位客戶和 {$articles} 篇文章；如要以示範資料取代，請加 --force，或另選 --db
usage-replica-exists = {$path} 已存在；副本會建立在新檔案中——請另選一個名稱（如果那是不再需要其修改的舊副本，也可以刪除該檔案）
usage-check-not-a-replica = {$path} 不是副本；`--against` 用於比較副本與其中心資料庫
usage-check-waiting = 有 {$differing} 列不同，同時有 {$waiting} 項修改等待同步；請執行 `desk sync` 後再檢查
usage-hub-which = 哪個中心資料庫？請給出其 URL（postgres://USER@HOST:PORT/DATABASE），或設定 DESK_HUB_URL 或 [hub] url
usage-hub-not-url = {$url} 不是 PostgreSQL URL；中心資料庫的寫法是 postgres://USER@HOST:PORT/DATABASE

# 備份和還原。
usage-backup-exists = {$path} 已存在；如要取代，請加 --force，或另選一個名稱
usage-backup-same-file = {$path} 就是正在複製的資料庫；請選擇另一個檔案
usage-backup-other-database =
    {$source} 與 {$target} 屬於不同的資料庫：
    {"  "}備份：{$backup}
    {"  "}被取代：{$replacing}
    未做任何變更；如果確實要用另一個資料庫取代它，請加 --force 重新還原
# clap 本身的解析錯誤。英文輸出保留 clap 的原文。
usage-clap-see-help = {$problem}；請參閱 `{$command} --help`
usage-clap-unknown-argument = 無法辨識的參數 '{$arg}'
usage-clap-unknown-subcommand = 無法辨識的子命令 '{$command}'
usage-clap-invalid-value-allowed = '{$arg}' 的值 '{$value}' 無效；可選值：{$allowed}
usage-clap-invalid-value = '{$arg}' 的值 '{$value}' 無效
usage-clap-invalid-value-because = '{$arg}' 的值 '{$value}' 無效：{$reason}
usage-clap-missing = 缺少必要的參數：{$args}
usage-clap-conflict = 參數 '{$arg}' 不能與 '{$prior}' 同時使用
usage-clap-did-you-mean = {$problem}（是否要用 '{$suggestion}'？）
usage-not-a-row-count = `{$value}` 不是列數（應為 0 或更大的整數）
usage-not-a-locale = `{$value}` 不是 en、zh-CN、zh-TW 之一
usage-demo-traditional = 示範資料的中文是簡體字；示範請用 zh-CN（或 en），介面可設 ui.locale = "zh-TW"
usage-demo-locale = `{$value}` 不是 en、zh-CN 之一
