# The command registry's words: each command's description (help, the palette, `desk keys`, README) and,
# for the commands the hint bar shows, its hint (`-hint`). Keys are `commands-` and the command's name in kebab
# case: `queue.next_view` → `commands-queue-next-view`.
commands-app-quit = Quit desk (Ctrl-C always quits)
commands-app-quit-hint = quit
commands-app-help = Show keys and commands (/ searches them)
commands-app-help-hint = help
commands-app-palette = Open the command palette
commands-app-palette-hint = commands
commands-app-refresh = Reload what is on screen

commands-pane-next = Next pane
commands-pane-prev = Previous pane
commands-pane-queues = Go to Queues
commands-pane-ticket = Go to the open ticket
commands-pane-customers = Go to Customers
commands-pane-kb = Go to the knowledge base
commands-pane-dashboard = Go to the dashboard (KPIs and charts)

commands-nav-down = Move down
commands-nav-down-hint = move
commands-nav-up = Move up
commands-nav-top = Go to the top
commands-nav-bottom = Go to the bottom
commands-nav-half-down = Half a page down
commands-nav-half-up = Half a page up
commands-nav-page-down = A page down
commands-nav-page-up = A page up
commands-nav-open = Open the selected item
commands-nav-open-hint = open
commands-nav-back = Back out / close
commands-nav-back-hint = back
commands-nav-left = Focus the left column
commands-nav-right = Focus the right column

commands-list-filter = Filter the current list
commands-list-filter-hint = filter
commands-list-clear-filter = Clear the list filter

commands-ticket-go-to = Go to a ticket by number (a merged one shows where it went)
commands-ticket-new = Create a ticket
commands-ticket-new-hint = new

commands-app-undo = Undo your last change to tickets (fields, tags, merge, link, a bulk change) within ui.undo_minutes
commands-app-undo-hint = undo

commands-sla-escalations = What escalated (SLA at risk / breached) since you last looked

commands-queue-next-view = Next view
commands-queue-next-view-hint = view
commands-queue-prev-view = Previous view
commands-queue-search = Search subjects and every message
commands-queue-search-hint = search
commands-queue-search-order = Search results: newest first / best match first
commands-queue-mark = Mark / unmark the ticket for a bulk change
commands-queue-mark-hint = mark
commands-queue-mark-range = Start / finish marking a range
commands-queue-status = Status of the marked tickets (or the selected one)
commands-queue-priority = Priority of the marked tickets
commands-queue-assign = Assign the marked tickets
commands-queue-tags = Tags of the marked tickets (+add -remove)
commands-queue-macro = Send a macro to the marked tickets

commands-ticket-customer = Open this ticket's customer
commands-ticket-customer-hint = customer
commands-ticket-status = Change the status
commands-ticket-status-hint = status
commands-ticket-priority = Change the priority
commands-ticket-priority-hint = priority
commands-ticket-assign = Assign to an agent
commands-ticket-assign-hint = assign
commands-ticket-reply = Reply to the customer (opens $EDITOR)
commands-ticket-reply-hint = reply
commands-ticket-note = Add an internal note (opens $EDITOR)
commands-ticket-note-hint = note
commands-ticket-macro = Reply with a macro (canned reply and its changes)
commands-ticket-macro-hint = macro
commands-ticket-tags = Add or remove tags (+vip -refund)
commands-ticket-tags-hint = tags
commands-ticket-quick-note = Add a one-line internal note
commands-ticket-take = Take the ticket if nobody has it
commands-ticket-merge = Merge this ticket into another
commands-ticket-link = Link this ticket to a related one
commands-ticket-kind = Change the kind (complaint, service request …)
commands-ticket-channel = Change the intake channel
commands-ticket-group = Route to a group (team)
commands-ticket-open-attachment = Open an attachment with the system opener ($DESK_OPENER); programs are only saved
commands-ticket-quoted = Show / fold quoted history and signatures in the thread
commands-ticket-history = Show the change history / the thread
commands-ticket-history-hint = history
commands-ticket-follow-up = Record the follow-up call (回访) with its call script beside the form, then the survey
commands-ticket-survey = Record a satisfaction survey (CSAT, NPS, CES and the questionnaire)
commands-ticket-complaint-stage = Advance the complaint: received → registered (category, severity) → investigating (responsible) → resolved (root cause, resolution) → revisited (the call)
commands-ticket-visit = Book an on-site visit (上门服务): install, repair, maintenance, inspection or pick-up; g v then gives it an engineer and a time
commands-ticket-articles = Suggested articles: Enter puts a link into a reply, b the article quoted
commands-ticket-articles-hint = kb

