# 知識庫閱讀器中文章上方的幾行（依面板寬度換行）。
reader-meta = 作者 { $author } · 更新於 { $updated } · 瀏覽 { $views } 次 · 使用 { $uses } 次 · { $up } 人認為有幫助，{ $down } 人認為沒有
reader-no-tags = 無標籤 · e 編輯 · s 發布/封存 · +/- 評分 · H 歷史
reader-tags = { $tags } · e 編輯 · H 歷史
