"""Markdown export: what a person typed comes back as exactly that text, files land only where
they should, and the files read as Obsidian expects (front matter properties, headings, items).

Every exported file is parsed with markdown-it-py's CommonMark preset and the front matter
plugin; the parse must have exactly the expected shape (no stray code block, quote or list) and
the text it yields must equal what was stored.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from journal import rules
from journal.errors import JournalError, NotFoundError
from journal.export.markdown import (
    MAX_NAME_BYTES,
    escape_line,
    escape_paragraphs,
    export_all,
    export_film,
    film_filename,
    render_film,
    tag_slug,
    yaml_string,
)

MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin)
# What Obsidian and GitHub add to CommonMark that user text could trip: tables, ~~strike~~,
# $math$ and footnotes. User text must stay text under these rules as well.
EXTENDED = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
    .use(dollarmath_plugin)
    .use(footnote_plugin)
)

# --- reading an exported file back ------------------------------------------------------------


@dataclass
class ParsedEntry:
    position: str
    kind: str
    rest: str  # after the kind: " — text" (paragraphs joined by a blank line), "\n" + details


@dataclass
class ParsedViewing:
    heading: str
    paragraphs: list[str] = field(default_factory=list)  # under the heading: the rating
    sections: list[str] = field(default_factory=list)  # the ### headings, in order
    reflection: list[str] = field(default_factory=list)
    entries: list[ParsedEntry] = field(default_factory=list)


@dataclass
class ParsedFilm:
    properties: dict[str, Any]
    title: str
    paragraphs: list[str] = field(default_factory=list)  # before the first viewing: the notes
    viewings: list[ParsedViewing] = field(default_factory=list)
    timeline: str | None = None  # the timeline picture's link target (issue 12)


def plain(children: list[Any]) -> str:
    """Inline tokens as the text a reader sees; anything but text and line breaks fails."""
    parts = []
    for token in children:
        if token.type == "text":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            raise AssertionError(f"user text produced Markdown: {token.type} {token.content!r}")
    return "".join(parts)


def typed(text: str) -> str:
    """What a reader sees of typed text: its paragraphs, one blank line between them.

    Markdown reads any run of blank lines (lines of only spaces and tabs) as one paragraph
    break and shows none at either end; every other character is kept.
    """
    groups: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip(" \t"):
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return "\n\n".join("\n".join(group) for group in groups if group)


def typed_paragraphs(text: str) -> list[str]:
    return typed(text).split("\n\n") if typed(text) else []


def _entry(children: list[Any], more: list[str]) -> ParsedEntry:
    tokens = [t for t in children if not (t.type == "text" and t.content == "")]
    shape = [t.type for t in tokens[:7]]
    assert shape == [
        "strong_open",
        "text",
        "strong_close",
        "text",
        "em_open",
        "text",
        "em_close",
    ], shape
    assert tokens[3].content == " · "
    rest = "\n\n".join([plain(tokens[7:]), *more])
    return ParsedEntry(tokens[1].content, tokens[5].content, rest)


def _list_items(tokens: list[Any], start: int) -> tuple[list[ParsedEntry], int]:
    """Read a bullet list whose items each hold only paragraphs (the later ones: more text)."""
    entries = []
    index = start + 1
    while tokens[index].type == "list_item_open":
        index += 1
        paragraphs = []
        while tokens[index].type == "paragraph_open":
            assert [t.type for t in tokens[index : index + 3]] == [
                "paragraph_open",
                "inline",
                "paragraph_close",
            ]
            paragraphs.append(tokens[index + 1].children)
            index += 3
        assert tokens[index].type == "list_item_close", tokens[index].type
        assert paragraphs, "an entry item holds at least its position and kind"
        entries.append(_entry(paragraphs[0], [plain(children) for children in paragraphs[1:]]))
        index += 1
    assert tokens[index].type == "bullet_list_close", tokens[index].type
    return entries, index + 1


def parse_film(text: str, parser: MarkdownIt = MARKDOWN) -> ParsedFilm:
    """Parse an exported file, failing on any block the exporter does not write."""
    tokens = parser.parse(text)
    assert tokens[0].type == "front_matter", "the file must open with front matter"
    properties = yaml.safe_load(tokens[0].content)
    assert [t.type for t in tokens[1:4]] == ["heading_open", "inline", "heading_close"]
    assert tokens[1].tag == "h1"
    film = ParsedFilm(properties, plain(tokens[2].children))
    index = 4
    while index < len(tokens):
        token = tokens[index]
        viewing = film.viewings[-1] if film.viewings else None
        if token.type == "heading_open" and token.tag == "h2":
            film.viewings.append(ParsedViewing(plain(tokens[index + 1].children)))
            index += 3
        elif token.type == "heading_open" and token.tag == "h3" and viewing:
            section = plain(tokens[index + 1].children)
            assert section in ("Reflection", "Entries"), section
            assert section not in viewing.sections, f"two {section} sections"
            viewing.sections.append(section)
            index += 3
        elif (
            token.type == "paragraph_open"
            and viewing is None
            and film.timeline is None
            and [child.type for child in tokens[index + 1].children] == ["image"]
        ):
            # The one picture the exporter writes: the film's timeline, before the viewings.
            film.timeline = tokens[index + 1].children[0].attrs["src"]
            index += 3
        elif token.type == "paragraph_open":
            if viewing is None:
                target = film.paragraphs
            elif viewing.sections == ["Reflection"]:
                target = viewing.reflection
            else:
                assert not viewing.sections, "a paragraph after the entries"
                target = viewing.paragraphs
            target.append(plain(tokens[index + 1].children))
            index += 3
        elif token.type == "bullet_list_open" and viewing and viewing.sections[-1:] == ["Entries"]:
            assert not viewing.entries, "one list of entries per viewing"
            viewing.entries, index = _list_items(tokens, index)
        else:
            raise AssertionError(f"unexpected block {token.type} {token.tag} {token.content!r}")
    return film


def read_film(path: Path) -> ParsedFilm:
    return parse_film(path.read_text(encoding="utf-8"))


# --- adversarial text -------------------------------------------------------------------------

ADVERSARIAL_LINES = [
    "# not a heading",
    "###### six",
    "#tag and C# and #1",
    "> not a quote",
    "> [!note] not a callout",
    "- not a list",
    "+ not a list",
    "* not a list",
    "-",
    "1. not ordered",
    "1) not ordered",
    "2024. a year",
    "1.5 hours",
    "```",
    "```python",
    "~~~",
    "~~struck~~ ~ single",
    "<div>html</div>",
    "<!-- comment -->",
    "<br>",
    "| a | b |",
    "|---|---|",
    "=",
    "===",
    "---",
    "***",
    "___",
    "- - -",
    "    four spaces",
    "\ttab first",
    "\t\ttwo tabs",
    "  two spaces",
    "*stars*",
    "**bold**",
    "_underscores_ and snake_case_name",
    "[x](y)",
    "![image](a.png)",
    "[[Wiki link]] and [[a|b]]",
    "[^1]: a footnote",
    "[ref]: https://example.com",
    "<https://a>",
    "https://example.com/a_b_c",
    "back\\slash \\* \\\\",
    "ends with a backslash\\",
    "\\",
    "&amp; &copy; &#35; &#x41; &nbsp; & alone",
    "trailing double spaces  ",
    "trailing tab\t",
    "==highlight== and a = b",
    "%%comment%% and 50%",
    "$x^2$ costs $5",
    "a ^block-id",
    "`code` and ``double``",
    "emoji 🎬🫖 👩🏽‍🦳 ❤️",
    "مرحبا بالعالم",
    "שלום עולם",
    "mixed עברית and English",
    "\u3000ideographic space first",
    "no-break space last\u00a0",
    "\u2028line separator\u2029",
    "(parenthesis) {braces} 'quotes' \"double\"",
    " ",
]

MULTILINE_TEXTS = [
    "first\n\nafter an empty line",
    "\nstarts with a newline",
    "ends with a newline\n",
    "\n\nstarts with two\n\n\nthree inside\n\n",
    "\n",
    "\n\n",
    "line\n===",
    "line\n=",
    "line\n---",
    "line\n    indented",
    "line\n\n    indented after a blank",
    "trailing spaces  \nnext",
    "ends with backslash\\\nnext",
    "\\\n\\",
    "\n".join(ADVERSARIAL_LINES),
    "\n\n".join(ADVERSARIAL_LINES),
]

ALL_ADVERSARIAL = "\n".join(ADVERSARIAL_LINES + MULTILINE_TEXTS)

ADVERSARIAL_TITLES = [
    "Title: with a colon",
    "# Hash first",
    "Ends with hashes ##",
    "\"Quoted\" and 'single'",
    "'single first",
    "- dash first",
    "back\\slash",
    "[x](y) *stars* _under_ `code`",
    "<div>html</div> &amp; &#35;",
    "1. Ordered",
    "=== setext",
    "🎬 Emoji first",
    "東京物語",
    "Amélie",
    "فيلم عربي",
    "סרט ישראלי",
    "@ % ! ? * { } | > yaml indicators",
    "yes",
    "null",
    "1:02:03",
    "2024-01-01",
    "0x1F",
    "~",
    "line\u2028separator\u2029inside",
]


def _film_with_everything(store, title: str = "Adversarial", **film: Any) -> int:
    """A film whose notes, reflection and entries hold every adversarial text."""
    row = store.create_film(title, notes=ALL_ADVERSARIAL, **film)
    viewing = store.create_viewing(row.id, "2024-03-02", reflection=ALL_ADVERSARIAL)
    for position, text in enumerate(ADVERSARIAL_LINES + MULTILINE_TEXTS):
        store.create_entry(viewing.id, position * 1000, "note", text)
    return row.id


def test_adversarial_text_renders_as_exactly_what_was_typed(store, tmp_path):
    film_id = _film_with_everything(store)
    parsed = read_film(export_film(store, film_id, tmp_path / "out"))

    assert parsed.paragraphs == typed_paragraphs(ALL_ADVERSARIAL)
    (viewing,) = parsed.viewings
    assert viewing.sections == ["Reflection", "Entries"]
    assert viewing.reflection == typed_paragraphs(ALL_ADVERSARIAL)
    texts = ADVERSARIAL_LINES + MULTILINE_TEXTS
    assert [entry.rest for entry in viewing.entries] == [
        " — " + typed(text) if typed(text) else "" for text in texts
    ]
    assert [entry.kind for entry in viewing.entries] == ["Note"] * len(texts)


def test_adversarial_titles_and_directors_render_as_typed(store, tmp_path):
    for index, title in enumerate(ADVERSARIAL_TITLES):
        year = 1950 + index if index % 2 else None
        store.create_film(title, year=year, director=title)
    paths = export_all(store, tmp_path / "out")

    assert len(paths) == len(ADVERSARIAL_TITLES)
    for index, (title, path) in enumerate(zip(ADVERSARIAL_TITLES, paths, strict=True)):
        parsed = read_film(path)
        year = 1950 + index if index % 2 else None
        assert parsed.title == (f"{title} ({year})" if year else title)
        assert parsed.properties["title"] == title
        assert parsed.properties["director"] == title
        assert parsed.properties.get("year") == year


def test_crlf_typed_in_the_app_is_exported_as_lf(store, tmp_path):
    film = store.create_film("Line endings", notes="notes\r\nsecond\rthird")
    viewing = store.create_viewing(film.id, "2024-01-01", reflection="a\r\n\r\nb")
    store.create_entry(viewing.id, 0, "note", "one\r\ntwo\r\n")
    path = export_film(store, film.id, tmp_path)

    assert b"\r" not in path.read_bytes()
    parsed = read_film(path)
    assert parsed.paragraphs == ["notes\nsecond\nthird"]
    assert parsed.viewings[0].reflection == ["a", "b"]
    assert parsed.viewings[0].entries[0].rest == " — one\ntwo"


# --- generated text ---------------------------------------------------------------------------

# What the store accepts: any Unicode scalar value but control characters, except newline and tab.
STORED_CHARS = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n\t")
long_texts = st.text(STORED_CHARS, max_size=60).map(lambda t: rules.long_text(t, "text"))
titles = (
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=titles,
    director=titles,
    notes=long_texts,
    reflection=long_texts,
    texts=st.lists(long_texts, min_size=1, max_size=4),
)
def test_generated_text_survives_render_and_parse(title, director, notes, reflection, texts):
    film = {
        "title": title,
        "year": 1999,
        "director": director,
        "runtime_ms": None,
        "notes": notes,
        "letterboxd_uri": None,
        "viewings": [
            {
                "watched_on": "2024-01-01",
                "rewatch": False,
                "rating": None,
                "reflection": reflection,
                "entries": [
                    {
                        "position_ms": 1000 * i,
                        "kind": "reaction",
                        "text": text,
                        "intensity": None,
                        "motifs": [],
                    }
                    for i, text in enumerate(texts)
                ],
            }
        ],
    }
    parsed = parse_film(render_film(film))

    assert parsed.title == f"{title} (1999)"
    assert parsed.properties["title"] == title
    assert parsed.properties["director"] == director
    assert parsed.paragraphs == typed_paragraphs(notes)
    assert parsed.viewings[0].reflection == typed_paragraphs(reflection)
    assert [e.rest for e in parsed.viewings[0].entries] == [
        " — " + typed(text) if typed(text) else "" for text in texts
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_yaml_strings_load_back_exactly(value):
    assert yaml.safe_load(f"key: {yaml_string(value)}") == {"key": value}


@pytest.mark.parametrize(
    "value", ["\u2028", "\u2029", "\x85", "\ufeff", "\ufffe", "\t", "\n", "\\", '"', "\U0001f3ac"]
)
def test_yaml_strings_escape_what_yaml_would_change(value):
    assert yaml.safe_load(f"key: {yaml_string(f'a{value}b')}") == {"key": f"a{value}b"}


# Text typed, and the line written for it: a backslash only where the character would
# otherwise start Markdown, and prose exactly as typed.
WRITTEN_AS = [
    ("#1 [spoiler]", "#1 [spoiler]"),
    ("It's 50% done, a_b_c and 3 < 4.", "It's 50% done, a_b_c and 3 < 4."),
    ("C# and #1984 and snake_case_name", "C# and #1984 and snake_case_name"),
    ("a = b & c - fine; 1.5 hours ~ roughly (really).", None),
    ("2 * 3 and $5 and x^2 and 100%", None),
    ("https://example.com/a_b_c", None),
    ("# not a heading", r"\# not a heading"),
    ("#tag but #1", r"\#tag but #1"),
    ("- not a list", r"\- not a list"),
    ("1. not ordered", r"1\. not ordered"),
    ("> not a quote", r"\> not a quote"),
    ("---", r"\---"),
    ("*stars* and **bold**", r"\*stars* and \*\*bold**"),
    ("_under_ but a_b", r"\_under_ but a_b"),
    ("[x](y) and [spoiler]", r"[x\](y) and [spoiler]"),
    ("`code` and one ` alone", r"\`code\` and one ` alone"),
    ("<div> but 3 < 4", r"\<div> but 3 < 4"),
    ("&amp; but & alone", r"\&amp; but & alone"),
    (
        "==hi== %%c%% ~~s~~ $x$ [[w]] ^[n] end ^id",
        r"\=\=hi\=\= \%\%c\%\% \~\~s\~\~ \$x\$ \[[w]] \^[n] end \^id",
    ),
    ("ends with a backslash\\", "ends with a backslash\\\\"),
    ("  two spaces first", "&#32; two spaces first"),
]


@pytest.mark.parametrize(("typed_line", "written"), WRITTEN_AS)
def test_a_character_is_escaped_only_where_it_would_be_markdown(typed_line, written):
    assert escape_line(typed_line) == (typed_line if written is None else written)
    assert plain(MARKDOWN.parseInline(escape_line(typed_line))[0].children) == typed_line


def test_an_entrys_first_line_follows_its_kind_so_block_syntax_stays_as_typed():
    assert escape_paragraphs("# not a heading\n# this one is", first_inline=True) == [
        ["# not a heading", r"\# this one is"]
    ]


def test_blank_lines_are_paragraph_breaks_and_vanish_at_either_end():
    assert escape_paragraphs("\n\nfirst\nsecond\n\n \t\n\nthird\n") == [
        ["first", "second"],
        ["third"],
    ]
    assert escape_paragraphs("\n \n") == []


# Text made mostly of what Markdown reads as syntax, so that generated examples hit it often.
MARKDOWNISH = st.text(
    st.sampled_from(list("#*_[]()<>!`~=%$^&|\\-+.:;/ \t\n1aZé\u00a0\u3000\u2028\u200b\u0301🎬")),
    max_size=40,
)


def _film_with(notes: str, reflection: str, texts: list[str]) -> dict[str, Any]:
    entries = [
        {"position_ms": i, "kind": "note", "text": text, "intensity": None, "motifs": []}
        for i, text in enumerate(texts)
    ]
    viewing = {
        "watched_on": "2024-01-01",
        "rewatch": False,
        "rating": None,
        "reflection": reflection,
        "entries": entries,
    }
    return {
        "title": "T",
        "year": None,
        "director": None,
        "runtime_ms": None,
        "notes": notes,
        "letterboxd_uri": None,
        "viewings": [viewing],
    }


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=MARKDOWNISH, reflection=MARKDOWNISH, texts=st.lists(MARKDOWNISH, max_size=3))
# Found by wider runs: a one-column table's delimiter row without a pipe; an escaped backtick
# closing a code span opened by a lone one; `**` before the hard break's backslash.
@example(notes="|\n:-", reflection="|\n-:", texts=[])
@example(notes="`a` b ``c``", reflection="a ` b\n```", texts=["x ` y ``z``"])
@example(notes="***\n***", reflection="___\n___", texts=["a\n***\n**b**"])
@example(notes="1*\u20281*", reflection="a*\u2028b*", texts=["x_\u2028y_"])
def test_markdown_heavy_text_renders_as_typed_in_commonmark_and_its_extensions(
    notes, reflection, texts
):
    source = render_film(_film_with(notes, reflection, texts))
    for parser in (MARKDOWN, EXTENDED):
        parsed = parse_film(source, parser)
        assert parsed.paragraphs == typed_paragraphs(notes)
        (viewing,) = parsed.viewings
        assert viewing.reflection == typed_paragraphs(reflection)
        assert [entry.rest for entry in viewing.entries] == [
            " — " + typed(text) if typed(text) else "" for text in texts
        ]


@settings(max_examples=500, deadline=None)
@given(
    title=MARKDOWNISH.map(lambda t: " ".join(t.split())).filter(bool),
    year=st.none() | st.just(1999),
)
def test_markdown_heavy_titles_render_as_typed(title, year):
    film = _film_with("", "", []) | {"title": title, "year": year}
    for parser in (MARKDOWN, EXTENDED):
        parsed = parse_film(render_film(film), parser)
        assert parsed.title == (f"{title} (1999)" if year else title)


def test_plain_prose_is_written_untouched():
    prose = "It was quiet. The kettle, then nobody speaks — for a long while (maybe a minute)."
    film = _film_with(prose, prose, [prose])
    assert render_film(film).count(prose) == 3


# --- layout -----------------------------------------------------------------------------------


def test_a_simple_film_looks_like_this(store, tmp_path):
    """The whole file, pinned: this is what a person opens in Obsidian."""
    film = store.create_film(
        "Tokyo Story", year=1953, director="Yasujirō Ozu", runtime_ms=8_160_000, notes="Seen twice."
    )
    first = store.create_viewing(film.id, "2023-05-01", rating=4.0, reflection="Quiet.")
    second = store.create_viewing(film.id, "2024-03-02", rewatch=True, rating=4.5)
    store.create_entry(first.id, 751_000, "pause", "The kettle.\nNobody speaks.", intensity=4)
    store.create_entry(second.id, 90_000, "motif", "The cup again.", motifs=["Mended cup"])
    store.create_entry(second.id, 30_000, "dialogue", "")

    text = export_film(store, film.id, tmp_path).read_text(encoding="utf-8")

    assert text == (
        "---\n"
        'title: "Tokyo Story"\n'
        "year: 1953\n"
        'director: "Yasujirō Ozu"\n'
        'runtime: "2:16:00"\n'
        "watched:\n"
        "  - 2023-05-01\n"
        "  - 2024-03-02\n"
        "rating: 4.5\n"
        "motifs:\n"
        '  - "[[motifs/mended-cup|Mended cup]]"\n'
        "tags:\n"
        '  - "film"\n'
        '  - "motif/mended-cup"\n'
        "---\n"
        "\n"
        "# Tokyo Story (1953)\n"
        "\n"
        "Seen twice.\n"
        "\n"
        "![Timeline of the viewings](tokyo-story-1953.timeline.svg)\n"
        "\n"
        "## Viewing — 2023-05-01\n"
        "\n"
        "Rating: ★★★★ 4/5\n"
        "\n"
        "### Reflection\n"
        "\n"
        "Quiet.\n"
        "\n"
        "### Entries\n"
        "\n"
        "- **0:12:31** · *Pause* — The kettle.\\\n"
        "  Nobody speaks.\\\n"
        "  intensity 4/5\n"
        "\n"
        "## Viewing — 2024-03-02 (rewatch)\n"
        "\n"
        "Rating: ★★★★½ 4.5/5\n"
        "\n"
        "### Entries\n"
        "\n"
        "- **0:00:30** · *Dialogue*\n"
        "- **0:01:30** · *Motif* — The cup again.\\\n"
        "  #motif/mended-cup\n"
    )


def test_paragraphs_stay_paragraphs_and_prose_reads_as_typed(store, tmp_path):
    """A blank line typed is a paragraph break (no line holding only a backslash), a final
    newline is not written as ``&#10;``, and only what would be Markdown is escaped."""
    film = store.create_film("Aftersun", year=2022, notes="Seen at the Rio #1 [spoiler].\n")
    viewing = store.create_viewing(
        film.id,
        "2024-03-02",
        reflection="The camcorder.\nHer face.\n\n\n# not a heading, 50% a_b_c 3 < 4\n\n- the dance",
    )
    store.create_entry(viewing.id, 751_000, "pause", "*Under Pressure* plays.\n\nI stopped.\n")
    store.create_entry(viewing.id, 900_000, "dialogue", "# kept as typed after the kind")

    text = export_film(store, film.id, tmp_path).read_text(encoding="utf-8")

    assert text.split("---\n", 2)[2] == (
        "\n"
        "# Aftersun (2022)\n"
        "\n"
        "Seen at the Rio #1 [spoiler].\n"
        "\n"
        "![Timeline of the viewings](aftersun-2022.timeline.svg)\n"
        "\n"
        "## Viewing — 2024-03-02\n"
        "\n"
        "### Reflection\n"
        "\n"
        "The camcorder.\\\n"
        "Her face.\n"
        "\n"
        "\\# not a heading, 50% a_b_c 3 < 4\n"
        "\n"
        "\\- the dance\n"
        "\n"
        "### Entries\n"
        "\n"
        "- **0:12:31** · *Pause* — \\*Under Pressure* plays.\n"
        "\n"
        "  I stopped.\n"
        "- **0:15:00** · *Dialogue* — # kept as typed after the kind\n"
    )
    parsed = parse_film(text)
    assert parsed.viewings[0].reflection == [
        "The camcorder.\nHer face.",
        "# not a heading, 50% a_b_c 3 < 4",
        "- the dance",
    ]
    assert [entry.rest for entry in parsed.viewings[0].entries] == [
        " — *Under Pressure* plays.\n\nI stopped.",
        " — # kept as typed after the kind",
    ]