commands-customer-next-view = Next customer view (VIP, At risk, New, Warranty, Care)
commands-customer-next-view-hint = view
commands-customer-prev-view = Previous customer view
commands-customer-notes = Edit the customer's notes (opens $EDITOR)
commands-customer-notes-hint = notes
commands-customer-edit = Edit the profile: name, contacts, org, tier, birthday (opens $EDITOR)
commands-customer-edit-hint = edit
commands-customer-create = Add a customer (opens $EDITOR)
commands-customer-merge = Merge a duplicate (same email or phone) into this customer
commands-customer-care-done = Mark a care or win-back task done
commands-customer-back-to-ticket = Back to the ticket you came from

commands-kb-next-view = Next view (drafts, most used, least helpful, stale, archived)
commands-kb-next-view-hint = view
commands-kb-prev-view = Previous knowledge-base view
commands-kb-new = Write a new article (opens $EDITOR)
commands-kb-new-hint = new
commands-kb-edit = Edit the article: front matter and Markdown (opens $EDITOR)
commands-kb-edit-hint = edit
commands-kb-status = Publish, archive or return the article to draft
commands-kb-status-hint = status
commands-kb-helpful = Mark the article helpful
commands-kb-unhelpful = Mark the article not helpful
commands-kb-history = Show the article's change history / its text

commands-dashboard-period = Choose the period: today, 7 days, 30 days, quarter, custom
commands-dashboard-period-hint = period
commands-dashboard-next-section = Next chart: volume, backlog, times, SLA, satisfaction, breakdown, agents, field service
commands-dashboard-next-section-hint = chart
commands-dashboard-prev-section = Previous chart
commands-dashboard-breakdown = Break down by channel, kind, priority or group
commands-dashboard-breakdown-hint = breakdown

commands-help-down = Scroll down
commands-help-down-hint = scroll
commands-help-up = Scroll up
commands-help-half-down = Half a page down
commands-help-half-up = Half a page up
commands-help-page-down = A page down
commands-help-page-up = A page up
commands-help-top = To the top
commands-help-bottom = To the end
commands-help-search = Search help as you type
commands-help-search-hint = search
commands-help-back = Drop the search, or close help
commands-help-close = Close help
commands-help-close-hint = close

commands-help-search-keep = Keep the search and scroll what it found
commands-help-search-keep-hint = keep
commands-help-search-clear = Drop the search
commands-help-search-clear-hint = clear
commands-help-search-down = Scroll down
commands-help-search-up = Scroll up

commands-mail-now = Fetch and send mail now (otherwise every [mail] fetch_every_secs)

commands-agent-availability = Switch your availability: on duty → away → off (automatic assignment passes you by unless on duty)

commands-sync-now = Sync this replica with its hub now (otherwise every [sync] every_secs)
commands-sync-conflicts = Your edits that lost at sync (:conflicts): keep the winner's value or re-apply yours

commands-app-messages = Show every message since desk started (:messages)

commands-field-schedule = Engineers' schedule (上门服务): day and week timelines, overlaps and travel gaps, visits waiting for a time (:schedule)

commands-qa-open = Quality inspection (质检): the QA queue to sample and score, and the reviews of your work (:qa)

commands-plans-open = Improvement plans (PDCA 改进措施): each action's stage, owner, due date and indicator before, now and target (:plans)

commands-messages-down = Scroll down
commands-messages-down-hint = scroll
commands-messages-up = Scroll up
commands-messages-half-down = Half a page down
commands-messages-half-up = Half a page up
commands-messages-top = To the oldest
commands-messages-bottom = To the newest
commands-messages-close = Close the messages
commands-messages-close-hint = close

