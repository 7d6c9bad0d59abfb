# The review screen: a reply or internal note back from the editor, before it is sent.
# A macro's changes, listed after "Changes" (joined with commas).
review-edit-status = status { $status }
review-edit-priority = priority { $priority }
review-edit-kind = kind { $kind }
review-edit-channel = channel { $channel }
review-edit-subject = subject “{ $subject }”
review-edit-assignee = assignee { $who }
review-edit-unassigned = unassigned
review-edit-group = group { $group }
review-edit-no-group = no group
review-edit-product = product { $product }
review-edit-no-product = no product
review-edit-tag-add = tag +{ $tag }
review-edit-tag-remove = tag -{ $tag }
review-edit-complaint = complaint { $stage }
review-edit-close-reason = close reason { $reason }
review-edit-complaint-category = complaint category { $category }
review-edit-severity = severity { $severity }
review-edit-responsible = responsible { $who }
review-edit-no-responsible = no one responsible
review-edit-root-cause = root cause { $cause }
review-edit-resolution = resolution note
# Why a reply stays on the ticket instead of being mailed.
review-route-mail-not-set-up = mail is not set up ([mail] from)
review-route-no-email = the customer has no email address
review-route-not-mail = not a mail ticket
review-route-not-mail-no-email = not a mail ticket; the customer has no email address
# Toasts of the review screen's keys.
review-note-never-mailed = An internal note is never mailed
review-mailed-anyway = A mail ticket: the reply is mailed to { $to } anyway
review-cannot-mail = Cannot send it by email: { $why }
review-cannot-mail-not-open = Cannot send it by email: the ticket is not open
review-note-no-solution = A note proposes nothing to the customer
review-discard-reply = Discard this reply?
review-discard-note = Discard this note?
review-discard-lost = { $n } characters to #{ $number } will be lost.
review-discarded = Discarded
review-nothing-undone = Nothing undone: { $error }
review-undone = Undone: { $what }
review-undone-done = done
# The screen. Labels sit in a column 9 cells wide: keep them short.
review-internal-to = internal note — only agents see it
review-the-customer = the customer
review-label-to = To
review-label-ticket = Ticket
review-label-delivery = Delivery
review-label-solution = Solution
review-label-adds = Adds
review-label-changes = Changes
review-label-article = Article
review-solution-marked = proposes a solution: stops the first-solution clock ({ $toggle }: unmark)
review-solution-unmarked = not marked as a solution — { $toggle } marks it
review-article-linked = linked
review-article-quoted = quoted
review-title-reply = Review reply — { $send } send · { $edit } edit · { $postpone } postpone · { $discard } discard
review-title-note = Review note — { $send } send · { $edit } edit · { $postpone } postpone · { $discard } discard
# How the reply reaches the customer. $channel is the ticket's channel as stored (phone, wechat …).
review-ticket-only = on the ticket only
review-cc = Cc { $list }
review-from = from { $from }
review-mailed = mailed to { $to } by `desk mail send`
review-offer-asked = { $channel } ticket, mailed as asked ({ $toggle }: don't) to { $to }
review-offer = not mailed ({ $channel } ticket) — { $toggle } sends it to { $to }
review-ticket-only-not-mail = on the ticket only (not a mail ticket)
review-ticket-only-why = on the ticket only: { $why }
# What the mail adds under the reply.
review-signature = signature “{ $first }{ $more }”
review-quoted-last = the customer's last message, quoted
review-in-mail-only = { $parts } (in the mail only)
# The confirmation dialog's answers.
review-yes-no = { $yes } yes · { $no } no
# A confirmation answered no.
review-confirm-declined = Nothing was changed
