# The new-ticket form. Field labels sit in a column 9 cells wide: keep them short.
newticket-field-customer = Customer
newticket-field-subject = Subject
newticket-field-kind = Kind
newticket-field-channel = Channel
newticket-field-priority = Priority
newticket-field-product = Product
newticket-title = New ticket — { $cancel } cancels
newticket-keys = { $next }: next · { $prev }/{ $following }: change · { $enter }: pick customer, then write the message
newticket-picked = { $name }  (picked)
newticket-new-customer = + New customer “{ $name }”{ $email }
newticket-new-customer-picked = { $name } (new)
newticket-pick-first = (pick the customer first)
newticket-product-none = none
newticket-products = < { $product } >  ({ $n } owned)
# Toasts.
newticket-type-first = Type the customer's name, email or phone first
newticket-pick-customer = New ticket: pick a customer: type a name, email or phone, then Enter on a match
newticket-subject-empty = New ticket: the subject is empty
newticket-failed = New ticket: { $error }
newticket-created = #{ $number } created
# The comment lines under the first message in the editor (each starts with # there, and is removed).
newticket-editor-head = New ticket for { $customer } — { $subject }
newticket-editor-help = Write the customer's message (what they reported). Lines starting with # are removed.
