"""The handbook export, `new` and `cite` through the CLI; the HTML in a real headless browser."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qdbench.cli import app
from qdbench.export import CSV_COLUMNS

from .conftest import make_corpus

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), input=stdin, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_markdown_handbook_has_title_contents_parts_actions_and_cases(corpus_dir: Path) -> None:
    code, md, _ = run("export", "--format", "md", "--data", str(corpus_dir))
    assert code == 0
    assert md.startswith("# 青岛“国际化+”行动计划对标案例")
    assert "## 目录 / Contents" in md
    for n in range(1, 8):
        assert f'<a id="part-{n}"></a>' in md
    assert "- **A1.1** " in md and "[case-002](#case-002)" in md
    assert md.count("#### 参考文献 / References") == 3
    assert "[1] " in md and "[R/OL]" in md


def test_one_part_in_one_language_and_traditional_script(corpus_dir: Path) -> None:
    _, md, _ = run("export", "--part", "1", "--lang", "zh", "--script", "hant", "--data", str(corpus_dir))
    assert "東京灣區" in md and "Tokyo Bay Area" not in md
    assert '<a id="part-2"></a>' not in md


def test_flat_records_are_stable(corpus_dir: Path) -> None:
    _, out, _ = run("export", "-f", "csv", "--data", str(corpus_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["id"] for r in rows] == ["case-001", "case-002", "case-003"]
    _, js, _ = run("export", "-f", "json", "--data", str(corpus_dir))
    recs = json.loads(js)
    assert [tuple(r) for r in recs] == [CSV_COLUMNS] * 3
    assert recs[2]["title_en"] == "Tokyo Bay Area" and recs[2]["actions"] == rows[2]["actions"]


def test_export_to_a_file(corpus_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "handbook.html"
    code, out, err = run("export", "-f", "html", "-o", str(target), "--data", str(corpus_dir))
    assert (code, out) == (0, "") and "wrote" in err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = run("export", "-o", str(tmp_path / "missing" / "x.md"), "--data", str(corpus_dir))
    assert code == 1 and err.splitlines()[-1].startswith("error: cannot write")


def test_the_html_is_self_contained(corpus_dir: Path) -> None:
    _, page, _ = run("export", "-f", "html", "--data", str(corpus_dir))
    low = page.lower()
    assert "<style>" in low and "@media print" in low
    for fetch in ("<script", "<link", "<img", "@import", "url("):
        assert fetch not in low


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class _Links(HTMLParser):
    """Text outside links, the links' targets, and the ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.outside: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a":
            self.depth += 1
            self.hrefs.append(str(a.get("href")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.outside.append(data)


def test_every_url_and_doi_is_a_link_and_every_reference_an_anchor(tmp_path: Path) -> None:
    data = make_corpus(tmp_path / "d", cases=("case-001.yaml", "case-003.yaml", "case-034.yaml"))
    _, page, _ = run("export", "-f", "html", "--data", str(data))
    p = _Links()
    p.feed(page)
    plain = "".join(p.outside)
    assert "http" not in plain and not re.search(r"\b10\.\d{4,9}/", plain)
    assert "https://doi.org/10.1016/S0739-8859(06)17013-4" in p.hrefs  # a DOI-only source
    for i in (1, 2, 3, 4):
        assert f"case-034-ref-{i}" in p.ids
    internal = [h[1:] for h in p.hrefs if h.startswith("#")]
    assert internal and all(h in p.ids for h in internal)  # every in-page link lands on an anchor
    assert '<a href="#case-034-ref-4">[4]</a>' in page  # a key figure points to its source


def test_print_layout_a4_parts_and_font_stacks_per_script(corpus_dir: Path) -> None:
    _, page, _ = run("export", "-f", "html", "--data", str(corpus_dir))
    assert "@page{size:A4" in page and "section.part{break-before:page}" in page
    assert "h3{page-break-before" not in page and "h2,h3,h4{break-after:avoid}" in page
    assert '@page part-1{@top-left{content:"1. 国际海洋名城建设 / Building an international maritime city"' in page
    assert 'class="part part-1"' in page and '<div class="figures">' in page
    for script, tag, font in (
        ("hans", "zh-Hans", "Noto Sans CJK SC"),
        ("hant", "zh-Hant", "Noto Sans CJK TC"),
        ("hant-hk", "zh-Hant-HK", "Noto Sans CJK HK"),
    ):
        _, html_text, _ = run("export", "-f", "html", "--script", script, "--data", str(corpus_dir))
        assert f'<html lang="{tag}">' in html_text and f'<p lang="{tag}"' in html_text
        rule = "body{font-family:" if tag == "zh-Hans" else f":lang({tag}){{font-family:"
        assert (rule + f'"{font}"') in html_text


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("QDBENCH_REQUIRE_BROWSER"):
            pytest.fail(f"QDBENCH_REQUIRE_BROWSER is set but {tool} is not installed")
        pytest.skip(f"no {tool} on this machine (CI installs it)")
    return found


def test_the_html_renders_and_prints_in_headless_chromium(corpus_dir: Path, tmp_path: Path) -> None:
    browser = _chromium() or _require("chromium")
    page = tmp_path / "handbook.html"
    run("export", "-f", "html", "-o", str(page), "--data", str(corpus_dir))
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for needle in ('id="case-001"', 'id="case-003"', "东京湾区", "References", 'id="part-7"'):
        assert needle in dom.stdout
    # Printing Chinese needs a CJK font (Debian: fonts-noto-cjk), or every character is a box.
    fc = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    if "CJK" not in fc.stdout:
        if os.environ.get("QDBENCH_REQUIRE_BROWSER"):
            pytest.fail("no CJK font installed: printing prints boxes (install fonts-noto-cjk)")
        pytest.skip("no CJK font on this machine (Debian: fonts-noto-cjk)")
    pdf = tmp_path / "handbook.pdf"
    subprocess.run(
        [browser, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    info = subprocess.run([_require("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    # Title page, contents, seven parts each starting a page; three cases do not fill 30 pages.
    assert 9 <= pages <= 30, pages
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    parts = text.split("\f")
    assert "东京湾区" in text and "1. 国际海洋名城建设 / Building an international maritime city" in parts[3]
    png = tmp_path / "page"
    subprocess.run(
        [_require("pdftoppm"), "-png", "-r", "40", "-f", "4", "-l", "4", "-singlefile", str(pdf), str(png)], check=True
    )
    shot = png.with_suffix(".png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5_000


def test_new_writes_the_next_free_case_from_the_template(corpus_dir: Path) -> None:
    code, out, err = run("new", "--part", "5", "--slug", "port-of-busan", "--data", str(corpus_dir))
    path = Path(out.strip())
    assert code == 0 and path.name == "case-004.yaml" and "qdbench check" in err
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (d["id"], d["slug"], d["part"]) == ("case-004", "port-of-busan", 5)
    assert set(d) >= {
        "title",
        "city",
        "country",
        "actions",
        "themes",
        "summary",
        "practices",
        "figures",
        "lessons",
        "citations",
    }
    # An unfilled template is reported by the checker, not silently accepted.
    assert run("check", "--data", str(corpus_dir))[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--part", "9", "--slug", "x"), "--part must be between 1 and 7"),
        (("--part", "1", "--slug", "Bad Slug"), "must be lowercase words"),
        (("--part", "1", "--slug", "tokyo-bay-area"), "already used by"),
    ],
)
def test_new_refuses_bad_or_taken_slugs(corpus_dir: Path, args: tuple[str, ...], message: str) -> None:
    before = sorted(p.name for p in (corpus_dir / "cases").iterdir())
    code, out, err = run("new", *args, "--data", str(corpus_dir))
    assert code == 2 and out == "" and message in err
    assert sorted(p.name for p in (corpus_dir / "cases").iterdir()) == before


def test_cite_from_arguments_and_from_a_pipe(corpus_dir: Path) -> None:
    d = ("--data", str(corpus_dir))
    code, out, err = run("cite", "1", "tokyo-bay-area", *d)
    assert code == 0 and out.startswith("[1] ") and "reference(s) from 2 case(s)" in err
    _, ids, _ = run("search", "bay", "-f", "ids", *d)
    code, piped, _ = run("cite", "-", *d, stdin=ids)
    _, direct, _ = run("cite", *ids.split(), *d)
    assert code == 0 and piped == direct
    _, tsv, _ = run("search", "bay", *d)
    assert run("cite", "-", *d, stdin=tsv)[1] == direct
    _, bib, _ = run("cite", "2", "--style", "bibtex", *d)
    assert bib.lstrip().startswith("@")
    _, dated, _ = run("cite", "1", "--accessed", "2026-11-26", *d)
    assert "[2026-11-26]" in dated


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("cite", "case-999"), 1, "no case 'case-999'"),
        (("cite", "1", "--style", "apa"), 2, "Invalid value for '--style'"),
        (("cite", "1", "--accessed", "soon"), 2, "is not a date"),
        (("cite", "-"), 2, "no case ids given"),
    ],
)
def test_cite_errors(corpus_dir: Path, args: tuple[str, ...], code: int, message: str) -> None:
    c, out, err = run(*args, "--data", str(corpus_dir), stdin="")
    assert c == code and out == "" and message in err
