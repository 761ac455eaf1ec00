"""Where indexes live, what they hold besides Whoosh, and whether they are fresh.

An index is a directory holding the Whoosh files plus:

- ``manifest.json``: schema version, the stat fingerprint and a content hash per corpus file;
- ``catalog.json``: parts, action items, one light record per case (ids, titles, places, actions,
  related slugs, similarity signature), the gazetteer, the indicators, and the files that could
  not be loaded;
- ``bench.json``: Qingdao's position, and each case's indicator figures, updates
  and their sources: read only by the commands that need them (compare, updates, stats...), so
  that ``show`` and ``search`` do not parse them on every start;
- ``records/<case file>.json``: each case's full data, so ``show`` never imports YAML or Whoosh.

The index of the shipped corpus is built into the wheel (read-only at run time). Any other
corpus, or a stale one, is indexed under the user cache directory: ``CURRENT`` names the live
generation directory and is replaced atomically, so a reader always sees a complete index.
Nothing here imports Whoosh; building is in :mod:`qdbench.index`.

A generation is never changed once it is live (an update is a new generation: a copy made of
hard links, changed, then swapped in), so its manifest can list the size and modification time
of every file it holds; they are compared whenever the generation is opened. Anything that does
not match or cannot be read (the pointer, the manifest, the catalog, a record) means the index
is damaged: it is rebuilt, with one line on stderr, and never used as found.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qdbench import datadir
from qdbench.errors import CacheDamaged, CorpusError, QdbenchError

# The one version of everything an index holds: bump it when the catalog, the records, the
# Whoosh schema, the codec or the text analysis change. Every index of another version is
# treated as missing and rebuilt; the check needs no Whoosh import.
INDEX_VERSION = 11
# In a record, beside the case's own data: its references formatted once at index time (GB/T
# 7714-2025, as `show` prints them), so that showing a case needs no citation formatter.
REFERENCES_KEY = "_gbt7714"
BENCH_FILE = "bench.json"
# What bench.json adds to each case's catalog entry.
BENCH_KEYS = ("figures", "updates", "sources")
PACKAGED_INDEX = datadir.PACKAGE_DIR / "_index"
# Files of a generation that are not part of its content: the manifest lists the others.
UNLISTED = frozenset({"manifest.json", "MAIN_WRITELOCK"})
# A generation no longer current is removed once it has been replaced for this long: a command
# that read CURRENT just before the swap may still be reading it.
RETAIN_SECONDS = 30.0
# A cache root whose index no command has used for this long is removed at the next write.
UNUSED_DAYS = 90
_GEN_NAME = re.compile(r"gen-[0-9]+-[0-9]+")


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

    # os.fsencode: a folder name may hold bytes that are not UTF-8 (the same key otherwise).
    key = hashlib.sha256(os.fsencode(data_dir)).hexdigest()[:16]
    return cache_dir() / "indexes" / key


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    import tempfile

    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            os.replace(tmp, path)
        except IsADirectoryError:  # something made a directory of the name: the file wins
            import shutil

            shutil.rmtree(path, ignore_errors=True)
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_json(path: Path, data: Any, ascii_only: bool = False) -> None:
    # ascii_only keeps paths with bytes that are not UTF-8 (surrogates) lossless in JSON.
    write_atomic(path, json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"), default=str))


def read_json(path: Path) -> Any:
    """A JSON file of an index; CacheDamaged if it is missing, unreadable or not JSON."""
    try:
        with open(path, "rb") as f:
            return json.loads(f.read().decode("utf-8", "surrogateescape"))
    except (OSError, ValueError, RecursionError) as e:
        raise CacheDamaged(f"{path.name} cannot be read ({type(e).__name__})") from None


class IndexDir:
    """A usable index generation and what checking it found.

    A plain class, not a dataclass: it is made on every start, and dataclasses cost their code
    generation at import (see :mod:`qdbench.models`).
    """

    __slots__ = ("_catalog", "data_dir", "manifest", "note", "path")

    def __init__(self, path: Path, data_dir: Path, note: str | None = None, manifest: dict[str, Any] | None = None):
        self.path = path
        self.data_dir = data_dir
        self.note = note
        self.manifest = manifest
        self._catalog: list[Catalog] = []

    def __repr__(self) -> str:
        return f"IndexDir(path={self.path!r}, data_dir={self.data_dir!r}, note={self.note!r})"

    def catalog(self) -> Catalog:
        """The generation's catalog (read once); CacheDamaged if it cannot be."""
        if not self._catalog:
            cat = Catalog(self.path, read_json(self.path / "catalog.json"), manifest=self.manifest)
            self._catalog.append(cat)
        return self._catalog[0]


