"""The gazetteer's names as search terms."""

from __future__ import annotations

from qdbench import analysis, places


def test_place_terms_are_the_analysed_names_and_skip_malformed_entries() -> None:
    gz = {
        "countries": [{"code": "DE", "name": {"zh": "德国", "en": "Germany"}}, "not a mapping"],
        "places": [{"id": "new-york", "name": {"zh": "纽约", "en": "New York"}}, {"id": "x", "name": "plain"}],
    }
    got = places.place_terms(gz)
    assert sorted(got) == sorted(analysis.terms(n) for n in ("德国", "Germany", "纽约", "New York"))
    assert places.place_terms(None) == [] and places.place_terms({"places": None}) == []
