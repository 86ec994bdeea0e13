"""The data model's vocabulary and limits, importable without SQLAlchemy or SQLModel.

The desktop app reads these at start-up; keeping them here (and not in models.py) keeps
the ORM out of the path to the first window.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

ENTRY_KINDS: tuple[str, ...] = ("pause", "motif", "dialogue", "reaction", "scene", "note")
KIND_LABELS: dict[str, str] = {
    "pause": "Pause",
    "motif": "Motif",
    "dialogue": "Dialogue",
    "reaction": "Reaction",
    "scene": "Scene",
    "note": "Note",
}
YEAR_MIN, YEAR_MAX = 1870, 2100
TITLE_MAX = 300


def new_uid() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)
