"""Reading subtitle files as they come in the wild: encodings, line endings, damage, refusals."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from journal.errors import JournalError
from journal.subtitles.cues import Cue, SubtitleError
from journal.subtitles.reading import MAX_FILE_BYTES, read_bytes, read_file
from tests.journal.subtitles.script import as_srt, script_cues

SIMPLE_SRT = """1
00:00:01,000 --> 00:00:03,500
<i>I'm sorry.</i>

2
00:00:04,000 --> 00:00:06,000
{\\an8}Don't be.
<b>Just stay.</b>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_srt_reads_every_cue_with_tags_stripped(tmp_path: Path) -> None:
    result = read_file(write(tmp_path, "film.srt", SIMPLE_SRT.encode()))
    assert result.cues == (
        Cue(1000, 3500, "I'm sorry."),
        Cue(4000, 6000, "Don't be.\nJust stay."),
    )
    report = result.report
    assert (report.format, report.encoding, report.cues_read) == ("SubRip", "utf-8", 2)
    assert report.skipped == () and report.stray_lines == ()
    assert report.summary() == "Read 2 cues from film.srt (SubRip, utf-8)."


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + SIMPLE_SRT.replace("\n", "\r\n").encode()
    result = read_file(write(tmp_path, "film.srt", data))
    assert [cue.text for cue in result.cues] == ["I'm sorry.", "Don't be.\nJust stay."]
    assert result.report.encoding == "utf-8 (BOM)"
    assert all("\r" not in cue.text and "\ufeff" not in cue.text for cue in result.cues)


def test_old_mac_line_endings_are_normalised() -> None:
    result = read_bytes(SIMPLE_SRT.replace("\n", "\r").encode(), "film.srt")
    assert len(result.cues) == 2 and result.cues[1].text == "Don't be.\nJust stay."


def test_whole_script_round_trips_through_srt() -> None:
    cues = script_cues()
    result = read_bytes(as_srt(cues, newline="\r\n").encode("utf-8-sig"), "mended-cup.srt")
    assert result.cues == tuple(sorted(cues, key=lambda cue: cue.start_ms))


def test_missing_index_numbers_junk_before_first_cue_and_loose_times() -> None:
    text = (
        "Downloaded from a site that will not be named\n"
        "Enjoy the film!\n"
        "\n"
        "0:00:01.5 --> 0:00:03.25\n"  # hours as 0:, dot and short fraction, no index number
        "The cup is mended.\n"
        "00:00:04,000 --> 00:00:06,000\n"  # no blank line before it, no index number
        "With gold.\n"
        "\n"
        "7\n"
        "00:00:07,000-->00:00:08,000\n"  # no spaces round the arrow
        "The old way.\n"
    )
    result = read_bytes(text.encode(), "loose.srt")
    assert result.cues == (
        Cue(1500, 3250, "The cup is mended."),
        Cue(4000, 6000, "With gold."),
        Cue(7000, 8000, "The old way."),
    )
    assert result.report.stray_lines == (1, 2)
    assert "Ignored text outside any cue on line(s) 1, 2." in result.report.summary()


def test_overlapping_cues_are_kept_and_sorted_by_start() -> None:
    text = (
        "1\n00:00:05,000 --> 00:00:09,000\nSecond speaker\n\n"
        "2\n00:00:01,000 --> 00:00:08,000\n[SIGN: Pottery]\n\n"
        "3\n00:00:06,000 --> 00:00:07,000\nOverlapping line\n"
    )
    result = read_bytes(text.encode(), "overlap.srt")
    assert [(cue.start_ms, cue.end_ms) for cue in result.cues] == [
        (1000, 8000),
        (5000, 9000),
        (6000, 7000),
    ]


def test_unreadable_cues_are_skipped_with_their_line_numbers() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nKept one.\n\n"
        "2\n00:00:03,000 --> 00:0x:04,000\nBad timing.\n\n"  # line 6
        "3\n00:00:09,000 --> 00:00:05,000\nBackwards.\n\n"  # line 10
        "4\n00:00:10,000 --> 00:00:11,000\n\n"  # line 14: no text
        "5\n00:01:75,000 --> 00:01:76,000\nSeventy-five seconds.\n\n"  # line 17
        "6\n00:00:12,000 --> 00:00:13,000\nKept two.\n"
    )
    result = read_bytes(text.encode(), "damaged.srt")
    assert [cue.text for cue in result.cues] == ["Kept one.", "Kept two."]
    assert [(item.line, item.reason.split(" ")[0]) for item in result.report.skipped] == [
        (6, "unreadable"),
        (10, "ends"),
        (14, "no"),
        (17, "unreadable"),
    ]
    summary = result.report.summary()
    assert summary.startswith("Read 2 cues from damaged.srt")
    assert "Skipped 4 unreadable cues: line 6" in summary and "line 17" in summary


def test_webvtt_notes_styles_and_identifiers_never_reach_the_text() -> None:
    text = (
        "WEBVTT - The Mended Cup\n"
        "Kind: captions\n"
        "Language: en\n"
        "\n"
        "STYLE\n"
        "::cue { color: gold }\n"
        "\n"
        "NOTE Translated from the Japanese release.\n"
        "Checked against the film.\n"
        "\n"
        "NOTE\n"
        "A note on its own line\n"
        "\n"
        "REGION\n"
        "id:fred width:40%\n"
        "\n"
        "opening-1\n"
        "00:01.000 --> 00:03.000 align:start position:10%\n"
        "<v Hana>I'm <i>sorry</i> &amp; I mean it.</v>\n"
        "\n"
        "42\n"
        "00:00:04.000 --> 00:00:06.000\n"
        "<c.gold>Gold</c> in the <00:00:05.000>cracks.\n"
    )
    result = read_bytes(text.encode(), "film.vtt")
    assert result.cues == (
        Cue(1000, 3000, "I'm sorry & I mean it."),
        Cue(4000, 6000, "Gold in the cracks."),
    )
    assert result.report.format == "WebVTT"
    assert result.report.stray_lines == () and result.report.skipped == ()


