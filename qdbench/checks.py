"""Corpus validation: one small function per check, each returning Findings."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any

from qdbench.corpus import CaseFile, Corpus, KeyPath, display_path
from qdbench.models import CITATION_TYPES, Citation, Finding
from qdbench.safe_text import find_controls

ID_RE = re.compile(r"case-\d{3,}")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
ACTION_RE = re.compile(r"A\d+\.\d+")
DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)?")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_YEAR = 1800
MAX_TARGET_YEAR = 2100

CASE_KEYS = {
    "id",
    "slug",
    "part",
    "title",
    "city",
    "country",
    "actions",
    "themes",
    "related",
    "summary",
    "practices",
    "figures",
    "lessons",
    "citations",
}
REQUIRED_CASE_KEYS = CASE_KEYS - {"related"}
CITATION_KEYS = {f.name for f in fields(Citation)}
# (min, max) counts of list items and (zh characters, en words) of the summary.
COUNTS = {"practices": (3, 6), "lessons": (2, 4), "figures": (2, None), "citations": (2, None)}
SUMMARY_ZH_CHARS = (150, 400)
SUMMARY_EN_WORDS = (100, 250)
ITEM_MIN = (20, 60)  # a practice or lesson: zh characters, en characters

CaseCheck = Callable[[CaseFile, "Context"], Iterator[Finding]]
CASE_CHECKS: list[CaseCheck] = []


class Context:
    """What checks of one file need to know about the rest of the corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.action_ids = {a.id for a in corpus.actions}
        self.slugs = {cf.case.slug for cf in corpus.files}
        self.max_year = datetime.date.today().year + 1


def case_check(fn: CaseCheck) -> CaseCheck:
    CASE_CHECKS.append(fn)
    return fn


def _line(cf: CaseFile, *path: Any) -> int | None:
    p: KeyPath = tuple(path)
    while p:
        if p in cf.lines:
            return cf.lines[p]
        p = p[:-1]
    return 1


def _finding(cf: CaseFile, path: tuple[Any, ...], message: str) -> Finding:
    return Finding(cf.shown, _line(cf, *path), message)


def _is_text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _bilingual(cf: CaseFile, path: tuple[Any, ...], value: Any, what: str) -> Iterator[Finding]:
    if not isinstance(value, dict):
        yield _finding(cf, path, f"{what} must be a mapping with zh and en")
        return
    for lang in ("zh", "en"):
        if not _is_text(value.get(lang)):
            yield _finding(cf, (*path, lang) if lang in value else path, f"{what} has no {lang} text")
    for k in value:
        if k not in ("zh", "en"):
            yield _finding(cf, (*path, k), f"{what}: unknown key {k!r} (only zh and en)")


def _year_ok(v: Any, ctx: Context) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and MIN_YEAR <= v <= ctx.max_year


def isbn_valid(isbn: str) -> bool:
    """Whether an ISBN-10 or ISBN-13 (hyphens and spaces allowed) has a valid check digit."""
    s = re.sub(r"[\s-]", "", isbn).upper()
    if re.fullmatch(r"\d{9}[\dX]", s):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(s))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", s):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(s))
        return total % 10 == 0
    return False


