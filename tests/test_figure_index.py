"""The figure index: which cases report an indicator, by year, and when a query names one."""

from __future__ import annotations

from pathlib import Path

from qdbench import analysis, catalog, figure_index, query
from qdbench.indicators import indicator_from


def _index() -> list[dict]:
    teu = indicator_from({"id": "teu", "name": {"zh": "港口集装箱吞吐量", "en": "Port container throughput"}})
    pax = indicator_from({"id": "pax", "name": {"zh": "机场旅客吞吐量", "en": "Airport passengers"}})
    figures = [("case-1", "teu", 2023), ("case-2", "teu", 2023), ("case-2", "teu", 2024), ("case-3", "pax", 2023)]
    return figure_index.build([teu, pax], figures)


def _terms(text: str) -> set[str]:
    return set(analysis.terms(text))


def test_a_named_indicator_and_year_ask_for_the_cases_reporting_them() -> None:
    ix = _index()
    assert figure_index.asked(ix, _terms("集装箱吞吐量"), {"2023"}) == {"case-1", "case-2"}
    assert figure_index.asked(ix, _terms("container throughput"), {"2024"}) == {"case-2"}
    # No year: every case reporting the indicator.
    assert figure_index.asked(ix, _terms("port container throughput"), set()) == {"case-1", "case-2"}
    # A year no case reports asks for none.
    assert figure_index.asked(ix, _terms("集装箱吞吐量"), {"1999"}) == set()


def test_a_word_or_two_of_a_name_is_not_naming_it() -> None:
    ix = _index()
    assert figure_index.asked(ix, _terms("集装箱"), {"2023"}) == set()
    assert figure_index.asked(ix, _terms("throughput"), {"2023"}) == set()
    assert figure_index.asked(ix, _terms("airport"), set()) == set()


def test_the_index_is_built_with_the_catalog_and_kept_fresh(bench_dir: Path) -> None:
    data = bench_dir.resolve()
    ix = catalog.ensure_index(data)
    entries = {e["id"]: e for e in ix.catalog().with_bench()}
    reported = {(e["id"], f["indicator"]) for e in entries.values() for f in e["figures"]}
    indexed = {(c, x["id"]) for x in ix.catalog().figure_index for ids in x["years"].values() for c in ids}
    assert reported and indexed == reported
    # An edited case (its figures gone) is re-indexed without a full rebuild: the index follows.
    case_id, _ = sorted(reported)[0]
    path = data / "cases" / entries[case_id]["file"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("indicator:", "# indicator:").replace("value:", "# value:"), encoding="utf-8")
    again = catalog.ensure_index(data)
    assert again.note and "updated" in again.note
    after = {c for x in again.catalog().figure_index for ids in x["years"].values() for c in ids}
    assert case_id not in after


def test_a_search_naming_a_figure_lists_the_cases_reporting_it_first(bench_dir: Path) -> None:
    ix = catalog.ensure_index(bench_dir.resolve())
    fig = ix.catalog().figure_index
    teu = next(x for x in fig if x["id"] == "port-container-throughput")
    year, ids = max(teu["years"].items(), key=lambda kv: len(kv[1]))
    r = query.run_search(ix, f"{year} port container throughput", limit=20)
    got = [h.doc["id"] for h in r.hits]
    assert set(got[: len(ids)]) == set(ids)
    assert r.understood.figures == sorted(ids)
