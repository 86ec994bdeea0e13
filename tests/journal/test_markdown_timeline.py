"""The timeline picture of the Markdown export: beside the .md, embedded with a relative link,
parsed back as SVG, the same names (and bytes) on every export, none for a film with nothing to
draw, and its temporary name known to the clean-up."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from datetime import date

from markdown_it import MarkdownIt

from journal.export.markdown import export_all, export_film
from journal.export.timeline_image import timeline_filename
from journal.files import is_temporary_name

SVG = "{http://www.w3.org/2000/svg}"


def three_viewings(store):
    film = store.create_film("Tokyo Story", year=1953, runtime_ms=8_160_000)
    dates = [date(2019, 3, 2), date(2022, 11, 20), date(2024, 5, 1)]
    viewings = [store.create_viewing(film.id, day) for day in dates]
    store.create_entry(
        viewings[0].id, 3_730_000, "pause", "The kettle. Nobody speaks.", intensity=4
    )
    store.create_entry(viewings[0].id, 600_000, "motif", "The fan again.", intensity=2)
    store.create_entry(viewings[1].id, 3_700_000, "reaction", "I had to stop.", intensity=5)
    store.create_entry(viewings[2].id, 90_000, "dialogue", "“Isn't life disappointing?”")
    store.create_entry(viewings[2].id, 7_000_000, "scene", "Onomichi harbour at dawn.")
    return film


def image_links(markdown: str) -> list[tuple[str, str]]:
    """(src, alt) of every image in the rendered document."""
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or []:
            if child.type == "image":
                found.append((child.attrs["src"], child.content))
    return found


def test_the_picture_sits_beside_the_md_and_the_md_links_to_it(store, tmp_path):
    film = three_viewings(store)
    md = export_film(store, film.id, tmp_path)
    assert md.name == "tokyo-story-1953.md"
    svg = tmp_path / "tokyo-story-1953.timeline.svg"
    assert svg.is_file()
    assert image_links(md.read_text(encoding="utf-8")) == [
        ("tokyo-story-1953.timeline.svg", "Timeline of the viewings")
    ]
    assert oct(svg.stat().st_mode & 0o777) == oct(0o600)

    root = ElementTree.fromstring(svg.read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg"
    strips = root.findall(f".//{SVG}g[@class='strip']")
    assert [g.get("data-label") for g in strips] == ["2019-03-02", "2022-11-20", "2024-05-01"]
    marks = [[el for el in g if el.get("data-kind")] for g in strips]
    assert [[el.get("data-kind") for el in row] for row in marks] == [
        ["motif", "pause"],
        ["reaction"],
        ["dialogue", "scene"],
    ]
    # An embedded picture never shows hover titles: the export leaves them out.
    assert all(el.find(f"{SVG}title") is None for row in marks for el in row)
    assert "The kettle" not in svg.read_text(encoding="utf-8")
    curves = root.findall(f".//{SVG}g[@class='curve']")
    assert [g.get("data-label") for g in curves] == ["2019-03-02", "2022-11-20"]  # readings only
    assert "3 viewings" in root.find(f"{SVG}desc").text


def test_the_same_names_and_bytes_on_every_export(store, tmp_path):
    film = three_viewings(store)
    tmp_path = tmp_path / "vault"
    export_all(store, tmp_path)
    first = {name: (tmp_path / name).read_bytes() for name in os.listdir(tmp_path)}
    export_film(store, film.id, tmp_path)
    export_all(store, tmp_path)
    again = {name: (tmp_path / name).read_bytes() for name in os.listdir(tmp_path)}
    assert again == first
    assert sorted(first) == ["tokyo-story-1953.md", "tokyo-story-1953.timeline.svg"]


def test_films_with_one_name_get_their_own_pictures_and_none_without_entries(store, tmp_path):
    one = store.create_film("Late Spring", year=1949)
    two = store.create_film("Late Spring", year=1949)
    empty = store.create_film("Early Summer", year=1951)
    store.create_viewing(empty.id, date(2024, 1, 1))
    for film in (one, two):
        viewing = store.create_viewing(film.id, date(2024, 1, 1))
        store.create_entry(viewing.id, 1_000, "note", f"film {film.id}")
    tmp_path = tmp_path / "vault"
    paths = export_all(store, tmp_path)
    assert [p.name for p in paths] == ["late-spring-1949.md", "late-spring-1949-2.md",
                                       "early-summer-1951.md"]  # fmt: skip
    assert sorted(os.listdir(tmp_path)) == [
        "early-summer-1951.md",
        "late-spring-1949-2.md",
        "late-spring-1949-2.timeline.svg",
        "late-spring-1949.md",
        "late-spring-1949.timeline.svg",
    ]
    for path in paths[:2]:
        ((src, _alt),) = image_links(path.read_text(encoding="utf-8"))
        assert src == timeline_filename(path.name)
        root = ElementTree.fromstring((tmp_path / src).read_text(encoding="utf-8"))
        assert [el.get("data-kind") for el in root.iter() if el.get("data-kind")][:1] == ["note"]
    assert image_links(paths[2].read_text(encoding="utf-8")) == []


def test_a_left_over_temporary_picture_is_ours_to_clean():
    assert is_temporary_name(".tokyo-story-1953.timeline.svg.4242.tmp")
    assert not is_temporary_name("tokyo-story-1953.timeline.svg")
    assert not is_temporary_name(".holiday.svg.4242.tmp")  # not a name we write
