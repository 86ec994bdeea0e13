"""The desktop app's own arguments (``--data-dir DIR``, ``--mpv SOCKET``), read once by the
entry point."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

PROG = "reflective-journal"


def parse_app_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """``--data-dir DIR`` and ``--mpv SOCKET`` (start watching along with the mpv listening on
    that IPC socket) for the app; every other argument is left for Qt."""
    # No abbreviations: "--data" must not quietly mean the same thing.
    parser = argparse.ArgumentParser(prog=PROG, add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir", type=_folder, default=None)
    parser.add_argument("--mpv", type=_socket, default=None, metavar="SOCKET")
    return parser.parse_known_args(list(argv))


def _folder(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("is empty; give the folder that holds the journal")
    return Path(value)


def _socket(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "is empty; give the socket of an mpv started with --input-ipc-server=PATH"
        )
    return value