class Catalog:
    """The light, Whoosh-free view of an index: cases, actions, parts, load problems."""

    def __init__(self, path: Path, data: dict[str, Any], manifest: dict[str, Any] | None = None) -> None:
        self.path = path
        self._manifest = manifest
        try:
            self.parts: list[dict[str, Any]] = list(data["parts"])
            self.actions: list[dict[str, Any]] = list(data["actions"])
            self.cases: list[dict[str, Any]] = list(data["cases"])
            self.problems: list[dict[str, str]] = list(data["problems"])
            self.by_id = {c["id"]: c for c in self.cases}
            self.by_slug = {c["slug"]: c for c in self.cases if c.get("slug")}
            self.actions_by_id = {a["id"]: a for a in self.actions}
            # Contract v2: places.yaml and indicators.yaml as read (empty when absent); qingdao.yaml
            # and the cases' figures and updates are in bench.json, read on first use.
            self.gazetteer: dict[str, Any] = data.get("gazetteer") or {}
            self.indicators: dict[str, Any] = data.get("indicators") or {}
            self._bench: dict[str, Any] | None = None
            self.place_terms = frozenset(tuple(x) for x in data.get("place_terms") or [] if isinstance(x, list))
            # Which cases report each indicator, by year (qdbench.figure_index), for search.
            self.figure_index: list[dict[str, Any]] = [x for x in data.get("figure_index") or [] if isinstance(x, dict)]
            needed = ("file", "path", "part", "title", "city", "country", "actions")
            if any(k not in c for c in self.cases for k in needed) or any("text" not in p for p in self.problems):
                raise KeyError("entry")
        except (KeyError, TypeError, AttributeError) as e:
            raise CacheDamaged(f"catalog.json is not a catalog ({type(e).__name__})") from None

    @property
    def qingdao(self) -> dict[str, Any]:
        """qingdao.yaml as read (empty when absent)."""
        return self._load_bench()["qingdao"]

    def with_bench(self) -> list[dict[str, Any]]:
        """The case entries with their indicator figures, updates and sources (``BENCH_KEYS``)."""
        self._load_bench()
        return self.cases

    def _load_bench(self) -> dict[str, Any]:
        if self._bench is not None:
            return self._bench
        path = self.path / BENCH_FILE
        try:
            self._check_record(path, BENCH_FILE)
            data = read_json(path)
            per_case = data["cases"]
            bench = {"qingdao": data.get("qingdao") or {}}
            if not all(isinstance(v, dict) for v in (per_case, bench["qingdao"])):
                raise TypeError
            for e in self.cases:
                fields = per_case.get(e["file"]) or {}
                for k in BENCH_KEYS:
                    e[k] = fields.get(k) or ({} if k == "sources" else [])
        except CacheDamaged as e:
            raise CacheDamaged(e.reason, index=self.path) from None
        except (KeyError, TypeError, AttributeError) as e:
            raise CacheDamaged(f"bench.json is not an index file ({type(e).__name__})", index=self.path) from None
        self._bench = bench
        return bench

    def record(self, entry: dict[str, Any]) -> dict[str, Any]:
        """The full data of one case, as stored at index time.

        Records are compared with the manifest's file table when read, not when the index is
        opened: a command reads a few of them, and 10,000 stats on every start would not be free.
        """
        name = f"{entry['file']}.json"
        path = self.path / "records" / name
        try:
            self._check_record(path, f"records/{name}")
            rec = read_json(path)
        except CacheDamaged as e:
            raise CacheDamaged(e.reason, index=self.path) from None
        if not isinstance(rec, dict):
            raise CacheDamaged(f"the record of {entry['file']} is not a case", index=self.path)
        return rec

    @staticmethod
    def references(record: dict[str, Any]) -> list[str] | None:
        """The record's references as formatted at index time; None if it has none stored."""
        refs = record.get(REFERENCES_KEY)
        return refs if isinstance(refs, list) and all(isinstance(r, str) for r in refs) else None

    def _check_record(self, path: Path, listed: str) -> None:
        if self._manifest is None:
            self._manifest = read_manifest(self.path) or {}
        want = (self._manifest.get("index_files") or {}).get(listed)
        try:
            st = os.stat(path)
        except OSError:
            raise CacheDamaged(f"{listed} is missing") from None
        if not (isinstance(want, list) and len(want) == 2):
            raise CacheDamaged(f"{listed} is not in the manifest")
        if st.st_size != want[0] or (self.path != PACKAGED_INDEX and st.st_mtime_ns != want[1]):
            raise CacheDamaged(f"{listed} has been modified")


