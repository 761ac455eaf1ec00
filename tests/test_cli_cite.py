"""`qdbench cite` behaviour: editions, --format as an alias of --style, -o FILE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from qdbench.cli import app

from .conftest import tree_digest

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_default_is_the_2025_edition_and_2015_is_asked_for(corpus_dir: Path) -> None:
    code, new, _ = run("cite", "3", "--data", str(corpus_dir))
    assert code == 0
    # The Tokyo Bay chapter: "//", the book and its editor, 2025 widths (the DOI is in the URL).
    assert (
        "Furukawa K. Eutrophication in Tokyo Bay[M/OL]//Yanagi T. Eutrophication and Oligotrophication in "
        "Japanese Estuaries：The Present Status and Future Tasks. Springer，2015：5-37. "
        "https://doi.org/10.1007/978-94-017-9915-7_2." in new
    )
    code, old, _ = run("cite", "3", "--style", "gbt7714-2015", "--data", str(corpus_dir))
    assert code == 0
    assert "FURUKAWA K. Eutrophication in Tokyo Bay[M/OL]//YANAGI T. Eutrophication" in old
    assert "Springer, 2015: 5-37." in old


def test_format_is_an_alias_of_style(corpus_dir: Path) -> None:
    ris = run("cite", "1", "--style", "ris", "--data", str(corpus_dir))[1]
    assert run("cite", "1", "--format", "ris", "--data", str(corpus_dir))[1] == ris
    assert run("cite", "1", "-f", "ris", "--data", str(corpus_dir))[1] == ris
    code, out, _ = run("cite", "1", "--format", "ris", "--data", str(corpus_dir))
    assert code == 0 and out.startswith("TY  - ")


def test_output_file(corpus_dir: Path, tmp_path: Path) -> None:
    before = tree_digest(corpus_dir)
    target = tmp_path / "refs.bib"
    code, out, err = run("cite", "1", "2", "3", "-f", "bibtex", "-o", str(target), "--data", str(corpus_dir))
    assert code == 0 and out == ""
    assert f"wrote {target}" in err
    assert (
        target.read_text(encoding="utf-8") == run("cite", "1", "2", "3", "-s", "bibtex", "--data", str(corpus_dir))[1]
    )
    assert tree_digest(corpus_dir) == before
    code, out, err = run("cite", "1", "-o", str(tmp_path / "missing" / "x.bib"), "--data", str(corpus_dir))
    assert code == 1 and out == ""
    assert err.startswith("error: cannot write") and "Traceback" not in err


def test_unknown_style_is_a_usage_error(corpus_dir: Path) -> None:
    code, out, err = run("cite", "1", "--format", "apa", "--data", str(corpus_dir))
    assert code == 2 and out == ""
    assert "gbt7714-2015" in err  # the choices are listed


def test_output_file_in_a_real_run(corpus_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "refs.json"
    r = subprocess.run(
        [sys.executable, "-m", "qdbench", "cite", "1", "2", "3", "--format", "csl-json", "-o", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "QDBENCH_DATA": str(corpus_dir)},
        timeout=120,
    )
    assert r.returncode == 0 and r.stdout == ""
    items = json.loads(target.read_text(encoding="utf-8"))
    chapter = next(i for i in items if i["id"] == "furukawa-2015")
    assert (chapter["type"], chapter["editor"]) == ("chapter", [{"family": "Yanagi", "given": "Tetsuo"}])
