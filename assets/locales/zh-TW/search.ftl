# 在工單佇列面板中對主旨與訊息進行全文搜尋（S）。$position 為命中計數（ [3/20]）。
search-title = 搜尋「{ $query }」{ $position } · { $order } (o) · Esc 返回檢視
search-order-relevance = 最相符優先
search-order-newest = 最新優先
search-searching = 搜尋中…
# 每行一句。
search-no-match =
    沒有相符的主旨或訊息。
    按 S 重新搜尋。
search-order-no-search = 這是搜尋結果的排序：請先搜尋（S）