# --- freshness ------------------------------------------------------------------------------


def read_manifest(index_path: Path) -> dict[str, Any] | None:
    """The manifest of an index of this version, or None (missing, garbled or another version)."""
    try:
        m = read_json(index_path / "manifest.json")
    except CacheDamaged:
        return None
    return m if isinstance(m, dict) and m.get("format") == INDEX_VERSION else None


def _unreadable_manifest(gen: Path) -> bool:
    """Whether a manifest exists but is garbled (not one of another index version)."""
    if not (gen / "manifest.json").exists():
        return False
    try:
        m = read_json(gen / "manifest.json")
    except CacheDamaged:
        return True
    return not (isinstance(m, dict) and isinstance(m.get("format"), int))


def file_table(gen: Path, records: bool = True) -> dict[str, list[int]]:
    """Size and modification time of every file of a generation (the manifest's ``index_files``)."""
    table: dict[str, list[int]] = {}
    for sub in ("", "records") if records else ("",):
        with os.scandir(gen / sub) as it:
            for e in it:
                if e.is_file(follow_symlinks=False) and e.name not in UNLISTED and not e.name.endswith(".tmp"):
                    st = e.stat(follow_symlinks=False)
                    table[f"{sub}/{e.name}" if sub else e.name] = [st.st_size, st.st_mtime_ns]
    return table


def damage(gen: Path, manifest: dict[str, Any], mtimes: bool = True) -> str | None:
    """What is wrong with a generation's files, or None if they are as the manifest lists them.

    The packaged index is compared by size only: installing a wheel sets new times.
    """
    want = manifest.get("index_files")
    if not isinstance(want, dict) or "catalog.json" not in want:
        return "the manifest lists no files"
    try:
        have = file_table(gen, records=False)
    except OSError as e:
        return f"cannot list the index ({e.strerror or e})"
    want = {k: v for k, v in want.items() if not k.startswith("records/")}  # checked when read
    for name, expected in want.items():
        got = have.get(name)
        if got is None:
            return f"{name} is missing"
        if not (isinstance(expected, list) and len(expected) == 2):
            return "the manifest is garbled"
        if got[0] != expected[0]:
            return f"{name} has changed size"
        if mtimes and got[1] != expected[1]:
            return f"{name} has been modified"
    if not mtimes:
        return None
    extra = sorted(set(have) - set(want))
    return f"{extra[0]} does not belong to it" if extra else None


def current_generation(root: Path) -> Path | None:
    """The live generation named by CURRENT, or None if the pointer is missing or garbled."""
    try:
        name = (root / "CURRENT").read_bytes().decode("ascii").strip()
    except (OSError, ValueError):
        return None
    if not _GEN_NAME.fullmatch(name):  # also keeps a garbled pointer from leaving the root
        return None
    gen = root / name
    return gen if gen.is_dir() else None


def _matches(manifest: dict[str, Any], stat_fp: str, data_dir: Path) -> bool:
    return manifest.get("stat") == stat_fp or manifest.get("files") == datadir.content_hashes(data_dir)


