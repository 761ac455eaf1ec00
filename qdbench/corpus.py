"""Finding the data folder and loading it safely into models; the corpus fingerprint."""

from __future__ import annotations

import errno
import os
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qdbench.errors import CorpusError
from qdbench.models import Action, Case, Finding, Part, action_from, case_from, text_from

PACKAGE_DIR = Path(__file__).resolve().parent
# A wheel carries the corpus inside the package; a source checkout keeps it beside the package.
PACKAGED_DATA = PACKAGE_DIR / "_data"
SOURCE_DATA = PACKAGE_DIR.parent / "data"
MAX_FILE_BYTES = 1 << 20
# Longer names cannot get their record (name + ".json") and its temp file beside it on common
# file systems (255 bytes a name).
MAX_NAME_BYTES = 200

# A key path inside a YAML document, e.g. ("figures", 2, "cite"), mapped to its 1-based line.
KeyPath = tuple[Any, ...]
Lines = dict[KeyPath, int]


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
    return os.fsencode(shown).decode("utf-8", "backslashreplace") if _has_surrogates(shown) else shown


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# --- safe YAML ------------------------------------------------------------------------------


def read_text(path: Path, shown: str) -> str:
    """A file's text as UTF-8, with errors that name the line.

    Only regular files are read (a symlink to a device or to /proc would otherwise be read
    without end), and never more than MAX_FILE_BYTES, whatever the size said beforehand.
    """
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise CorpusError(shown, f"the file name is too long (more than {MAX_NAME_BYTES} bytes)")
    if _has_surrogates(path.name):
        raise CorpusError(shown, "the file name is not valid UTF-8")
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise CorpusError(shown, "not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise CorpusError(shown, f"file is too large ({st.st_size} bytes; the limit is {MAX_FILE_BYTES})")
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise CorpusError(shown, f"file is too large (more than {MAX_FILE_BYTES} bytes)")
    except OSError as e:
        raise CorpusError(shown, f"cannot be read: {e.strerror or e}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise CorpusError(shown, f"invalid UTF-8 (byte 0x{raw[e.start]:02x})", line=line) from None


def parse_yaml(text: str, shown: str) -> tuple[Any, Lines]:
    """Parse one YAML document safely; return it and the line of every key.

    Only standard tags are accepted (safe loading), and aliases are refused outright: a few
    anchors can otherwise expand into millions of nodes when the data is walked.
    """
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_cls(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            raise CorpusError(
                shown, f"YAML error: {e.problem or e.context}", line=mark.line + 1 if mark else None
            ) from None
        except yaml.YAMLError as e:
            raise CorpusError(shown, f"YAML error: {e}") from None
        if node is None:
            raise CorpusError(shown, "empty file")
        lines = _walk(node, shown)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            problem = (e.problem or "") + (f" ({e.context})" if e.context else "")
            raise CorpusError(shown, f"YAML error: {problem.strip()}", line=mark.line + 1 if mark else None) from None
        return data, lines
    finally:
        loader.dispose()


def _walk(root: Any, shown: str) -> Lines:
    """Record key lines; refuse aliases and duplicate keys (iteratively: no recursion limit)."""
    import yaml

    lines: Lines = {}
    seen: set[int] = set()
    stack: list[tuple[Any, KeyPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            raise CorpusError(
                shown, "YAML anchors and aliases (&name, *name) are not allowed", line=node.start_mark.line + 1
            )
        seen.add(id(node))
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else repr(k.value)
                if key in keys:
                    raise CorpusError(shown, f"duplicate key {key!r}", line=k.start_mark.line + 1)
                keys.add(key)
                lines[(*path, key)] = k.start_mark.line + 1
                stack.append((v, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                stack.append((v, (*path, i)))
    return lines


# --- the corpus -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFile:
    """A case file as read: its mapping, the line of each key, and the model built from it."""

    path: Path
    shown: str
    data: dict[str, Any]
    lines: Lines
    case: Case


@dataclass(frozen=True)
class DataFile:
    """A top-level data file as read: where it is shown, its data and the line of each key."""

    shown: str
    data: Any
    lines: Lines


@dataclass
class Corpus:
    data_dir: Path
    files: list[CaseFile] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    actions_data: Any = None
    actions_lines: Lines = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    # The optional v2 files as read, by name: None when the file is absent or unusable.
    extra: dict[str, DataFile | None] = field(default_factory=dict)

    def data_of(self, name: str) -> Any:
        """The parsed mapping of an optional file (places.yaml ...), or None."""
        f = self.extra.get(name)
        return f.data if f is not None else None

    @property
    def cases(self) -> list[Case]:
        return [f.case for f in self.files]


def load_case_file(path: Path, data_dir: Path) -> CaseFile:
    """Read and parse one case file; raises CorpusError if it cannot be used at all."""
    shown = display_path(path, data_dir)
    data, lines = parse_yaml(read_text(path, shown), shown)
    if not isinstance(data, dict):
        raise CorpusError(shown, f"a case file must be a mapping, not a {type(data).__name__}", line=1)
    case = case_from(data, shown)
    if not case.id:
        raise CorpusError(shown, "the case has no id", line=1)
    return CaseFile(path=path, shown=shown, data=data, lines=lines, case=case)


def load_actions(data_dir: Path, corpus: Corpus) -> None:
    """Read actions.yaml into the corpus; problems are recorded, not raised."""
    path = data_dir / "actions.yaml"
    shown = display_path(path, data_dir)
    if not path.is_file():
        corpus.problems.append(Finding(shown, None, "missing: the action items file"))
        return
    try:
        data, lines = parse_yaml(read_text(path, shown), shown)
    except CorpusError as e:
        corpus.problems.append(Finding(shown, e.line, e.detail))
        return
    corpus.actions_data, corpus.actions_lines = data, lines
    if not isinstance(data, dict):
        corpus.problems.append(Finding(shown, 1, "must be a mapping with 'parts' and 'actions'"))
        return
    for item in data.get("actions") or []:
        if isinstance(item, dict):
            corpus.actions.append(action_from(item))
    for item in data.get("parts") or []:
        if isinstance(item, dict) and isinstance(item.get("part"), int):
            corpus.parts.append(Part(part=item["part"], title=text_from(item.get("title"))))


def load_optional(data_dir: Path, corpus: Corpus) -> None:
    """Read places.yaml, indicators.yaml and qingdao.yaml where present; problems are recorded."""
    for name in OPTIONAL_FILES:
        path = data_dir / name
        corpus.extra[name] = None
        if not path.is_file():
            continue
        shown = display_path(path, data_dir)
        try:
            data, lines = parse_yaml(read_text(path, shown), shown)
        except CorpusError as e:
            corpus.problems.append(Finding(shown, e.line, e.detail))
            continue
        if not isinstance(data, dict):
            corpus.problems.append(Finding(shown, 1, f"{name} must be a mapping"))
            continue
        corpus.extra[name] = DataFile(shown=shown, data=data, lines=lines)


def load_corpus(data_dir: Path) -> Corpus:
    """Load every case file, the action items and the optional v2 files; unusable files become problems."""
    corpus = Corpus(data_dir=data_dir)
    load_actions(data_dir, corpus)
    load_optional(data_dir, corpus)
    for path in case_files(data_dir):
        try:
            corpus.files.append(load_case_file(path, data_dir))
        except CorpusError as e:
            corpus.problems.append(Finding(e.path, e.line, e.detail))
    return corpus


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
