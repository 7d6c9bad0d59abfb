# Full-text search over subjects and messages, shown in the queue pane (S). $position is the hit counter ( [3/20]).
search-title = Search “{ $query }”{ $position } · { $order } (o) · Esc back to the view
search-order-relevance = best match first
search-order-newest = newest first
search-searching = Searching…
# One line a line.
search-no-match =
    No subject or message matches.
    S searches again.
search-order-no-search = This orders search results: search first (S)
