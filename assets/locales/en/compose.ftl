# Writing on the open ticket: the comment lines under a reply or note in the editor (each line starts with # in
# the editor, which removes them), the macro picker, and what is said when nothing is sent.
compose-footer-reply = Reply to #{ $number } — { $subject }
compose-footer-note = Internal note on #{ $number } — { $subject }
compose-footer-help = Lines starting with # are removed. Save an empty message to cancel.
compose-footer-customer-wrote = The customer wrote:
compose-footer-macro = Macro "{ $name }" on #{ $number }. Lines starting with # are removed; empty cancels.
compose-footer-macro-sets = On send it also sets: { $changes }
compose-empty-not-sent = Empty message: nothing was sent
compose-empty-not-created = Empty message: the ticket was not created
compose-no-macros = No macros: add [[macros]] to the config
compose-macro-note = { $name } (note)
compose-macro-picker = Reply with a macro
compose-macro-refused = Macro “{ $name }” does not fit: { $why }
compose-macro-reopens = “{ $name }” reopens this ticket
compose-macro-reopens-detail = It is { $from }; sending this reply moves it to { $to }. Write the reply?
