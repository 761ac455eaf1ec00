"""The whole corpus through the programs that read the exports: biber's biblatex data model,
bibtexparser, pandoc's citeproc, rispy, and Zotero's RIS translator's rule for names.

biber and pandoc are Debian packages. A test needing one is skipped when it is absent, unless
QDBENCH_REQUIRE_BIBER / QDBENCH_REQUIRE_PANDOC is set (as CI does after installing them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from qdbench import cite
from qdbench.corpus import load_case_file
from qdbench.datadir import case_files

SHIPPED = Path(__file__).resolve().parent.parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cite"


@pytest.fixture(scope="module")
def refs() -> list[cite.Reference]:
    data = SHIPPED.resolve()
    return cite.collect([load_case_file(p, data).case for p in case_files(data)])


def need(program: str, env: str) -> str:
    found = shutil.which(program)
    if found:
        return found
    if os.environ.get(env):
        pytest.fail(f"{env} is set but {program} is not installed")
    pytest.skip(f"{program} is not installed (Debian package {program})")


def test_biber_validates_the_corpus_against_biblatex_data_model(refs: list[cite.Reference], tmp_path: Path) -> None:
    biber = need("biber", "QDBENCH_REQUIRE_BIBER")
    bib = tmp_path / "corpus.bib"
    bib.write_text(cite.render(refs, "bibtex", accessed="2026-12-01"), encoding="utf-8")
    # --tool reads a .bib without a LaTeX run, against biblatex's default data model.
    run = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "out.bib"), str(bib)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-2000:]
    assert [line for line in log.splitlines() if line.startswith(("WARN", "ERROR"))] == []
    # biber read every entry: its output has as many as the input.
    assert (tmp_path / "out.bib").read_text(encoding="utf-8").count("\n@") + 1 >= len(refs)


def test_bibtexparser_reads_every_entry(refs: list[cite.Reference]) -> None:
    lib = bibtexparser.parse_string(cite.render(refs, "bibtex"))
    assert not lib.failed_blocks
    assert len(lib.entries) == len(refs)
    by_key = {e.key: e for e in lib.entries}
    assert by_key["furukawa-2015"].entry_type == "incollection"
    assert by_key["furukawa-2015"].fields_dict["booktitle"].value.startswith("Eutrophication and Oligotrophication")
    assert by_key["adb-weston"].entry_type == "inbook"
    assert by_key["adb-weston"].fields_dict["booktitle"].value == "Australian Dictionary of Biography"
    for e in lib.entries:
        assert "year" not in e.fields_dict, e.key
        if e.entry_type == "online":
            assert "publisher" not in e.fields_dict, e.key


def test_csl_json_through_pandoc_citeproc(refs: list[cite.Reference], tmp_path: Path) -> None:
    text = cite.render(refs, "csl-json")
    items = json.loads(text)
    schema = json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, schema, cls=jsonschema.Draft7Validator)
    pandoc = need("pandoc", "QDBENCH_REQUIRE_PANDOC")
    (tmp_path / "refs.json").write_text(text, encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    run = subprocess.run(
        [pandoc, "doc.md", "--citeproc", "--bibliography=refs.json", "-t", "plain", "--wrap=none"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and run.stderr == "", run.stderr
    out = run.stdout
    # Chicago author-date, pandoc's default: the chapter is "In <book>, edited by ...", the
    # newspaper's name is printed, a report's series follows its number.
    assert "“Eutrophication in Tokyo Bay.” In Eutrophication and Oligotrophication" in out
    assert "edited by Tetsuo Yanagi, 5–37" in out
    assert "2012/06. OECD Regional Development Working Papers. OECD Publishing." in out
    # An unsigned news item is listed under its newspaper, not lost (it was "“…,” 2006, 2006.").
    # (Further items by the same paper follow as "———. 2024a.", as Chicago style writes them.)
    assert "\nThe Straits Times. 20" in out
    assert re.search(r"(The Straits Times|———)\. 2024[a-z]?\. “S’pore Port Handled Record 39\.01 Million", out)
    # Read back by pandoc's CSL-JSON reader, the types and containers are the ones written.
    back = subprocess.run(
        [pandoc, "-f", "csljson", "-t", "csljson", "refs.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert back.returncode == 0, back.stderr
    again = {i["id"]: i for i in json.loads(back.stdout)}
    for item in items:
        other = again[item["id"]]
        for k in ("type", "container-title", "collection-title", "number", "DOI", "URL"):
            # pandoc 2.17 reads CSL-JSON strings as markdown and curls straight apostrophes,
            # even inside URLs: compared with that undone.
            assert uncurl(other.get(k)) == uncurl(item.get(k)), (item["id"], k)
        # pandoc curls apostrophes in names; the kind of each name (literal or parts) stays.
        assert [sorted(n) for n in other.get("author", [])] == [sorted(n) for n in item.get("author", [])]


def uncurl(value: object) -> object:
    return value.replace("\u2019", "'") if isinstance(value, str) else value


def zotero_creator(value: str) -> dict[str, object]:
    """Zotero RIS.js (zotero/translators, processTag, case "creators"), in Python."""
    last = re.split(r"\s*,\s*", value)[0]
    first = re.sub(r"^\s*,\s*", "", value[len(last) :])
    return {"lastName": last, "firstName": first} if first else {"lastName": last, "fieldMode": 1}


def test_ris_through_rispy_and_zotero_names(refs: list[cite.Reference]) -> None:
    text = cite.render(refs, "ris")
    records = rispy.loads(text)
    assert len(records) == len(refs)
    by_id = {r["id"]: r for r in records}
    chap = by_id["furukawa-2015"]
    assert chap["type_of_reference"] == "CHAP"
    assert chap["secondary_title"].startswith("Eutrophication and Oligotrophication")  # T2: the book
    assert chap["secondary_authors"] == ["Yanagi, Tetsuo"]  # A2: its editor
    assert by_id["adb-weston"]["type_of_reference"] == "DICT"
    news = by_id["st-2024"]
    assert news["type_of_reference"] == "NEWS"
    # JF and T2 (rispy names JF "alternate_title3").
    assert news["alternate_title3"] == news["secondary_title"] == "The Straits Times"
    # Every body stays one creator in Zotero; every person keeps a given name.
    for c in (r.citation for r in refs):
        for raw, value in zip(c.author, (cite.ris_name(a) for a in c.author), strict=True):
            creator = zotero_creator(value)
            assert ("fieldMode" in creator) == (not cite.parse_name(raw).is_person), (raw, value)
    mof = cite.ris_name("Ministry of Finance, Singapore")
    assert zotero_creator(mof) == {"lastName": mof, "fieldMode": 1}
    assert mof.replace("\u201a", ",") == "Ministry of Finance, Singapore"
