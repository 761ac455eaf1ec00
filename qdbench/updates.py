"""Dated developments since the handbook, and how current a case is."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from qdbench.models import Case

DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
FIRST_YEAR = 2018  # the handbook's edition: updates tell what happened since


def parse_date(text: str) -> datetime.date | None:
    """The date of ``YYYY-MM-DD`` or ``YYYY-MM`` (its first day); None if it is neither."""
    m = DATE_RE.fullmatch(text.strip())
    if m is None:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None


def newest_item(case: Case, today: datetime.date) -> datetime.date | None:
    """The newest dated item of a case: an update, or a figure's year (as its last day).

    Figures for years after this one are plan targets: they say nothing about how current the
    case is, and are left out.
    """
    dates = [d for u in case.updates if (d := parse_date(u.date)) is not None]
    dates += [datetime.date(f.year, 12, 31) for f in case.figures if f.year is not None and f.year <= today.year]
    return max(dates, default=None)


def years_before(today: datetime.date, years: int) -> datetime.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def stale_cases(cases: Iterable[Case], years: int, today: datetime.date) -> list[tuple[Case, datetime.date | None]]:
    """The cases whose newest dated item is older than ``years`` years, oldest first."""
    cutoff = years_before(today, years)
    found = [(c, newest_item(c, today)) for c in cases]
    stale = [(c, d) for c, d in found if d is None or d < cutoff]
    return sorted(stale, key=lambda cd: (cd[1] or datetime.date.min, cd[0].id))


def update_rows(entries: Iterable[dict[str, Any]], since: datetime.date | None = None) -> list[dict[str, Any]]:
    """The updates of catalog entries as flat rows, newest first (then by case id)."""
    rows = []
    for e in entries:
        for u in e["updates"]:  # KeyError: the entries were not read with Catalog.with_bench()
            d = parse_date(str(u.get("date", "")))
            if d is None or (since is not None and d < since):
                continue
            rows.append({"entry": e, "update": u, "date": d})
    rows.sort(key=lambda r: r["entry"]["id"])
    rows.sort(key=lambda r: r["date"], reverse=True)  # stable: same day stays in case order
    return rows


def has_recent_update(entry: dict[str, Any], today: datetime.date, years: int = 2) -> bool:
    cutoff = years_before(today, years)
    return any((d := parse_date(str(u.get("date", "")))) is not None and d >= cutoff for u in entry["updates"])
