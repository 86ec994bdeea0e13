"""``python -m journal``: the command line (``export``, ``import``, ``check``, …).

The desktop app is opened by ``reflective-journal`` (or ``python -m ui``); this package never
imports the user interface.
"""

import sys


def main(argv: list[str] | None = None) -> int:
    from journal.cli import is_cli_invocation, run_cli

    args = sys.argv[1:] if argv is None else argv
    if not is_cli_invocation(args):
        print(
            "python -m journal runs the journal's commands; to open the desktop app, run "
            "reflective-journal (or python -m ui)\n",
            file=sys.stderr,
        )
        return run_cli(["--help"])
    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
