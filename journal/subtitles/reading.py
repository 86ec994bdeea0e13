"""Read a subtitle file into cues, and say exactly what was kept.

Promises:

- Formats: SubRip (.srt) and WebVTT (.vtt) through a forgiving reader of our own
  (:mod:`journal.subtitles.timed_text`); ASS/SSA, MicroDVD, MPL2, TMP, SAMI, TTML and pysubs2's
  JSON through pysubs2. The content decides the format; the file name only breaks ties.
- Decoding: a byte-order mark wins (UTF-8, UTF-16, UTF-32); then strict UTF-8; then the legacy
  encodings real subtitle files come in (cp1252, cp1250, latin-1, …) as detected by
  charset-normalizer. ``encoding=`` overrides all of that.
- Text: CRLF and CR become LF, formatting is stripped (see :func:`text.plain_text`), cues are
  returned sorted by start time (overlaps are kept as they are).
- Refusals raise :class:`SubtitleError` with a message a person can act on: an empty file, a
  binary file, a file over :data:`MAX_FILE_BYTES` (refused before it is read), a file with no
  readable cue. Nothing is half-read: either a result or an error.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from journal.subtitles.cues import Cue, SubtitleError
from journal.subtitles.text import plain_text
from journal.subtitles.timed_text import SkippedCue, read_timed_text

__all__ = [
    "MAX_FILE_BYTES",
    "ReadReport",
    "SkippedCue",
    "SubtitleFile",
    "read_bytes",
    "read_file",
]

# A 2-hour film's subtitles are 50–200 KB (ASS with embedded fonts can reach a few MB); 20 MB
# leaves room for any real file and refuses a video or an archive picked by mistake.
MAX_FILE_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"%PDF": "a PDF document",
    b"\x1aE\xdf\xa3": "a Matroska (MKV/WebM) video",
    b"RIFF": "a RIFF (AVI/WAV) file",
    b"\x1f\x8b": "a gzip archive",
}
_MP4_BRAND = b"ftyp"
# Among encodings that fit a file equally well, the order real subtitle files make likely.
_LEGACY_PREFERENCE = ("cp1252", "cp1250", "cp1251", "iso8859_15", "latin_1", "iso8859_2")
_TIMING_ARROW = re.compile(r"^[^\n]*-->", re.M)
_ASS_SECTION = re.compile(r"^\s*\[(?:script info|events|v4\+? styles)\]", re.I | re.M)


@dataclass(frozen=True, slots=True)
class ReadReport:
    """What reading a file did: the format and encoding used, how many cues were kept, which
    were skipped (with line numbers where the format has lines) and which lines belonged to
    no cue (an advert before the first cue, a stray line between two)."""

    filename: str
    format: str
    encoding: str
    cues_read: int
    skipped: tuple[SkippedCue, ...] = ()
    stray_lines: tuple[int, ...] = ()

    def summary(self) -> str:
        """One or two sentences for a person: what was read, and what was left out and where."""
        noun = "cue" if self.cues_read == 1 else "cues"
        text = (
            f"Read {self.cues_read:,} {noun} from {self.filename} ({self.format}, {self.encoding})."
        )
        if self.skipped:
            places = ", ".join(
                f"line {item.line} ({item.reason})" if item.line else item.reason
                for item in self.skipped[:5]
            )
            more = f" and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
            noun = "cue" if len(self.skipped) == 1 else "cues"
            text += f" Skipped {len(self.skipped)} unreadable {noun}: {places}{more}."
        if self.stray_lines:
            lines = ", ".join(str(line) for line in self.stray_lines[:5])
            more = "…" if len(self.stray_lines) > 5 else ""
            text += f" Ignored text outside any cue on line(s) {lines}{more}."
        return text


@dataclass(frozen=True, slots=True)
class SubtitleFile:
    """The cues of a file, sorted by start time, and the report of how they were read."""

    cues: tuple[Cue, ...]
    report: ReadReport


def read_file(
    path: str | os.PathLike[str], *, encoding: str | None = None, fps: float | None = None
) -> SubtitleFile:
    """Read the subtitle file at ``path``.

    A file over :data:`MAX_FILE_BYTES` is refused from its size alone, before it is read.
    ``encoding`` overrides detection; ``fps`` is needed only for frame-based formats (MicroDVD)
    whose file does not state it.
    """
    file_path = Path(path)
    name = file_path.name
    try:
        size = file_path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SubtitleError(_too_large(name, size))
        with file_path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # the size may have changed since stat()
    except OSError as error:
        raise SubtitleError(f"Could not open {name}: {error.strerror or error}.") from error
    return read_bytes(data, name, encoding=encoding, fps=fps)


def read_bytes(
    data: bytes, filename: str, *, encoding: str | None = None, fps: float | None = None
) -> SubtitleFile:
    """Read subtitles from ``data``; ``filename`` names them in messages and breaks format ties."""
    if len(data) > MAX_FILE_BYTES:
        raise SubtitleError(_too_large(filename, len(data)))
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise SubtitleError(f"{filename} is empty: there is no text in it.")
    text, used_encoding = _decode(data, filename, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise SubtitleError(f"{filename} is empty: there are no subtitles in it.")
    format_name = _detect_format(text, filename)
    if format_name in ("SubRip", "WebVTT"):
        result = read_timed_text(text, webvtt=format_name == "WebVTT")
        cues, skipped, stray = result.cues, result.skipped, result.stray_lines
    else:
        format_name, cues, skipped = _read_with_pysubs2(text, filename, fps)
        stray = []
    if not cues:
        raise SubtitleError(_nothing_read(filename, format_name, skipped))
    ordered = tuple(sorted(cues, key=lambda cue: cue.start_ms))
    report = ReadReport(
        filename, format_name, used_encoding, len(ordered), tuple(skipped), tuple(stray)
    )
    return SubtitleFile(ordered, report)


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1024 / 1024:.1f} MB; a subtitle file is at most "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB (a film's subtitles are usually under 200 KB). "
        "It was not read: is it the video or an archive rather than the subtitles?"
    )


def _nothing_read(name: str, format_name: str, skipped: list[SkippedCue]) -> str:
    if skipped:
        where = ", ".join(f"line {item.line}" for item in skipped[:3] if item.line)
        return (
            f"No cue of {name} could be read as {format_name}: all {len(skipped)} were unreadable"
            + (f" ({where}…)." if where else ".")
        )
    return f"{name} has no subtitle cues that could be read (read as {format_name})."


# --- decoding -----------------------------------------------------------------------------------


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if data[4:8] == _MP4_BRAND:
        return "an MP4/MOV video"
    return None


def _looks_utf16(sample: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as ASCII with every other byte zero."""
    if len(sample) < 8:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.7 and even_zeros < 0.1:
        return "utf-16-le"
    if even_zeros > 0.7 and odd_zeros < 0.1:
        return "utf-16-be"
    return None


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    kind = _binary_kind(data)
    if kind:
        raise SubtitleError(f"{name} is {kind}, not a subtitle file.")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SubtitleError(f"{encoding!r} is not an encoding this app knows.") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise SubtitleError(
                f"{name} is not valid {encoding} (byte {error.start:,} does not fit); "
                "try another encoding, or leave it to detection."
            ) from None
        return _checked_text(text, name), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(codec), name), codec.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError:
                break
    utf16 = _looks_utf16(data[:4096])
    if utf16:
        try:
            return _checked_text(data.decode(utf16), name), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise SubtitleError(
            f"{name} looks like a binary file (it contains NUL bytes), not subtitles."
        )
    try:
        return _checked_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect_legacy(data, name)


