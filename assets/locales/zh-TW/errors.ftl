# 命令列所說的儲存錯誤。英文必須與錯誤本身的文字一致；中文說同樣的事：出了什麼錯、在哪裡、該怎麼做。
# 指令、參數和路徑保持原樣。
errors-missing-directory = 資料庫目錄 { $dir } 不存在；請先建立它，或用 --db 指定一個已存在目錄中的路徑
errors-is-directory = { $path } 是一個目錄，不是資料庫檔案；請用 --db 指定其中的檔案，例如 { $path }/desk.db
errors-permission = 沒有 { $path } 的權限：{ $need }；請向檔案擁有者或管理員申請該權限（團隊透過群組共用：對檔案 `chmod g+rw`，對其目錄 `g+rwx`）— 資料庫本身沒有損壞
errors-missing-database = { $path } 處沒有資料庫；執行 `desk init --db { $path }` 建立一個，或執行 `desk demo --db { $path }` 產生示範資料
errors-not-a-database = { $path } 不是 desk 資料庫或已損壞（{ $detail }）；檔案未被更動 — 請從備份還原，或用 --db 指向別的檔案
errors-newer-schema = { $path } 的資料庫結構版本是 { $found }，比這個 desk 能理解的（{ $known }）更新；檔案未被更動 — 請升級 desk 後再開啟
errors-busy = { $path } 被另一個程式鎖定，一直處於忙碌狀態；請重試，或查看是誰佔用了它
errors-wal-on-share = { $path } 處於 WAL 模式，它需要同一台主機上的共用記憶體，放在網路共用上會損壞，所以共用模式不會開啟它；檔案未被更動 — 在沒有其他人開啟它時，執行 `desk convert --shared --db { $path }`，然後再開啟
errors-in-use = { $path } 正被另一個 desk 或程式使用，所以其日誌模式沒有變更；請讓所有人關閉其上的 desk（並暫停使用它的排程工作），然後再次執行 `desk convert --{ $to } --db { $path }`
errors-conflict = { $entity } { $id } 在你讀取後已被變更（版本 { $expected }，現在是 { $found }）；請重新載入後再操作
errors-bad-value = { $entity } { $id }：{ $field } 的值 `{ $value }` 不是已知的 { $field }；用 `{ $fix }` 修正
errors-not-found = 找不到{ $entity } { $id }
errors-unknown-field = `{ $field }` 不是{ $entity }可以變更的欄位
errors-io = { $path }：{ $source }；請檢查該目錄的剩餘空間和權限
errors-disk-full = 磁碟已滿：desk 無法寫入 { $place }{ $left }；請釋放一些空間後再執行 — 此次變更已復原，資料庫沒有損壞
errors-disk-left = （其檔案系統剩餘 { $megabytes } MB）
errors-the-database = 資料庫
# 角色檢查拒絕的操作：做什麼、誰要求的、需要的角色（agent、lead、admin：`desk agent set-role` 所用的詞）。
errors-denied = { $act }需要 { $need } 角色（{ $who }）；請讓{ $ask }來做，或執行 `desk agent set-role { $handle } { $need }`
errors-who-has-role = { $handle } 的角色是 { $role }
errors-who-unregistered = { $handle } 不是已登記的客服
errors-ask-admin = 管理員
errors-ask-lead = 組長或管理員
errors-act-manage-agents = 管理客服和角色
errors-act-manage-groups = 建立、重新命名和安排小組成員
errors-act-reassign-others = 改派其他客服的工單
errors-act-publish-article = 發布知識庫文章
errors-act-export-personal-data = 匯出未遮蔽的電子郵件和電話
errors-act-replace-database = 用備份取代資料庫
errors-act-convert-database = 切換資料庫的日誌模式
errors-act-review-quality = 抽檢並評分品檢工單
# 儲存所稱的物件名稱。
errors-entity-ticket = 工單
errors-entity-customer = 客戶
errors-entity-article = 文章
errors-entity-agent = 客服
errors-entity-group = 小組
errors-entity-part = 零件
errors-entity-return = 退換貨
errors-entity-visit = 到府服務
errors-entity-organization = 企業
errors-entity-task = 任務
# 命令列自己的「找不到」。
errors-no-ticket = 沒有工單 #{ $number }
errors-no-customer = 沒有 id 或電子郵件為 `{ $key }` 的客戶
errors-no-article = 沒有文章 `{ $key }`
errors-no-plan = 沒有改善措施 P{ $number }
errors-no-attachment = 沒有附件 { $id }（附件 id 見 `desk attachment list N`）
errors-not-in-qa-queue = #{ $number } 不在品檢佇列中；組長可以用 `desk qa sample --ticket { $number }` 把它放進去
# 介面的讀取等到了逾時，另一個 desk 仍在寫入。
errors-busy-waited = 另一個 desk 的寫入佔用資料庫的時間超過了 desk 的等待時間；沒有做任何變更——請重試
