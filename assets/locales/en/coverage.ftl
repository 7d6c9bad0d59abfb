# Why work on a product is covered by its warranty or not. $until is a date (2026-06-30); $term is
# coverage-default-term or nothing; $cause is a cause of the fault.
coverage-no-product = no product on the ticket; set product= to decide
coverage-no-dates = the product has neither a purchase nor a warranty date
coverage-default-term = {" "}(the default term from purchase)
coverage-ended = the warranty ended on {$until}{$term}
coverage-excluded = {$cause} is not covered (warranty runs to {$until})
coverage-covered = under warranty until {$until}{$term}
coverage-covered-provisional = under warranty until {$until}{$term}, unless the engineer finds an excluded cause
coverage-cause-unknown = unknown
coverage-cause-fault = fault
coverage-cause-user-damage = user damage
coverage-cause-unauthorized-repair = unauthorized repair
coverage-cause-consumable = consumable
