"""Where command output goes: the format chosen for stdout, notes and errors on stderr."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from qdbench.catalog import Catalog, IndexDir


_color = "auto"


def set_color(mode: str) -> None:
    """auto, always or never: what `console()` does about colour (from the --color option)."""
    global _color
    _color = mode


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(code)


def is_tty() -> bool:
    return sys.stdout.isatty()


def choose(fmt: StrEnum | None, default_pipe: str = "tsv") -> str:
    """The output format: as asked, else a table on a terminal and plain text when piped."""
    if fmt is not None:
        return fmt.value
    return "table" if is_tty() else default_pipe


def out(text: str) -> None:
    sys.stdout.write(text)


def note(text: str) -> None:
    sys.stderr.write(f"qdbench: {text}\n")


def console() -> Any:
    from rich.console import Console

    if _color == "always":
        return Console(highlight=False, force_terminal=True)
    if _color == "never":
        return Console(highlight=False, no_color=True, color_system=None)
    return Console(highlight=False)  # rich itself honours NO_COLOR and FORCE_COLOR


def less_flags(current: str | None) -> str:
    """The LESS value for paging styled output: the user's flags, plus -R so colours show.

    Unset, it is ``-FRX`` (quit if one screen, raw colours, keep the screen). As bat and delta
    do, a user's own flags (``-i``) are kept and ``-R`` added unless raw control characters
    are already allowed (``-R``, ``-r``, or their long names).
    """
    if current is None:
        return "-FRX"
    words = current.split()
    for w in words:
        if w.lower() == "--raw-control-chars":
            return current
        if w.startswith("-") and not w.startswith("--") and ("R" in w or "r" in w):
            return current
        if not w.startswith("-") and ("R" in w or "r" in w) and w.isalpha():
            return current  # LESS may hold flags without a dash, e.g. "FRX"
    return f"{current} -R".strip()


def open_data(data: str | None, rebuild: bool = False) -> tuple[IndexDir, Catalog]:
    from qdbench.catalog import open_index

    ix = open_index(data, rebuild=rebuild)
    if ix.note:
        note(ix.note)
    cat = ix.catalog()
    for p in cat.problems:
        note(f"skipped {p['text']}")
    return ix, cat