commands-palette-down = Next match
commands-palette-down-hint = next
commands-palette-up = Previous match
commands-palette-run = Run the selected command
commands-palette-run-hint = run
commands-palette-close = Close the palette
commands-palette-close-hint = close

commands-prompt-submit = Apply what was typed
commands-prompt-submit-hint = apply
commands-prompt-cancel = Cancel
commands-prompt-cancel-hint = cancel
commands-prompt-older = Recall an earlier entry of this prompt
commands-prompt-older-hint = earlier
commands-prompt-newer = Recall a later entry (back to what was typed)

commands-picker-down = Next option
commands-picker-down-hint = move
commands-picker-up = Previous option
commands-picker-choose = Choose the selected option
commands-picker-choose-hint = pick
commands-picker-cancel = Close without choosing
commands-picker-cancel-hint = cancel

commands-form-next-field = Next field
commands-form-next-field-hint = next field
commands-form-prev-field = Previous field
commands-form-enter = Pick the customer, go on, and finally write the first message
commands-form-enter-hint = pick / write
commands-form-match-down = Next customer match
commands-form-match-up = Previous customer match
commands-form-choice-next = Next choice (kind, channel, priority, product); in a text field, the cursor right
commands-form-choice-next-hint = change
commands-form-choice-prev = Previous choice; in a text field, the cursor left
commands-form-cancel = Close the form
commands-form-cancel-hint = cancel

commands-survey-next = Next score, questionnaire item or the comment
commands-survey-next-hint = next
commands-survey-prev = Previous score or item
commands-survey-submit = Record the survey
commands-survey-submit-hint = record
commands-survey-clear = Clear the score (in the comment, delete a character)

commands-loop-form-next = Next field
commands-loop-form-next-hint = next
commands-loop-form-prev = Previous field
commands-loop-form-choice-prev = Previous choice; in a text field, the cursor left
commands-loop-form-choice-next = Next choice; in a text field, the cursor right
commands-loop-form-submit = Record it (the store checks what the stage needs)
commands-loop-form-submit-hint = save
commands-loop-form-cancel = Close without recording
commands-loop-form-cancel-hint = cancel

commands-survey-cancel = Close without recording
commands-survey-cancel-hint = cancel

commands-escalations-down = Next escalation
commands-escalations-down-hint = move
commands-escalations-up = Previous escalation
commands-escalations-open = Open the escalated ticket
commands-escalations-open-hint = open
commands-escalations-close = Close (the list counts as seen)
commands-escalations-close-hint = close

commands-suggestions-down = Next article
commands-suggestions-up = Previous article
commands-suggestions-link = Reply with a link to the article
commands-suggestions-link-hint = link
commands-suggestions-quote = Reply with the article quoted
commands-suggestions-quote-hint = quote
commands-suggestions-open = Open the article in the knowledge base
commands-suggestions-open-hint = open
commands-suggestions-helpful = Mark the article helpful
commands-suggestions-helpful-hint = rate
commands-suggestions-unhelpful = Mark the article not helpful
commands-suggestions-close = Close the suggestions
commands-suggestions-close-hint = close

commands-conflict-reapply = Re-apply my change to the ticket as it is now
commands-conflict-reapply-hint = re-apply
commands-conflict-discard = Discard my change
commands-conflict-discard-hint = discard

commands-collision-send = Send my reply anyway
commands-collision-send-hint = send
commands-collision-edit = Edit my reply (it reopens under the thread as it is now)
commands-collision-edit-hint = edit
commands-collision-discard = Discard my reply
commands-collision-discard-hint = discard

