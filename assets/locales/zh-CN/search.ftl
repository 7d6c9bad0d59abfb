# 在工单队列面板中对主题和消息进行全文搜索（S）。$position 为命中计数（ [3/20]）。
search-title = 搜索“{ $query }”{ $position } · { $order } (o) · Esc 返回视图
search-order-relevance = 最匹配优先
search-order-newest = 最新优先
search-searching = 搜索中…
# 每行一句。
search-no-match =
    没有匹配的主题或消息。
    按 S 重新搜索。
search-order-no-search = 这是搜索结果的排序：请先搜索（S）
