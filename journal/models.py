"""SQLModel tables: data model v1, and v2's viewing tags and Letterboxd diary URI, subtitle
tracks and cues, and reflection prompts and answers.

A field's rule is written once, in ``journal/records.py``: the store validates with it at the
edge (readable messages), and the schema here (NOT NULL, CHECK, UNIQUE, foreign keys) takes
its limits from the same specs, so that no other path can store a bad value.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlmodel import Field, SQLModel

from journal.fields import (  # noqa: F401 - re-exported for callers of journal.models
    ENTRY_KINDS,
    KIND_LABELS,
    TITLE_MAX,
    YEAR_MAX,
    YEAR_MIN,
    new_uid,
    utc_now,
)
from journal.records import ANSWER, ENTRY, FILM, MOTIF, PROMPT, TAG, VIEWING, limits

# The CHECK constraints take their limits from the record specs (journal/records.py). The
# SQL text must stay exactly what the migrations wrote: a changed limit needs a migration.
_TITLE_MIN, _TITLE_MAX = limits(FILM["title"])
_YEAR_MIN, _YEAR_MAX = limits(FILM["year"])
_RATING_MIN, _RATING_MAX = limits(VIEWING["rating"])
_LAG_MIN, _LAG_MAX = limits(VIEWING["lag_ms"])
_INTENSITY_MIN, _INTENSITY_MAX = limits(ENTRY["intensity"])
_POSITION_MIN = ENTRY["position_ms"].minimum
_MOTIF_NAME_MIN, _MOTIF_NAME_MAX = limits(MOTIF["name"])
_TAG_NAME_MIN, _TAG_NAME_MAX = limits(TAG["name"])
_KINDS_SQL = ", ".join(f"'{kind}'" for kind in ENTRY["kind"].choices)


# Named constraints keep future batch migrations (table rebuilds) deterministic.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Film(SQLModel, table=True):
    __tablename__ = "film"
    __table_args__ = (
        CheckConstraint(
            f"length(title) BETWEEN {_TITLE_MIN} AND {_TITLE_MAX}", name="title_length"
        ),
        CheckConstraint(
            f"year IS NULL OR (year BETWEEN {_YEAR_MIN} AND {_YEAR_MAX})", name="year_range"
        ),
        CheckConstraint("runtime_ms IS NULL OR runtime_ms > 0", name="runtime_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    title: str = Field(sa_column=Column(String, nullable=False))
    year: int | None = Field(default=None)
    director: str = Field(default="", sa_column=Column(String, nullable=False, server_default=""))
    runtime_ms: int | None = Field(default=None)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    letterboxd_uri: str | None = Field(default=None)
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


class Viewing(SQLModel, table=True):
    __tablename__ = "viewing"
    __table_args__ = (
        CheckConstraint(
            f"rating IS NULL OR (rating BETWEEN {_RATING_MIN} AND {_RATING_MAX} "
            "AND rating * 2 = CAST(rating * 2 AS INTEGER))",
            name="rating_steps",
        ),
        CheckConstraint("rewatch IN (0, 1)", name="rewatch_bool"),
        Index("ix_viewing_film_watched", "film_id", "watched_on"),
        Index("ix_viewing_letterboxd_uri", "letterboxd_uri", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    film_id: int = Field(
        sa_column=Column(Integer, ForeignKey("film.id", ondelete="CASCADE"), nullable=False)
    )
    watched_on: date = Field(nullable=False)
    rewatch: bool = Field(default=False, nullable=False)
    rating: float | None = Field(default=None)
    reflection: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # Migration 0005 adds the column with its CHECK inline (no table rebuild), so the model
    # declares it on the column too: both schemas then read the same.
    lag_ms: int = Field(
        default=VIEWING["lag_ms"].default,
        sa_column=Column(
            Integer,
            CheckConstraint(f"lag_ms BETWEEN {_LAG_MIN} AND {_LAG_MAX}", name="lag_range"),
            nullable=False,
            server_default=str(VIEWING["lag_ms"].default),
        ),
    )
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)
    # The Letterboxd diary entry this viewing was imported from: the key that makes importing
    # the same export again add nothing. Unique when present (SQLite lets NULLs repeat).
    letterboxd_uri: str | None = Field(default=None, sa_column=Column(String, nullable=True))


class Entry(SQLModel, table=True):
    __tablename__ = "entry"
    __table_args__ = (
        CheckConstraint(f"position_ms >= {_POSITION_MIN}", name="position_nonnegative"),
        CheckConstraint(f"kind IN ({_KINDS_SQL})", name="kind_known"),
        CheckConstraint(
            f"intensity IS NULL OR intensity BETWEEN {_INTENSITY_MIN} AND {_INTENSITY_MAX}",
            name="intensity_range",
        ),
        Index("ix_entry_viewing_position", "viewing_id", "position_ms"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    viewing_id: int = Field(
        sa_column=Column(Integer, ForeignKey("viewing.id", ondelete="CASCADE"), nullable=False)
    )
    position_ms: int = Field(nullable=False)
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    intensity: int | None = Field(default=None)
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


class Motif(SQLModel, table=True):
    __tablename__ = "motif"
    __table_args__ = (
        CheckConstraint(
            f"length(name) BETWEEN {_MOTIF_NAME_MIN} AND {_MOTIF_NAME_MAX}", name="name_length"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    name: str = Field(sa_column=Column(String, nullable=False))
    # Case-folded name: SQLite's NOCASE only folds ASCII, so uniqueness is kept on this key.
    name_key: str = Field(sa_column=Column(String, nullable=False, unique=True))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


class EntryMotif(SQLModel, table=True):
    __tablename__ = "entry_motif"
    __table_args__ = (Index("ix_entry_motif_motif", "motif_id"),)

    entry_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    motif_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("motif.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )


class Tag(SQLModel, table=True):
    """A free tag on viewings (Letterboxd's tags arrive as these); unique ignoring case."""

    __tablename__ = "tag"
    __table_args__ = (
        CheckConstraint(
            f"length(name) BETWEEN {_TAG_NAME_MIN} AND {_TAG_NAME_MAX}", name="name_length"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    name: str = Field(sa_column=Column(String, nullable=False))
    name_key: str = Field(sa_column=Column(String, nullable=False, unique=True))
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


class ViewingTag(SQLModel, table=True):
    __tablename__ = "viewing_tag"
    __table_args__ = (Index("ix_viewing_tag_tag", "tag_id"),)

    viewing_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("viewing.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    tag_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )


# The tables as SQLAlchemy Core sees them, for bulk inserts and plain selects (SQLModel does
# not declare ``__table__`` to type checkers).
film_table: Table = Film.__table__  # type: ignore[attr-defined]
viewing_table: Table = Viewing.__table__  # type: ignore[attr-defined]
entry_table: Table = Entry.__table__  # type: ignore[attr-defined]
motif_table: Table = Motif.__table__  # type: ignore[attr-defined]
entry_motif_table: Table = EntryMotif.__table__  # type: ignore[attr-defined]
tag_table: Table = Tag.__table__  # type: ignore[attr-defined]
viewing_tag_table: Table = ViewingTag.__table__  # type: ignore[attr-defined]


# --- data model v2: subtitles (migration 0004_subtitles) -------------------------------------


class SubtitleTrack(SQLModel, table=True):
    """A film's subtitles in one language, copied in so the journal stays one file.

    ``offset_ms`` and ``scale`` record how the track was fitted to the person's copy of the
    film; the cues keep the file's own times, so an adjustment is undone exactly.
    """

    __tablename__ = "subtitle_track"
    __table_args__ = (
        CheckConstraint("scale BETWEEN 0.5 AND 2.0", name="scale_range"),
        CheckConstraint("abs(offset_ms) <= 86400000", name="offset_range"),
        Index("ix_subtitle_track_film", "film_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    film_id: int = Field(
        sa_column=Column(Integer, ForeignKey("film.id", ondelete="CASCADE"), nullable=False)
    )
    label: str = Field(default="", sa_column=Column(String, nullable=False, server_default=""))
    language: str | None = Field(default=None)
    file_name: str = Field(default="", sa_column=Column(String, nullable=False, server_default=""))
    offset_ms: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    scale: float = Field(default=1.0, sa_column=Column(Float, nullable=False, server_default="1"))
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


class SubtitleCue(SQLModel, table=True):
    """One line of a track, at the file's own times, as plain text."""

    __tablename__ = "cue"
    __table_args__ = (
        CheckConstraint("start_ms >= 0", name="start_nonnegative"),
        CheckConstraint("start_ms <= end_ms", name="start_before_end"),
        Index("ix_cue_track_start", "track_id", "start_ms"),
    )

    id: int | None = Field(default=None, primary_key=True)
    track_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("subtitle_track.id", ondelete="CASCADE"), nullable=False
        )
    )
    start_ms: int = Field(nullable=False)
    end_ms: int = Field(nullable=False)
    text: str = Field(sa_column=Column(Text, nullable=False))


subtitle_track_table: Table = SubtitleTrack.__table__  # type: ignore[attr-defined]
cue_table: Table = SubtitleCue.__table__  # type: ignore[attr-defined]


# --- data model v2: reflection prompts and their answers (migration 0006) ------------------

_PROMPT_MOMENTS_SQL = ", ".join(f"'{moment}'" for moment in PROMPT["moment"].choices)
_PROMPT_TEXT_MAX = PROMPT["text"].maximum
_PROMPT_COPY_MAX = ANSWER["prompt_text"].maximum


class PromptCard(SQLModel, table=True):
    """One question of the journal's prompt deck (``journal.prompts.Prompt`` as a row)."""

    __tablename__ = "prompt"
    __table_args__ = (
        CheckConstraint(f"length(text) BETWEEN 1 AND {_PROMPT_TEXT_MAX}", name="text_length"),
        CheckConstraint(f"moment IN ({_PROMPT_MOMENTS_SQL})", name="moment_known"),
        CheckConstraint("sort_order >= 0", name="sort_order_nonnegative"),
        CheckConstraint("hidden IN (0, 1)", name="hidden_bool"),
        CheckConstraint("builtin IN (0, 1)", name="builtin_bool"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    text: str = Field(sa_column=Column(Text, nullable=False))
    moment: str = Field(sa_column=Column(String(16), nullable=False))
    sort_order: int = Field(nullable=False)
    hidden: bool = Field(default=False, nullable=False)
    builtin: bool = Field(default=False, nullable=False)
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


class PromptAnswer(SQLModel, table=True):
    """An answer kept with its viewing, with its own copy of the question's words."""

    __tablename__ = "answer"
    __table_args__ = (
        CheckConstraint(
            f"length(prompt_text) BETWEEN 1 AND {_PROMPT_COPY_MAX}", name="prompt_text_length"
        ),
        CheckConstraint("length(text) >= 1", name="text_present"),
        Index("ix_answer_viewing", "viewing_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid, sa_column=Column(String(36), nullable=False, unique=True)
    )
    viewing_id: int = Field(
        sa_column=Column(Integer, ForeignKey("viewing.id", ondelete="CASCADE"), nullable=False)
    )
    # No foreign key: deleting a prompt never touches what was written in answer to it.
    prompt_uid: str = Field(sa_column=Column(String(36), nullable=False))
    prompt_text: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)


prompt_table: Table = PromptCard.__table__  # type: ignore[attr-defined]
answer_table: Table = PromptAnswer.__table__  # type: ignore[attr-defined]