commands-review-send = Send it (with the macro's changes)
commands-review-send-hint = send
commands-review-edit = Back to the editor
commands-review-edit-hint = edit
commands-review-postpone = Keep it as a draft on the ticket (r resumes it)
commands-review-postpone-hint = postpone
commands-review-discard = Discard it (asks first)
commands-review-discard-hint = discard
commands-review-mail = Also send the reply by email (not a mail ticket)
commands-review-solution = Mark the reply as proposing a solution (stops the 3-5-7 first-solution clock)

commands-confirm-yes = Yes, go ahead
commands-confirm-yes-hint = yes
commands-confirm-no = No, back out
commands-confirm-no-hint = no

commands-conflicts-down = Next conflict
commands-conflicts-down-hint = move
commands-conflicts-up = Previous conflict
commands-conflicts-accept = Keep the value that won; the conflict leaves the list
commands-conflicts-accept-hint = accept theirs
commands-conflicts-reapply = Write your value again (a new change, which now wins)
commands-conflicts-reapply-hint = re-apply mine
commands-conflicts-close = Close the conflicts
commands-conflicts-close-hint = close

commands-schedule-enter = Book the selected waiting visit at the cursor for 2 hours; on a lane, open the ticket of the visit under the cursor
commands-schedule-enter-hint = book / open
commands-schedule-focus = Switch between the engineers and the visits waiting for a time
commands-schedule-focus-hint = waiting
commands-schedule-view = Show the week / the day's timeline
commands-schedule-view-hint = week / day
commands-schedule-down = Next engineer (or waiting visit)
commands-schedule-down-hint = move
commands-schedule-up = Previous engineer (or waiting visit)
commands-schedule-left = An hour earlier (on the week: the day before)
commands-schedule-right = An hour later (on the week: the day after)
commands-schedule-right-hint = hour
commands-schedule-prev = The day before (on the week: the week before)
commands-schedule-next = The day after (on the week: the week after)
commands-schedule-next-hint = day
commands-schedule-today = Go to today and read the schedule afresh
commands-schedule-reschedule = Send the visit under the cursor back to the waiting list (rescheduled)
commands-schedule-reschedule-hint = reschedule
commands-schedule-close = Close the schedule
commands-schedule-close-hint = close

commands-qa-score = Score the selected ticket of the queue on the rubric (leads)
commands-qa-score-hint = score
commands-qa-tab = Switch between the QA queue and the reviews of your work
commands-qa-tab-hint = queue / mine
commands-qa-down = Next ticket or review
commands-qa-down-hint = move
commands-qa-up = Previous ticket or review
commands-qa-sample = Sample last week's solved tickets into the queue: every complaint and low score, a few at random per agent (leads)
commands-qa-sample-hint = sample last week
commands-qa-sample-this-week = Sample this week's solved tickets so far (leads)
commands-qa-close = Close quality inspection
commands-qa-close-hint = close

commands-plans-advance = Move the selected action one step on: plan → do → check → act → plan (the next cycle)
commands-plans-advance-hint = advance
commands-plans-back-to-do = A check that showed no effect: back to do
commands-plans-back-to-do-hint = back to do
commands-plans-detail = Show / hide the selected action's fields and history
commands-plans-detail-hint = details
commands-plans-down = Next action
commands-plans-down-hint = move
commands-plans-up = Previous action
commands-plans-top = The first action (soonest due)
commands-plans-bottom = The last action (latest due)
commands-plans-reload = Read the actions and the indicators afresh
commands-plans-close = Back from the details, or close the plans
commands-plans-close-hint = back / close

commands-qa-form-next = Next criterion or the comment
commands-qa-form-next-hint = next
commands-qa-form-prev = Previous criterion
commands-qa-form-submit = Record the review (every criterion scored)
commands-qa-form-submit-hint = save
commands-qa-form-clear = Clear the score (in the comment, delete a character)
commands-qa-form-cancel = Close the form without recording
commands-qa-form-cancel-hint = cancel

commands-text-left = Cursor left
commands-text-right = Cursor right
commands-text-word-left = A word left
commands-text-word-right = A word right
commands-text-home = To the start
commands-text-end = To the end
commands-text-delete-back = Delete the character before the cursor
commands-text-delete = Delete the character under the cursor
commands-text-delete-word-back = Delete the word before the cursor
commands-text-delete-word = Delete the word after the cursor
commands-text-clear = Clear the text
commands-text-kill-to-end = Delete to the end
