"""Comparable indicators (data/indicators.yaml): what is counted, in which unit, how comparable.

A value is stored in the indicator's base unit (8700000 TEU); :mod:`qdbench.units` writes it in
the habits of each language: 870万标箱 in Chinese, 8.7 million TEU in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qdbench.models import Text, text_from
from qdbench.units import UNIT_NAMES, format_number, format_value, unit_name

__all__ = ["UNIT_NAMES", "Indicator", "format_number", "format_value", "indicators_from", "unit_name"]


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Text
    unit: str
    definition: Text = field(default_factory=Text)
    comparability: Text = field(default_factory=Text)
    higher_is_better: bool = True
    # The cases the indicator is meant for (every port case for container throughput...), so
    # that coverage can say which of them still lack a value.
    applies_to: tuple[str, ...] = ()


def indicator_from(d: dict[str, Any]) -> Indicator:
    return Indicator(
        id=str(d.get("id") or "").strip(),
        name=text_from(d.get("name")),
        unit=str(d.get("unit") or "").strip(),
        definition=text_from(d.get("definition")),
        comparability=text_from(d.get("comparability")),
        higher_is_better=d.get("higher_is_better") is not False,
        applies_to=tuple(str(x) for x in d.get("applies_to") or [] if isinstance(x, str)),
    )


def indicators_from(data: Any) -> list[Indicator]:
    """The indicators of an indicators.yaml mapping, in file order (malformed entries skipped)."""
    if not isinstance(data, dict):
        return []
    return [indicator_from(d) for d in data.get("indicators") or [] if isinstance(d, dict) and d.get("id")]
