"""Entry point: bare command launches the desktop app, a subcommand runs the CLI."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from journal.cli import is_cli_invocation

    if is_cli_invocation(args):
        from journal.cli import run_cli

        return run_cli(args)
    _inspect_journal_early(args)
    from ui.app import run_app

    return run_app(args)


def _inspect_journal_early(args: list[str]) -> None:
    """Check the journal file on a thread while the desktop app loads (see db.inspect_early)."""
    from journal.db import inspect_early, journal_path, resolve_data_dir

    data_dir = None
    for index, arg in enumerate(args):
        if arg == "--data-dir" and index + 1 < len(args):
            data_dir = args[index + 1]
        elif arg.startswith("--data-dir="):
            data_dir = arg.split("=", 1)[1]
    inspect_early(journal_path(resolve_data_dir(data_dir)))


if __name__ == "__main__":
    sys.exit(main())