def test_front_matter_gives_obsidian_properties(store, tmp_path):
    film = store.create_film(
        "Late Spring",
        year=1949,
        director="Ozu",
        runtime_ms=6_480_500,
        letterboxd_uri="https://letterboxd.com/film/late-spring/",
    )
    first = store.create_viewing(film.id, "2020-02-02", rating=5.0)
    store.create_viewing(film.id, "2021-03-03", rewatch=True, rating=3.5)
    store.create_entry(first.id, 0, "motif", "", motifs=["Mended cup", "The Letter, opened"])
    store.create_entry(first.id, 5, "motif", "", motifs=["mended CUP", "東京 の 夜"])

    properties = read_film(export_film(store, film.id, tmp_path)).properties

    assert properties == {
        "title": "Late Spring",
        "year": 1949,
        "director": "Ozu",
        "runtime": "1:48:00",
        "watched": [date(2020, 2, 2), date(2021, 3, 3)],
        "rating": 3.5,  # the latest viewing's
        "letterboxd": "https://letterboxd.com/film/late-spring/",
        # Wiki links Obsidian shows as links to the motif notes (and draws in its graph).
        "motifs": [
            "[[motifs/mended-cup|Mended cup]]",
            "[[motifs/the-letter-opened|The Letter, opened]]",
            "[[motifs/東京-の-夜|東京 の 夜]]",
        ],
        "tags": ["film", "motif/mended-cup", "motif/the-letter-opened", "motif/東京-の-夜"],
    }


