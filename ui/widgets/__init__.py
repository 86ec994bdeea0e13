"""Small widgets and helpers shared by the rooms of ``ui/``: labels that fit their room
(``labels``), fields for writing (``fields``), Ctrl+Z routing (``undo_keys``), wording helpers
(``text``) and saving as you type (``autosave``).

The names below are the package's surface, so a widget imports ``from ui.widgets import …``
without knowing which module holds it.
"""

from ui.widgets.autosave import AUTOSAVE_DELAY_MS, Autosave
from ui.widgets.fields import (
    LONG_LINE,
    MAX_FIELD_LENGTH,
    MotifTagEdit,
    PlainTextField,
    PositionEdit,
    longest_line,
)
from ui.widgets.labels import ClampedLabel, ElidedLabel, ElidingComboBox, InlineMessage
from ui.widgets.text import (
    READABLE_POINT_SIZE,
    intensity_dots,
    motif_key_set,
    muted,
    rating_stars,
    readable_font,
    rich_tooltip,
    split_motifs,
    title_with_year,
)
from ui.widgets.undo_keys import UndoRouter, field_has_undo, is_redo_key, is_undo_key

__all__ = [
    "AUTOSAVE_DELAY_MS",
    "LONG_LINE",
    "MAX_FIELD_LENGTH",
    "READABLE_POINT_SIZE",
    "Autosave",
    "ClampedLabel",
    "ElidedLabel",
    "ElidingComboBox",
    "InlineMessage",
    "MotifTagEdit",
    "PlainTextField",
    "PositionEdit",
    "UndoRouter",
    "field_has_undo",
    "intensity_dots",
    "is_redo_key",
    "is_undo_key",
    "longest_line",
    "motif_key_set",
    "muted",
    "rating_stars",
    "readable_font",
    "rich_tooltip",
    "split_motifs",
    "title_with_year",
]
