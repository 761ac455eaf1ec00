"""The shipped corpus: every case is findable by its own title in English, Simplified and
Traditional Chinese (top three), as a planner would look for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qdbench import analysis, catalog, query
from qdbench.index import write_generation

SHIPPED = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> catalog.IndexDir:
    path = tmp_path_factory.mktemp("shipped-index")
    write_generation(path, SHIPPED.resolve())
    return catalog.IndexDir(path, SHIPPED.resolve())


def test_every_case_is_in_the_top_three_for_its_title(shipped: catalog.IndexDir) -> None:
    misses = []
    for e in shipped.catalog().cases:
        zh, en = e["title"]
        for probe in (en, zh, analysis.to_script(zh, "hant")):
            found = [h.doc["id"] for h in query.search(shipped, probe, limit=3, literal=True)]
            if e["id"] not in found:
                misses.append((e["id"], probe, found))
    assert misses == []
    assert len(shipped.catalog().cases) == 71