def test_front_matter_leaves_out_what_is_not_known(store, tmp_path):
    bare = store.create_film("Bare")
    unrated_last = store.create_film("Unrated last")
    store.create_viewing(unrated_last.id, "2020-01-01", rating=4.0)
    store.create_viewing(unrated_last.id, "2021-01-01")
    folder = tmp_path / "out"

    assert read_film(export_film(store, bare.id, folder)).properties == {
        "title": "Bare",
        "tags": ["film"],
    }
    assert read_film(export_film(store, unrated_last.id, folder)).properties == {
        "title": "Unrated last",
        "watched": [date(2020, 1, 1), date(2021, 1, 1)],
        "tags": ["film"],
    }


def test_viewings_oldest_first_entries_in_time_order_with_their_details(store, tmp_path):
    film = store.create_film("Order", year=2001)
    later = store.create_viewing(film.id, "2024-06-01", rewatch=True, rating=0.5)
    earlier = store.create_viewing(film.id, "2019-06-01")
    store.create_entry(later.id, 3_723_000, "scene", "late", intensity=5, motifs=["Light"])
    store.create_entry(later.id, 62_000, "reaction", "early", intensity=1)
    store.create_entry(earlier.id, 0, "pause", "only", motifs=["Held silence", "Light"])

    parsed = read_film(export_film(store, film.id, tmp_path))

    assert [v.heading for v in parsed.viewings] == [
        "Viewing — 2019-06-01",
        "Viewing — 2024-06-01 (rewatch)",
    ]
    assert parsed.viewings[0].paragraphs == []
    assert parsed.viewings[1].paragraphs == ["Rating: ½ 0.5/5"]
    assert [(e.position, e.kind, e.rest) for e in parsed.viewings[0].entries] == [
        ("0:00:00", "Pause", " — only\n#motif/held-silence #motif/light"),
    ]
    assert [(e.position, e.kind, e.rest) for e in parsed.viewings[1].entries] == [
        ("0:01:02", "Reaction", " — early\nintensity 1/5"),
        ("1:02:03", "Scene", " — late\nintensity 5/5 · #motif/light"),
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mended cup", "mended-cup"),
        ("  The   Letter, opened ", "the-letter-opened"),
        ("mother's photograph", "mothers-photograph"),
        ("a/b.c", "a-b-c"),
        ("Été", "été"),
        ("東京 の 夜", "東京-の-夜"),
        ("snake_case", "snake_case"),
        ("1984", "1984"),
        ("★", "x2605"),
    ],
)
def test_motif_tag_slugs_are_valid_obsidian_tags(name, slug):
    assert tag_slug(name) == slug


