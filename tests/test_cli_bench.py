"""The benchmarking commands through the CLI: compare, updates, xref ACTION, stats, check --stale,
show and the export's new chapter (rendered in headless Chromium), and what they import."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qdbench.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    # Tables are drawn as wide as a roomy terminal, so no cell is cut short.
    r = runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "160"})
    return r.exit_code, r.stdout, r.stderr


def test_compare_lists_the_indicators(bench_dir: Path) -> None:
    code, out, _ = run("compare", "--data", str(bench_dir))
    assert code == 0
    assert out.splitlines() == [
        "port-container-throughput\tTEU\t5\t6\t港口集装箱吞吐量\tPort container throughput\t4\t4",
        "port-cargo-throughput\ttonnes\t2\t2\t港口货物吞吐量\tPort cargo throughput\t2\t3",
    ]
    recs = json.loads(run("compare", "-f", "json", "--data", str(bench_dir))[1])
    assert recs[0]["id"] == "port-container-throughput" and recs[0]["places"] == 5
    # The fixture's Singapore case has no cargo tonnes: coverage names it.
    assert (recs[1]["cases"], recs[1]["applies_to"], recs[1]["missing"]) == (2, 3, ["case-034"])


def test_compare_rows_carry_place_value_year_case_and_cite(bench_dir: Path) -> None:
    code, out, _ = run("compare", "port-container-throughput", "-f", "json", "--data", str(bench_dir))
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 4
    assert {"place", "value", "year", "case", "cite"} <= set(rows[0])
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True)
    top = rows[0]
    assert (top["place"], top["value"], top["year"], top["case"], top["cite"]) == (
        "singapore",
        39010000,
        2023,
        "case-034",
        "st-2024",
    )
    assert top["display"] == {"zh": "3901万标箱", "en": "39.01 million TEU"}
    assert "The Straits Times" in top["source"] and top["url"].startswith("https://")
    qd = [r for r in rows if r["qingdao"]]
    assert len(qd) == 1 and qd[0]["place"] == "qingdao" and qd[0]["case"] is None


def test_compare_tsv_csv_and_jsonl_agree(bench_dir: Path) -> None:
    d = ("port-container-throughput", "--data", str(bench_dir))
    tsv = [line.split("\t") for line in run("compare", *d)[1].splitlines()]
    assert tsv[0] == ["1", "singapore", "39010000", "TEU", "2023", "case-034", "st-2024", ""]
    assert tsv[2] == ["3", "qingdao", "9000000", "TEU", "2007", "", "seatrade-2007", "qingdao"]
    rows = list(csv.DictReader(io.StringIO(run("compare", *d, "-f", "csv")[1])))
    assert [r["place"] for r in rows] == [r[1] for r in tsv]
    assert list(rows[0]) == ["rank", "place", "value", "unit", "year", "case", "cite", "qingdao"]
    jl = [json.loads(line) for line in run("compare", *d, "-f", "jsonl")[1].splitlines()]
    assert [r["place"] for r in jl] == [r[1] for r in tsv]


def test_compare_year_and_series(bench_dir: Path) -> None:
    d = ("port-container-throughput", "--data", str(bench_dir))
    by_year = [line.split("\t")[1:3] for line in run("compare", *d, "--year", "2007")[1].splitlines()]
    assert by_year == [["qingdao", "9000000"], ["long-beach", "7300000"]]
    series = [
        line.split("\t")[1] + "@" + line.split("\t")[4] for line in run("compare", *d, "--series")[1].splitlines()
    ]
    assert series[-2:] == ["long-beach@2007", "long-beach@2017"]
    code, out, err = run("compare", *d, "--year", "1990")
    assert (code, out) == (0, "") and "no values for port-container-throughput in 1990" in err


def test_compare_table_marks_qingdao_and_draws_bars(bench_dir: Path) -> None:
    code, out, _ = run("compare", "port-container-throughput", "-f", "table", "--lang", "en", "--data", str(bench_dir))
    assert code == 0
    assert "39.01 million TEU" in out and "8.7 million TEU" in out and "█" in out
    qd = next(line for line in out.splitlines() if "Qingdao" in line and "★" in line)
    assert "9 million TEU" in qd and "2007" in qd
    _, zh, _ = run("compare", "port-container-throughput", "-f", "table", "--lang", "zh", "--data", str(bench_dir))
    assert "870万标箱" in zh


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("compare", "port-container"), 1, "no indicator 'port-container' (did you mean port-container-throughput"),
        (("compare", "port-container-throughput", "--series", "--year", "2020"), 2, "cannot be combined"),
        (("compare", "-f", "ids"), 2, "Invalid value for '--format'"),
        (("updates", "--since", "last week"), 2, "--since 'last week' is not a date"),
        (("updates", "case-999"), 1, "no case 'case-999'"),
        (("check", "--stale", "-1"), 2, "--stale must be a number of years"),
    ],
)
def test_errors_are_one_line(bench_dir: Path, args: tuple[str, ...], code: int, message: str) -> None:
    c, out, err = run(*args, "--data", str(bench_dir))
    assert (c, out) == (code, "") and message in err and "Traceback" not in err


def test_updates_newest_first_with_sources_and_filters(bench_dir: Path) -> None:
    d = ("--data", str(bench_dir))
    rows = [line.split("\t") for line in run("updates", *d)[1].splitlines()]
    assert [(r[0], r[1]) for r in rows] == [
        ("2022-09-01", "case-034"),
        ("2019-10-03", "case-034"),
        ("2019-07-12", "case-001"),
    ]
    assert rows[0][5] == "pmo-tuas-2022"
    recs = json.loads(run("updates", "-f", "json", *d)[1])
    assert set(recs[0]) >= {"date", "case", "slug", "title", "text", "cite", "source", "url"}
    assert "Official Opening of Tuas Port" in recs[0]["source"]
    assert [r.split("\t")[0] for r in run("updates", "--since", "2019-08", *d)[1].splitlines()] == [
        "2022-09-01",
        "2019-10-03",
    ]
    assert {r.split("\t")[1] for r in run("updates", "--part", "1", *d)[1].splitlines()} == {"case-001"}
    assert run("updates", "new-york-bay-area", *d)[1].count("\n") == 1
    assert run("updates", "-f", "ids", *d)[1] == "case-034\ncase-001\n"
    code, out, err = run("updates", "--since", "2025-01-01", *d)
    assert (code, out) == (0, "") and "no updates since 2025-01-01" in err
    _, table, _ = run("updates", "-f", "table", "--lang", "en", *d)
    assert "Since the handbook" in table and "Tuas Port" in table


def test_xref_action_starts_with_qingdao(bench_dir: Path) -> None:
    d = ("--data", str(bench_dir))
    _, table, _ = run("xref", "A5.3", "-f", "table", "--lang", "en", *d)
    assert table.index("Qingdao") < table.index("case-034")
    assert "nine million TEU" in table
    obj = json.loads(run("xref", "A5.3", "-f", "json", *d)[1])
    assert set(obj) == {"action", "qingdao", "cases"}
    assert obj["action"]["id"] == "A5.3" and obj["qingdao"][0]["cite"] == "seatrade-2007"
    assert "Seatrade Maritime" in obj["qingdao"][0]["source"]
    assert [c["id"] for c in obj["cases"]][:2] == ["case-001", "case-003"]
    # Line formats stay one case a line (the columns of `list`).
    tsv = run("xref", "A5.3", *d)[1].splitlines()
    assert all(len(line.split("\t")) == 10 for line in tsv) and tsv[0].startswith("case-001\t")
    _, none, _ = run("xref", "A1.1", "-f", "table", *d)
    assert "no context recorded" in none


def test_stats_from_places(bench_dir: Path) -> None:
    d = ("--data", str(bench_dir))
    s = json.loads(run("stats", "-f", "json", *d)[1])
    assert (s["cases"], s["cities"], s["countries"], s["regions"]) == (7, 7, 5, 0)
    assert set(s) >= {"by_part", "by_country", "indicators", "updated_recently"}
    tsv = run("stats", *d)[1].splitlines()
    assert "total\tcities\t7" in tsv and "country\tUnited States\t3" in tsv
    assert "indicator\tport-container-throughput\t5" in tsv
    _, table, _ = run("stats", "-f", "table", *d)
    assert "7 cities (7 places) in 5 countries and 0 region(s)" in table


def test_check_stale(bench_dir: Path) -> None:
    d = ("--data", str(bench_dir))
    assert run("check", *d)[0] == 0
    code, out, err = run("check", "--stale", "100", *d)
    assert (code, out) == (0, "") and "0 case(s) not updated in 100 year(s)" in err
    code, out, _ = run("check", "--stale", "3", *d)
    assert code == 1
    assert "bench/cases/case-003.yaml:1: stale: newest dated item 2015-12-31 is older than 3 year(s)" in out
    assert "case-034" not in out  # a 2023 figure: current within three years until 2026-12-31


def test_show_marks_indicator_figures_and_lists_updates(bench_dir: Path) -> None:
    code, out, _ = run("show", "34", "--lang", "en", "--data", str(bench_dir))
    assert code == 0
    fig = next(line for line in out.splitlines() if "39.01 million TEU of containers" in line)
    assert fig.endswith("→ port-container-throughput = 39.01 million TEU")
    since = out[out.index("Since the handbook") :]
    assert since.index("2019-10-03") < since.index("2022-09-01")  # oldest first, as stored
    assert "officially opened Tuas Port [2]" in since
    _, md, _ = run("show", "34", "-f", "md", "--data", str(bench_dir))
    assert "#### " not in md and "## 2018年以来 / Since the handbook" in md
    assert "1. **A5.3** " in md


def test_markdown_export_has_the_new_sections(bench_dir: Path) -> None:
    code, md, _ = run("export", "-f", "md", "--data", str(bench_dir))
    assert code == 0
    assert "## 对标指标 / Benchmarks" in md and "[对标指标 / Benchmarks](#benchmarks)" in md
    assert "| 3 | **★ 青岛 / Qingdao** | 900万标箱 / 9 million TEU |" in md
    a53 = md.index("- **A5.3** ")
    assert md.index("*青岛现状 / Qingdao today:*", a53) < md.index("\n- **A5.4**", a53)
    assert "#### 2018年以来 / Since the handbook" in md
    # One part: only that part's case values (and Qingdao's) in the chapter.
    _, part1, _ = run("export", "-f", "md", "--part", "1", "--data", str(bench_dir))
    assert "## 对标指标 / Benchmarks" not in part1  # no case of part 1 has an indicator value


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_the_benchmarks_chapter_in_headless_chromium(bench_dir: Path, tmp_path: Path) -> None:
    _, page, _ = run("export", "-f", "html", "--lang", "en", "--data", str(bench_dir))
    low = page.lower()
    for fetch in ("<script", "<link", "<img", "@import", "url("):
        assert fetch not in low
    assert page.count('<svg class="bars"') == 2 and 'fill="#c0392b"' in page
    browser = _chromium()
    if browser is None:
        if os.environ.get("QDBENCH_REQUIRE_BROWSER"):
            pytest.fail("QDBENCH_REQUIRE_BROWSER is set but no Chromium is installed")
        pytest.skip("no Chromium on this machine (CI installs Debian's chromium)")
    # The chapter alone, so the screenshot shows it (the full handbook is many pages long).
    head, body = page.split("<body>", 1)
    html_file = tmp_path / "benchmarks.html"
    html_file.write_text(head + "<body>" + body[body.index('<section id="benchmarks">') :], encoding="utf-8")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", html_file.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    for needle in ("<svg", "<rect", "39.01 million TEU", "★ Qingdao", 'id="ind-port-cargo-throughput"'):
        assert needle in dom.stdout
    shot = Path(os.environ.get("QDBENCH_SCREENSHOT_DIR", tmp_path)) / "benchmarks.png"
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1000,1300", html_file.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


PROBE = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(m for m, mod in sys.modules.items() if m.split(".")[0] in ("whoosh", "yaml") and type(mod).__name__ != "_StandIn"))))
sys.argv = ["qdbench", *sys.argv[2:]]
from qdbench.cli import main
main()
"""


