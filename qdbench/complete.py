"""Shell completion values: case ids and slugs, action ids, countries and cities.

Completion runs on every TAB, so it reads the catalog of whatever index already exists (the
wheel's, or the current generation in the user cache) and nothing else: no Whoosh, no YAML, no
freshness check, never a build. Without any index it offers the case ids the file names give.
"""

from __future__ import annotations

from pathlib import Path

from qdbench import catalog as cat_mod
from qdbench import datadir
from qdbench.errors import QdbenchError


def peek_catalog(data: str | None) -> cat_mod.Catalog | Path | None:
    """The existing catalog for a data folder, else the folder itself (for file names), else None."""
    try:
        data_dir = datadir.resolve_data_dir(data)
    except QdbenchError:
        return None
    candidates = []
    if data_dir == datadir.PACKAGED_DATA.resolve():
        candidates.append(cat_mod.PACKAGED_INDEX)
    gen = cat_mod.current_generation(cat_mod.cache_root(data_dir))
    if gen is not None:
        candidates.append(gen)
    for path in candidates:
        try:
            return cat_mod.Catalog(path, cat_mod.read_json(path / "catalog.json"))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return data_dir


def _starts(values: list[str], incomplete: str) -> list[str]:
    low = incomplete.lower()
    seen: dict[str, None] = {}
    for v in values:
        if v and v.lower().startswith(low):
            seen.setdefault(v, None)
    return list(seen)


def cases(cat: cat_mod.Catalog | Path | None, incomplete: str) -> list[str]:
    """Case ids and slugs starting with ``incomplete``."""
    if cat is None:
        return []
    if isinstance(cat, Path):
        return _starts([p.stem for p in datadir.case_files(cat)], incomplete)
    return _starts([c["id"] for c in cat.cases] + [c.get("slug", "") for c in cat.cases], incomplete)


def actions(cat: cat_mod.Catalog | Path | None, incomplete: str) -> list[str]:
    """Action ids starting with ``incomplete`` (A5 offers A5.1, A5.2 ...)."""
    if not isinstance(cat, cat_mod.Catalog):
        return []
    return _starts([a["id"] for a in cat.actions], incomplete)


def places(cat: cat_mod.Catalog | Path | None, field: str, incomplete: str) -> list[str]:
    """Country or city names, Chinese and English, starting with ``incomplete``."""
    if not isinstance(cat, cat_mod.Catalog):
        return []
    return sorted(_starts([name for c in cat.cases for name in c[field]], incomplete))