# --- file names -------------------------------------------------------------------------------

DANGEROUS_TITLES = [
    "../../etc/passwd",
    "a/b",
    "a\\b",
    "CON",
    "con",
    "NUL.txt",
    "LPT1",
    "COM¹",
    ".",
    "..",
    "...",
    "!!!",
    "🎬",
    ".hidden",
    "trailing dot.",
    "x" * 300,
    "é" * 300,
    "東京" * 150,
    "Same",
    "Same",
    "same",
    "SAME",
    "Amélie",
    "東京物語",
]


def test_every_file_is_a_distinct_plain_name_inside_the_folder(store, tmp_path):
    for title in DANGEROUS_TITLES:
        store.create_film(title)
    store.create_film("Same", year=1999)
    store.create_film("Same", year=1999)
    store.create_film("Same", year=2000)
    folder = tmp_path / "out"

    paths = export_all(store, folder)

    assert len(paths) == len(DANGEROUS_TITLES) + 3
    assert all(path.parent == folder for path in paths)
    names = [path.name for path in paths]
    assert len({name.casefold() for name in names}) == len(names)
    for name in names:
        assert name.endswith(".md")
        assert not name.startswith(".")
        assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
        assert "/" not in name and "\\" not in name
        assert name.split(".")[0].casefold() not in {"con", "nul", "lpt1", "com¹"}
    assert sorted(os.listdir(folder)) == sorted(names)
    by_title = dict(zip(DANGEROUS_TITLES, names, strict=False))
    assert by_title["Amélie"] == "amélie.md"
    assert by_title["東京物語"] == "東京物語.md"
    assert by_title["../../etc/passwd"] == "etc-passwd.md"
    assert names[-3:] == ["same-1999.md", "same-1999-2.md", "same-2000.md"]


