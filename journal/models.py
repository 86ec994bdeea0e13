"""SQLModel tables for data model v1.

A field's rule is written once, in ``journal/records.py``: the store validates with it at the
edge (readable messages), and the schema here (NOT NULL, CHECK, UNIQUE, foreign keys) takes
its limits from the same specs, so that no other path can store a bad value.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String, Table, Text
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
from journal.records import ENTRY, FILM, MOTIF, VIEWING, limits

# The CHECK constraints take their limits from the record specs (journal/records.py). The
# SQL text must stay exactly what the migrations wrote: a changed limit needs a migration.
_TITLE_MIN, _TITLE_MAX = limits(FILM["title"])
_YEAR_MIN, _YEAR_MAX = limits(FILM["year"])
_RATING_MIN, _RATING_MAX = limits(VIEWING["rating"])
_LAG_MIN, _LAG_MAX = limits(VIEWING["lag_ms"])
_INTENSITY_MIN, _INTENSITY_MAX = limits(ENTRY["intensity"])
_POSITION_MIN = ENTRY["position_ms"].minimum
_MOTIF_NAME_MIN, _MOTIF_NAME_MAX = limits(MOTIF["name"])
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


# The tables as SQLAlchemy Core sees them, for bulk inserts and plain selects (SQLModel does
# not declare ``__table__`` to type checkers).
film_table: Table = Film.__table__  # type: ignore[attr-defined]
viewing_table: Table = Viewing.__table__  # type: ignore[attr-defined]
entry_table: Table = Entry.__table__  # type: ignore[attr-defined]
motif_table: Table = Motif.__table__  # type: ignore[attr-defined]
entry_motif_table: Table = EntryMotif.__table__  # type: ignore[attr-defined]
