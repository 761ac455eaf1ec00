"""Where the data folder is, which files make it up, and their fingerprints.

Kept apart from :mod:`qdbench.corpus` (which loads the YAML into models) so that the catalog,
on every start, checks the cache against the files without importing the models.
"""

from __future__ import annotations

import errno
import os
import stat
import zlib
from pathlib import Path

from qdbench.errors import CorpusError

PACKAGE_DIR = Path(__file__).resolve().parent
# A wheel carries the corpus inside the package; a source checkout keeps it beside the package.
PACKAGED_DATA = PACKAGE_DIR / "_data"
SOURCE_DATA = PACKAGE_DIR.parent / "data"
MAX_FILE_BYTES = 1 << 20
# Longer names cannot get their record (name + ".json") and its temp file beside it on common
# file systems (255 bytes a name).
MAX_NAME_BYTES = 200


def default_data_dir() -> Path:
    """The corpus used when neither --data nor QDBENCH_DATA names one."""
    if (PACKAGED_DATA / "cases").is_dir():
        return PACKAGED_DATA
    return SOURCE_DATA


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use: ``arg``, else $QDBENCH_DATA, else the shipped corpus."""
    raw = arg if arg not in (None, "") else os.environ.get("QDBENCH_DATA") or None
    path = Path(raw).expanduser() if raw is not None else default_data_dir()
    if not path.is_dir():
        raise CorpusError(
            str(path), "no such data folder", hint="pass --data DIR, a folder with cases/ and actions.yaml"
        )
    if not (path / "cases").is_dir():
        raise CorpusError(str(path), "not a qdbench data folder: it has no cases/ folder")
    return path.resolve()


def case_files(data_dir: Path) -> list[Path]:
    """The case files of a data folder, in name order.

    Hidden files (``.case-001.yaml``, macOS's ``._case-001.yaml``) are not cases. Anything else
    named ``*.yaml`` is listed, even if it cannot be read: loading it names the problem.
    """
    cases = data_dir / "cases"
    try:
        with os.scandir(cases) as it:
            # DirEntry.is_dir needs no stat call (except for a symlink): this runs on every start.
            names = [e.name for e in it if e.name.endswith(".yaml") and not e.name.startswith(".") and not _is_dir(e)]
    except OSError as e:
        raise CorpusError(display_path(cases, data_dir), f"cannot be read: {e.strerror or e}") from None
    if names and not os.access(cases, os.X_OK):  # names listed, but no file in it can be opened
        raise CorpusError(display_path(cases, data_dir), f"cannot be read: {os.strerror(errno.EACCES)}")
    return [cases / n for n in sorted(names)]


def _is_dir(e: os.DirEntry[str]) -> bool:
    try:
        return e.is_dir()
    except OSError:
        return False


# Contract v2: the gazetteer, the indicators and Qingdao's own position. Each is optional: a
# folder without one has no places, indicators or Qingdao data (and `check` says what needs them).
OPTIONAL_FILES = ("places.yaml", "indicators.yaml", "qingdao.yaml")


def corpus_files(data_dir: Path) -> list[Path]:
    """Every file whose content the index depends on."""
    # Every top-level YAML file (actions, synonyms, and whatever data the corpus gains) counts:
    # a change to any of them must reach the index.
    top = sorted(p for p in data_dir.glob("*.yaml") if p.is_file() and not p.name.startswith("."))
    return [*top, *case_files(data_dir)]


def display_path(path: Path, data_dir: Path) -> str:
    """A path as users see it in messages: relative to the data folder's parent.

    Bytes of the name that are not UTF-8 are shown as escapes (\\xff), so the text can be
    stored and printed.
    """
    try:
        shown = str(path.relative_to(data_dir.parent))
    except ValueError:
        shown = str(path)
    return os.fsencode(shown).decode("utf-8", "backslashreplace") if has_surrogates(shown) else shown


def has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# --- fingerprints ---------------------------------------------------------------------------


def stat_fingerprint(data_dir: Path) -> str:
    """A cheap fingerprint: names, sizes and modification times of every corpus file.

    CRC-32 is enough to notice a change (hashlib alone costs 3 ms to import); the file count and
    total size are kept in clear beside it.
    """
    crc, count, total = 0, 0, 0
    for path in corpus_files(data_dir):
        try:
            st = path.stat()
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError as e:  # loading the file names the problem; here it is only a change
            size, mtime = -1, e.errno or 0
        crc = zlib.crc32(os.fsencode(path.name) + f"\0{size}\0{mtime}\n".encode(), crc)
        count += 1
        total += max(size, 0)
    return f"{count}-{total}-{crc:08x}"


def content_hashes(data_dir: Path) -> dict[str, str]:
    """SHA-256 of each corpus file's bytes, by name relative to the data folder.

    Used when the stat fingerprint differs: wheels and copies change modification times
    without changing content.
    """
    out = {}
    for path in corpus_files(data_dir):
        out[path.relative_to(data_dir).as_posix()] = file_hash(path)
    return out


def file_hash(path: Path) -> str:
    """SHA-256 of a file read in chunks; a file that is not read as a case gets a marker instead.

    A file too large, not regular or unreadable is rejected when loaded: hashing it would only
    cost time and memory (a 2 GB sparse file, /proc/self/pagemap).
    """
    import hashlib

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return f"unread:{st.st_mode:o}:{st.st_size}:{st.st_mtime_ns}"
        h, n = hashlib.sha256(), 0
        with open(path, "rb") as f:
            # The size said nothing (a /proc file says 0): stop past the limit all the same.
            while n <= MAX_FILE_BYTES and (chunk := f.read(1 << 16)):
                h.update(chunk)
                n += len(chunk)
        return h.hexdigest() if n <= MAX_FILE_BYTES else f"unread:large:{st.st_mtime_ns}"
    except OSError as e:
        return f"unreadable:{e.errno}"