@pytest.mark.parametrize(
    "args",
    [
        ("compare",),
        ("compare", "port-container-throughput", "-f", "json"),
        ("updates",),
        ("stats", "-f", "json"),
        ("xref", "A5.3", "-f", "json"),
        ("show", "34"),
    ],
)
def test_catalog_commands_import_neither_whoosh_nor_yaml(
    bench_dir: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    env = {**os.environ}
    built = subprocess.run(
        [sys.executable, "-m", "qdbench", "index", "--data", str(bench_dir)], capture_output=True, env=env, timeout=120
    )
    assert built.returncode == 0, built.stderr
    report = tmp_path / "modules.json"
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args, "--data", str(bench_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout  # it printed something
    assert json.loads(report.read_text(encoding="utf-8")) == []


def test_an_edited_data_file_is_seen_at_once(bench_dir: Path) -> None:
    d = ("port-container-throughput", "--data", str(bench_dir))
    assert "\tqingdao\t9000000\t" in run("compare", *d)[1]
    path = bench_dir / "qingdao.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 9000000", "value: 9100000"), encoding="utf-8")
    code, out, err = run("compare", *d)
    assert code == 0 and "\tqingdao\t9100000\t" in out and "index built" in err  # a v2 file: full rebuild


def test_a_folder_without_the_v2_files(bench_dir: Path) -> None:
    for name in ("places.yaml", "indicators.yaml", "qingdao.yaml"):
        (bench_dir / name).unlink()
    code, out, err = run("compare", "--data", str(bench_dir))
    assert (code, out) == (0, "") and "this corpus has no indicators" in err
    assert run("xref", "A5.3", "-f", "json", "--data", str(bench_dir))[1].count('"qingdao": []') == 1
    s = json.loads(run("stats", "-f", "json", "--data", str(bench_dir))[1])
    assert (s["cases"], s["cities"], s["countries"]) == (7, 0, 0)
    code, out, _ = run("check", "--data", str(bench_dir))
    assert code == 1 and "cannot be resolved: the data folder has no places.yaml" in out
