"""The desktop app's own arguments (``--data-dir DIR``), read by the entry point once."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

PROG = "reflective-journal"


def parse_app_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """``--data-dir DIR`` for the app; every other argument is left for Qt."""
    # No abbreviations: "--data" must not quietly mean the same thing.
    parser = argparse.ArgumentParser(prog=PROG, add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir", type=_folder, default=None)
    return parser.parse_known_args(list(argv))


def _folder(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("is empty; give the folder that holds the journal")
    return Path(value)