@pytest.mark.parametrize(
    ("title", "year", "name"),
    [
        ("Tokyo Story", 1953, "tokyo-story-1953.md"),
        ("Tokyo Story", None, "tokyo-story.md"),
        ("CON", None, "con-film.md"),
        ("CON", 1999, "con-1999.md"),
        ("NUL.txt", None, "nul-txt.md"),
        ("..", None, "film.md"),
        ("", 2000, "film-2000.md"),
        ("  Le   Mépris  ", 1963, "le-mépris-1963.md"),
    ],
)
def test_film_filename(title, year, name):
    assert film_filename(title, year, set()) == name


def test_film_filename_cuts_long_titles_and_avoids_taken_names():
    taken: set[str] = set()
    names = [film_filename("東京" * 150, 1953, taken) for _ in range(12)]

    assert len(set(names)) == 12
    assert all(len(name.encode("utf-8")) <= MAX_NAME_BYTES for name in names)
    assert names[0].endswith("-1953.md") and names[11].endswith("-1953-12.md")
    assert film_filename("Taken", None, {"taken.md"}) == "taken-2.md"


def test_export_film_uses_the_same_name_as_export_all(store, tmp_path):
    first = store.create_film("Twin", year=1990, notes="first")
    second = store.create_film("Twin", year=1990, notes="second")
    all_paths = export_all(store, tmp_path / "all")

    one = export_film(store, second.id, tmp_path / "one")

    assert one.name == all_paths[1].name == "twin-1990-2.md"
    assert read_film(one).paragraphs == ["second"]
    assert read_film(export_film(store, first.id, tmp_path / "one")).paragraphs == ["first"]


