# Opening a ticket's attachment (o): the picker, and what happened to the file.
attach-none = #{ $number } has no attachments
attach-pick = Open an attachment of #{ $number }
attach-gone = That attachment is no longer there (reloaded)
attach-opened = opened { $name } (saved at { $path })
attach-kept = saved { $path } — not opened: { $why }; open it yourself only if you trust it
attach-opener-failed = saved { $path } — `{ $opener }` could not open it ({ $reason }); open it by hand, or set $DESK_OPENER
attach-not-saved = could not save { $name } to open it: { $reason }
# A message's attachment under it in the thread: its file name and size.
attach-line = [attachment] { $name } · { $size }
