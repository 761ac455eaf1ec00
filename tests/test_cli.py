"""Behaviour through Typer's CliRunner: stdout, stderr and exit code checked separately."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qdbench import __version__
from qdbench.cli import app

from .conftest import tree_digest

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_version() -> None:
    assert run("--version") == (0, f"qdbench {__version__}\n", "")


def test_search_is_tsv_when_piped(corpus_dir: Path) -> None:
    code, out, err = run("search", "bay area", "--data", str(corpus_dir))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert {r[0] for r in rows} == {"case-001", "case-002", "case-003"}
    assert all(len(r) == 12 for r in rows)  # the case columns, score, matched
    assert "index built" in err  # the first run indexes this folder, and says so on stderr
    assert "\x1b[" not in out


@pytest.mark.parametrize("query", ["湾区", "灣區"])
def test_search_json_in_both_scripts(corpus_dir: Path, query: str) -> None:
    code, out, _ = run("search", query, "--format", "json", "--data", str(corpus_dir))
    recs = json.loads(out)
    assert code == 0 and len(recs) == 3
    assert {"id", "slug", "part", "title", "city", "country", "actions", "score"} <= set(recs[0])


def test_search_ids_and_jsonl_for_pipelines(corpus_dir: Path) -> None:
    _, out, _ = run("search", "tokyo", "-f", "ids", "--data", str(corpus_dir))
    assert out.splitlines()[0] == "case-003"
    _, out, _ = run("search", "tokyo", "-f", "jsonl", "--limit", "1", "--data", str(corpus_dir))
    assert json.loads(out)["id"] == "case-003"


def test_no_match_is_empty_stdout_a_note_and_exit_1(corpus_dir: Path) -> None:
    # Like grep and ripgrep: a search that finds nothing exits 1, so `&&` chains stop.
    code, out, err = run("search", "zyzzyva", "--data", str(corpus_dir))
    assert (code, out) == (1, "")
    assert "no case matches" in err


def test_show_views(corpus_dir: Path) -> None:
    code, out, _ = run("show", "2", "--data", str(corpus_dir))
    assert code == 0 and out.startswith("旧金山湾区 / San Francisco Bay Area\n")
    assert "References" in out and "[1] " in out
    _, out_en, _ = run("show", "san-francisco-bay-area", "--lang", "en", "--data", str(corpus_dir))
    assert "旧金山" not in out_en.split("\n", 3)[0]
    _, md, _ = run("show", "case-002", "-f", "md", "--data", str(corpus_dir))
    assert md.startswith("# ")
    _, raw, _ = run("show", "case-002", "-f", "yaml", "--data", str(corpus_dir))
    assert raw == (corpus_dir / "cases" / "case-002.yaml").read_text(encoding="utf-8")
    _, js, _ = run("show", "case-002", "-f", "json", "--data", str(corpus_dir))
    assert json.loads(js)["slug"] == "san-francisco-bay-area"
    _, hant, _ = run("show", "3", "--script", "hant", "--data", str(corpus_dir))
    assert hant.startswith("東京灣區")


def test_xref_actions_list_stats(corpus_dir: Path) -> None:
    d = ("--data", str(corpus_dir))
    assert run("xref", "A1.1", "-f", "ids", *d)[1] == "case-001\ncase-002\ncase-003\n"
    code, out, _ = run("xref", "tokyo-bay-area", "-f", "ids", *d)
    assert code == 0 and out.splitlines()[0] == "A1.1"
    code, out, err = run("xref", "-f", "json", *d)
    matrix = {r["id"]: r["cases"] for r in json.loads(out)}
    assert matrix["A1.1"] == ["case-001", "case-002", "case-003"] and matrix["A7.5"] == []
    assert "with no case" in err
    assert len(run("actions", "-f", "ids", *d)[1].splitlines()) == 29
    assert run("actions", "--part", "1", "-f", "ids", *d)[1] == "A1.1\n"
    assert run("actions", "-f", "yaml", *d)[1] == (corpus_dir / "actions.yaml").read_text(encoding="utf-8")
    assert run("list", "--country", "Japan", "-f", "ids", *d)[1] == "case-003\n"
    code, out, _ = run("stats", "-f", "json", *d)
    assert json.loads(out)["by_part"] == [{"part": 1, "cases": 3}]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "case-999"), 1, "error: no case 'case-999'"),
        (("show", "tokyo-bay"), 1, "did you mean tokyo-bay-area?"),
        (("show", "../../etc/passwd"), 2, "is not a case id"),
        (("search", ""), 1, "the query is empty"),
        (("search", "foo:bar"), 1, "unknown field 'foo'"),
        (("search", "port", "--limit", "-1"), 2, "--limit must be at least 1"),
        (("search", "port", "--format", "xml"), 2, "Invalid value for '--format'"),
        (("search", "port", "--part", "9"), 2, "--part must be between 1 and 7"),
        (("show", "1", "--format", "tsv"), 2, "Invalid value for '--format'"),
        (("xref", "A9.9"), 1, "no action 'A9.9'"),
        (("search",), 2, "Missing argument"),
        (("frobnicate",), 2, "No such command"),
    ],
)
def test_bad_input_is_one_line_on_stderr(corpus_dir: Path, args: tuple[str, ...], code: int, message: str) -> None:
    c, out, err = run(*args, "--data", str(corpus_dir))
    assert c == code
    assert out == ""
    lines = [x for x in err.splitlines() if not x.startswith("qdbench: index")]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], err


def test_a_missing_data_folder(tmp_path: Path) -> None:
    c, out, err = run("search", "port", "--data", str(tmp_path / "nope"))
    assert (c, out) == (1, "")
    assert err.startswith("error: ") and "no such data folder" in err


def test_check_passes_on_a_clean_corpus_and_fails_on_a_broken_one(corpus_dir: Path, broken_dir: Path) -> None:
    c, out, err = run("check", "--data", str(corpus_dir))
    assert (c, out) == (0, "") and "0 problem(s)" in err
    c, out, err = run("check", "--data", str(broken_dir))
    assert c == 1
    assert "data/cases/case-105.yaml:3: YAML anchors and aliases (&name, *name) are not allowed" in out.splitlines()
    assert all(":" in line for line in out.splitlines())


def test_search_serves_good_files_and_names_bad_ones(broken_dir: Path) -> None:
    c, out, err = run("search", "bay", "-f", "ids", "--data", str(broken_dir))
    assert c == 0 and set(out.split()) == {"case-001", "case-002", "case-003"}
    assert err.count("skipped") == 7 and "case-102.yaml" in err


def test_read_commands_never_modify_the_corpus(corpus_dir: Path) -> None:
    before = tree_digest(corpus_dir)
    d = ("--data", str(corpus_dir))
    for args in (
        ("search", "port"),
        ("show", "1"),
        ("xref",),
        ("list",),
        ("stats",),
        ("check",),
        ("actions",),
        ("index", "--rebuild"),
    ):
        run(*args, *d)
    assert tree_digest(corpus_dir) == before


def test_data_from_the_environment(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QDBENCH_DATA", str(corpus_dir))
    assert run("list", "-f", "ids")[1] == "case-001\ncase-002\ncase-003\n"


def test_index_command(corpus_dir: Path) -> None:
    code, out, err = run("index", "--data", str(corpus_dir))
    assert code == 0 and "index built" in err and Path(out.strip()).is_dir()
    code, out, err = run("index", "--data", str(corpus_dir))
    assert "up to date" in err


def test_search_cut_at_the_limit_says_so_and_all_lifts_it(corpus_dir: Path) -> None:
    code, out, err = run("search", "bay", "--limit", "1", "--data", str(corpus_dir))
    assert code == 0 and len(out.splitlines()) == 1
    assert "1 of 3 shown; --limit N or --all" in err
    code, out, err = run("search", "bay", "--limit", "1", "--all", "--data", str(corpus_dir))
    assert code == 0 and len(out.splitlines()) == 3 and "shown" not in err


def test_search_explain_and_did_you_mean_go_to_stderr(corpus_dir: Path) -> None:
    code, out, err = run("search", "how did tokio plan its bay", "--explain", "-f", "ids", "--data", str(corpus_dir))
    assert code == 0 and out.splitlines()[0] == "case-003"
    assert "best match" in err and "how" in err and "corrected" in err
    assert "did you mean: how did tokyo plan its bay" in err
    code, _, err = run("search", "port AND bay", "--explain", "--data", str(corpus_dir))
    assert "exact" in err


def test_partial_matches_are_marked_in_json(corpus_dir: Path) -> None:
    code, out, _ = run("search", "tokyo bay zyzzyva", "-f", "json", "--data", str(corpus_dir))
    rows = json.loads(out)
    assert code == 0 and rows and all(0 < r["matched"] < 1 for r in rows)


def test_show_prints_the_references_the_index_formatted(corpus_dir: Path) -> None:
    """The record stores each reference formatted at index time; show prints exactly those, and
    neither json nor the formatter's absence changes what a reader gets."""
    from qdbench import catalog, cite, corpus

    ix = catalog.open_index(str(corpus_dir))
    cat = ix.catalog()
    entry = cat.by_id["case-001"]
    record = cat.record(entry)
    case = corpus.load_case_file(corpus_dir / "cases" / entry["file"], corpus_dir).case
    expected = [cite.format_gbt7714(c) for c in case.citations]
    assert cat.references(record) == expected and expected
    code, out, _ = run("show", "case-001", "--format", "md", "--data", str(corpus_dir))
    assert code == 0
    assert all(f"[{i}] {r}" in out for i, r in enumerate(expected, 1))
    code, out, _ = run("show", "case-001", "--format", "json", "--data", str(corpus_dir))
    assert code == 0 and not [k for k in json.loads(out) if k.startswith("_")]


def test_show_formats_references_itself_when_a_record_has_none(corpus_dir: Path) -> None:
    """A record without stored references (or with a wrong count) still shows every reference."""
    from qdbench import catalog, cite, render
    from qdbench.models import case_from

    cat = catalog.open_index(str(corpus_dir)).catalog()
    entry = cat.by_id["case-001"]
    case = case_from(cat.record(entry), entry["path"])
    md = "\n".join(render.case_body_markdown(case, "both", "hans", 2, references=["only one"]))
    assert "only one" not in md
    assert all(cite.format_gbt7714(c) in md for c in case.citations)
