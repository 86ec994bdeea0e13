"""The record specs: one place per field, matching the schema, with today's messages."""

from __future__ import annotations

import pytest

from journal import models, records
from journal.errors import ValidationError

_NOT_SPECCED = {"id", "uid", "created_at", "updated_at", "film_id", "viewing_id", "name_key"}
_TABLES = {
    "film": models.Film,
    "viewing": models.Viewing,
    "entry": models.Entry,
    "motif": models.Motif,
    "tag": models.Tag,
    "prompt": models.PromptCard,
    "answer": models.PromptAnswer,
}


@pytest.mark.parametrize("name", sorted(records.RECORDS))
def test_every_stored_field_has_a_spec_and_every_spec_a_column(name: str) -> None:
    columns = {column.name for column in _TABLES[name].__table__.columns}  # type: ignore[attr-defined]
    assert set(records.RECORDS[name].names) == columns - _NOT_SPECCED


def test_schema_checks_take_their_limits_from_the_specs() -> None:
    checks = {
        constraint.name: str(constraint.sqltext)
        for table in models.SQLModel.metadata.tables.values()
        for constraint in table.constraints
        if constraint.__class__.__name__ == "CheckConstraint"
    }
    assert checks["ck_film_title_length"] == "length(title) BETWEEN 1 AND 300"
    assert "intensity BETWEEN 1 AND 5" in checks["ck_entry_intensity_range"]
    assert "rating BETWEEN 0.5 AND 5.0" in checks["ck_viewing_rating_steps"]
    assert all(
        f"'{kind}'" in checks["ck_entry_kind_known"] for kind in records.ENTRY["kind"].choices
    )


def test_clean_names_the_field_and_refuses_unknown_or_missing_names() -> None:
    assert records.FILM.clean({"title": "  Tokyo Story "}, partial=True) == {"title": "Tokyo Story"}
    with pytest.raises(ValidationError, match="^year: 1700 is outside 1870–2100$"):
        records.FILM.clean({"year": 1700}, partial=True)
    with pytest.raises(ValueError, match="unknown fields"):
        records.FILM.clean({"rating": 4}, partial=True)
    with pytest.raises(ValueError, match="missing fields"):
        records.FILM.clean({"title": "Tokyo Story"})


def test_clean_json_gives_the_path_defaults_and_json_forms() -> None:
    assert records.VIEWING.clean_json({"watched_on": "2026-11-21"}, "films[0].viewings[1]") == {
        "watched_on": "2026-11-21",
        "rewatch": False,
        "rating": None,
        "reflection": "",
        "letterboxd_uri": None,
        "lag_ms": 2000,
    }
    with pytest.raises(
        ValidationError, match=r"^films\[0\]\.viewings\[1\]\.watched_on: is missing$"
    ):
        records.VIEWING.clean_json({}, "films[0].viewings[1]")
    with pytest.raises(ValidationError, match=r"^motifs\[2\]\.name: is required$"):
        records.MOTIF.clean_json({"name": "  "}, "motifs[2]")


def test_motif_names_are_checked_and_kept_once() -> None:
    assert records.clean_motif_names(["Cup", " cup ", "Time"]) == ["Cup", "Time"]
    assert records.clean_motif_names(None) == []
    with pytest.raises(ValidationError, match="must be a list of motif names"):
        records.clean_motif_names("Cup")
