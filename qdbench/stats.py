"""Counts over the catalog: cases, places, countries and regions, parts, indicators, currency."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from qdbench import benchmark, updates
from qdbench.catalog import Catalog
from qdbench.places import QINGDAO, gazetteer_from

RECENT_YEARS = 2


def corpus_stats(catalog: Catalog, today: datetime.date | None = None) -> dict[str, Any]:
    """The corpus in numbers, with stable snake_case keys (``stats --format json``).

    Cities, countries and regions are counted from the cases' ``places`` (Qingdao itself is not
    a benchmark and is left out); a place of kind ``country`` counts its country, not a city.
    """
    today = today or datetime.date.today()
    gz = gazetteer_from(catalog.gazetteer)
    cases = catalog.with_bench()
    place_ids = {p for e in cases for p in e.get("places") or [] if p != QINGDAO}
    known = [gz.places[p] for p in sorted(place_ids) if p in gz.places]
    codes = {p.country for p in known}
    countries = sorted(c for c in codes if c in gz.countries and not gz.countries[c].region)
    regions = sorted(c for c in codes if c in gz.countries and gz.countries[c].region)
    by_country: Counter[str] = Counter()
    for e in cases:
        for code in dict.fromkeys(gz.places[p].country for p in e.get("places") or [] if p in gz.places):
            by_country[code] += 1
    recent = sum(1 for e in cases if updates.has_recent_update(e, today, RECENT_YEARS))
    parts = Counter(e["part"] for e in cases)
    return {
        "cases": len(cases),
        "actions": len(catalog.actions),
        "cities": len([p for p in known if p.kind == "city"]),
        "places": len(place_ids),
        "countries": len(countries),
        "regions": len(regions),
        "countries_and_regions": len(countries) + len(regions),
        "cases_without_places": sum(1 for e in cases if not e.get("places")),
        "by_part": [{"part": p, "cases": parts[p]} for p in sorted(parts)],
        "by_country": [
            {
                "code": code,
                "name": [gz.countries[code].name.zh, gz.countries[code].name.en]
                if code in gz.countries
                else [code, code],
                "region": code in gz.countries and gz.countries[code].region,
                "cases": n,
            }
            for code, n in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "indicators": [
            {
                "id": c.indicator.id,
                "name": [c.indicator.name.zh, c.indicator.name.en],
                "unit": c.indicator.unit,
                "places": c.places,
                "values": c.values,
                "cases": c.filled,
                "applies_to": len(c.applies_to),
                "missing": list(c.missing),
            }
            for c in benchmark.coverage(catalog)
        ],
        "updated_recently": {
            "years": RECENT_YEARS,
            "cases": recent,
            "share": round(recent / len(cases), 3) if cases else 0.0,
        },
    }