def test_cp1252_file_is_detected(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nJe suis désolé, papa… vraiment désolé.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n“Le café est froid”, dit-elle. Ça va passer.\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\nÀ l’atelier, la tasse réparée à l’or fin.\n"
    )
    result = read_file(write(tmp_path, "fr.srt", text.replace("\n", "\r\n").encode("cp1252")))
    assert [cue.text for cue in result.cues] == [
        "Je suis désolé, papa… vraiment désolé.",
        "“Le café est froid”, dit-elle. Ça va passer.",
        "À l’atelier, la tasse réparée à l’or fin.",
    ]
    assert "detected" in result.report.encoding


def test_encoding_override_wins_over_detection() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nPrzepraszam, tato. Żółć.\n"
    data = text.encode("cp1250")
    result = read_bytes(data, "pl.srt", encoding="cp1250")
    assert result.cues[0].text == "Przepraszam, tato. Żółć."
    assert result.report.encoding == "cp1250"
    latin = read_bytes(data, "pl.srt", encoding="latin-1")
    assert latin.cues[0].text != "Przepraszam, tato. Żółć."  # what the person asked for


def test_bad_encoding_override_is_a_clear_error() -> None:
    with pytest.raises(SubtitleError, match="not an encoding"):
        read_bytes(SIMPLE_SRT.encode(), "film.srt", encoding="klingon-8")
    with pytest.raises(SubtitleError, match="not valid utf-8"):
        read_bytes(
            "1\n00:00:01,000 --> 00:00:02,000\ncafé\n".encode("cp1252"), "f.srt", encoding="utf-8"
        )


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(tmp_path: Path, codec: str) -> None:
    data = (
        SIMPLE_SRT.replace("I'm sorry.", "I’m sorry — ごめんなさい")
        .replace("\n", "\r\n")
        .encode(codec)
    )
    result = read_file(write(tmp_path, "film.srt", data))
    assert result.cues[0].text == "I’m sorry — ごめんなさい"
    assert result.report.encoding.startswith("utf-16")


def test_ass_file_strips_override_codes_and_skips_comments_and_bad_lines() -> None:
    text = (
        "[Script Info]\nScriptType: v4.00+\n\n"
        "[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\an8}{\\i1}I'm sorry{\\i0},\\NDad.\n"
        "Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a translator's comment\n"
        "Dialogue: 0,0:00:04.00,oops,Default,,0,0,0,,broken line\n"
        "Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100{\\p0}\n"
        "Dialogue: 0,0:00:07.00,0:00:08.50,Default,,0,0,0,,Gold\\hin the cracks.\n"
    )
    result = read_bytes(text.encode(), "film.ass")
    assert result.cues == (
        Cue(1000, 3000, "I'm sorry,\nDad."),
        Cue(7000, 8500, "Gold in the cracks."),
    )
    assert result.report.format == "ASS"
    assert [(item.line, item.reason) for item in result.report.skipped] == [
        (8, "unreadable event line")
    ]


def test_microdvd_needs_a_frame_rate_and_reads_with_one() -> None:
    data = b"{25}{75}I'm sorry.|Truly.\n{100}{150}Stay.\n"
    with pytest.raises(SubtitleError, match="frame rate"):
        read_bytes(data, "film.sub")
    result = read_bytes(data, "film.sub", fps=25)
    assert result.cues == (Cue(1000, 3000, "I'm sorry.\nTruly."), Cue(4000, 6000, "Stay."))
    assert result.report.format == "MicroDVD"


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_file_is_a_clear_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(SubtitleError, match=r"empty\.srt is empty"):
        read_file(write(tmp_path, "empty.srt", data))


def test_subtitle_error_is_a_journal_error() -> None:
    assert issubclass(SubtitleError, JournalError)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"PK\x03\x04" + os.urandom(2000), "ZIP archive"),
        (b"\x00\x00\x00\x18ftypmp42" + os.urandom(2000), "MP4"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x13\x07\x01\x02" * 500 + b"\xfe\x80", "binary"),
    ],
)
def test_binary_file_is_a_clear_error(tmp_path: Path, data: bytes, expected: str) -> None:
    with pytest.raises(SubtitleError, match=expected):
        read_file(write(tmp_path, "film.srt", data))


def test_text_that_is_not_subtitles_is_refused() -> None:
    with pytest.raises(SubtitleError, match="not in a subtitle format"):
        read_bytes(b"Dear Dad,\nI am sorry I ran.\nHana\n", "letter.txt")


def test_file_of_only_unreadable_cues_says_so() -> None:
    with pytest.raises(SubtitleError, match=r"No cue of bad\.srt could be read.*line 2"):
        read_bytes(b"1\n00:00:0x --> 00:00:02\nHello\n", "bad.srt")


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.srt"
    with path.open("wb") as stream:  # sparse: 50 MB on paper, no time to write
        stream.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(SubtitleError, match=r"huge\.srt is 50\.0 MB.*at most 20 MB.*not read"):
        read_file(path)
    assert time.perf_counter() - started < 0.05
    with pytest.raises(SubtitleError, match="at most 20 MB"):
        read_bytes(b"x" * (MAX_FILE_BYTES + 1), "huge.srt")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SubtitleError, match=r"Could not open gone\.srt"):
        read_file(tmp_path / "gone.srt")
