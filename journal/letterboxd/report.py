"""Sentences about an import plan, shared by the command line and the app's preview."""

from __future__ import annotations

from journal.letterboxd.plan import PlanSummary


def plural(count: int, one: str, many: str) -> str:
    """``1 film``, ``2 films``."""
    return f"{count} {one if count == 1 else many}"


def counts_text(summary: PlanSummary) -> str:
    """``4 films, 6 viewings, 1 reflection, 3 tags``."""
    return ", ".join(
        (
            plural(summary.films, "film", "films"),
            plural(summary.viewings, "viewing", "viewings"),
            plural(summary.reflections, "reflection", "reflections"),
            plural(summary.tags, "tag", "tags"),
        )
    )


def left_alone(summary: PlanSummary) -> list[str]:
    """What the import leaves alone, and why: one line each, none when there is nothing."""
    lines = []
    if summary.already_imported:
        entries = plural(summary.already_imported, "diary entry", "diary entries")
        lines.append(f"already in the journal: {entries}")
    left = []
    if summary.watchlist:
        left.append(plural(summary.watchlist, "watchlist film", "watchlist films"))
    if summary.liked_films:
        left.append(plural(summary.liked_films, "liked film", "liked films"))
    if summary.lists:
        left.append(plural(summary.lists, "list", "lists"))
    if left:
        lines.append(f"not imported (the journal has no place for them): {', '.join(left)}")
    if summary.ratings_without_date:
        ratings = plural(summary.ratings_without_date, "rating", "ratings")
        lines.append(
            f"not imported: {ratings} of films watched without a diary date "
            "(a viewing needs its date)"
        )
    if summary.undated_reviews_left_out:
        reviews = plural(summary.undated_reviews_left_out, "undated review", "undated reviews")
        lines.append(
            f"not imported: {reviews} of films already in the journal (their notes are yours)"
        )
    return lines
