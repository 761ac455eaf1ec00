"""Where command output goes: the format chosen for stdout, notes and errors on stderr.

Everything written passes :func:`qdbench.safe_text.escape_controls` (the index already holds
case data without control characters; this covers files shown as stored and echoed input).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

from qdbench.safe_text import escape_controls

if TYPE_CHECKING:
    from qdbench.catalog import Catalog, IndexDir


def err_write(text: str) -> None:
    """Write to stderr if there is one: a closed or full stderr changes nothing else."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(escape_controls(text))
        stream.flush()
    except (OSError, ValueError):
        pass


_color = "auto"


def set_color(mode: str) -> None:
    """auto, always or never: what `console()` does about colour (from the --color option)."""
    global _color
    _color = mode


def fail(message: str, code: int = 1) -> NoReturn:
    err_write(f"error: {message}\n")
    raise SystemExit(code)


def is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def choose(fmt: StrEnum | None, default_pipe: str = "tsv") -> str:
    """The output format: as asked, else a table on a terminal and plain text when piped."""
    if fmt is not None:
        return fmt.value
    return "table" if is_tty() else default_pipe


def out(text: str) -> None:
    sys.stdout.write(escape_controls(text))


def note(text: str) -> None:
    err_write(f"qdbench: {text}\n")


def write_result(path: str, text: str) -> None:
    """Write a command's result to the file a user named with -o (see qdbench.output_file)."""
    from qdbench.output_file import write_output

    write_output(path, text)


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


def pager_usable() -> bool:
    """Whether the pager pydoc would run exists: a missing one would swallow the output."""
    cmd = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    if not cmd or not cmd.strip():
        return True  # pydoc finds less or more itself, or prints plainly
    import shlex
    import shutil

    try:
        words = shlex.split(cmd)
    except ValueError:
        words = []
    if not words or shutil.which(words[0]) is None:
        note(f"the pager {cmd!r} was not found: printing without it")
        return False
    return True


class OutputError(Exception):
    """Standard output could not be written (a full disk, a closed descriptor)."""


class _Stdout:
    """Standard output as the commands see it.

    Characters the stream's encoding cannot hold are replaced (and that is said once on
    stderr); a write error becomes :class:`OutputError`, reported in one line with exit 1; a
    stdout closed at start-up (``>&-``) is such an error at the first write. A closed pipe stays
    BrokenPipeError, which ends the command quietly.
    """

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._told = False

    def write(self, text: str) -> int:
        if self._raw is None:
            raise OutputError("standard output is closed")
        try:
            try:
                return self._raw.write(text)  # type: ignore[no-any-return]
            except UnicodeEncodeError:
                enc = getattr(self._raw, "encoding", None) or "ascii"
                if not self._told:
                    self._told = True
                    note(f"the terminal's encoding ({enc}) cannot show Chinese: such characters are shown as '?'")
                return self._raw.write(text.encode(enc, "replace").decode(enc))  # type: ignore[no-any-return]
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as e:  # ValueError: writing to a closed file object
            raise OutputError(getattr(e, "strerror", None) or str(e)) from None

    def flush(self) -> None:
        if self._raw is None:
            return
        try:
            self._raw.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as e:
            raise OutputError(getattr(e, "strerror", None) or str(e)) from None

    def isatty(self) -> bool:
        try:
            return self._raw is not None and bool(self._raw.isatty())
        except (OSError, ValueError):
            return False

    @property
    def encoding(self) -> str:
        return getattr(self._raw, "encoding", None) or "utf-8"

    def __getattr__(self, name: str) -> Any:
        if self._raw is None:
            raise AttributeError(name)
        return getattr(self._raw, name)


def prepare_streams() -> None:
    """Wrap stdout (see :class:`_Stdout`); keep closed descriptors 1 and 2 from being reused."""
    if sys.stdout is None:
        _hold_fd(1)
    if sys.stderr is None:
        _hold_fd(2)
    if not isinstance(sys.stdout, _Stdout):
        sys.stdout = _Stdout(sys.stdout)  # type: ignore[assignment]


def silence_stdout() -> None:
    """After a write error: point fd 1 at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def _hold_fd(fd: int) -> None:
    # A closed fd 1 or 2 would be reused by the next file opened (an index lock, a segment);
    # keep it on /dev/null so that nothing meant for the terminal lands in a file.
    try:
        os.fstat(fd)
    except OSError:
        new = os.open(os.devnull, os.O_RDWR)
        if new != fd:
            os.dup2(new, fd)
            os.close(new)


def open_data(data: str | None, rebuild: bool = False) -> tuple[IndexDir, Catalog]:
    from qdbench.catalog import open_index

    ix = open_index(data, rebuild=rebuild)
    if ix.note:
        note(ix.note)
    cat = ix.catalog()
    for p in cat.problems:
        note(f"skipped {p['text']}")
    return ix, cat
