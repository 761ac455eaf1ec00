"""Loading the data folder safely into models (finding it and its files: :mod:`qdbench.datadir`)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qdbench.datadir import (
    MAX_FILE_BYTES,
    MAX_NAME_BYTES,
    OPTIONAL_FILES,
    case_files,
    display_path,
    has_surrogates,
)
from qdbench.errors import CorpusError
from qdbench.models import Action, Case, Finding, Part, action_from, case_from, text_from

# A key path inside a YAML document, e.g. ("figures", 2, "cite"), mapped to its 1-based line.
KeyPath = tuple[Any, ...]
Lines = dict[KeyPath, int]


# --- safe YAML ------------------------------------------------------------------------------


def read_text(path: Path, shown: str) -> str:
    """A file's text as UTF-8, with errors that name the line.

    Only regular files are read (a symlink to a device or to /proc would otherwise be read
    without end), and never more than MAX_FILE_BYTES, whatever the size said beforehand.
    """
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise CorpusError(shown, f"the file name is too long (more than {MAX_NAME_BYTES} bytes)")
    if has_surrogates(path.name):
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
