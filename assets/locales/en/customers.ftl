# The Customers pane: the list in its view and the profile of the selected customer.
customers-title = Customers › { $view }
customers-profile = Profile
customers-profile-from-ticket = Profile · c back to ticket
customers-loading = Loading…
customers-what = customers
customers-none-yet = No customers yet.
customers-none-in-view = No customers in { $view }.
# The views (tabs of the list).
customers-view-all = All
customers-view-vip = VIP
customers-view-at-risk = At risk
customers-view-new = New this month
customers-view-warranty = Warranty expiring
customers-view-care = Care due
# The list's column headers. Tier, stage, risk and date are narrow columns: keep them short.
customers-column-name = Name
customers-column-tier = Tier
customers-column-stage = Stage
customers-column-risk = Risk
customers-column-due = Due
customers-column-ends = Ends
customers-column-date = Date
# The risk column's cells (narrow).
customers-risk-cell-high = high
customers-risk-cell-medium = med
customers-risk-cell-low = low
# Risk levels, lifecycle stages and tiers as the profile names them.
customers-risk-none = None
customers-risk-low = Low
customers-risk-medium = Medium
customers-risk-high = High
customers-stage-potential = Potential
customers-stage-new = New
customers-stage-growing = Growing
customers-stage-mature = Mature
customers-stage-at-risk = At risk
customers-stage-churned = Churned
customers-tier-diamond = Diamond
customers-tier-gold = Gold
customers-tier-silver = Silver
customers-tier-bronze = Bronze
customers-gender-female = Female
customers-gender-male = Male
customers-gender-other = Other
customers-gender-unspecified = Unspecified
customers-channel-phone = Phone
customers-channel-email = Email
customers-channel-web = Web
customers-channel-chat = Chat
customers-channel-wechat = WeChat
customers-channel-weibo = Weibo
customers-channel-on-site = On-site
# The profile's labels: at most 8 cells each.
customers-label-contact = Contact
customers-label-org-city = Org/City
customers-label-address = Address
customers-label-person = Person
customers-label-tags = Tags
customers-label-tier = Tier
customers-label-stage = Stage
customers-label-risk = Risk
customers-label-orders = Orders
customers-label-value = Value
customers-label-survey = Survey
customers-label-care = Care
customers-label-win-back = Win-back
customers-label-notes = Notes
customers-address-more = (+{ $n } more)
customers-prefers = prefers { $how }
customers-orders = { $count } · { $total } · last { $last }
customers-rfm = RFM { $score }
customers-value = CLV { $clv } · { $per-year } { $per-year ->
        [one] order
       *[other] orders
    }/yr · { $repeat }
customers-repeat-buyer = repeat buyer
customers-bought-once = bought once
customers-survey-csat = CSAT
customers-survey-nps = NPS
customers-survey-ces = CES
customers-care-due = due { $date } · { $note }
customers-products = Products ({ $n })
customers-bought = bought { $date }
customers-warranty-none = no warranty
customers-warranty-expires = expires in { $days } d
customers-warranty-valid = in warranty
customers-warranty-expired = expired { $days } d ago
customers-timeline = Timeline ({ $n ->
        [one] 1 open ticket
       *[other] { $n } open tickets
    })
customers-nothing-yet = Nothing yet.
# Toasts and pickers of the pane's actions.
customers-select-first = Select a customer first
customers-notes-unchanged = Notes unchanged
customers-nothing-saved = Nothing saved
customers-not-saved = Not saved: { $error }
customers-form-fix = Fix it and save, or empty the file to cancel.
customers-needs-name = Not created: a customer needs a name
customers-no-care = { $name } has no open care or win-back task
customers-care-kind-care = care
customers-care-kind-win-back = win-back
customers-mark-done = Mark done
customers-ticket-has-none = This ticket has no customer
customers-not-from-ticket = You did not come here from a ticket
customers-not-added = Customer not added: { $error }
customers-nothing-changed = Nothing changed
customers-saved = Saved: { $fields }
customers-added = Customer added
customers-merged = Merged: { $tickets } tickets, { $products } products, { $orders } orders moved
customers-care-done = Care task done
customers-no-duplicates = No duplicates: nobody else has this email or phone
customers-merge-which = Merge which duplicate into this customer?
customers-tier-source-computed = computed
customers-tier-source-manual = manual
