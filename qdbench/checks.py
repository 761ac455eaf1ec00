"""Corpus validation: one small function per check, each returning Findings."""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from qdbench import updates
from qdbench.corpus import CaseFile, Corpus, DataFile, KeyPath
from qdbench.datadir import display_path
from qdbench.indicators import indicators_from
from qdbench.models import CITATION_TYPES, Case, Citation, Finding, Text
from qdbench.places import PLACE_KINDS, QINGDAO, Gazetteer, gazetteer_from
from qdbench.qingdao import LEVELS
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
    "places",
    "updates",
    "reviewed",
}
REQUIRED_CASE_KEYS = CASE_KEYS - {"related", "updates", "reviewed"}
FIGURE_KEYS = {"zh", "en", "year", "cite", "indicator", "value", "place"}
UPDATE_KEYS = {"date", "zh", "en", "cite"}
PLACE_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY_CODE_RE = re.compile(r"[A-Z]{2}")
# The handbook counts "countries and regions": these ISO codes are regions of China.
REGION_CODES = {"HK", "MO", "TW"}
# "A5.3：", "对应A5.3：", "For A5.3 (...):": the v1 way of tying a lesson to its item.
LEADING_ACTION_RE = re.compile(r"\s*(?:对应|For\s+)?A\d+\.\d+")
CITATION_KEYS = set(Citation._fields)
# (min, max) counts of list items and (zh characters, en words) of the summary.
COUNTS = {"practices": (3, 6), "lessons": (2, 4), "figures": (2, None), "citations": (2, None)}
SUMMARY_ZH_CHARS = (150, 400)
SUMMARY_EN_WORDS = (100, 250)
ITEM_MIN = (20, 60)  # a practice or lesson: zh characters, en characters

CaseCheck = Callable[[CaseFile, "Context"], Iterator[Finding]]
CASE_CHECKS: list[CaseCheck] = []


class Context:
    """What checks of one file need to know about the rest of the corpus."""

    def __init__(self, corpus: Corpus, today: datetime.date | None = None) -> None:
        self.action_ids = {a.id for a in corpus.actions}
        self.slugs = {cf.case.slug for cf in corpus.files}
        self.today = today or datetime.date.today()
        self.max_year = self.today.year + 1
        self.has_places = corpus.data_of("places.yaml") is not None
        self.has_indicators = corpus.data_of("indicators.yaml") is not None
        self.gazetteer: Gazetteer = gazetteer_from(corpus.data_of("places.yaml"))
        self.indicator_ids = {i.id for i in indicators_from(corpus.data_of("indicators.yaml"))}

    def unknown_place(self, pid: Any) -> str | None:
        """Why a place id does not resolve, or None when it does."""
        if not self.has_places:
            return f"place {pid!r} cannot be resolved: the data folder has no places.yaml"
        if pid not in self.gazetteer.places:
            return f"place {pid!r} is not in places.yaml"
        return None

    def unknown_indicator(self, iid: Any) -> str | None:
        if not self.has_indicators:
            return f"indicator {iid!r} cannot be resolved: the data folder has no indicators.yaml"
        if iid not in self.indicator_ids:
            return f"indicator {iid!r} is not in indicators.yaml"
        return None


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


def _bilingual(
    cf: CaseFile, path: tuple[Any, ...], value: Any, what: str, extra: tuple[str, ...] = ()
) -> Iterator[Finding]:
    if not isinstance(value, dict):
        yield _finding(cf, path, f"{what} must be a mapping with zh and en")
        return
    for lang in ("zh", "en"):
        if not _is_text(value.get(lang)):
            yield _finding(cf, (*path, lang) if lang in value else path, f"{what} has no {lang} text")
    for k in value:
        if k not in ("zh", "en", *extra):
            only = ", ".join(("zh", "en", *extra))
            yield _finding(cf, (*path, k), f"{what}: unknown key {k!r} (only {only})")


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
            found = list(_bilingual(cf, (k, i), item, f"{k}[{i + 1}]", ("action",) if k == "lessons" else ()))
            yield from found
            if not found and (len(item["zh"]) < ITEM_MIN[0] or len(item["en"]) < ITEM_MIN[1]):
                yield _finding(cf, (k, i), f"{k}[{i + 1}] is too short to say what was done")


