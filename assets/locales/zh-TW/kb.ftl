# 知識庫面板：分類、文章清單、搜尋結果和閱讀檢視。
kb-categories = 分類
kb-all-articles = 全部文章
kb-article = 文章
kb-loading = 載入中…
kb-what = 文章
# 檢視。
kb-view-all = 全部文章
kb-view-drafts = 草稿
kb-view-most-used = 最常用
kb-view-least-helpful = 最不實用
kb-view-stale = 待更新
kb-view-archived = 已封存
# 文章狀態。
kb-status-draft = 草稿
kb-status-published = 已發布
kb-status-archived = 已封存
# 清單的欄位標題。狀態、引用、評價和更新欄很窄，請保持簡短。
kb-column-title = 標題
kb-column-status = 狀態
kb-column-uses = 引用
kb-column-votes = 評價
kb-column-updated = 更新
# 檢視中沒有文章時。
kb-empty-drafts = 沒有草稿。按 n 撰寫一篇新文章。
kb-empty-stale = 沒有過時的文章：每篇最近都更新過。
kb-empty-least-helpful = 還沒有文章獲得足夠的評價來排序。
kb-empty-archived = 沒有已封存的文章。
kb-empty = 這裡還沒有文章。按 n 撰寫一篇；desk kb import 目錄 可匯入一個資料夾。
kb-search-title = 搜尋「{ $query }」{ $position } · Esc 清除
kb-searching = 搜尋中…
kb-no-match = 沒有文章符合「{ $query }」。
kb-uncategorised = 未分類
kb-history-title = 修改紀錄 · { $title }
kb-no-changes = 沒有修改紀錄。
# 修改紀錄中文章內文的摘要。
kb-field-text = 內文
kb-chars = { $n } 字
# 提示、選擇清單和新文章的內文。
kb-new-body = 在這裡用 Markdown 撰寫文章。儲存空白檔案即取消。
kb-select-first = 請先選擇一篇文章
kb-nothing-saved = 沒有儲存任何內容
kb-not-saved = 未儲存：{ $error }
kb-form-fix = 請修改後儲存，或清空檔案以取消。
kb-status-picker = 文章狀態
kb-move-to-published = 發布
kb-move-to-draft = 退回草稿
kb-move-to-archived = 封存
kb-marked-helpful = 已標記為有幫助（👍 { $up } 👎 { $down }）
kb-marked-not-helpful = 已標記為沒幫助（👍 { $up } 👎 { $down }）
kb-vote-failed = 評價未計入：{ $error }
kb-use-failed = 文章的引用未計入：{ $error }
kb-created = 文章已建立為{ $status }
kb-no-changes-made = 沒有變化
kb-saved = 文章已儲存（{ $fields }）
kb-moved-to-published = 已發布
kb-moved-to-draft = 已退回草稿
kb-moved-to-archived = 已封存
# 在工單上按 b 但沒有相符的已發布文章時。
kb-suggestions-none = 沒有與此工單相符的已發布文章；在知識庫（4）中按 / 可搜尋全部文章
