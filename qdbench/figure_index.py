"""Which cases report an indicator, by year: so that a search naming a figure finds them first.

"2023年集装箱吞吐量" or "container throughput 2023" asks for a number. Every port case mentions
containers and most mention 2023, but the cases that carry a container-throughput figure for
2023 are the answer. The index keeps, per indicator, the analysed terms of its names (both
languages) and the cases with a value for each year; :func:`asked` tells which cases a query's
terms ask for. Built at index time from the figures with ``indicator`` and ``value``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qdbench import analysis

# An indicator is named when the query has at least this share of its name's terms, and at
# least two of them: "集装箱吞吐量" names 港口集装箱吞吐量, "集装箱" alone does not, nor does a
# lone "throughput".
NAME_SHARE = 0.5
NAME_MIN_TERMS = 2


def build(indicators: Iterable[Any], figures: Iterable[tuple[str, str, int | None]]) -> list[dict[str, Any]]:
    """The figure index: ``indicators`` as parsed, ``figures`` as (case id, indicator id, year)."""
    years: dict[str, dict[str, set[str]]] = {}
    for case_id, ind, year in figures:
        years.setdefault(ind, {}).setdefault(str(year) if year else "", set()).add(case_id)
    out = []
    for ind in indicators:
        names = [analysis.terms(n) for n in (ind.name.zh, ind.name.en) if n]
        by_year = years.get(ind.id) or {}
        out.append(
            {
                "id": ind.id,
                "names": [n for n in names if n],
                "years": {y: sorted(ids) for y, ids in sorted(by_year.items())},
            }
        )
    return out


def asked(index: list[dict[str, Any]], terms: set[str], years: set[str]) -> set[str]:
    """The cases reporting an indicator the query names, for a year it names (any year if none)."""
    found: set[str] = set()
    for entry in index:
        names = entry.get("names") or []
        if not any(_named(set(n), terms) for n in names if isinstance(n, list)):
            continue
        by_year = entry.get("years") or {}
        wanted = [y for y in years if y in by_year] if years else list(by_year)
        for y in wanted:
            found.update(c for c in by_year.get(y) or [] if isinstance(c, str))
    return found


def _named(name: set[str], terms: set[str]) -> bool:
    common = len(name & terms)
    return common >= NAME_MIN_TERMS and common >= NAME_SHARE * len(name)