def _packaged_fresh(manifest: dict[str, Any], stat_fp: str, data_dir: Path) -> bool:
    """Whether the wheel's index matches the wheel's corpus.

    Installs give files new times, so the stat fingerprint never matches the one recorded at
    build time; once the contents have been hashed and found equal, the user cache remembers
    that for these times, and later runs skip the hashing.
    """
    memo = cache_dir() / "packaged-index-checked"
    token = f"{PACKAGED_INDEX}|{manifest.get('built')}|{stat_fp}"
    try:
        if memo.read_bytes() == token.encode("utf-8", "surrogateescape"):
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
def _locked(root: Path, wait: bool = True) -> Iterator[bool]:
    """Serialise index writers of one cache root across processes.

    Yields False instead of waiting when ``wait`` is false and another process holds the lock.
    """
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+") as f:
        try:
            import fcntl
        except ImportError:  # Windows: Whoosh's own lock still guards the index files.
            yield True
            return
        try:
            fcntl.flock(f, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


# Generations found damaged while this process used them (a search that failed on a segment):
# never used again, whatever their file table says.
_DISTRUSTED: set[Path] = set()


def distrust(index: Path, reason: str) -> None:
    _DISTRUSTED.add(Path(index))
    _DISTRUST_REASONS[Path(index)] = reason


_DISTRUST_REASONS: dict[Path, str] = {}


def _usable(gen: Path | None) -> tuple[dict[str, Any] | None, str | None]:
    """The manifest of a generation if its files are intact, else (None, what is wrong or None)."""
    if gen is None:
        return None, None
    if gen in _DISTRUSTED:
        return None, _DISTRUST_REASONS.get(gen, "it could not be read")
    m = read_manifest(gen)
    if m is None:
        # An index of another version is outdated, not damaged: it is rebuilt without a warning.
        return None, "its manifest cannot be read" if _unreadable_manifest(gen) else None
    why = damage(gen, m)
    return (m, None) if why is None else (None, why)


def ensure_index(data_dir: Path, rebuild: bool = False) -> IndexDir:
    """A fresh, intact index for ``data_dir``, building or updating it in the cache if needed."""
    stat_fp = datadir.stat_fingerprint(data_dir)
    if not rebuild and data_dir == datadir.PACKAGED_DATA.resolve() and PACKAGED_INDEX not in _DISTRUSTED:
        m = read_manifest(PACKAGED_INDEX)
        if m is not None and damage(PACKAGED_INDEX, m, mtimes=False) is None and _packaged_fresh(m, stat_fp, data_dir):
            return IndexDir(PACKAGED_INDEX, data_dir, manifest=m)
    root = cache_root(data_dir)
    if not rebuild:
        gen = current_generation(root)
        m, _ = _usable(gen)
        if gen is not None and m is not None and m.get("stat") == stat_fp:
            _mark_used(root)
            return IndexDir(gen, data_dir, manifest=m)
    try:
        with _locked(root):
            return _refresh(data_dir, root, rebuild)
    except CacheDamaged:
        raise
    except OSError as e:
        raise QdbenchError(
            f"cannot write the index under {root}: {e.strerror or e}",
            hint="set QDBENCH_CACHE to a writable directory",
        ) from None


def _refresh(data_dir: Path, root: Path, rebuild: bool) -> IndexDir:
    from qdbench import index

    _remove_stale_temps(root)
    stat_fp = datadir.stat_fingerprint(data_dir)
    gen = current_generation(root)
    m, why = _usable(gen)
    started = time.perf_counter()
    shown = str(data_dir)
    if not rebuild and gen is not None and m is not None:
        if m.get("stat") == stat_fp:  # another process refreshed it while we waited
            return IndexDir(gen, data_dir)
        hashes = datadir.content_hashes(data_dir)
        if m.get("files") == hashes:
            # Only the manifest changes (atomically): the same content under new file times.
            m["stat"] = stat_fp
            write_json(gen / "manifest.json", m, ascii_only=True)
            return IndexDir(gen, data_dir)
        try:
            updated = index.update_index(gen, data_dir, m, hashes, stat_fp, root)
        except CacheDamaged as e:
            updated, why = None, e.reason
        if updated is not None:
            new_gen, changed = updated
            _swap(root, new_gen, gen)
            took = time.perf_counter() - started
            note = f"index updated for {shown}: {changed} file(s) changed ({took:.2f} s)"
            return IndexDir(new_gen, data_dir, note=note)
    new_gen = index.build_index(data_dir, root)
    _swap(root, new_gen, gen)
    took = time.perf_counter() - started
    n = len(read_json(new_gen / "catalog.json")["cases"])
    done = f"index built for {shown}: {n} cases ({took:.2f} s)"
    if why and not rebuild:
        done = f"the index was damaged ({why}); {done}"
    _prune_unused(exclude=root)
    return IndexDir(new_gen, data_dir, note=done)


def _swap(root: Path, new_gen: Path, old: Path | None) -> None:
    write_atomic(root / "CURRENT", new_gen.name + "\n")
    write_atomic(root / "DATA_DIR", os.fsencode(_data_dir_of(new_gen) or ""))
    _mark_used(root, force=True)
    _remove_old_generations(root, keep={new_gen.name, old.name if old else ""})


def _data_dir_of(gen: Path) -> str | None:
    m = read_manifest(gen)
    return m.get("data_dir") if m else None


def _remove_stale_temps(root: Path) -> None:
    """Temp directories and files of writers that died: the caller holds the root's lock."""
    import shutil

    for child in root.iterdir():
        if child.name.startswith("tmp-") and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith(".") and child.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                child.unlink()


def _gen_time(name: str) -> float | None:
    try:
        return int(name.split("-")[1]) / 1e9
    except (IndexError, ValueError):
        return None


def _remove_old_generations(root: Path, keep: set[str], now: float | None = None) -> None:
    """Remove generations replaced more than RETAIN_SECONDS ago (never the two newest)."""
    import shutil

    now = time.time() if now is None else now
    gens = sorted(
        (t, c.name) for c in root.iterdir() if c.name.startswith("gen-") and (t := _gen_time(c.name)) is not None
    )
    for (_, name), (replaced_at, _) in itertools.pairwise(gens):
        # A generation is replaced when the next one is made.
        if name not in keep and now - replaced_at >= RETAIN_SECONDS:
            shutil.rmtree(root / name, ignore_errors=True)


# --- cache roots: use, pruning -------------------------------------------------------------


def _mark_used(root: Path, force: bool = False) -> None:
    """Note that the root's index is used, at most once a day (one stat on every other run)."""
    used = root / "USED"
    try:
        if not force and time.time() - used.stat().st_mtime < 86400:
            return
        used.touch()
    except OSError:
        with contextlib.suppress(OSError):
            used.touch()


def _root_data_dir(root: Path) -> Path | None:
    try:
        raw = (root / "DATA_DIR").read_bytes()
    except OSError:
        gen = current_generation(root)
        dd = _data_dir_of(gen) if gen else None
        return Path(dd) if dd else None
    return Path(os.fsdecode(raw)) if raw else None


def _last_used(root: Path) -> float:
    for name in ("USED", "CURRENT", ".lock"):
        with contextlib.suppress(OSError):
            return (root / name).stat().st_mtime
    return 0.0


def prune(vanished: bool = True, unused_days: float = UNUSED_DAYS, exclude: Path | None = None) -> list[Path]:
    """Remove cache roots whose data folder no longer exists (if ``vanished``) or unused for
    ``unused_days``; return the data folders (or roots, when unknown) that were removed.

    A root being written by another process is left alone.
    """
    import shutil

    base = cache_dir() / "indexes"
    removed: list[Path] = []
    try:
        roots = [r for r in base.iterdir() if r.is_dir() and r != exclude]
    except OSError:
        return removed
    now = time.time()
    for root in roots:
        dd = _root_data_dir(root)
        gone = vanished and (dd is None or not (dd / "cases").is_dir())
        old = now - _last_used(root) > unused_days * 86400
        if not (gone or old):
            continue
        with contextlib.suppress(OSError), _locked(root, wait=False) as got:
            if got:
                shutil.rmtree(root, ignore_errors=True)
                removed.append(dd or root)
    return removed


def _prune_unused(exclude: Path) -> None:
    with contextlib.suppress(OSError):
        prune(vanished=False, exclude=exclude)


def open_index(data_arg: str | None, rebuild: bool = False) -> IndexDir:
    """Resolve the data folder and return a fresh index for it."""
    data_dir = datadir.resolve_data_dir(data_arg)
    if not (data_dir / "actions.yaml").is_file() and not datadir.case_files(data_dir):
        raise CorpusError(str(data_dir), "the data folder has no cases and no actions.yaml")
    ix = ensure_index(data_dir, rebuild=rebuild)
    try:
        ix.catalog()
    except CacheDamaged as e:  # damaged in a way its file table cannot show: rebuild once
        rebuilt = ensure_index(data_dir, rebuild=True)
        return IndexDir(rebuilt.path, data_dir, note=f"the index was damaged ({e.reason}); {rebuilt.note}")
    return ix