@case_check
def check_keys(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    for k in cf.data:
        if k not in CASE_KEYS:
            yield _finding(cf, (k,), f"unknown key {k!r}")
    for k in sorted(REQUIRED_CASE_KEYS - set(cf.data)):
        yield Finding(cf.shown, 1, f"missing key {k!r}")


@case_check
def check_identity(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    d = cf.data
    stem = cf.path.stem
    if not ID_RE.fullmatch(str(d.get("id"))):
        yield _finding(cf, ("id",), f"id {d.get('id')!r} is not of the form case-NNN")
    elif d["id"] != stem:
        yield _finding(cf, ("id",), f"id {d['id']!r} differs from the file name {stem!r}")
    if "slug" in d and not (isinstance(d["slug"], str) and SLUG_RE.fullmatch(d["slug"])):
        yield _finding(cf, ("slug",), f"slug {d.get('slug')!r} must be lowercase words joined by hyphens")
    if "part" in d and not (isinstance(d["part"], int) and 1 <= d["part"] <= 7):
        yield _finding(cf, ("part",), f"part {d.get('part')!r} must be a number from 1 to 7")


@case_check
def check_names(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    for k in ("title", "city", "country"):
        if k in cf.data:
            yield from _bilingual(cf, (k,), cf.data[k], k)


@case_check
def check_actions(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    acts = cf.data.get("actions")
    if "actions" not in cf.data:
        return
    if not isinstance(acts, list) or not acts:
        yield _finding(cf, ("actions",), "actions must be a non-empty list of action ids")
        return
    for i, a in enumerate(acts):
        if a not in ctx.action_ids:
            yield _finding(cf, ("actions", i), f"action {a!r} is not in actions.yaml")


@case_check
def check_themes(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    t = cf.data.get("themes")
    if "themes" not in cf.data:
        return
    if not isinstance(t, dict):
        yield _finding(cf, ("themes",), "themes must be a mapping with zh and en lists")
        return
    for lang in ("zh", "en"):
        v = t.get(lang)
        if not (isinstance(v, list) and v and all(_is_text(x) for x in v)):
            yield _finding(cf, ("themes", lang), f"themes.{lang} must be a non-empty list of keywords")


@case_check
def check_related(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    rel = cf.data.get("related")
    if rel is None:
        return
    if not isinstance(rel, list):
        yield _finding(cf, ("related",), "related must be a list of slugs")
        return
    for i, s in enumerate(rel):
        if s == cf.data.get("slug"):
            yield _finding(cf, ("related", i), "a case cannot be related to itself")
        elif s not in ctx.slugs:
            yield _finding(cf, ("related", i), f"related slug {s!r} is not a case in the corpus")


@case_check
def check_summary(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    s = cf.data.get("summary")
    if "summary" not in cf.data:
        return
    found = list(_bilingual(cf, ("summary",), s, "summary"))
    yield from found
    if found:
        return
    zh = len("".join(s["zh"].split()))
    en = len(s["en"].split())
    lo, hi = SUMMARY_ZH_CHARS
    if not lo <= zh <= hi:
        yield _finding(cf, ("summary", "zh"), f"summary.zh has {zh} characters (expected {lo}-{hi})")
    lo, hi = SUMMARY_EN_WORDS
    if not lo <= en <= hi:
        yield _finding(cf, ("summary", "en"), f"summary.en has {en} words (expected {lo}-{hi})")


@case_check
def check_lists(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    for k, (lo, hi) in COUNTS.items():
        v = cf.data.get(k)
        if k not in cf.data:
            continue
        if not isinstance(v, list):
            yield _finding(cf, (k,), f"{k} must be a list")
            continue
        if len(v) < lo or (hi is not None and len(v) > hi):
            want = f"{lo}-{hi}" if hi else f"at least {lo}"
            yield _finding(cf, (k,), f"{k} has {len(v)} items (expected {want})")
    for k in ("practices", "lessons"):
        for i, item in enumerate(cf.data.get(k) or [] if isinstance(cf.data.get(k), list) else []):
            found = list(_bilingual(cf, (k, i), item, f"{k}[{i + 1}]"))
            yield from found
            if not found and (len(item["zh"]) < ITEM_MIN[0] or len(item["en"]) < ITEM_MIN[1]):
                yield _finding(cf, (k, i), f"{k}[{i + 1}] is too short to say what was done")


@case_check
def check_figures(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    figs = cf.data.get("figures")
    if not isinstance(figs, list):
        return
    cites = cf.data.get("citations") if isinstance(cf.data.get("citations"), list) else []
    keys = {c.get("key") for c in cites if isinstance(c, dict)}
    for i, f in enumerate(figs):
        what = f"figures[{i + 1}]"
        if not isinstance(f, dict):
            yield _finding(cf, ("figures", i), f"{what} must be a mapping")
            continue
        for lang in ("zh", "en"):
            if not _is_text(f.get(lang)):
                yield _finding(cf, ("figures", i), f"{what} has no {lang} text")
        y = f.get("year")
        # A plan's target (e.g. for 2035) is a figure about a future year.
        if not (isinstance(y, int) and not isinstance(y, bool) and MIN_YEAR <= y <= MAX_TARGET_YEAR):
            yield _finding(
                cf, ("figures", i, "year"), f"{what}: year {y!r} is not a year from {MIN_YEAR} to {MAX_TARGET_YEAR}"
            )
        if f.get("cite") not in keys:
            yield _finding(
                cf, ("figures", i, "cite"), f"{what}: cite {f.get('cite')!r} is not a citation key of this case"
            )
        for k in f:
            if k not in ("zh", "en", "year", "cite"):
                yield _finding(cf, ("figures", i, k), f"{what}: unknown key {k!r}")


@case_check
def check_citations(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    cites = cf.data.get("citations")
    if not isinstance(cites, list):
        return
    seen: Counter[str] = Counter()
    for i, c in enumerate(cites):
        what = f"citations[{i + 1}]"
        if not isinstance(c, dict):
            yield _finding(cf, ("citations", i), f"{what} must be a mapping")
            continue
        yield from _citation(cf, ctx, i, c, what, seen)


def _citation(
    cf: CaseFile, ctx: Context, i: int, c: dict[str, Any], what: str, seen: Counter[str]
) -> Iterator[Finding]:
    at = ("citations", i)
    key = c.get("key")
    if not (isinstance(key, str) and KEY_RE.fullmatch(key)):
        yield _finding(cf, (*at, "key"), f"{what}: key {key!r} must be lowercase letters, digits and hyphens")
    else:
        seen[key] += 1
        if seen[key] == 2:
            yield _finding(cf, (*at, "key"), f"{what}: duplicate citation key {key!r}")
    if c.get("type") not in CITATION_TYPES:
        yield _finding(cf, (*at, "type"), f"{what}: type {c.get('type')!r} is not one of {', '.join(CITATION_TYPES)}")
    if not _is_text(c.get("title")):
        yield _finding(cf, at, f"{what}: no title")
    if not _year_ok(c.get("year"), ctx):
        yield _finding(
            cf, (*at, "year"), f"{what}: year {c.get('year')!r} is not a year from {MIN_YEAR} to {ctx.max_year}"
        )
    author = c.get("author")
    if author is not None and not (isinstance(author, list) and all(_is_text(a) for a in author)):
        yield _finding(cf, (*at, "author"), f"{what}: author must be a list of names")
    if not author and not _is_text(c.get("publisher")):
        yield _finding(cf, at, f"{what}: needs an author or a publisher")
    if not any(_is_text(c.get(k)) for k in ("url", "doi", "isbn")):
        yield _finding(cf, at, f"{what}: needs a url, doi or isbn")
    url = c.get("url")
    if url is not None and not (isinstance(url, str) and re.fullmatch(r"https?://\S+", url)):
        yield _finding(cf, (*at, "url"), f"{what}: url {url!r} is not an http(s) address")
    doi = c.get("doi")
    if doi is not None and not (isinstance(doi, str) and DOI_RE.fullmatch(doi)):
        yield _finding(cf, (*at, "doi"), f"{what}: doi {doi!r} is malformed (expected a bare 10.NNNN/... DOI)")
    isbn = c.get("isbn")
    if isbn is not None and not (isinstance(isbn, str) and isbn_valid(isbn)):
        yield _finding(cf, (*at, "isbn"), f"{what}: isbn {isbn!r} has a wrong check digit or length")
    lang = c.get("language")
    if not (isinstance(lang, str) and LANG_RE.fullmatch(lang)):
        yield _finding(cf, (*at, "language"), f"{what}: language {lang!r} must be a code such as en or zh")
    for k in ("date", "accessed"):
        v = c.get(k)
        if v is not None and not DATE_RE.fullmatch(str(v)):
            yield _finding(cf, (*at, k), f"{what}: {k} {v!r} must be YYYY-MM-DD")
    for k in c:
        if k not in CITATION_KEYS:
            yield _finding(cf, (*at, k), f"{what}: unknown key {k!r}")


_CJK_GAP = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]\s+[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _zh_texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "zh" and isinstance(v, str):
                yield (*path, k), v
            elif k == "zh" and isinstance(v, list):
                yield from (((*path, k, i), x) for i, x in enumerate(v) if isinstance(x, str))
            else:
                yield from _zh_texts(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _zh_texts(v, (*path, i))


@case_check
def check_chinese_spacing(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    # A line break inside a folded YAML block becomes a space: harmless in English, a stray gap
    # between Chinese characters.
    for path, text in _zh_texts(cf.data, ()):
        m = _CJK_GAP.search(text)
        if m:
            yield _finding(
                cf,
                path,
                f"space between Chinese characters in {'.'.join(map(str, path))}: {m.group(0)!r} (join the lines, or use a | block)",
            )


def check_corpus_ids(corpus: Corpus) -> Iterator[Finding]:
    """Ids and slugs must be unique across the corpus."""
    for attr in ("id", "slug"):
        owners: dict[str, CaseFile] = {}
        for cf in corpus.files:
            v = getattr(cf.case, attr)
            if not v:
                continue
            if v in owners:
                yield Finding(cf.shown, _line(cf, attr), f"duplicate {attr} {v!r} (also in {owners[v].shown})")
            else:
                owners[v] = cf


def check_actions_file(corpus: Corpus) -> Iterator[Finding]:
    """actions.yaml: parts 1-7 with titles, items with ids, parts and bilingual texts."""
    d = corpus.actions_data
    if not isinstance(d, dict):
        return
    shown = "actions.yaml"
    for f in corpus.problems:
        if f.path.endswith("actions.yaml"):
            shown = f.path
    lines = corpus.actions_lines

    def at(*path: Any) -> int | None:
        p = tuple(path)
        while p and p not in lines:
            p = p[:-1]
        return lines.get(p, 1)

    parts = {p.part for p in corpus.parts}
    if parts != set(range(1, 8)):
        yield Finding(shown, at("parts"), f"parts must be 1 to 7, found {sorted(parts)}")
    items = d.get("actions")
    if not isinstance(items, list) or not items:
        yield Finding(shown, at("actions"), "actions must be a non-empty list")
        return
    ids: Counter[str] = Counter()
    for i, a in enumerate(items):
        if not isinstance(a, dict):
            yield Finding(shown, at("actions", i), "an action item must be a mapping")
            continue
        aid = a.get("id")
        if not (isinstance(aid, str) and ACTION_RE.fullmatch(aid)):
            yield Finding(shown, at("actions", i, "id"), f"action id {aid!r} must look like A5.1")
        else:
            ids[aid] += 1
            if ids[aid] == 2:
                yield Finding(shown, at("actions", i, "id"), f"duplicate action id {aid!r}")
        if a.get("part") not in parts:
            yield Finding(shown, at("actions", i, "part"), f"action {aid}: part {a.get('part')!r} is not a part")
        for k in ("title", "description"):
            v = a.get(k)
            if not (isinstance(v, dict) and _is_text(v.get("zh")) and _is_text(v.get("en"))):
                yield Finding(shown, at("actions", i, k), f"action {aid}: {k} needs zh and en")
        if not _is_text(a.get("source")):
            yield Finding(shown, at("actions", i), f"action {aid}: no source")


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for k in path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out or "the document"


@case_check
def check_controls(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    """Control characters (ESC, BEL, C1...) would act on the terminal that shows the case."""
    for path, ch in find_controls(cf.data):
        yield _finding(cf, path, f"control character U+{ord(ch):04X} in {_dotted(path)}")


def check_actions_controls(corpus: Corpus) -> Iterator[Finding]:
    lines = corpus.actions_lines
    shown = display_path(corpus.data_dir / "actions.yaml", corpus.data_dir)
    for path, ch in find_controls(corpus.actions_data):
        p = path
        while p and p not in lines:
            p = p[:-1]
        yield Finding(shown, lines.get(p, 1), f"control character U+{ord(ch):04X} in {_dotted(path)}")


def run_checks(corpus: Corpus) -> list[Finding]:
    """Every problem in the corpus, in file and line order."""
    ctx = Context(corpus)
    found = list(corpus.problems)
    found += check_actions_file(corpus)
    found += check_actions_controls(corpus)
    found += check_corpus_ids(corpus)
    for cf in corpus.files:
        for check in CASE_CHECKS:
            found += check(cf, ctx)
    # De-duplicate while keeping file and line order.
    unique = dict.fromkeys(found)
    return sorted(unique, key=lambda f: (f.path, f.line or 0))
