"""Entry point: bare command launches the desktop app, a subcommand runs the CLI."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from journal.cli import is_cli_invocation

    if is_cli_invocation(args):
        from journal.cli import run_cli

        return run_cli(args)
    from ui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
