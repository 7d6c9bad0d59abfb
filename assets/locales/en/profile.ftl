# The customer profile form in $EDITOR: `field: value` lines. Field names and values (tier, gender, channel …)
# stay in English, as desk reads them back; these are the comment lines above them (each starts with # there).
profile-help-lines = One field per line. Lines starting with # are ignored; `-` clears a field.
profile-help-tier = tier: auto (computed from orders) or diamond, gold, silver, bronze (pins it). birthday: YYYY-MM-DD or MM-DD.
profile-help-gender = gender: female, male, other, unspecified. contact_channel: phone, email, web, chat, wechat, weibo, on_site.
profile-help-time = contact_time: days and a window, like `weekdays 18:00-21:00`, `weekends 09:00-12:00` or `18:00-21:00`.
# Marks the comment desk adds to a form it hands back unsaved (followed by the reason).
profile-not-saved = desk: not saved:
# Why a form's line cannot be saved.
profile-not-a-field = line { $line }: write `field: value`
profile-line-problem = line { $line }: { $problem }