def _detect_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # imported late: only legacy files need it

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise SubtitleError(
            f"Could not tell which text encoding {name} uses; "
            "it may be binary. Choose the encoding by hand if it is a subtitle file."
        )
    # Short texts often fit several code pages equally well (French reads as cp1250 as well as
    # cp1252); among equals, take the one subtitle files most often come in.
    equals = {
        match.encoding
        for match in matches
        if abs(match.chaos - best.chaos) < 0.01 and match.coherence >= best.coherence - 0.01
    }
    encoding = next((name for name in _LEGACY_PREFERENCE if name in equals), best.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise SubtitleError(f"{name} could not be decoded as {encoding}: {error}.") from None
    return _checked_text(text, name), f"{encoding} (detected)"


def _checked_text(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters: a binary file read as text."""
    sample = text[:65536]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\x0c"
    )
    if sample and controls / len(sample) > 0.01:
        raise SubtitleError(f"{name} looks like a binary file, not subtitles.")
    return text


# --- formats ------------------------------------------------------------------------------------


def _detect_format(text: str, filename: str) -> str:
    head = text[:4096]
    if head.lstrip().startswith("WEBVTT"):
        return "WebVTT"
    if _ASS_SECTION.search(head):
        return "ASS"
    if _TIMING_ARROW.search(text[:65536]):
        return "WebVTT" if filename.lower().endswith(".vtt") else "SubRip"
    if filename.lower().endswith(".vtt"):
        return "WebVTT"
    return "other"


_FORMAT_NAMES = {
    "ass": "ASS",
    "ssa": "SSA",
    "microdvd": "MicroDVD",
    "mpl2": "MPL2",
    "tmp": "TMP",
    "sami": "SAMI",
    "ttml": "TTML",
    "json": "pysubs2 JSON",
    "srt": "SubRip",
    "vtt": "WebVTT",
    "whisper_jax": "Whisper",
}


def _read_with_pysubs2(
    text: str, filename: str, fps: float | None
) -> tuple[str, list[Cue], list[SkippedCue]]:
    import pysubs2  # imported late: SRT and WebVTT files never need it

    skipped: list[SkippedCue] = []
    event_lines: list[int] = []
    if _ASS_SECTION.search(text[:4096]):
        text, event_lines = _drop_unreadable_events(text, skipped)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            subs = pysubs2.SSAFile.from_string(text, format_=_substation_kind(text), fps=fps)
    except pysubs2.exceptions.UnknownFPSError:
        raise SubtitleError(
            f"{filename} counts frames rather than time and does not say its frame rate; "
            "give the film's frame rate (for example 23.976 or 25)."
        ) from None
    except pysubs2.exceptions.FormatAutodetectionError:
        raise SubtitleError(
            f"{filename} is not in a subtitle format this app reads "
            "(SRT, WebVTT, ASS/SSA, MicroDVD, MPL2, TMP, SAMI, TTML)."
        ) from None
    except Exception as error:  # pysubs2 raises bare ValueError/KeyError/… on damaged files
        raise SubtitleError(f"{filename} could not be read: {error}.") from None
    format_name = _FORMAT_NAMES.get(subs.format or "", subs.format or "unknown")
    markup = "ass" if subs.format in ("ass", "ssa", "microdvd", "mpl2", "tmp") else "html"
    lines = event_lines if len(event_lines) == len(subs.events) else [0] * len(subs.events)
    cues: list[Cue] = []
    for event, line in zip(subs.events, lines, strict=True):
        if event.is_comment or event.is_drawing:
            continue
        where = line or None
        if event.start < 0 or event.end < event.start:
            skipped.append(SkippedCue(where, "ends before it starts or starts before 0"))
            continue
        plain = plain_text(event.text, markup=markup)
        if not plain:
            skipped.append(SkippedCue(where, "no text"))
            continue
        cues.append(Cue(event.start, event.end, plain))
    return format_name, cues, skipped


def _substation_kind(text: str) -> str | None:
    """ "ass" or "ssa" for a SubStation file (pysubs2 cannot tell without a styles section)."""
    head = text[:4096].lower()
    if not _ASS_SECTION.search(head):
        return None
    if "[v4 styles]" in head or ("scripttype: v4.00" in head and "v4.00+" not in head):
        return "ssa"
    return "ass"


def _drop_unreadable_events(text: str, skipped: list[SkippedCue]) -> tuple[str, list[int]]:
    """Blank out ASS/SSA event lines whose times pysubs2 would choke on (it gives up on the whole
    file for one bad line); return the text and the line number of each remaining event."""
    from pysubs2.time import TIMESTAMP, TIMESTAMP_SHORT

    def readable(value: str) -> bool:
        value = value.strip().lstrip("-")
        return bool(TIMESTAMP.match(value) or TIMESTAMP_SHORT.match(value))

    lines = text.split("\n")
    kept_lines: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not (line.startswith("Dialogue:") or line.startswith("Comment:")):
            continue
        fields = line.split(":", 1)[1].strip().split(",", 9)
        if len(fields) < 10 or not (readable(fields[1]) and readable(fields[2])):
            lines[number - 1] = ""
            skipped.append(SkippedCue(number, "unreadable event line"))
        else:
            kept_lines.append(number)
    return "\n".join(lines), kept_lines
