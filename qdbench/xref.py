"""Resolving case ids, filtering the catalog, and action <-> case cross-references."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple

from qdbench import analysis
from qdbench.catalog import Catalog
from qdbench.errors import NotFound, UsageError

Entry = dict[str, Any]
_SAFE_KEY = re.compile(r"[\w.\-]+")


def resolve_case(catalog: Catalog, key: str) -> Entry:
    """A case by id (``case-042``), number (``42``) or slug; NotFound with suggestions."""
    k = key.strip()
    if not k:
        raise UsageError("the case id is empty", hint="give an id such as case-001, a number or a slug")
    if not _SAFE_KEY.fullmatch(k) or len(k) > 200:
        raise UsageError(f"{short(key)} is not a case id, number or slug")
    low = k.lower()
    if low in catalog.by_id:
        return catalog.by_id[low]
    if low.isdigit():
        cid = f"case-{int(low):03d}"
        if cid in catalog.by_id:
            return catalog.by_id[cid]
    if low in catalog.by_slug:
        return catalog.by_slug[low]
    import difflib

    names = list(catalog.by_id) + list(catalog.by_slug)
    close = difflib.get_close_matches(low, names, n=3, cutoff=0.6)
    close += [s for s in catalog.by_slug if low in s and s not in close][: 3 - len(close)]
    raise NotFound("case", key, close)


def short(text: str, n: int = 40) -> str:
    """``text`` quoted for a message, cut to its first ``n`` characters."""
    return repr(text if len(text) <= n else text[:n] + "…")


def resolve_action(catalog: Catalog, key: str) -> dict[str, Any]:
    k = key.strip().upper()
    if k in catalog.actions_by_id:
        return catalog.actions_by_id[k]
    import difflib

    close = difflib.get_close_matches(k, list(catalog.actions_by_id), n=3, cutoff=0.5)
    raise NotFound("action", key, close)


def looks_like_action(key: str) -> bool:
    return re.fullmatch(r"[Aa]\d+\.\d+", key.strip()) is not None


def _name_matches(wanted: str, pair: list[str]) -> bool:
    """Whether a place filter names this place: the filter's words appear in order in a name."""
    want = analysis.terms(wanted)
    if not want:
        return False
    for name in pair:
        have = analysis.terms(name)
        for i in range(len(have) - len(want) + 1):
            if have[i : i + len(want)] == want:
                return True
    return False


class CaseFilter(NamedTuple):
    part: int | None = None
    country: str | None = None
    city: str | None = None
    action: str | None = None

    def validate(self) -> None:
        if self.part is not None and not 1 <= self.part <= 7:
            raise UsageError(f"--part must be between 1 and 7, not {self.part}")
        for name in ("country", "city"):
            v = getattr(self, name)
            if v is not None and not analysis.terms(v):
                raise UsageError(f"--{name} needs a name, e.g. --{name} Singapore")

    def check_known(self, catalog: Catalog) -> None:
        """NotFound for an action item, country or city the corpus does not have (as xref A9.9)."""
        if self.action is not None:
            resolve_action(catalog, self.action)
        for name in ("country", "city"):
            v = getattr(self, name)
            if v is not None and not any(_name_matches(v, e[name]) for e in catalog.cases):
                import difflib

                names = sorted({n for e in catalog.cases for n in e[name] if n})
                raise NotFound(name, v, difflib.get_close_matches(v, names, n=3, cutoff=0.6))

    def accepts(self, e: Entry) -> bool:
        return (
            (self.part is None or e["part"] == self.part)
            and (self.action is None or self.action.strip().upper() in e["actions"])
            and (self.country is None or _name_matches(self.country, e["country"]))
            and (self.city is None or _name_matches(self.city, e["city"]))
        )


def filter_cases(catalog: Catalog, flt: CaseFilter) -> list[Entry]:
    flt.validate()
    flt.check_known(catalog)
    return [e for e in catalog.cases if flt.accepts(e)]


def cases_for_action(catalog: Catalog, action_id: str) -> list[Entry]:
    return [e for e in catalog.cases if action_id in e["actions"]]


def actions_for_case(catalog: Catalog, entry: Entry) -> list[dict[str, Any]]:
    return [
        catalog.actions_by_id.get(a) or {"id": a, "part": None, "title": ["", ""], "missing": True}
        for a in entry["actions"]
    ]


def coverage(catalog: Catalog) -> list[tuple[dict[str, Any], list[Entry]]]:
    """Every action item with the cases that serve it (an empty list flags a gap)."""
    return [(a, cases_for_action(catalog, a["id"])) for a in catalog.actions]


def stats(catalog: Catalog) -> dict[str, list[tuple[str, int]]]:
    """Case counts by part, country and city, largest first (parts in order)."""
    parts = Counter(str(e["part"]) for e in catalog.cases)
    countries = Counter(e["country"][1] or e["country"][0] for e in catalog.cases)
    cities = Counter(e["city"][1] or e["city"][0] for e in catalog.cases)
    return {
        "part": sorted(parts.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 99),
        "country": sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])),
        "city": sorted(cities.items(), key=lambda kv: (-kv[1], kv[0])),
    }
