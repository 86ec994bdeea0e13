"""One viewing of the chosen film: the journal pane, its film header, the viewing bar, the
reflection, the entries model and the entry editor, and the viewing's tags field."""