# --- writing ----------------------------------------------------------------------------------


def test_creates_the_folder_private_and_writes_private_utf8_files(store, tmp_path):
    store.create_film("Amélie 🎬", year=2001, notes="été\n東京")
    folder = tmp_path / "new" / "nested"

    (path,) = export_all(store, folder)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")
    assert "été\\\n東京" in data.decode("utf-8")
    assert os.listdir(folder) == [path.name]  # no temporary files left behind


def test_exporting_again_replaces_the_file(store, tmp_path):
    film = store.create_film("Again", notes="before")
    path = export_film(store, film.id, tmp_path)
    store.update_film(film.id, notes="after")

    assert export_film(store, film.id, tmp_path) == path
    assert read_film(path).paragraphs == ["after"]


def test_refuses_a_path_that_is_a_file(store, tmp_path):
    film = store.create_film("Anything")
    target = tmp_path / "notes.txt"
    target.write_text("keep me")

    for export in (lambda: export_all(store, target), lambda: export_film(store, film.id, target)):
        with pytest.raises(JournalError, match="is a file.*nothing was written"):
            export()
    with pytest.raises(JournalError, match="nothing was written"):
        export_all(store, target / "inside")
    assert target.read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_refuses_a_folder_it_cannot_write_into(store, tmp_path):
    store.create_film("Anything")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(JournalError, match="cannot write.*nothing was written"):
            export_all(store, folder)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_refuses_before_writing_when_a_folder_takes_a_files_name(store, tmp_path):
    store.create_film("First")
    store.create_film("Second")
    (tmp_path / "second.md").mkdir()

    with pytest.raises(JournalError, match="second.md is a folder.*nothing was written"):
        export_all(store, tmp_path)
    assert not (tmp_path / "first.md").exists()


