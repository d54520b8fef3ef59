"""项目支出绩效自评表. No arguments: the window on the example; one existing file or folder: the window on it;
anything else runs headless, so a mistyped command in a script is a usage error, never a window."""
from __future__ import annotations

import os
import sys

HEADLESS = {"new", "check", "export", "import", "summary", "department", "-h", "--help", "--version"}


def utf8_output() -> None:
    """A pipe or file gets UTF-8 whatever the code page: a batch script (or a test) reads it as
    such, where Windows would write GBK or crash on 1252 — and a frozen program ignores
    PYTHONUTF8/PYTHONIOENCODING. A console keeps its encoding and shows what it cannot as '?'."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue  # the windowed program has no console streams
        try:
            if stream.isatty():
                stream.reconfigure(errors=errors)
            else:
                stream.reconfigure(encoding="utf-8", errors=errors)
        except (OSError, ValueError):
            pass  # a closed or detached stream: nothing to write to anyway


def main(argv: list[str] | None = None) -> int:
    argv_was_none = argv is None
    if argv is None:  # run as a program (not called by a test): fix the output streams first
        utf8_output()
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (len(argv) == 1 and argv[0] not in HEADLESS and not argv[0].startswith("-")
                    and (os.path.isfile(argv[0]) or os.path.isdir(argv[0]))):
        from ui.app import run_window
        return run_window(argv[0] if argv else None)
    try:
        from cli.pipes import guard_stdout
        if argv_was_none:
            guard_stdout()
        from cli.commands import run
        return run(argv)
    except KeyboardInterrupt:  # Ctrl+C: every save is atomic, so what was written is whole
        print("已中断（Ctrl+C）：已写出的文件都是完整的，其余未写出；重新运行同一命令可补齐", file=sys.stderr)
        if argv_was_none and os.name != "nt":  # a shell running a script of commands stops too
            import signal
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        return 130


if __name__ == "__main__":
    import multiprocessing
    multiprocessing.freeze_support()  # the frozen bundle's export workers start through main
    sys.exit(main())
