"""Everyday use: several cases at once, pipes, sources and links, colour, the pager, config, completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qdbench import __version__
from qdbench.cli import app
from qdbench.cli.output import less_flags

from .conftest import make_corpus

runner = CliRunner()


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def port_dir(tmp_path: Path) -> Path:
    """Two port cases; case-034's first source has a DOI and no URL."""
    return make_corpus(tmp_path / "ports", cases=("case-034.yaml", "case-035.yaml"))


# --- show: several ids, stdin, formats, unknown ids ----------------------------------------


def test_show_takes_several_ids_and_ids_on_stdin(corpus_dir: Path) -> None:
    d = ("--data", str(corpus_dir))
    code, md, _ = run("show", "1", "tokyo-bay-area", "-f", "md", *d)
    assert code == 0 and md.count("\n---\n") == 1
    assert md.startswith("# 纽约湾区") and "\n# 东京湾区" in md
    _, ids, _ = run("search", "bay", "-f", "ids", *d)
    code, piped, _ = run("show", "-", "-f", "md", *d, stdin=ids)
    _, direct, _ = run("show", *ids.split(), "-f", "md", *d)
    assert code == 0 and piped == direct and piped.count("\n---\n") == 2
    _, tsv, _ = run("search", "bay", *d)  # the first TSV column works as well as ids
    assert run("show", "-", "-f", "md", *d, stdin=tsv)[1] == direct
    code, text, _ = run("show", "1", "2", "-f", "text", *d)
    assert code == 0 and text.count("\n" + "─" * 78 + "\n") == 1


def test_show_json_is_an_object_for_one_id_and_an_array_for_several(corpus_dir: Path) -> None:
    d = ("--data", str(corpus_dir))
    one = json.loads(run("show", "1", "-f", "json", *d)[1])
    assert one["id"] == "case-001"
    several = json.loads(run("show", "1", "2", "3", "-f", "json", *d)[1])
    assert [r["id"] for r in several] == ["case-001", "case-002", "case-003"]
    lines = run("show", "3", "1", "-f", "jsonl", *d)[1].splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["case-003", "case-001"]


def test_unknown_ids_are_reported_after_the_others_are_printed(corpus_dir: Path) -> None:
    code, out, err = run("show", "1", "tokyo-bay", "case-999", "2", "-f", "jsonl", "--data", str(corpus_dir))
    assert code == 1
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["case-001", "case-002"]
    errors = [x for x in err.splitlines() if x.startswith("error: ")]
    assert errors[0] == "error: no case 'tokyo-bay' (did you mean tokyo-bay-area?)"
    assert len(errors) == 2 and errors[1].startswith("error: no case 'case-999'")


def test_show_with_nothing_on_stdin_is_a_usage_error(corpus_dir: Path) -> None:
    code, out, err = run("show", "-", "--data", str(corpus_dir), stdin="")
    assert (code, out) == (2, "") and "no case ids given" in err


# --- links and sources ----------------------------------------------------------------------


def test_json_citations_carry_a_link_from_the_url_or_the_doi(port_dir: Path) -> None:
    rec = json.loads(run("show", "34", "-f", "json", "--data", str(port_dir))[1])
    first = rec["citations"][0]
    assert "url" not in first and first["doi"] == "10.1016/S0739-8859(06)17013-4"
    assert first["link"] == "https://doi.org/10.1016/S0739-8859(06)17013-4"
    assert all(c["link"] == c["url"] for c in rec["citations"] if c.get("url"))


def test_sources_lists_references_one_a_line(port_dir: Path) -> None:
    code, out, _ = run("sources", "34", "35", "--data", str(port_dir))
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and all(len(r) == 5 for r in rows)
    assert rows[0][:4] == ["case-034", "1", "cullinane-2007", "https://doi.org/10.1016/S0739-8859(06)17013-4"]
    assert [r[0] for r in rows].count("case-035") == 3 and rows[-1][1] == "3"
    recs = json.loads(run("sources", "35", "-f", "json", "--data", str(port_dir))[1])
    assert set(recs[0]) == {"id", "number", "key", "link", "title"}
    assert run("sources", "-", "-f", "ids", "--data", str(port_dir), stdin="case-035\n")[1] == "case-035\n" * 3


