"""Where indexes live, what they hold besides Whoosh, and whether they are fresh.

An index is a directory holding the Whoosh files plus:

- ``manifest.json``: schema version, the stat fingerprint and a content hash per corpus file;
- ``catalog.json``: parts, action items, one light record per case (ids, titles, places, actions,
  related slugs, similarity signature) and the files that could not be loaded;
- ``records/<case file>.json``: each case's full data, so ``show`` never imports YAML or Whoosh.

The index of the shipped corpus is built into the wheel (read-only at run time). Any other
corpus, or a stale one, is indexed under the user cache directory: ``CURRENT`` names the live
generation directory and is replaced atomically, so a reader always sees a complete index.
Nothing here imports Whoosh; building is in :mod:`qdbench.index`.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qdbench import corpus as corpus_mod
from qdbench.errors import CorpusError, QdbenchError

# The one version of everything an index holds: bump it when the catalog, the records, the
# Whoosh schema, the codec or the text analysis change. Every index of another version is
# treated as missing and rebuilt; the check needs no Whoosh import.
INDEX_VERSION = 5
PACKAGED_INDEX = corpus_mod.PACKAGE_DIR / "_index"


def cache_dir() -> Path:
    """The per-user cache directory for qdbench ($QDBENCH_CACHE overrides).

    platformdirs gives the platform's place: $XDG_CACHE_HOME/qdbench (else ~/.cache/qdbench)
    on Linux, ~/Library/Caches/qdbench on macOS, %LOCALAPPDATA%\\qdbench on Windows.
    """
    if env := os.environ.get("QDBENCH_CACHE"):
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("qdbench", appauthor=False, opinion=False)


def cache_root(data_dir: Path) -> Path:
    """The cache directory for one data folder's index generations."""
    import hashlib

    key = hashlib.sha256(str(data_dir).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "indexes" / key


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str))


def read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class IndexDir:
    """A usable index generation and what checking it found."""

    path: Path
    data_dir: Path
    note: str | None = None

    def catalog(self) -> Catalog:
        return Catalog(self.path, read_json(self.path / "catalog.json"))


class Catalog:
    """The light, Whoosh-free view of an index: cases, actions, parts, load problems."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.parts: list[dict[str, Any]] = data["parts"]
        self.actions: list[dict[str, Any]] = data["actions"]
        self.cases: list[dict[str, Any]] = data["cases"]
        self.problems: list[str] = data["problems"]
        self.by_id = {c["id"]: c for c in self.cases}
        self.by_slug = {c["slug"]: c for c in self.cases if c.get("slug")}
        self.actions_by_id = {a["id"]: a for a in self.actions}

    def record(self, entry: dict[str, Any]) -> dict[str, Any]:
        """The full data of one case, as stored at index time."""
        return read_json(self.path / "records" / f"{entry['file']}.json")  # type: ignore[no-any-return]


# --- freshness ------------------------------------------------------------------------------


def read_manifest(index_path: Path) -> dict[str, Any] | None:
    try:
        m = read_json(index_path / "manifest.json")
    except (OSError, ValueError):
        return None
    return m if isinstance(m, dict) and m.get("format") == INDEX_VERSION else None


def current_generation(root: Path) -> Path | None:
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    gen = root / name
    return gen if name and gen.is_dir() else None


def _matches(manifest: dict[str, Any], stat_fp: str, data_dir: Path) -> bool:
    return manifest.get("stat") == stat_fp or manifest.get("files") == corpus_mod.content_hashes(data_dir)


def _packaged_fresh(manifest: dict[str, Any], stat_fp: str, data_dir: Path) -> bool:
    """Whether the wheel's index matches the wheel's corpus.

    Installs give files new times, so the stat fingerprint never matches the one recorded at
    build time; once the contents have been hashed and found equal, the user cache remembers
    that for these times, and later runs skip the hashing.
    """
    memo = cache_dir() / "packaged-index-checked"
    token = f"{PACKAGED_INDEX}|{manifest.get('built')}|{stat_fp}"
    try:
        if memo.read_text(encoding="utf-8") == token:
            return True
    except OSError:
        pass
    if not _matches(manifest, stat_fp, data_dir):
        return False
    with contextlib.suppress(OSError):  # a read-only cache only costs the hashing next time
        memo.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(memo, token)
    return True


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Serialise index writers of one cache root across processes."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+") as f:
        try:
            import fcntl
        except ImportError:  # Windows: Whoosh's own lock still guards the index files.
            yield
            return
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def ensure_index(data_dir: Path, rebuild: bool = False) -> IndexDir:
    """A fresh index for ``data_dir``, building or updating it in the cache if needed."""
    stat_fp = corpus_mod.stat_fingerprint(data_dir)
    if not rebuild and data_dir == corpus_mod.PACKAGED_DATA.resolve():
        m = read_manifest(PACKAGED_INDEX)
        if m is not None and _packaged_fresh(m, stat_fp, data_dir):
            return IndexDir(PACKAGED_INDEX, data_dir)
    root = cache_root(data_dir)
    gen = current_generation(root)
    if not rebuild and gen is not None:
        m = read_manifest(gen)
        if m is not None and m.get("stat") == stat_fp:
            return IndexDir(gen, data_dir)
    try:
        with _locked(root):
            return _refresh(data_dir, root, rebuild)
    except OSError as e:
        raise QdbenchError(
            f"cannot write the index under {root}: {e.strerror or e}",
            hint="set QDBENCH_CACHE to a writable directory",
        ) from None


def _refresh(data_dir: Path, root: Path, rebuild: bool) -> IndexDir:
    from qdbench import index

    stat_fp = corpus_mod.stat_fingerprint(data_dir)
    gen = current_generation(root)
    m = read_manifest(gen) if gen is not None else None
    started = time.perf_counter()
    shown = str(data_dir)
    if not rebuild and gen is not None and m is not None:
        if m.get("stat") == stat_fp:  # another process refreshed it while we waited
            return IndexDir(gen, data_dir)
        hashes = corpus_mod.content_hashes(data_dir)
        if m.get("files") == hashes:
            m["stat"] = stat_fp
            write_json(gen / "manifest.json", m)
            return IndexDir(gen, data_dir)
        changed = index.update_index(gen, data_dir, m, hashes, stat_fp)
        if changed is not None:
            took = time.perf_counter() - started
            note = f"index updated for {shown}: {changed} file(s) changed ({took:.2f} s)"
            return IndexDir(gen, data_dir, note=note)
    new_gen = index.build_index(data_dir, root)
    write_atomic(root / "CURRENT", new_gen.name + "\n")
    _remove_old_generations(root, keep={new_gen.name, gen.name if gen else ""})
    took = time.perf_counter() - started
    n = len(read_json(new_gen / "catalog.json")["cases"])
    return IndexDir(new_gen, data_dir, note=f"index built for {shown}: {n} cases ({took:.2f} s)")


def _remove_old_generations(root: Path, keep: set[str]) -> None:
    # The previous generation stays one round: a search that read CURRENT before the swap
    # may still be opening it.
    import shutil

    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("gen-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def open_index(data_arg: str | None, rebuild: bool = False) -> IndexDir:
    """Resolve the data folder and return a fresh index for it."""
    data_dir = corpus_mod.resolve_data_dir(data_arg)
    if not (data_dir / "actions.yaml").is_file() and not corpus_mod.case_files(data_dir):
        raise CorpusError(str(data_dir), "the data folder has no cases and no actions.yaml")
    return ensure_index(data_dir, rebuild=rebuild)