@case_check
def check_figures(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    figs = cf.data.get("figures")
    if not isinstance(figs, list):
        return
    keys = _citation_keys(cf.data)
    for i, f in enumerate(figs):
        yield from _figure(cf, ctx, i, f, keys)


def _citation_keys(data: dict[str, Any]) -> set[Any]:
    cites = data.get("citations") if isinstance(data.get("citations"), list) else []
    return {c.get("key") for c in cites if isinstance(c, dict)}


def _figure(cf: CaseFile, ctx: Context, i: int, f: Any, keys: set[Any], of: str = "this case") -> Iterator[Finding]:
    """One figure: texts, year, cite, and (v2) its indicator, value and place."""
    what = f"figures[{i + 1}]"
    if not isinstance(f, dict):
        yield _finding(cf, ("figures", i), f"{what} must be a mapping")
        return
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
        yield _finding(cf, ("figures", i, "cite"), f"{what}: cite {f.get('cite')!r} is not a citation key of {of}")
    yield from _figure_value(cf, ctx, i, f, what)
    for k in f:
        if k not in FIGURE_KEYS:
            yield _finding(cf, ("figures", i, k), f"{what}: unknown key {k!r}")


def _figure_value(cf: CaseFile, ctx: Context, i: int, f: dict[str, Any], what: str) -> Iterator[Finding]:
    has_ind, has_val = "indicator" in f, "value" in f
    if has_val and not has_ind:
        yield _finding(cf, ("figures", i, "value"), f"{what}: a value needs an indicator")
    if has_ind and not has_val:
        yield _finding(cf, ("figures", i, "indicator"), f"{what}: an indicator needs a value")
    if has_ind and (why := ctx.unknown_indicator(f["indicator"])):
        yield _finding(cf, ("figures", i, "indicator"), f"{what}: {why}")
    if has_val:
        v = f["value"]
        if isinstance(v, bool) or not isinstance(v, int | float):
            yield _finding(cf, ("figures", i, "value"), f"{what}: value {v!r} is not a number")
        elif not math.isfinite(v):
            yield _finding(cf, ("figures", i, "value"), f"{what}: value {v!r} is not a finite number")
    if "place" in f and (why := ctx.unknown_place(f["place"])):
        yield _finding(cf, ("figures", i, "place"), f"{what}: {why}")


@case_check
def check_places(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    if "places" not in cf.data:
        return
    ps = cf.data["places"]
    if not (isinstance(ps, list) and ps and all(isinstance(p, str) for p in ps)):
        yield _finding(cf, ("places",), "places must be a non-empty list of place ids from places.yaml")
        return
    seen: set[str] = set()
    for i, p in enumerate(ps):
        if p in seen:
            yield _finding(cf, ("places", i), f"place {p!r} is listed twice")
        seen.add(p)
        if why := ctx.unknown_place(p):
            yield _finding(cf, ("places", i), why)


def _names_overlap(names: tuple[str, ...], texts: tuple[str, ...]) -> bool:
    """Whether one of the names appears in one of the texts, or the other way round."""
    norm = lambda s: " ".join(s.casefold().split())  # noqa: E731
    ns = [norm(n) for n in names if n.strip()]
    ts = [norm(t) for t in texts if t.strip()]
    return any(n in t or t in n for n in ns for t in ts)


@case_check
def check_place_text(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    """city/country stay display text, but must name what ``places`` says."""
    c = cf.case
    gz = ctx.gazetteer
    known = [gz.places[p] for p in c.places if p in gz.places]
    if not known:
        return
    country_text = (c.country.zh, c.country.en)
    countries = [gz.countries[p.country] for p in known if p.country in gz.countries]
    names = tuple(n for k in countries for n in (k.name.zh, k.name.en))
    if countries and not _names_overlap(names, country_text):
        listed = ", ".join(dict.fromkeys(k.name.en for k in countries))
        yield _finding(cf, ("country",), f"country {c.country.en!r} names none of the places' countries ({listed})")
    cities = [p for p in known if p.kind == "city"]
    city_names = tuple(n for p in cities for n in (p.name.zh, p.name.en))
    if cities and not _names_overlap(city_names, (c.city.zh, c.city.en)):
        listed = ", ".join(p.name.en for p in cities)
        yield _finding(cf, ("city",), f"city {c.city.en!r} names none of the case's cities ({listed})")


@case_check
def check_updates(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    if "updates" not in cf.data:
        return
    ups = cf.data["updates"]
    if not isinstance(ups, list):
        yield _finding(cf, ("updates",), "updates must be a list of {date, zh, en, cite}")
        return
    keys = _citation_keys(cf.data)
    last: datetime.date | None = None
    for i, u in enumerate(ups):
        what = f"updates[{i + 1}]"
        if not isinstance(u, dict):
            yield _finding(cf, ("updates", i), f"{what} must be a mapping")
            continue
        for lang in ("zh", "en"):
            if not _is_text(u.get(lang)):
                yield _finding(cf, ("updates", i), f"{what} has no {lang} text")
        raw = u.get("date")
        # An unquoted YAML date is read as a date: its ISO text is what was written.
        text = raw.isoformat() if isinstance(raw, datetime.date) else raw
        d = updates.parse_date(text) if isinstance(text, str) else None
        at = ("updates", i, "date")
        if d is None:
            yield _finding(cf, at, f"{what}: date {raw!r} is not YYYY-MM-DD or YYYY-MM")
        elif d.year < updates.FIRST_YEAR:
            yield _finding(cf, at, f"{what}: date {text} is before {updates.FIRST_YEAR} (updates follow the handbook)")
        elif d > ctx.today:
            yield _finding(cf, at, f"{what}: date {text} is in the future")
        else:
            if last is not None and d < last:
                yield _finding(cf, at, f"{what}: date {text} is older than the update before it (oldest first)")
            last = d
        if u.get("cite") not in keys:
            yield _finding(
                cf, ("updates", i, "cite"), f"{what}: cite {u.get('cite')!r} is not a citation key of this case"
            )
        for k in u:
            if k not in UPDATE_KEYS:
                yield _finding(cf, ("updates", i, k), f"{what}: unknown key {k!r}")


@case_check
def check_reviewed(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    if "reviewed" not in cf.data:
        return
    raw = cf.data["reviewed"]
    text = raw.isoformat() if isinstance(raw, datetime.date) else str(raw)
    if not (DATE_RE.fullmatch(text) and (d := updates.parse_date(text)) is not None):
        yield _finding(cf, ("reviewed",), f"reviewed {raw!r} is not a date YYYY-MM-DD")
    elif d > ctx.today:
        yield _finding(cf, ("reviewed",), f"reviewed {text} is in the future")


@case_check
def check_lesson_actions(cf: CaseFile, ctx: Context) -> Iterator[Finding]:
    lessons = cf.data.get("lessons")
    if not isinstance(lessons, list):
        return
    acts = cf.data.get("actions") if isinstance(cf.data.get("actions"), list) else []
    for i, item in enumerate(lessons):
        if not isinstance(item, dict):
            continue
        what = f"lessons[{i + 1}]"
        a = item.get("action")
        if a is None:
            yield _finding(cf, ("lessons", i), f"{what} has no action (the action item it serves, e.g. action: A5.3)")
        elif a not in acts:
            yield _finding(cf, ("lessons", i, "action"), f"{what}: action {a!r} is not one of the case's actions")
        for lang in ("zh", "en"):
            t = item.get(lang)
            if isinstance(t, str) and LEADING_ACTION_RE.match(t):
                yield _finding(
                    cf, ("lessons", i, lang), f"{what}.{lang} still starts with an action id (it belongs in 'action')"
                )


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
    editor = c.get("editor")
    if editor is not None and not (isinstance(editor, list) and all(_is_text(a) for a in editor)):
        yield _finding(cf, (*at, "editor"), f"{what}: editor must be a list of names")
    yield from _citation_container(cf, at, c, what)
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


# What `container` holds depends on the type; these types need one.
_CONTAINER_NEEDED = {
    "chapter": "the book the chapter is part of",
    "entry": "the dictionary or encyclopaedia",
    "news": "the newspaper's name",
}


def _citation_container(cf: CaseFile, at: tuple[Any, ...], c: dict[str, Any], what: str) -> Iterator[Finding]:
    kind = c.get("type")
    if kind == "book" and _is_text(c.get("container")):
        # A book inside a book is a chapter (or a dictionary entry): typed as a book, every
        # format loses the part's "//" and prints the chapter as if it were the book.
        yield _finding(
            cf, (*at, "container"), f"{what}: a book has no container; a part of a book is type chapter or entry"
        )
    if kind in _CONTAINER_NEEDED and not _is_text(c.get("container")):
        label = {"chapter": "a chapter", "entry": "an entry", "news": "a news item"}[kind]
        yield _finding(cf, at, f"{what}: {label} needs container ({_CONTAINER_NEEDED[kind]})")


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


def _as_case_file(df: DataFile) -> CaseFile:
    """A top-level data file dressed as a case file, so the case checks' helpers can report on it."""
    from pathlib import Path

    return CaseFile(
        path=Path(df.shown), shown=df.shown, data=df.data, lines=df.lines, case=Case("", "", 0, Text(), Text(), Text())
    )


def _items(cf: CaseFile, key: str, what: str) -> Iterator[tuple[int, dict[str, Any]] | Finding]:
    v = cf.data.get(key)
    if v is None:
        return
    if not isinstance(v, list):
        yield _finding(cf, (key,), f"{key} must be a list of {what}")
        return
    for i, x in enumerate(v):
        if isinstance(x, dict):
            yield i, x
        else:
            yield _finding(cf, (key, i), f"{key}[{i + 1}] must be a mapping")


def _unknown_keys(
    cf: CaseFile, path: tuple[Any, ...], d: dict[str, Any], allowed: set[str], what: str
) -> Iterator[Finding]:
    for k in d:
        if k not in allowed:
            yield _finding(cf, (*path, k), f"{what}: unknown key {k!r}")


def _coordinate(v: Any, limit: float) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and -limit <= v <= limit


def check_places_file(corpus: Corpus) -> Iterator[Finding]:
    """places.yaml: ISO country codes, places with unique ids, known kinds and countries, real coordinates."""
    df = corpus.extra.get("places.yaml")
    if df is None:
        return
    cf = _as_case_file(df)
    codes: Counter[str] = Counter()
    for item in _items(cf, "countries", "{code, name, region}"):
        if isinstance(item, Finding):
            yield item
            continue
        i, c = item
        at, code = ("countries", i), c.get("code")
        what = f"countries[{i + 1}]"
        if not (isinstance(code, str) and COUNTRY_CODE_RE.fullmatch(code)):
            yield _finding(cf, (*at, "code"), f"{what}: code {code!r} is not an ISO 3166-1 alpha-2 code (two capitals)")
        else:
            codes[code] += 1
            if codes[code] == 2:
                yield _finding(cf, (*at, "code"), f"{what}: duplicate country code {code!r}")
        yield from _bilingual(cf, (*at, "name"), c.get("name"), f"{what}.name")
        region = c.get("region")
        if not isinstance(region, bool):
            yield _finding(cf, at, f"{what}: region must be true or false")
        elif code in REGION_CODES and not region:
            yield _finding(
                cf, (*at, "region"), f"{what}: {code} is a region (region: true), as the handbook counts them"
            )
        yield from _unknown_keys(cf, at, c, {"code", "name", "region"}, what)
    ids: Counter[str] = Counter()
    for item in _items(cf, "places", "{id, name, country, kind, lat, lon}"):
        if isinstance(item, Finding):
            yield item
            continue
        i, p = item
        at, pid = ("places", i), p.get("id")
        what = f"places[{i + 1}]"
        if not (isinstance(pid, str) and PLACE_ID_RE.fullmatch(pid)):
            yield _finding(cf, (*at, "id"), f"{what}: id {pid!r} must be lowercase words joined by hyphens")
        else:
            ids[pid] += 1
            if ids[pid] == 2:
                yield _finding(cf, (*at, "id"), f"{what}: duplicate place id {pid!r}")
        yield from _bilingual(cf, (*at, "name"), p.get("name"), f"{what}.name")
        if p.get("country") not in codes:
            yield _finding(cf, (*at, "country"), f"{what}: country {p.get('country')!r} is not in countries")
        if p.get("kind") not in PLACE_KINDS:
            yield _finding(cf, (*at, "kind"), f"{what}: kind {p.get('kind')!r} is not one of {', '.join(PLACE_KINDS)}")
        if not _coordinate(p.get("lat"), 90):
            yield _finding(cf, (*at, "lat"), f"{what}: lat {p.get('lat')!r} is not a latitude from -90 to 90")
        if not _coordinate(p.get("lon"), 180):
            yield _finding(cf, (*at, "lon"), f"{what}: lon {p.get('lon')!r} is not a longitude from -180 to 180")
        yield from _unknown_keys(cf, at, p, {"id", "name", "country", "kind", "lat", "lon"}, what)
    if QINGDAO not in ids:
        yield _finding(cf, ("places",), f"places has no {QINGDAO!r} (Qingdao's own position refers to it)")


INDICATOR_KEYS = {"id", "name", "unit", "definition", "comparability", "higher_is_better", "applies_to"}


def check_indicators_file(corpus: Corpus) -> Iterator[Finding]:
    """indicators.yaml: unique ids, bilingual name, definition and comparability note, a unit."""
    df = corpus.extra.get("indicators.yaml")
    if df is None:
        return
    cf = _as_case_file(df)
    case_ids = {c.case.id for c in corpus.files if c.case.id}
    if not isinstance(df.data.get("indicators"), list):
        yield _finding(cf, ("indicators",), "indicators must be a list of {id, name, unit, definition, comparability}")
        return
    ids: Counter[str] = Counter()
    for item in _items(cf, "indicators", "indicators"):
        if isinstance(item, Finding):
            yield item
            continue
        i, d = item
        at, iid = ("indicators", i), d.get("id")
        what = f"indicators[{i + 1}]"
        if not (isinstance(iid, str) and PLACE_ID_RE.fullmatch(iid)):
            yield _finding(cf, (*at, "id"), f"{what}: id {iid!r} must be lowercase words joined by hyphens")
        else:
            ids[iid] += 1
            if ids[iid] == 2:
                yield _finding(cf, (*at, "id"), f"{what}: duplicate indicator id {iid!r}")
        if not _is_text(d.get("unit")):
            yield _finding(cf, at, f"{what}: no unit (the base unit of the values, e.g. TEU)")
        for k in ("name", "definition", "comparability"):
            yield from _bilingual(cf, (*at, k), d.get(k), f"{what}.{k}")
        hib = d.get("higher_is_better")
        if hib is not None and not isinstance(hib, bool):
            yield _finding(cf, (*at, "higher_is_better"), f"{what}: higher_is_better must be true or false")
        yield from _check_applies_to(cf, at, d.get("applies_to"), case_ids, what)
        yield from _unknown_keys(cf, at, d, INDICATOR_KEYS, what)


def _check_applies_to(
    cf: CaseFile, at: tuple[Any, ...], value: Any, case_ids: set[str], what: str
) -> Iterator[Finding]:
    if value is None:
        return
    if not isinstance(value, list):
        yield _finding(cf, (*at, "applies_to"), f"{what}: applies_to must be a list of case ids")
        return
    for j, cid in enumerate(value):
        if cid not in case_ids:
            yield _finding(cf, (*at, "applies_to", j), f"{what}: applies_to names {cid!r}, which is not a case id")


def check_qingdao_file(corpus: Corpus, ctx: Context) -> Iterator[Finding]:
    """qingdao.yaml: context per known action item, figures in the figure shape, citations in the case shape."""
    df = corpus.extra.get("qingdao.yaml")
    if df is None:
        return
    cf = _as_case_file(df)
    yield from _unknown_keys(cf, (), df.data, {"context", "figures", "citations"}, "qingdao.yaml")
    keys = _citation_keys(df.data)
    for item in _items(cf, "context", "{action, zh, en, cite}"):
        if isinstance(item, Finding):
            yield item
            continue
        i, c = item
        at, what = ("context", i), f"context[{i + 1}]"
        if c.get("action") not in ctx.action_ids:
            yield _finding(cf, (*at, "action"), f"{what}: action {c.get('action')!r} is not in actions.yaml")
        for lang in ("zh", "en"):
            if not _is_text(c.get(lang)):
                yield _finding(cf, at, f"{what} has no {lang} text")
        if c.get("cite") not in keys:
            yield _finding(cf, (*at, "cite"), f"{what}: cite {c.get('cite')!r} is not a citation key of qingdao.yaml")
        if "level" in c and c["level"] not in LEVELS:
            yield _finding(cf, (*at, "level"), f"{what}: level {c['level']!r} is not one of {', '.join(LEVELS)}")
        yield from _unknown_keys(cf, at, c, {"action", "level", "zh", "en", "cite"}, what)
    figs = df.data.get("figures")
    if isinstance(figs, list):
        for i, f in enumerate(figs):
            yield from _figure(cf, ctx, i, f, keys, of="qingdao.yaml")
    elif figs is not None:
        yield _finding(cf, ("figures",), "figures must be a list")
    cites = df.data.get("citations")
    if isinstance(cites, list):
        seen: Counter[str] = Counter()
        for i, c in enumerate(cites):
            if isinstance(c, dict):
                yield from _citation(cf, ctx, i, c, f"citations[{i + 1}]", seen)
            else:
                yield _finding(cf, ("citations", i), f"citations[{i + 1}] must be a mapping")
    elif cites is not None:
        yield _finding(cf, ("citations",), "citations must be a list")


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


def run_checks(corpus: Corpus, today: datetime.date | None = None) -> list[Finding]:
    """Every problem in the corpus, in file and line order."""
    ctx = Context(corpus, today)
    found = list(corpus.problems)
    found += check_actions_file(corpus)
    found += check_actions_controls(corpus)
    found += check_places_file(corpus)
    found += check_indicators_file(corpus)
    found += check_qingdao_file(corpus, ctx)
    found += check_corpus_ids(corpus)
    from qdbench import vocabulary

    found += vocabulary.check_file(corpus.data_dir)
    for cf in corpus.files:
        for check in CASE_CHECKS:
            found += check(cf, ctx)
    # De-duplicate while keeping file and line order.
    unique = dict.fromkeys(found)
    return sorted(unique, key=lambda f: (f.path, f.line or 0))


def stale_findings(corpus: Corpus, years: int, today: datetime.date | None = None) -> list[Finding]:
    """The cases whose newest dated item (an update, or a figure's year) is older than ``years`` years."""
    today = today or datetime.date.today()
    by_id = {cf.case.id: cf for cf in corpus.files}
    out = []
    for case, newest in updates.stale_cases(corpus.cases, years, today):
        cf = by_id[case.id]
        when = newest.isoformat() if newest else "none"
        out.append(Finding(cf.shown, 1, f"stale: newest dated item {when} is older than {years} year(s)"))
    return out
