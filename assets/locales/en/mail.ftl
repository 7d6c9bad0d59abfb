# Mail in the running desk: what a background round of fetching and delivering did, said once as a toast.
mail-error = mail: { $error }
mail-not-set-up = mail is not set up: [[mail.inbound]] mailboxes to fetch, or [mail] from to deliver replies (config.example.toml)
mail-busy = mail: a round is running already
mail-round = mail: { $parts }
# Between the parts of a round ("2 new tickets, 1 answer").
mail-separator = {", "}
mail-new-tickets = { $n ->
    [one] { $n } new ticket
   *[other] { $n } new tickets
}
mail-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
mail-sent = { $n } sent
mail-not-sent = { $n } not sent (desk mail outbox)
