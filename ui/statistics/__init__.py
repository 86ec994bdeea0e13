"""View → Statistics…: one calm page of figures that serve reflection."""
