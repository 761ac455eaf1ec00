"""Contract v2 in the library: value formatting, compare, coverage, stats, updates and staleness."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pytest
import yaml

from qdbench import benchmark, catalog, indicators, updates
from qdbench.corpus import load_corpus
from qdbench.errors import NotFound
from qdbench.stats import corpus_stats

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def cat(bench_dir: Path) -> catalog.Catalog:
    return catalog.ensure_index(bench_dir.resolve()).catalog()


@pytest.mark.parametrize(
    ("value", "unit", "lang", "shown"),
    [
        (8_700_000, "TEU", "zh", "870万标箱"),
        (8_700_000, "TEU", "en", "8.7 million TEU"),
        (39_010_000, "TEU", "zh", "3901万标箱"),
        (309_000_000, "tonnes", "zh", "3.09亿吨"),
        (3_090_000_000, "tonnes", "en", "3.09 billion tonnes"),
        (76_200_000, "passengers", "zh", "7620万人次"),
        (14_000, "passengers", "en", "14,000 passengers"),
        (45.5, "%", "en", "45.5%"),
        (12.5, "widgets", "en", "12.5 widgets"),  # an unknown unit is shown as written
        (8_700_000, "TEU", "both", "870万标箱 / 8.7 million TEU"),
    ],
)
def test_values_are_written_for_the_language(value: float, unit: str, lang: str, shown: str) -> None:
    assert indicators.format_value(value, unit, lang) == shown


def test_compare_is_best_first_with_each_places_newest_value_and_qingdao(cat: catalog.Catalog) -> None:
    ind = benchmark.resolve_indicator(cat, "port-container-throughput")
    rows = benchmark.compare(cat, ind)
    assert [(v.place, v.value, v.year) for v in rows] == [
        ("singapore", 39_010_000, 2023),
        ("rotterdam", 13_400_000, 2023),
        ("qingdao", 9_000_000, 2007),
        ("hamburg", 8_700_000, 2021),
        ("long-beach", 7_500_000, 2017),  # its 2007 value is older
    ]
    qd = rows[2]
    assert qd.is_qingdao and qd.case == "" and qd.source["publisher"] == "Seatrade Maritime"
    assert rows[0].case == "case-034" and rows[0].cite == "st-2024" and rows[0].source["key"] == "st-2024"


def test_compare_by_year_and_as_series(cat: catalog.Catalog) -> None:
    ind = benchmark.resolve_indicator(cat, "port-container-throughput")
    assert [(v.place, v.value) for v in benchmark.compare(cat, ind, year=2007)] == [
        ("qingdao", 9_000_000),
        ("long-beach", 7_300_000),
    ]
    series = [(v.place, v.year) for v in benchmark.compare(cat, ind, series=True)]
    assert series[-2:] == [("long-beach", 2007), ("long-beach", 2017)]
    assert len(series) == 6


def test_lower_is_better_sorts_ascending(bench_dir: Path) -> None:
    path = bench_dir / "indicators.yaml"
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    d["indicators"][0]["higher_is_better"] = False
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    cat = catalog.ensure_index(bench_dir.resolve()).catalog()
    rows = benchmark.compare(cat, benchmark.resolve_indicator(cat, "port-container-throughput"))
    assert [v.place for v in rows][:2] == ["long-beach", "hamburg"]


def test_unknown_indicators_get_suggestions(cat: catalog.Catalog) -> None:
    with pytest.raises(NotFound) as err:
        benchmark.resolve_indicator(cat, "port-container")
    assert "port-container-throughput" in err.value.suggestions


def test_coverage_counts_places_and_values(cat: catalog.Catalog) -> None:
    cov = {c.indicator.id: (c.places, c.values, c.years) for c in benchmark.coverage(cat)}
    assert cov == {
        "port-container-throughput": (5, 6, (2007, 2023)),
        "port-cargo-throughput": (2, 2, (2021, 2023)),
    }


def test_stats_count_places_countries_and_regions(bench_dir: Path) -> None:
    # Give the Singapore case a second place in a region, to count one.
    path = bench_dir / "cases" / "case-034.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- singapore\n", "- singapore\n- hong-kong\n"), "utf-8")
    cat = catalog.ensure_index(bench_dir.resolve()).catalog()
    s = corpus_stats(cat, today=datetime.date(2023, 6, 1))
    assert (s["cases"], s["cities"], s["countries"], s["regions"], s["countries_and_regions"]) == (7, 8, 5, 1, 6)
    assert s["by_part"] == [{"part": 1, "cases": 3}, {"part": 4, "cases": 1}, {"part": 5, "cases": 3}]
    assert s["by_country"][0] == {"code": "US", "name": ["美国", "United States"], "region": False, "cases": 3}
    assert {"code": "HK", "name": ["中国香港", "Hong Kong, China"], "region": True, "cases": 1} in s["by_country"]
    assert [(i["id"], i["places"]) for i in s["indicators"]] == [
        ("port-container-throughput", 5),
        ("port-cargo-throughput", 2),
    ]
    # On 2023-06-01 the two Singapore updates (2022-09-01) and none older count as recent.
    assert s["updated_recently"] == {"years": 2, "cases": 1, "share": round(1 / 7, 3)}


def test_updates_are_newest_first_and_filter_by_date(cat: catalog.Catalog) -> None:
    rows = updates.update_rows(cat.with_bench())
    assert [(r["update"]["date"], r["entry"]["id"]) for r in rows] == [
        ("2022-09-01", "case-034"),
        ("2019-10-03", "case-034"),
        ("2019-07-12", "case-001"),
    ]
    assert len(updates.update_rows(cat.with_bench(), since=datetime.date(2019, 8, 1))) == 2


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024-05-01", datetime.date(2024, 5, 1)),
        ("2024-05", datetime.date(2024, 5, 1)),
        ("2024", None),
        ("2024-13", None),
        ("2024-02-30", None),
    ],
)
def test_update_dates(text: str, date: datetime.date | None) -> None:
    assert updates.parse_date(text) == date


def test_stale_cases_by_their_newest_dated_item(bench_dir: Path) -> None:
    corpus = load_corpus(bench_dir)
    stale = {c.id: d for c, d in updates.stale_cases(corpus.cases, 5, TODAY)}
    # case-034 has a 2022-09-01 update and a 2023 figure: current. case-003's newest figure is 2015.
    assert "case-034" not in stale and "case-036" not in stale
    assert stale["case-003"] == datetime.date(2015, 12, 31)
    assert stale["case-001"] == datetime.date(2019, 12, 31)  # figure 2019 is newer than its 2019-07-12 update
    assert updates.stale_cases(corpus.cases, 100, TODAY) == []


def test_a_plan_target_year_does_not_make_a_case_current(bench_dir: Path) -> None:
    corpus = load_corpus(bench_dir)
    case = next(c for c in corpus.cases if c.id == "case-003")

    target = case.figures[0]._replace(year=2040)
    assert updates.newest_item(case._replace(figures=(*case.figures, target)), TODAY) == datetime.date(2015, 12, 31)


def test_non_finite_values_do_not_reach_the_model() -> None:
    from qdbench.models import figure_from

    assert figure_from({"indicator": "x", "value": math.inf}).value is None
    assert figure_from({"indicator": "x", "value": True}).value is None
    assert figure_from({"indicator": "x", "value": 3}).value == 3.0
