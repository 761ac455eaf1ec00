"""The gazetteer (data/places.yaml): countries and regions, the places cases are about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qdbench.models import Text, finite_number, text_from

PLACE_KINDS = ("city", "region", "country")
QINGDAO = "qingdao"


@dataclass(frozen=True)
class Country:
    code: str
    name: Text
    region: bool = False


@dataclass(frozen=True)
class Place:
    id: str
    name: Text
    country: str
    kind: str
    lat: float | None = None
    lon: float | None = None


def country_from(d: dict[str, Any]) -> Country:
    return Country(code=str(d.get("code") or "").strip(), name=text_from(d.get("name")), region=d.get("region") is True)


def place_from(d: dict[str, Any]) -> Place:
    return Place(
        id=str(d.get("id") or "").strip(),
        name=text_from(d.get("name")),
        country=str(d.get("country") or "").strip(),
        kind=str(d.get("kind") or "").strip(),
        lat=finite_number(d.get("lat")),
        lon=finite_number(d.get("lon")),
    )


@dataclass(frozen=True)
class Gazetteer:
    """Countries by ISO code and places by id, as read from places.yaml (or its catalog copy)."""

    countries: dict[str, Country] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.places or self.countries)

    def country_of(self, place_id: str) -> Country | None:
        p = self.places.get(place_id)
        return self.countries.get(p.country) if p is not None else None

    def name(self, place_id: str, lang: str) -> str:
        """A place's name in one language (``both``: ``zh / en``); the id when unknown."""
        p = self.places.get(place_id)
        if p is None:
            return place_id
        if lang == "both":
            return " / ".join(x for x in (p.name.zh, p.name.en) if x) or place_id
        return p.name.get(lang) or p.name.en or place_id


def gazetteer_from(data: Any) -> Gazetteer:
    """A Gazetteer from the places.yaml mapping; malformed entries are skipped (``check`` reports them)."""
    if not isinstance(data, dict):
        return Gazetteer()
    countries = [country_from(c) for c in data.get("countries") or [] if isinstance(c, dict)]
    places = [place_from(p) for p in data.get("places") or [] if isinstance(p, dict)]
    return Gazetteer(
        countries={c.code: c for c in countries if c.code},
        places={p.id: p for p in places if p.id},
    )


def place_terms(gazetteer: object) -> list[list[str]]:
    """The analysed terms of every country and place name (both languages) of a places.yaml mapping.

    Built at index time (the catalog keeps them), so that a search can tell a place name from
    other words without analysing the gazetteer on every start.
    """
    from qdbench import analysis

    found: set[tuple[str, ...]] = set()
    entries = (
        [*(gazetteer.get("countries") or []), *(gazetteer.get("places") or [])] if isinstance(gazetteer, dict) else []
    )
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else None
        for text in name.values() if isinstance(name, dict) else ():
            if isinstance(text, str) and (words := tuple(analysis.terms(text))):
                found.add(words)
    return [list(w) for w in sorted(found)]
