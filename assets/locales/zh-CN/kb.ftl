# 知识库面板：分类、文章列表、搜索结果和阅读视图。
kb-categories = 分类
kb-all-articles = 全部文章
kb-article = 文章
kb-loading = 加载中…
kb-what = 文章
# 视图。
kb-view-all = 全部文章
kb-view-drafts = 草稿
kb-view-most-used = 最常用
kb-view-least-helpful = 最不实用
kb-view-stale = 待更新
kb-view-archived = 已归档
# 文章状态。
kb-status-draft = 草稿
kb-status-published = 已发布
kb-status-archived = 已归档
# 列表的列标题。状态、引用、评价和更新列很窄，请保持简短。
kb-column-title = 标题
kb-column-status = 状态
kb-column-uses = 引用
kb-column-votes = 评价
kb-column-updated = 更新
# 视图中没有文章时。
kb-empty-drafts = 没有草稿。按 n 写一篇新文章。
kb-empty-stale = 没有过时的文章：每篇最近都更新过。
kb-empty-least-helpful = 还没有文章获得足够的评价来排序。
kb-empty-archived = 没有已归档的文章。
kb-empty = 这里还没有文章。按 n 写一篇；desk kb import 目录 可导入一个文件夹。
kb-search-title = 搜索“{ $query }”{ $position } · Esc 清除
kb-searching = 搜索中…
kb-no-match = 没有文章匹配“{ $query }”。
kb-uncategorised = 未分类
kb-history-title = 修改记录 · { $title }
kb-no-changes = 没有修改记录。
# 修改记录中文章正文的摘要。
kb-field-text = 正文
kb-chars = { $n } 字
# 提示、选择列表和新文章的正文。
kb-new-body = 在这里用 Markdown 撰写文章。保存空文件即取消。
kb-select-first = 请先选择一篇文章
kb-nothing-saved = 没有保存任何内容
kb-not-saved = 未保存：{ $error }
kb-form-fix = 请修改后保存，或清空文件以取消。
kb-status-picker = 文章状态
kb-move-to-published = 发布
kb-move-to-draft = 退回草稿
kb-move-to-archived = 归档
kb-marked-helpful = 已标记为有帮助（👍 { $up } 👎 { $down }）
kb-marked-not-helpful = 已标记为没帮助（👍 { $up } 👎 { $down }）
kb-vote-failed = 评价未计入：{ $error }
kb-use-failed = 文章的引用未计入：{ $error }
kb-created = 文章已创建为{ $status }
kb-no-changes-made = 没有变化
kb-saved = 文章已保存（{ $fields }）
kb-moved-to-published = 已发布
kb-moved-to-draft = 已退回草稿
kb-moved-to-archived = 已归档
# 在工单上按 b 但没有匹配的已发布文章时。
kb-suggestions-none = 没有与此工单匹配的已发布文章；在知识库（4）中按 / 可搜索全部文章
