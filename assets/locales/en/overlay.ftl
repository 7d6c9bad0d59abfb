# Popups over the panes: the one-line prompts, the filter line, pickers and the suggested articles.
# A prompt's title, before " — Enter applies, Esc cancels".
overlay-prompt-filter = Filter
overlay-prompt-tags = Tags: +add -remove (e.g. +vip -refund)
overlay-prompt-note = Internal note
overlay-prompt-merge-into = Merge this ticket into #
overlay-prompt-link-to = Link this ticket to #
overlay-prompt-search = Search subjects and messages (3+ characters search fastest)
overlay-prompt-dashboard-dates = Period: first..last day (2026-11-01..2026-11-30)
overlay-prompt-go-to = Go to ticket #
overlay-applies-cancels = { $submit } applies, { $cancel } cancels
# The filter line (/): what it filters. The tickets' example is the view language: keep it in English.
overlay-filter-title = Filter { $what } — { $keys }
overlay-filter-tickets = tickets: words, or status:open priority:>=high tag:vip …
overlay-filter-customers = customers (name, email, phone)
overlay-filter-articles = articles (title or text)
overlay-picker-title = { $title } — { $pick } picks, { $cancel } cancels
overlay-nothing-matches = Nothing matches
# The articles suggested for the open ticket.
overlay-suggestions-title = Suggested articles
overlay-suggestion-votes = used { $uses } · { $up }/{ $down }
overlay-suggestions-hint = { $link } link · { $quote } quote · { $open } open · { $up }/{ $down } rate · { $close }
