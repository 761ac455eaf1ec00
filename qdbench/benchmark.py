"""Comparing places on one indicator: the values the cases and Qingdao's own file give.

Reads the catalog only (no records, no YAML, no Whoosh): each catalog entry carries the figures
that feed an indicator and the citations they name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from qdbench.catalog import Catalog
from qdbench.errors import NotFound
from qdbench.indicators import Indicator, indicators_from
from qdbench.places import QINGDAO
from qdbench.qingdao import qingdao_from


@dataclass(frozen=True)
class Value:
    """One comparable number: for a place and year, from a case (or Qingdao's file), with its source."""

    indicator: str
    place: str
    value: float
    year: int | None
    case: str  # case id; "" for Qingdao's own file
    cite: str
    text: tuple[str, str]
    source: dict[str, Any] = field(default_factory=dict)  # the cited citation, as stored

    @property
    def is_qingdao(self) -> bool:
        return self.place == QINGDAO


def indicator_list(catalog: Catalog) -> list[Indicator]:
    return indicators_from(catalog.indicators)


def resolve_indicator(catalog: Catalog, key: str) -> Indicator:
    """An indicator by id; NotFound with close ids."""
    inds = {i.id: i for i in indicator_list(catalog)}
    k = key.strip().lower()
    if k in inds:
        return inds[k]
    import difflib

    close = difflib.get_close_matches(k, list(inds), n=3, cutoff=0.5)
    close += [i for i in inds if k and k in i and i not in close][: 3 - len(close)]
    raise NotFound("indicator", key, close)


def all_values(catalog: Catalog) -> list[Value]:
    """Every indicator value of the corpus: the cases' figures, then Qingdao's."""
    out: list[Value] = []
    for e in catalog.with_bench():
        sources = e["sources"]
        for f in e["figures"]:
            out.append(
                Value(
                    indicator=f["indicator"],
                    place=f["place"],
                    value=float(f["value"]),
                    year=f.get("year"),
                    case=e["id"],
                    cite=f.get("cite", ""),
                    text=(f["text"][0], f["text"][1]),
                    source=sources.get(f.get("cite"), {}),
                )
            )
    qd = qingdao_from(catalog.qingdao)
    cites = {c.get("key"): c for c in catalog.qingdao.get("citations") or [] if isinstance(c, dict)}
    for f in qd.figures:
        if f.indicator and f.value is not None:
            out.append(
                Value(
                    indicator=f.indicator,
                    place=f.place or QINGDAO,
                    value=f.value,
                    year=f.year,
                    case="",
                    cite=f.cite,
                    text=(f.text.zh, f.text.en),
                    source=cites.get(f.cite, {}),
                )
            )
    return out


def values_by_indicator(catalog: Catalog) -> dict[str, list[Value]]:
    by: dict[str, list[Value]] = defaultdict(list)
    for v in all_values(catalog):
        by[v.indicator].append(v)
    return dict(by)


@dataclass(frozen=True)
class Coverage:
    indicator: Indicator
    places: int
    values: int
    years: tuple[int, int] | None
    applies_to: tuple[str, ...] = ()  # the cases meant to have a value
    missing: tuple[str, ...] = ()  # those of them without one

    @property
    def filled(self) -> int:
        """How many of the cases it applies to have a value."""
        return len(self.applies_to) - len(self.missing)


def coverage(catalog: Catalog) -> list[Coverage]:
    """Every indicator with how many places and values it has, in file order, and which of
    the cases it applies to still lack a value."""
    by = values_by_indicator(catalog)
    out = []
    for ind in indicator_list(catalog):
        vals = by.get(ind.id, [])
        years = [v.year for v in vals if v.year is not None]
        filled = {v.case for v in vals}
        out.append(
            Coverage(
                indicator=ind,
                places=len({v.place for v in vals}),
                values=len(vals),
                years=(min(years), max(years)) if years else None,
                applies_to=ind.applies_to,
                missing=tuple(c for c in ind.applies_to if c not in filled),
            )
        )
    return out


def _best_first(ind: Indicator, vals: list[Value]) -> list[Value]:
    sign = -1 if ind.higher_is_better else 1
    return sorted(vals, key=lambda v: (sign * v.value, v.place, v.case))


def compare(
    catalog: Catalog,
    ind: Indicator,
    year: int | None = None,
    series: bool = False,
    cases: set[str] | None = None,
) -> list[Value]:
    """The values of one indicator, best first.

    By default each place's newest value (the first case in id order when two give the same
    year); ``year`` keeps only values for that year; ``series`` keeps every year, grouped by
    place (places ordered by their newest value, years oldest first). ``cases`` keeps only the
    values of those cases (and Qingdao's own).
    """
    vals = values_by_indicator(catalog).get(ind.id, [])
    if cases is not None:
        vals = [v for v in vals if not v.case or v.case in cases]
    if year is not None:
        vals = [v for v in vals if v.year == year]
    by_place: dict[str, list[Value]] = defaultdict(list)
    for v in vals:
        by_place[v.place].append(v)
    newest = {}
    for place, vs in by_place.items():
        top = max(v.year or 0 for v in vs)
        newest[place] = next(v for v in vs if (v.year or 0) == top)
    order = _best_first(ind, list(newest.values()))
    if not series:
        return order
    out = []
    for head in order:
        out += sorted(by_place[head.place], key=lambda v: (v.year or 0, v.case))
    return out
