"""项目支出绩效自评表. No arguments: the window on the example; a subcommand: run it headless."""
from __future__ import annotations

import sys

HEADLESS = {"new", "check", "export", "import", "-h", "--help", "--version"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in HEADLESS:
        from cli.commands import run
        return run(argv)
    from ui.app import run_window
    return run_window(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main())