def test_sources_open_uses_the_browser_or_says_there_is_none(port_dir: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    env = {**os.environ, "BROWSER": f"{browser} %s"}
    p = subprocess.run(
        [sys.executable, "-m", "qdbench", "sources", "34", "--open", "1", "--data", str(port_dir)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert opened.read_text(encoding="utf-8") == "https://doi.org/10.1016/S0739-8859(06)17013-4"
    env = {k: v for k, v in os.environ.items() if k not in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PATH"] = str(tmp_path / "empty")  # no console browser (lynx, w3m ...) to find either
    p = subprocess.run(
        [sys.executable, "-m", "qdbench", "sources", "34", "--open", "1", "--data", str(port_dir)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.strip().splitlines()[-1].startswith("error: no web browser available")
    code, _, err = run("sources", "34", "--open", "9", "--data", str(port_dir))
    assert code == 2 and "has references 1 to 4" in err


# --- the terminal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (None, "-FRX"),
        ("-i", "-i -R"),
        ("-iR", "-iR"),
        ("-r", "-r"),
        ("--RAW-CONTROL-CHARS -i", "--RAW-CONTROL-CHARS -i"),
        ("FX", "FX -R"),
        ("", "-R"),
    ],
)
def test_less_always_gets_raw_colours_and_keeps_the_users_flags(user: str | None, expected: str) -> None:
    assert less_flags(user) == expected


def test_color_option_on_every_command(corpus_dir: Path) -> None:
    d = ("--data", str(corpus_dir))
    _, always, _ = run("list", "-f", "table", "--color", "always", *d)
    assert "\x1b[" in always  # NO_COLOR is set for the tests: the option wins over it
    _, never, _ = run("list", "-f", "table", "--color", "never", *d, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" not in never and "case-001" in never
    _, auto, _ = run("list", "-f", "table", *d)
    assert "\x1b[" not in auto
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        code, helptext, _ = run(name, "--help")
        assert code == 0 and "--color" in helptext, name
    assert run("-V") == (0, f"qdbench {__version__}\n", "")


# --- configuration --------------------------------------------------------------------------


def _write_config(text: str) -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "qdbench" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_file_sets_defaults_and_config_says_where_each_came_from(corpus_dir: Path) -> None:
    path = _write_config(f'lang = "en"\nscript = "hant"\nstyle = "ris"\ndata = "{corpus_dir}"\n')
    code, out, _ = run("config")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()}
    assert code == 0 and rows["file"][0] == str(path)
    assert rows["lang"] == ["en", "file"] and rows["style"] == ["ris", "file"] and rows["accessed"][-1] == "default"
    assert run("show", "3")[1].startswith("Tokyo Bay Area\n")  # lang and data from the file
    assert run("cite", "3")[1].startswith("TY  - ")  # style from the file
    assert run("show", "3", "--lang", "zh")[1].startswith("東京灣區")  # option beats the file, script from it
    rows = {
        ln.split()[0]: ln.split()[1:]
        for ln in run("config", "--lang", "zh", env={"QDBENCH_DATA": "/x"})[1].splitlines()
    }
    assert rows["lang"] == ["zh", "option"] and rows["data"] == ["/x", "environment", "(QDBENCH_DATA)"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('lang = "fr"\n', "lang must be one of zh, en, both, not 'fr'"),
        ("lang = \n", "not valid TOML"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ('accessed = "soon"\n', "accessed must be YYYY-MM-DD or 'today'"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_it(corpus_dir: Path, text: str, message: str) -> None:
    path = _write_config(text)
    code, out, err = run("list", "--data", str(corpus_dir))
    assert (code, out) == (1, "")
    assert err.splitlines() == [err.splitlines()[0]] and err.startswith(f"error: {path}: ") and message in err


def test_the_cache_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from qdbench.catalog import cache_dir

    monkeypatch.delenv("QDBENCH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "qdbench"
    monkeypatch.setenv("QDBENCH_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


# --- completion -----------------------------------------------------------------------------


def _complete(words: str, data: Path) -> list[str]:
    env = {**os.environ, "_QDBENCH_COMPLETE": "complete_bash", "COMP_WORDS": words, "QDBENCH_DATA": str(data)}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "qdbench"], capture_output=True, text=True, env=env, timeout=60
    )
    assert p.returncode == 0, p.stderr
    assert "whoosh" not in p.stderr and "yaml" not in p.stderr.replace("qdbench", "")  # catalog only
    return p.stdout.split()


def test_completion_of_cases_actions_and_places(corpus_dir: Path) -> None:
    run("index", "--data", str(corpus_dir))  # completion reads the catalog of an existing index
    assert _complete("qdbench show tokyo", corpus_dir) == ["tokyo-bay-area"]
    assert _complete("qdbench show case-00", corpus_dir) == ["case-001", "case-002", "case-003"]
    assert _complete("qdbench cite 1 san", corpus_dir) == ["san-francisco-bay-area"]
    assert _complete("qdbench xref A1", corpus_dir) == ["A1.1"]
    assert _complete("qdbench list --country Ja", corpus_dir) == ["Japan"]
    assert _complete("qdbench search port --city 东", corpus_dir) == ["东京"]


def test_completion_without_an_index_offers_file_names(tmp_path: Path) -> None:
    data = make_corpus(tmp_path / "fresh")
    assert _complete("qdbench show case-", data) == ["case-001", "case-002", "case-003"]
    assert not (Path(os.environ["QDBENCH_CACHE"]) / "indexes").exists()  # completion never builds


# --- the Chinese quick guide --------------------------------------------------------------


def test_the_chinese_guide_starts_with_the_same_two_commands_and_names_real_commands() -> None:
    import re

    root = Path(__file__).resolve().parent.parent
    en = (root / "README.md").read_text(encoding="utf-8")
    zh = (root / "README.zh-CN.md").read_text(encoding="utf-8")
    first_block = lambda text: text.split("```sh\n", 1)[1].split("```", 1)[0]  # noqa: E731
    assert first_block(zh) == first_block(en)
    assert "(README.zh-CN.md)" in en and "(README.md)" in zh
    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    used = set(re.findall(r"^qdbench (\w[\w-]*)", "\n".join(re.findall(r"```sh\n(.*?)```", zh, re.S)), re.M))
    used |= set(re.findall(r"\| qdbench (\w[\w-]*)", zh))
    assert used and used <= names, used - names
    # Every option a recipe uses exists on its command.
    recipes = "\n".join(re.findall(r"```sh\n(.*?)```", zh, re.S))
    for line in re.findall(r"^(qdbench [^#\n]*)", recipes, re.M):
        for part in line.split("|"):
            words = part.split()
            if len(words) < 2 or words[0] != "qdbench":
                continue
            code, helptext, _ = run(words[1], "--help")
            assert code == 0, line
            for opt in (w for w in words[2:] if w.startswith("--")):
                assert opt in helptext, (line, opt)


def test_a_run_builds_only_its_own_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    app_mod = importlib.import_module("qdbench.cli.app")  # the module, not the Typer app of that name

    every = list(app_mod.app.registered_commands)
    try:
        app_mod.keep_only(["show", "1"], env={})
        assert [c.callback.__name__ for c in app_mod.app.registered_commands] == ["show"]
        app_mod.app.registered_commands[:] = every
        for argv in (["--help"], ["lis"], []):
            app_mod.keep_only(argv, env={})
            assert app_mod.app.registered_commands == every
        completing = {"_QDBENCH_COMPLETE": "complete_bash", "COMP_WORDS": "qdbench xref A5", "COMP_CWORD": "2"}
        app_mod.keep_only([], env=completing)
        assert [c.callback.__name__ for c in app_mod.app.registered_commands] == ["xref"]
        app_mod.app.registered_commands[:] = every
        app_mod.keep_only([], env={**completing, "COMP_WORDS": "qdbench sh", "COMP_CWORD": "1"})
        assert app_mod.app.registered_commands == every
    finally:
        app_mod.app.registered_commands[:] = every