def test_a_failed_write_leaves_no_file_and_says_why(store, tmp_path, monkeypatch):
    """All or nothing: a full disk on the second file leaves neither the first nor a temp."""
    from journal.export import writing

    for title in ("One", "Two", "Three"):
        store.create_film(title)
    real_write = writing._write_temporary

    def disk_full_on_two(target: Path, text: str) -> Path:
        if target.name == "two.md":
            raise OSError(28, "No space left on device")
        return real_write(target, text)

    monkeypatch.setattr(writing, "_write_temporary", disk_full_on_two)
    folder = tmp_path / "out"
    with pytest.raises(JournalError) as raised:
        export_all(store, folder)

    message = str(raised.value)
    assert "No space left on device" in message
    assert "nothing was written" in message
    assert os.listdir(folder) == []


def test_a_failure_while_rendering_leaves_no_temporary_file(store, tmp_path, monkeypatch):
    """Files already handed to the writing thread are removed when a later text cannot be
    made (here the 45th film's picture, after more than one batch of files was written)."""
    from journal.export import markdown

    for index in range(50):
        viewing = store.create_viewing(store.create_film(f"Film {index}").id, "2024-01-01")
        store.create_entry(viewing.id, 1_000, "note", "text")
    real_picture = markdown.film_timeline_svg
    drawn = []

    def picture_fails_late(film):
        drawn.append(film["title"])
        if len(drawn) == 45:
            raise RuntimeError("drawing failed")
        return real_picture(film)

    monkeypatch.setattr(markdown, "film_timeline_svg", picture_fails_late)
    folder = tmp_path / "out"
    with pytest.raises(RuntimeError, match="drawing failed"):
        export_all(store, folder)
    assert os.listdir(folder) == []


