# The knowledge-base reader's lines above an article (wrapped to the pane's width).
reader-meta = by { $author } · updated { $updated } · { $views } views · used { $uses }× · { $up } helpful, { $down } not
reader-no-tags = no tags · e edits · s publishes/archives · +/- rates · H history
reader-tags = { $tags } · e edits · H history
