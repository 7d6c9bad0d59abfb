# 知识库阅读器中文章上方的几行（按面板宽度换行）。
reader-meta = 作者 { $author } · 更新于 { $updated } · 浏览 { $views } 次 · 使用 { $uses } 次 · { $up } 人认为有帮助，{ $down } 人认为没有
reader-no-tags = 无标签 · e 编辑 · s 发布/归档 · +/- 评价 · H 历史
reader-tags = { $tags } · e 编辑 · H 历史
