# The store's errors as the command line says them. English must read exactly as the errors' own text
# (tests/cli_store_errors.rs holds it to that): scripts and logs have always read it.
errors-missing-directory = database directory { $dir } does not exist; create it, or pass --db with a path in an existing directory
errors-is-directory = { $path } is a directory, not a database file; pass --db with a file in it, such as { $path }/desk.db
errors-permission = permission denied on { $path }: { $need }; ask its owner or an admin for that right (a team shares it through a group: `chmod g+rw` on the file, `g+rwx` on its directory) — the database itself is not damaged
errors-missing-database = no database at { $path }; run `desk init --db { $path }` to create one, or `desk demo --db { $path }` for demo data
errors-not-a-database = { $path } is not a desk database or is corrupt ({ $detail }); it was left untouched — restore it from a backup or point --db elsewhere
errors-newer-schema = { $path } has schema version { $found }, newer than this desk understands ({ $known }); it was left untouched — upgrade desk to open it
errors-busy = { $path } is locked by another program and stayed busy; try again, or check who holds it
errors-wal-on-share = { $path } is in WAL mode, which needs shared memory on one host and corrupts over a network share, so shared mode will not open it; it was left untouched — when no one else has it open, run `desk convert --shared --db { $path }`, then open it again
errors-in-use = { $path } is open in another desk or program, so its journal mode was not changed; ask everyone to close desk on it (and pause cron jobs using it), then run `desk convert --{ $to } --db { $path }` again
errors-conflict = { $entity } { $id } changed since you loaded it (version { $expected }, now { $found }); reload and re-apply
errors-bad-value = { $entity } { $id }: { $field } `{ $value }` is not a known { $field }; fix it with `{ $fix }`
errors-not-found = { $entity } { $id } not found
errors-unknown-field = `{ $field }` is not a field of { $entity } that can be changed
errors-io = { $path }: { $source }; check the directory's free space and permissions
errors-disk-full = the disk is full: desk could not write { $place }{ $left }; free some space and run it again — the change was rolled back and the database is not damaged
errors-disk-left = { " " }({ $megabytes } MB left on its filesystem)
errors-the-database = the database
# What a role check refused: the act, who asked, and the role (agent, lead, admin: the words `desk agent set-role` takes).
errors-denied = { $act } needs the { $need } role ({ $who }); ask { $ask } to do it or to run `desk agent set-role { $handle } { $need }`
errors-who-has-role = { $handle } is { $role ->
    [agent] an agent
    [admin] an admin
   *[other] a { $role }
}
errors-who-unregistered = { $handle } is not a registered agent
errors-ask-admin = an admin
errors-ask-lead = a lead or an admin
errors-act-manage-agents = Managing agents and roles
errors-act-manage-groups = Creating, renaming and staffing groups
errors-act-reassign-others = Reassigning another agent's ticket
errors-act-publish-article = Publishing a knowledge-base article
errors-act-export-personal-data = Exporting unmasked email and phone
errors-act-replace-database = Replacing the database with a backup
errors-act-convert-database = Switching the database's journal mode
errors-act-review-quality = Sampling and scoring tickets for quality inspection
# What was not found, by the name the store gives it.
errors-entity-ticket = ticket
errors-entity-customer = customer
errors-entity-article = article
errors-entity-agent = agent
errors-entity-group = group
errors-entity-part = part
errors-entity-return = return
errors-entity-visit = visit
errors-entity-organization = organization
errors-entity-task = task
# The command line's own "not found" answers.
errors-no-ticket = no ticket #{ $number }
errors-no-customer = no customer with id or email `{ $key }`
errors-no-article = no article `{ $key }`
errors-no-plan = no improvement action P{ $number }
errors-no-attachment = no attachment { $id } (ids are in `desk attachment list N`)
errors-not-in-qa-queue = #{ $number } is not in the QA queue; a lead puts it there with `desk qa sample --ticket { $number }`
# The TUI's read that waited out another desk's write.
errors-busy-waited = another desk's write kept the database busy longer than desk waits; nothing was changed — try again
