"""Motifs across films: the panel and its models, the merge dialog, and the dock it lives in."""
