"""Ctrl+F search: the dialog, its results model, and the delegate that draws a result."""
