"""The subtitle commands of the command line: ``subtitles add``, ``silences``, ``refrains``.

``journal.cli`` registers them with :func:`add_commands` and runs them through ``HANDLERS``;
they use its helpers for the data folder, the writer lock and ``--film TITLE``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from journal import timecode

COMMANDS = ("subtitles", "silences", "refrains")


def add_commands(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """Add the three commands through ``journal.cli``'s ``command(name, help, epilog)``."""
    from journal.cli_support import _path_argument

    subtitles = command(
        "subtitles",
        "attach a subtitle file to a film (the cues are copied into the journal)",
        "SRT, WebVTT, ASS/SSA and the other common formats are read; the encoding is\n"
        "detected (UTF-8, UTF-16, cp1252, …) unless --encoding names it. Unreadable cues are\n"
        "skipped and listed with their line numbers; the rest is kept.\n\n"
        'example:\n  reflective-journal subtitles add --film "Tokyo Story" tokyo-story.en.srt',
    )
    actions = subtitles.add_subparsers(dest="subtitles_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="attach a subtitle file to a film",
        description="Attach a subtitle file to a film.",
        epilog='example:\n  reflective-journal subtitles add --film "Tokyo Story" film.srt '
        "--language en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("--data-dir", metavar="DIR", type=_path_argument, default=argparse.SUPPRESS)
    add.add_argument("--film", metavar="TITLE", required=True, help="the film's title")
    add.add_argument("file", metavar="FILE", type=_path_argument, help="the subtitle file")
    add.add_argument("--encoding", metavar="ENC", help="read the file in this encoding")
    add.add_argument("--label", metavar="L", default="", help="a name for the track")
    add.add_argument("--language", metavar="xx", help="the language code, like en or fr")

    silences = command(
        "silences",
        "list a film's stretches without dialogue, from its subtitles",
        "Gaps between lines of at least --min seconds (default 20), sound descriptions and\n"
        "songs left out; the end credits are not counted. Music may play in them.\n\n"
        'examples:\n  reflective-journal silences --film "Tokyo Story"\n'
        '  reflective-journal silences --film "Tokyo Story" --min 45 --json',
    )
    silences.add_argument("--film", metavar="TITLE", required=True, help="the film's title")
    silences.add_argument(
        "--min",
        metavar="SECONDS",
        type=_seconds,
        default=20.0,
        help="the shortest stretch listed (default 20)",
    )
    silences.add_argument("--json", action="store_true", help="print JSON for scripts")

    refrains = command(
        "refrains",
        "list the phrases a film repeats, from its subtitles",
        "Phrases said in at least three lines across the film, apology and forgiveness\n"
        "first, then the ones that carry the most meaning; every line is listed with its time.\n\n"
        'examples:\n  reflective-journal refrains --film "Tokyo Story"\n'
        '  reflective-journal refrains --film "Tokyo Story" --json',
    )
    refrains.add_argument("--film", metavar="TITLE", required=True, help="the film's title")
    refrains.add_argument("--json", action="store_true", help="print JSON for scripts")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 1 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is not between 1 and 3600 seconds")
    return value


def _one_film(store: Any, title: str) -> Any:
    from journal.cli_support import _Failure, _film_list, _films_titled

    ids = _films_titled(store, title)
    if len(ids) > 1:
        films = [store.get_film(film_id) for film_id in ids]
        raise _Failure(
            f"{len(ids)} films are titled {title!r}: {_film_list(films)}; nothing was written"
        )
    return store.get_film(ids[0])


def _film_name(film: Any) -> str:
    return film.title + (f" ({film.year})" if film.year else "")


def _first_track(store: Any, film: Any) -> Any:
    from journal.cli_support import _Failure

    tracks = store.list_subtitle_tracks(film.id)
    if not tracks:
        raise _Failure(
            f"{_film_name(film)} has no subtitles yet; attach some with "
            f"reflective-journal subtitles add --film {film.title!r} FILE"
        )
    return tracks[0]


def _add(options: argparse.Namespace, out: TextIO) -> None:
    from journal.cli_support import _data_dir, _open_store, _writer_lock
    from journal.subtitles.reading import read_file

    source: Path = options.file.expanduser()
    read = read_file(source, encoding=options.encoding)  # read before touching the journal
    data_dir = _data_dir(options)
    lock = _writer_lock(data_dir, "subtitles add")
    try:
        store = _open_store(data_dir, create=False)
        try:
            film = _one_film(store, options.film)
            track = store.attach_subtitles(
                film.id,
                read.cues,
                file_name=source.name,
                label=options.label,
                language=options.language,
            )
        finally:
            store.close()
    finally:
        lock.release()
    print(read.report.summary(), file=out)
    print(f"Attached to {_film_name(film)} as {track.name!r}.", file=out)


def _silences(options: argparse.Namespace, out: TextIO) -> None:
    from journal.cli_support import _data_dir, _open_store

    store = _open_store(_data_dir(options), create=False)
    try:
        film = _one_film(store, options.film)
        track = _first_track(store, film)
        found = store.subtitle_silences(track.id, min_gap_ms=round(options.min * 1000))
    finally:
        store.close()
    if options.json:
        records = [
            {
                "start_ms": s.start_ms,
                "end_ms": s.end_ms,
                "length_ms": s.length_ms,
                "opening": s.opening,
            }
            for s in found
        ]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    least = f"{options.min:g} s"
    if not found:
        print(f"{_film_name(film)}: no stretch without dialogue of {least} or more", file=out)
        return
    noun = "stretch" if len(found) == 1 else "stretches"
    print(
        f"{_film_name(film)}: {len(found)} {noun} without dialogue of {least} or more "
        f"({track.name})",
        file=out,
    )
    for silence in found:
        line = f"{timecode.format(silence.start_ms):>8}  {_length(silence.length_ms):>7}"
        if silence.opening:
            line += "  before the first line"
        print(line, file=out)


def _length(length_ms: int) -> str:
    """``2:05`` (minutes and seconds), ``1:02:05`` past an hour."""
    seconds = round(length_ms / 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def _refrains(options: argparse.Namespace, out: TextIO) -> None:
    from journal.cli_support import _data_dir, _open_store

    store = _open_store(_data_dir(options), create=False)
    try:
        film = _one_film(store, options.film)
        track = _first_track(store, film)
        found = store.subtitle_refrains(track.id)
    finally:
        store.close()
    if options.json:
        records = [
            {
                "phrase": refrain.label,
                "normalised": refrain.phrase,
                "apology": refrain.apology,
                "occurrences": [
                    {"start_ms": o.start_ms, "end_ms": o.end_ms, "text": o.text}
                    for o in refrain.occurrences
                ],
            }
            for refrain in found
        ]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if not found:
        print(f"{_film_name(film)}: no phrase is said in three lines or more", file=out)
        return
    noun = "refrain" if len(found) == 1 else "refrains"
    print(f"{_film_name(film)}: {len(found)} {noun} ({track.name})", file=out)
    for refrain in found:
        print(f"\n{refrain.label} — {refrain.cue_count} lines", file=out)
        for occurrence in refrain.occurrences:
            text = " / ".join(occurrence.text.splitlines())
            print(f"  {timecode.format(occurrence.start_ms):>8}  {text}", file=out)


HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
    "subtitles": _add,
    "silences": _silences,
    "refrains": _refrains,
}
