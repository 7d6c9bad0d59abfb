# The knowledge-base pane: categories, the article list, search hits and the reader.
kb-categories = Categories
kb-all-articles = All articles
kb-article = Article
kb-loading = Loading…
kb-what = articles
# The views.
kb-view-all = All articles
kb-view-drafts = Drafts
kb-view-most-used = Most used
kb-view-least-helpful = Least helpful
kb-view-stale = Stale
kb-view-archived = Archived
# An article's status.
kb-status-draft = draft
kb-status-published = published
kb-status-archived = archived
# The list's column headers. Status, uses, votes and updated are narrow columns: keep them short.
kb-column-title = Title
kb-column-status = Status
kb-column-uses = Uses
kb-column-votes = Votes
kb-column-updated = Updated
# A view with nothing in it.
kb-empty-drafts = No drafts. n writes a new article.
kb-empty-stale = Nothing stale: every article was updated recently.
kb-empty-least-helpful = No article has enough votes to rank yet.
kb-empty-archived = Nothing archived.
kb-empty = No articles here. n writes one; desk kb import DIR reads a folder.
kb-search-title = Search “{ $query }”{ $position } · Esc clears
kb-searching = Searching…
kb-no-match = No article matches “{ $query }”.
kb-uncategorised = uncategorised
kb-history-title = History · { $title }
kb-no-changes = No changes recorded.
# The article's text in the history, summarised.
kb-field-text = text
kb-chars = { $n } chars
# Toasts, pickers and the new article's text.
kb-new-body = Write the article here in Markdown. Save an empty file to cancel.
kb-select-first = Select an article first
kb-nothing-saved = Nothing saved
kb-not-saved = Not saved: { $error }
kb-form-fix = Fix it and save, or empty the file to cancel.
kb-status-picker = Article status
kb-move-to-published = Publish
kb-move-to-draft = Back to draft
kb-move-to-archived = Archive
kb-marked-helpful = Marked helpful (👍 { $up } 👎 { $down })
kb-marked-not-helpful = Marked not helpful (👍 { $up } 👎 { $down })
kb-vote-failed = Vote not counted: { $error }
kb-use-failed = The article's use was not counted: { $error }
kb-created = Article created as { $status }
kb-no-changes-made = No changes
kb-saved = Article saved ({ $fields })
kb-moved-to-published = Published
kb-moved-to-draft = Back to draft
kb-moved-to-archived = Archived
# b on a ticket when no published article matches it.
kb-suggestions-none = No published article matches this ticket; / in the knowledge base (4) searches them all
