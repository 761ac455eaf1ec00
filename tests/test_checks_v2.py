"""`check` enforces contract v2: places, indicators, values, updates, lesson actions, Qingdao."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from qdbench import checks, corpus

TODAY = datetime.date(2026, 12, 1)


def findings(data_dir: Path) -> list[str]:
    return [str(f) for f in checks.run_checks(corpus.load_corpus(data_dir), today=TODAY)]


def edit(path: Path, change: Callable[[Any], object]) -> None:
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(d)
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def test_the_v2_fixture_corpus_is_clean(bench_dir: Path) -> None:
    assert findings(bench_dir) == []


def _fig(d: dict[str, Any]) -> dict[str, Any]:
    return d["figures"][1]  # case-035: "Container throughput was 8.7 million TEU in 2021"


def _upd(**kw: object) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["updates"][0].update(kw)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("places"), "missing key 'places'"),
        (lambda d: d.update(places=[]), "places must be a non-empty list"),
        (lambda d: d.update(places=["atlantis"]), "place 'atlantis' is not in places.yaml"),
        (lambda d: d.update(places=["hamburg", "hamburg"]), "place 'hamburg' is listed twice"),
        (lambda d: _fig(d).pop("indicator"), "figures[2]: a value needs an indicator"),
        (lambda d: _fig(d).pop("value"), "figures[2]: an indicator needs a value"),
        (lambda d: _fig(d).update(indicator="teu"), "figures[2]: indicator 'teu' is not in indicators.yaml"),
        (lambda d: _fig(d).update(value=float("nan")), "figures[2]: value nan is not a finite number"),
        (lambda d: _fig(d).update(value=float("inf")), "figures[2]: value inf is not a finite number"),
        (lambda d: _fig(d).update(value="8.7 million"), "figures[2]: value '8.7 million' is not a number"),
        (lambda d: _fig(d).update(place="atlantis"), "figures[2]: place 'atlantis' is not in places.yaml"),
        (lambda d: _fig(d).update(unit="TEU"), "figures[2]: unknown key 'unit'"),
        (lambda d: d["lessons"][0].pop("action"), "lessons[1] has no action"),
        (lambda d: d["lessons"][0].update(action="A1.1"), "lessons[1]: action 'A1.1' is not one of the case's actions"),
        (
            lambda d: d["lessons"][0].update(zh="A5.3：" + d["lessons"][0]["zh"]),
            "lessons[1].zh still starts with an action id",
        ),
        (
            lambda d: d["lessons"][0].update(zh="对应A5.3：" + d["lessons"][0]["zh"]),
            "lessons[1].zh still starts with an action id",
        ),
        (
            lambda d: d["lessons"][0].update(en="A5.3: " + d["lessons"][0]["en"]),
            "lessons[1].en still starts with an action id",
        ),
        (
            lambda d: d.update(country={"zh": "法国", "en": "France"}),
            "country 'France' names none of the places' countries (Germany)",
        ),
        (
            lambda d: d.update(city={"zh": "柏林", "en": "Berlin"}),
            "city 'Berlin' names none of the case's cities (Hamburg)",
        ),
        (lambda d: d.update(reviewed="2026/01/01"), "reviewed '2026/01/01' is not a date YYYY-MM-DD"),
        (lambda d: d.update(reviewed="2027-01-01"), "reviewed 2027-01-01 is in the future"),
    ],
)
def test_each_case_rule(bench_dir: Path, change: Callable[[Any], object], expected: str) -> None:
    edit(bench_dir / "cases" / "case-035.yaml", change)
    out = findings(bench_dir)
    assert any(expected in x and x.startswith("bench/cases/case-035.yaml:") for x in out), out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_upd(date="2020/01/01"), "updates[1]: date '2020/01/01' is not YYYY-MM-DD or YYYY-MM"),
        (_upd(date="2020-13"), "updates[1]: date '2020-13' is not YYYY-MM-DD or YYYY-MM"),
        (_upd(date="2017-12-31"), "updates[1]: date 2017-12-31 is before 2018"),
        (_upd(date="2027-01"), "updates[1]: date 2027-01 is in the future"),
        (_upd(date="2023-01-01"), "updates[2]: date 2022-09-01 is older than the update before it"),
        (_upd(cite="nope"), "updates[1]: cite 'nope' is not a citation key of this case"),
        (_upd(source="x"), "updates[1]: unknown key 'source'"),
        (lambda d: d["updates"][0].pop("en"), "updates[1] has no en text"),
        (lambda d: d.update(updates={"date": "2020-01"}), "updates must be a list"),
    ],
)
def test_each_update_rule(bench_dir: Path, change: Callable[[Any], object], expected: str) -> None:
    edit(bench_dir / "cases" / "case-034.yaml", change)
    out = findings(bench_dir)
    assert any(expected in x and x.startswith("bench/cases/case-034.yaml:") for x in out), out


def test_an_unquoted_yaml_date_is_accepted(bench_dir: Path) -> None:
    path = bench_dir / "cases" / "case-034.yaml"
    text = path.read_text(encoding="utf-8")
    assert "date: '2022-09-01'" in text
    path.write_text(text.replace("date: '2022-09-01'", "date: 2022-09-01"), encoding="utf-8")
    assert findings(bench_dir) == []


def test_places_without_a_gazetteer_fail(bench_dir: Path) -> None:
    (bench_dir / "places.yaml").unlink()
    out = findings(bench_dir)
    assert any("place 'tokyo' cannot be resolved: the data folder has no places.yaml" in x for x in out)


def test_indicators_without_their_file_fail(bench_dir: Path) -> None:
    (bench_dir / "indicators.yaml").unlink()
    out = findings(bench_dir)
    assert any("cannot be resolved: the data folder has no indicators.yaml" in x for x in out)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["countries"][0].update(code="USA"), "countries[1]: code 'USA' is not an ISO 3166-1 alpha-2 code"),
        (lambda d: d["countries"].append(copy.deepcopy(d["countries"][0])), "duplicate country code 'US'"),
        (lambda d: d["countries"][6].update(region=False), "countries[7]: HK is a region (region: true)"),
        (lambda d: d["countries"][0].update(region="no"), "countries[1]: region must be true or false"),
        (lambda d: d["places"][0].update(kind="town"), "places[1]: kind 'town' is not one of city, region, country"),
        (lambda d: d["places"][0].update(lat=140.7), "places[1]: lat 140.7 is not a latitude from -90 to 90"),
        (lambda d: d["places"][0].update(lon=-200), "places[1]: lon -200 is not a longitude from -180 to 180"),
        (lambda d: d["places"][0].update(lon=float("nan")), "places[1]: lon nan is not a longitude"),
        (lambda d: d["places"][0].update(country="XX"), "places[1]: country 'XX' is not in countries"),
        (lambda d: d["places"][0].update(id="New York"), "places[1]: id 'New York' must be lowercase words"),
        (lambda d: d["places"].append(copy.deepcopy(d["places"][0])), "duplicate place id 'new-york'"),
        (lambda d: d["places"][0]["name"].pop("zh"), "places[1].name has no zh text"),
        (lambda d: d["places"].pop(), "places has no 'qingdao'"),
        (lambda d: d["places"][0].update(population=8), "places[1]: unknown key 'population'"),
    ],
)
def test_each_gazetteer_rule(bench_dir: Path, change: Callable[[Any], object], expected: str) -> None:
    edit(bench_dir / "places.yaml", change)
    out = findings(bench_dir)
    assert any(expected in x and x.startswith("bench/places.yaml:") for x in out), out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["indicators"].append(copy.deepcopy(d["indicators"][0])),
            "duplicate indicator id 'port-container-throughput'",
        ),
        (lambda d: d["indicators"][0].pop("unit"), "indicators[1]: no unit"),
        (lambda d: d["indicators"][0]["comparability"].pop("en"), "indicators[1].comparability has no en text"),
        (lambda d: d["indicators"][0].update(higher_is_better="yes"), "higher_is_better must be true or false"),
        (lambda d: d["indicators"][0].update(scope="metro"), "indicators[1]: unknown key 'scope'"),
        (lambda d: d["indicators"][0].update(applies_to="case-020"), "applies_to must be a list of case ids"),
        (
            lambda d: d["indicators"][0].update(applies_to=["case-020", "case-999"]),
            "applies_to names 'case-999', which is not a case id",
        ),
    ],
)
def test_each_indicator_file_rule(bench_dir: Path, change: Callable[[Any], object], expected: str) -> None:
    edit(bench_dir / "indicators.yaml", change)
    out = findings(bench_dir)
    assert any(expected in x and x.startswith("bench/indicators.yaml:") for x in out), out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["context"][0].update(action="A9.9"), "context[1]: action 'A9.9' is not in actions.yaml"),
        (
            lambda d: d["context"][0].update(cite="nope"),
            "context[1]: cite 'nope' is not a citation key of qingdao.yaml",
        ),
        (
            lambda d: d["context"][0].update(level="county"),
            "context[1]: level 'county' is not one of municipal, provincial, national",
        ),
        (lambda d: d["figures"][0].update(value=float("inf")), "figures[1]: value inf is not a finite number"),
        (
            lambda d: d["figures"][0].update(cite="nope"),
            "figures[1]: cite 'nope' is not a citation key of qingdao.yaml",
        ),
        (lambda d: d["citations"][0].pop("url"), "citations[1]: needs a url, doi or isbn"),
        (lambda d: d.update(budget=1), "qingdao.yaml: unknown key 'budget'"),
    ],
)
def test_each_qingdao_rule(bench_dir: Path, change: Callable[[Any], object], expected: str) -> None:
    edit(bench_dir / "qingdao.yaml", change)
    out = findings(bench_dir)
    assert any(expected in x and x.startswith("bench/qingdao.yaml:") for x in out), out


def test_findings_in_data_files_carry_lines(bench_dir: Path) -> None:
    path = bench_dir / "places.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: city, lat: 53.55", "kind: town, lat: 53.55"), "utf-8"
    )
    line = next(i for i, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "kind: town" in s)
    assert f"bench/places.yaml:{line}: places[6]: kind 'town' is not one of city, region, country" in findings(
        bench_dir
    )


def test_stale_findings(bench_dir: Path) -> None:
    out = [str(f) for f in checks.stale_findings(corpus.load_corpus(bench_dir), 5, TODAY)]
    assert "bench/cases/case-003.yaml:1: stale: newest dated item 2015-12-31 is older than 5 year(s)" in out
    assert not any("case-034" in x for x in out)
