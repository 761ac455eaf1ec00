"""Writing a document to the path a user named: the one policy for every ``-o FILE`` option.

- a regular file, or a missing one, is replaced atomically (a temp file beside it, then a
  rename): readers see the old or the new document, never a part. A new file gets the mode the
  umask allows, as any program's output would; an existing one keeps its mode;
- a symlink is followed and its target replaced atomically, so the link stays a link;
- a device or FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written through: renaming
  over it would put a regular file in its place and the reader would get nothing;
- ``-`` is standard output; an empty name is a usage error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from qdbench.errors import QdbenchError, UsageError


def write_output(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` by the policy above; QdbenchError on failure."""
    if path == "":
        raise UsageError("the output file name is empty", hint="give a file name, or - for standard output")
    if path == "-":
        sys.stdout.write(text)
        return
    try:
        # os.stat follows symlinks, /dev/stdout's link to a pipe included: what is written to?
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None  # a new file, or a symlink to one
    except OSError as e:
        raise QdbenchError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise QdbenchError(f"cannot write {path}: it is a directory")
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return
        # Replace the file a symlink (or a chain of them) leads to, not the link.
        target = Path(os.path.realpath(path))
        _replace(target, text.encode("utf-8"), None if st is None else stat.S_IMODE(st.st_mode))
    except OSError as e:
        raise QdbenchError(f"cannot write {path}: {e.strerror or e}") from None


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    # os.open with 0o666 lets the umask decide the mode of a new file (mkstemp would force 600).
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
