"""Limits a query must keep before it is parsed, so that no query costs unbounded time or stack.

Whoosh's parser tries every tagger at every character (quadratic in a word's length: one
40,000-character word took 5 s) and recurses once per parenthesis level; a boost is a float
without bound (``port^999...9`` made every score infinite). Checked before any parsing.
"""

from __future__ import annotations

import re

from qdbench.errors import QueryError

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 10
MAX_BOOST = 100.0
_BOOST = re.compile(r"\^([0-9]*\.?[0-9]*)")
_QUOTED = re.compile(r'"[^"]*"')


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


def guard_query(text: str) -> None:
    """QueryError if ``text`` is too long, nested too deep, or boosts a term too much."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            _short(text), f"it is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}", hint="search for less"
        )
    depth = top = 0
    for ch in _QUOTED.sub("", text):
        if ch == "(":
            depth += 1
            top = max(top, depth)
        elif ch == ")":
            depth -= 1
    if top > MAX_DEPTH:
        raise QueryError(_short(text), f"parentheses nest {top} deep; the limit is {MAX_DEPTH}")
    for m in _BOOST.finditer(_QUOTED.sub("", text)):
        try:
            value = float(m.group(1))
        except ValueError:
            continue
        if value > MAX_BOOST:
            raise QueryError(_short(text), f"boost ^{_short(m.group(1), 12)} is too large; the limit is {MAX_BOOST:g}")
