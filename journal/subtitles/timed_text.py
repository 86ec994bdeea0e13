"""A forgiving reader for the two "timing line" formats, SubRip (.srt) and WebVTT (.vtt).

Real files are often not what the specifications say: index numbers missing or wrong, an
advert or a title before the first cue, hours written as ``0:00:01``, a dot instead of a comma
before the milliseconds, no blank line between two cues. This reader keys on the timing lines
(``start --> end``) rather than on the block structure, so it keeps every cue it can read and
says, with line numbers, which ones it could not.

WebVTT's header, ``NOTE``, ``STYLE`` and ``REGION`` blocks and cue identifiers never reach a
cue's text (pysubs2's WebVTT reader lets them leak; webvtt-py drops bad cues without saying where).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journal.subtitles.cues import Cue
from journal.subtitles.text import plain_text

# h:mm:ss,mmm with hours optional (WebVTT's mm:ss.ttt) and of any width (0:00:01 or 00:00:01),
# the fraction after a comma or a dot and of 1–3 digits (read as a decimal fraction), or absent.
_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:\s?[,.]\s?(\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TIME}\s*(?:-->|->|-- >|—>|–>)\s*{_TIME}(?:\s.*)?$")
_LOOKS_LIKE_TIMING = re.compile(r"-->|^\s*\d+:\d+\S*\s*(?:->|—>|–>)")
_INDEX = re.compile(r"^\s*\d+\s*$")
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True, slots=True)
class SkippedCue:
    """A cue that could not be kept: where it was (1-based line number) and why."""

    line: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class TimedTextResult:
    """What the reader found: cues in file order, cues skipped, lines that belonged to no cue."""

    cues: list[Cue]
    skipped: list[SkippedCue]
    stray_lines: list[int]


def _ms(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> int | None:
    if int(minutes) >= 60 or int(seconds) >= 60:
        return None
    millis = int((fraction or "0").ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + millis


def _parse_timing(line: str) -> tuple[int, int] | None:
    match = _TIMING.match(line)
    if match is None:
        return None
    groups = match.groups()
    start, end = _ms(*groups[:4]), _ms(*groups[4:])
    if start is None or end is None:
        return None
    return start, end


def _is_timing_candidate(line: str) -> bool:
    return _LOOKS_LIKE_TIMING.search(line) is not None


def read_timed_text(text: str, *, webvtt: bool) -> TimedTextResult:
    """Read SRT or WebVTT ``text`` (newlines already normalised to ``\\n``) into cues.

    A cue's text runs from the line after its timing line to the next blank line, or to the
    line just before the next timing line (a missing blank line between cues). Lines outside
    any cue are reported in ``stray_lines`` (WebVTT's header and metadata blocks excepted);
    a timing line that cannot be read skips its cue, and so does a cue without text or one
    that ends before it starts.
    """
    lines = text.split("\n")
    count = len(lines)
    candidates = [_is_timing_candidate(line) for line in lines]
    cues: list[Cue] = []
    skipped: list[SkippedCue] = []
    stray: list[int] = []
    markup = "vtt" if webvtt else "html"

    index = 0
    if webvtt and lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        while index < count and lines[index].strip():  # the header block
            index += 1

    def ends_text(position: int) -> bool:
        """True when line ``position`` no longer belongs to the cue text above it."""
        line = lines[position]
        if not line.strip() or candidates[position]:
            return True
        # An index (SRT) or a cue identifier (WebVTT, where a blank line must end a cue's text
        # anyway) right before a timing line; in SRT any other line there is still text.
        followed_by_timing = position + 1 < count and candidates[position + 1]
        return followed_by_timing and (webvtt or _INDEX.match(line) is not None)

    while index < count:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if (
            webvtt
            and not candidates[index]
            and line.split(" ", 1)[0].split("\t", 1)[0] in _VTT_SKIPPED_BLOCKS
        ):
            while index < count and lines[index].strip():
                index += 1
            continue
        if not candidates[index]:
            followed_by_timing = index + 1 < count and candidates[index + 1]
            if not (followed_by_timing and (webvtt or _INDEX.match(line))):
                stray.append(index + 1)
            index += 1
            continue

        timing_line = index + 1
        times = _parse_timing(line)
        index += 1
        body_start = index
        while index < count and not ends_text(index):
            index += 1
        raw = "\n".join(lines[body_start:index])
        if times is None:
            skipped.append(SkippedCue(timing_line, f"unreadable timing {line.strip()[:60]!r}"))
            continue
        start_ms, end_ms = times
        if end_ms < start_ms:
            skipped.append(SkippedCue(timing_line, "ends before it starts"))
            continue
        plain = plain_text(raw, markup=markup)
        if not plain:
            skipped.append(SkippedCue(timing_line, "no text"))
            continue
        cues.append(Cue(start_ms, end_ms, plain))
    return TimedTextResult(cues, skipped, stray)