def test_files_are_renamed_into_place_where_folders_cannot_name_them(store, tmp_path, monkeypatch):
    """Without renames relative to an open folder (Windows), each file is renamed by its path."""
    viewing = store.create_viewing(store.create_film("Tokyo Story", year=1953).id, "2024-01-01")
    store.create_entry(viewing.id, 1_000, "note", "the clock", motifs=["Clock"])
    monkeypatch.setattr(os, "supports_dir_fd", set())
    folder = tmp_path / "vault"
    export_all(store, folder)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "motifs",
        "motifs/clock.md",
        "tokyo-story-1953.md",
        "tokyo-story-1953.timeline.svg",
    ]


def test_missing_film_is_refused_and_nothing_is_created(store, tmp_path):
    with pytest.raises(NotFoundError, match="nothing was written"):
        export_film(store, 12345, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_export_all_reads_the_journal_once_however_many_films(store, tmp_path, monkeypatch):
    """No query per film: three films and thirty cost the same number of statements."""

    def statements_for_export(folder: Path) -> int:
        count = 0

        def counter(*_args: Any) -> None:
            nonlocal count
            count += 1

        # Reads go through the store's plain sqlite3 connection for this thread.
        connection = store._reader()
        connection.set_trace_callback(counter)
        try:
            export_all(store, folder)
        finally:
            connection.set_trace_callback(None)
        assert count > 0, "the statement counter saw nothing: it no longer watches the reads"
        return count

    for index in range(3):
        viewing = store.create_viewing(store.create_film(f"Film {index}").id, "2024-01-01")
        store.create_entry(viewing.id, 0, "note", "text", motifs=["Thread"])
    few = statements_for_export(tmp_path / "few")
    for index in range(3, 30):
        viewing = store.create_viewing(store.create_film(f"Film {index}").id, "2024-01-01")
        store.create_entry(viewing.id, 0, "note", "text", motifs=["Thread"])
    calls = []
    original = store.export_document
    monkeypatch.setattr(
        store, "export_document", lambda *a, **k: calls.append(k) or original(*a, **k)
    )

    assert statements_for_export(tmp_path / "many") == few
    assert calls == [{}]
    written = os.listdir(tmp_path / "many")
    assert len([name for name in written if name.endswith(".md")]) == 30
    assert len([name for name in written if name.endswith(".timeline.svg")]) == 30
    assert "motifs" in written
    assert os.listdir(tmp_path / "many" / "motifs") == ["thread.md"]


def test_an_empty_journal_exports_nothing(store, tmp_path):
    assert export_all(store, tmp_path / "out") == []
    assert (tmp_path / "out").is_dir()


def test_exporting_again_rewrites_only_the_films_that_changed(store, tmp_path):
    kept = store.create_film("Tokyo Story", year=1953)
    changed = store.create_film("Aftersun", year=2022)
    folder = tmp_path / "vault"
    first = {path.name: path.stat().st_ino for path in export_all(store, folder)}

    store.update_film(changed.id, notes="The camcorder footage at the end.")
    second = {path.name: path for path in export_all(store, folder)}

    assert second.keys() == first.keys()
    kept_name = next(name for name in first if name.startswith("tokyo-story"))
    changed_name = next(name for name in first if name.startswith("aftersun"))
    assert second[kept_name].stat().st_ino == first[kept_name]  # left alone
    assert second[changed_name].stat().st_ino != first[changed_name]  # replaced
    assert "camcorder" in second[changed_name].read_text(encoding="utf-8")
    assert sorted(os.listdir(folder)) == sorted(first)  # no temporary files left behind
    _ = kept
