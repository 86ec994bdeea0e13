"""The program's entry point: ``reflective-journal`` (and ``python -m ui``).

With a command (``export``, ``check``, …) it is the command line, which never loads Qt. Bare (or
with only ``--data-dir DIR``, ``--mpv SOCKET`` and Qt's own options) it opens the desktop app;
``--mpv`` starts it watching along with the mpv listening on that socket. ``--data-dir`` is
read here, once, for the app: the journal is then inspected on a thread (see
``journal.db.inspect_early``) while Qt and the window load.

It lives in ``ui/`` because it may start the app; ``journal/`` never imports ``ui/``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ui.arguments import parse_app_args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line or the desktop app; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    from journal.cli import is_cli_invocation

    if is_cli_invocation(args):
        from journal.cli import run_cli

        return run_cli(args)
    options, qt_args = parse_app_args(args)
    from journal.db import inspect_early, journal_path, resolve_data_dir

    data_dir = resolve_data_dir(options.data_dir)
    inspect_early(journal_path(data_dir))
    from ui.app import start_app

    return start_app(data_dir, qt_args, mpv_socket=options.mpv)


if __name__ == "__main__":
    sys.exit(main())
