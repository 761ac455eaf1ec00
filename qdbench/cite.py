"""Citation formats: GB/T 7714 (2025 and 2015, numeric), BibTeX (biblatex), CSL-JSON and RIS.

GB/T 7714 entries are written by `qdbench.gbt7714`; this module collects and de-duplicates the
references and writes the three interchange formats that reference managers read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import NamedTuple

from qdbench.errors import UsageError
from qdbench.gbt7714 import format_entry, name_2015, type_mark
from qdbench.models import Case, Citation
from qdbench.refparts import Name, is_cjk, norm_doi, norm_isbn, norm_url, parse_name

__all__ = ["Name", "Reference", "collect", "format_gbt7714", "gbt_name", "is_cjk", "parse_name", "render", "type_mark"]

# gbt7714 is the edition in force (2025); gbt7714-2015 the one it replaced.
STYLES = ("gbt7714", "gbt7714-2015", "bibtex", "csl-json", "ris")
GBT_EDITIONS = {"gbt7714": "2025", "gbt7714-2015": "2015"}


class Reference(NamedTuple):
    """One source in a reference list and the ids of the cases citing it."""

    citation: Citation
    cases: tuple[str, ...]


# --- collecting and de-duplicating ------------------------------------------------------------


def same_source(a: Citation, b: Citation) -> bool:
    """Whether two citations name one source: DOI, else ISBN, else URL, else title and year."""
    # Each identifier decides only when both citations carry it: two different DOIs are two
    # sources even if they share a landing-page URL.
    if a.doi and b.doi:
        return norm_doi(a.doi) == norm_doi(b.doi)
    if a.isbn and b.isbn:
        return norm_isbn(a.isbn) == norm_isbn(b.isbn)
    if a.url and b.url:
        return norm_url(a.url) == norm_url(b.url)
    return bool(a.title) and a.title.casefold() == b.title.casefold() and a.year == b.year


def collect(cases: Sequence[Case]) -> list[Reference]:
    """The citations of the cases in order (case, then citation), one Reference per source."""
    found: list[tuple[Citation, list[str]]] = []
    for case in cases:
        for c in case.citations:
            for seen, ids in found:
                if same_source(seen, c):
                    if case.id not in ids:
                        ids.append(case.id)
                    break
            else:
                found.append((c, [case.id]))
    return [Reference(citation=c, cases=tuple(ids)) for c, ids in found]


# --- GB/T 7714 -------------------------------------------------------------------------------


def format_gbt7714(
    c: Citation, accessed: str | None = None, lang: str = "zh", edition: str = "2025", pinyin: str = "full"
) -> str:
    """One GB/T 7714 entry (the 2025 edition unless asked), without its number."""
    return format_entry(c, accessed=accessed, lang=lang, edition=edition, pinyin=pinyin)


def gbt_name(name: Name) -> str:
    """A name as GB/T 7714-2015 8.1.1 writes it: "SMITH J R", "昂温", organisations as given."""
    return name_2015(name)


# --- keys -----------------------------------------------------------------------------------


def _keys(refs: Sequence[Reference]) -> list[str]:
    """The citation keys, made unique across cases with "-2", "-3" ... suffixes."""
    used: set[str] = set()
    out = []
    for r in refs:
        base = r.citation.key or "ref"
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}-{n}"
        used.add(key)
        out.append(key)
    return out


# --- BibTeX (biblatex) ----------------------------------------------------------------------

# Entry types and fields follow biblatex's default data model (blx-dm.def, which biber's
# `--validate-datamodel` checks): `journaltitle`, `location`, `institution` and `type` for
# reports, `organization` for @online, `date` alone (never `year` besides it).
_BIB_TYPES = {
    "book": "book",
    "chapter": "incollection",
    "entry": "inreference",
    "article": "article",
    "report": "report",
    "thesis": "thesis",
    "news": "article",
    "web": "online",
    # biblatex's @legislation has no fields of its own in the default data model: a law's web
    # page is @online, as it is an [EB/OL] in GB/T 7714.
    "law": "online",
    "dataset": "dataset",
    # biber's default data model declares @standard but gives it no fields of its own, so a
    # standard's author or title fails validation there: @misc, typed "standard".
    "standard": "misc",
    "preprint": "online",
    "conference": "inproceedings",
}
# Fields each entry type accepts, beyond those every type has (url, doi, date, langid ...).
_BIB_FIELDS = {
    "book": {"editor", "edition", "publisher", "location", "isbn", "pages", "note", "volume", "number", "series"},
    "incollection": {"editor", "booktitle", "edition", "publisher", "location", "isbn", "pages", "note"},
    "inbook": {"editor", "booktitle", "edition", "publisher", "location", "isbn", "pages", "note"},
    "inreference": {"editor", "booktitle", "edition", "publisher", "location", "isbn", "pages", "note"},
    "inproceedings": {"editor", "booktitle", "publisher", "location", "isbn", "pages", "note", "volume"},
    "article": {"journaltitle", "volume", "number", "pages", "note", "version"},
    "report": {"institution", "type", "number", "location", "pages", "note", "version", "addendum"},
    "thesis": {"institution", "type", "location", "pages", "note"},
    "online": {"organization", "titleaddon", "note", "version"},
    "dataset": {"publisher", "organization", "series", "number", "location", "note", "version", "edition"},
    "misc": {"organization", "type", "titleaddon", "location", "note", "version"},
}
# biblatex `langid` values (babel/polyglossia language names); other codes pass through.
LANGIDS = {
    "en": "english",
    "zh": "chinese",
    "ja": "japanese",
    "ko": "korean",
    "de": "german",
    "fr": "french",
    "nl": "dutch",
    "sv": "swedish",
    "da": "danish",
    "no": "norsk",
    "nb": "norsk",
    "fi": "finnish",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "ru": "russian",
    "pl": "polish",
}
_BIB_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Text with the characters TeX treats specially written as commands."""
    return "".join(_BIB_ESCAPES.get(ch, ch) for ch in " ".join(text.split()))


def _bib_verbatim(text: str) -> str:
    # url and doi are verbatim fields in biblatex: escaping "%" or "_" would change the link.
    # Only braces can break the entry, so they are percent-encoded as in any URL.
    return " ".join(text.split()).replace("{", "%7B").replace("}", "%7D")


def _bib_name(raw: str) -> str:
    name = parse_name(raw)
    if not name.is_person:
        return "{" + bibtex_escape(name.literal) + "}"  # a body or a CJK name is one unit
    parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
    return ", ".join(bibtex_escape(p) for p in parts)


def _bib_list(value: str) -> str:
    """A literal list field (publisher, institution, organization): "A; B" is "{A} and {B}"."""
    items = [x.strip() for x in value.split(";") if x.strip()]
    # A body's name may hold the word "and": braced, it stays one item.
    return " and ".join("{" + bibtex_escape(x) + "}" if re.search(r"\band\b", x) else bibtex_escape(x) for x in items)


def _bib_pages(pages: str) -> str:
    return re.sub(r"(?<=\w)\s*[-–—]\s*(?=\w)", "--", pages)


def _bib_kind(c: Citation) -> str:
    kind = _BIB_TYPES.get(c.type, "misc")
    if kind == "article" and not (c.author and c.container):
        # biblatex requires author and journaltitle for @article. An unsigned news item or a
        # magazine piece whose magazine is not recorded is a web page of its publisher: @online.
        return "online"
    if kind in ("incollection", "inreference", "inbook") and not c.author:
        # All three require an author; an unsigned chapter (a digitised survey volume's
        # section) is cited as the page it is read on, or as @misc without one.
        return "online" if c.url else "misc"
    if kind in ("incollection", "inreference") and not c.editor:
        return "inbook"  # incollection and inreference require an editor; inbook does not
    return kind


def bibtex_entry(c: Citation, key: str, accessed: str | None = None) -> str:
    """One biblatex entry."""
    kind = _bib_kind(c)
    allowed = _BIB_FIELDS.get(kind, {"note"})
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str) -> None:
        if value and (name in allowed or name in ("author", "title", "date", "url", "doi", "langid", "entrysubtype")):
            fields.append((name, value))

    if c.type == "news":
        add("entrysubtype", "newspaper")
    if c.author:
        add("author", " and ".join(_bib_name(a) for a in c.author if a.strip()))
    elif kind == "report" and c.publisher:
        # biblatex requires an author for @report; an unsigned report is its issuing body's,
        # which is then its (corporate) author, as GB/T 7714 also takes it.
        add("author", " and ".join(_bib_name(a) for a in c.publisher.split(";") if a.strip()))
    if c.editor:
        add("editor", " and ".join(_bib_name(a) for a in c.editor if a.strip()))
    add("title", bibtex_escape(c.title))
    # `date` alone: biblatex reads `year` only when there is no `date` (and biber warns on both).
    add("date", c.date or (str(c.year) if c.year else ""))
    edition = bibtex_escape(c.edition)
    add("edition" if "edition" in allowed else "version", edition)
    publisher = _bib_list(c.publisher) if c.publisher else ""
    container = bibtex_escape(c.container)
    number = bibtex_escape(c.number or (c.issue if kind == "report" else ""))
    if kind == "report":
        add("institution", publisher)
        # `type` is required: the series a report belongs to ("OECD Regional Development
        # Working Papers") is printed before its `number`, as biblatex's manual suggests;
        # without one, the generic "report".
        add("type", container or "report")
        add("number", number)
    elif kind == "thesis":
        add("institution", publisher)
        add("type", "thesis")  # required; the corpus does not record the degree
    elif kind == "online":
        # @online has no publisher: `organization` is the body that publishes the page. A site's
        # name that differs from that body follows the title; an unsigned news item's body is
        # its newspaper.
        if c.type == "news" or not publisher or publisher.casefold() == container.casefold():
            add("organization", container or publisher)
        else:
            add("organization", publisher)
            add("titleaddon", container)
    elif kind == "misc":
        add("organization", publisher)
        if c.type == "standard":
            add("type", "standard")
            add("titleaddon", bibtex_escape(c.number))  # the standard's number, after its title
    elif kind == "article":
        add("journaltitle", container)  # a journal's publisher is not part of a biblatex @article
    else:
        add("publisher", publisher)
        add("booktitle", container)
        if kind == "dataset":
            add("series", container)
        add("number", number)
    add("location", bibtex_escape(c.place))
    if kind == "article":
        add("volume", bibtex_escape(c.volume))
        add("number", bibtex_escape(c.issue))
    elif kind in ("book", "inproceedings"):
        add("volume", bibtex_escape(c.volume))
    add("pages", bibtex_escape(_bib_pages(c.pages)))
    if c.url:
        add("url", _bib_verbatim(c.url))
    if c.doi:
        add("doi", _bib_verbatim(c.doi))
    if c.isbn:
        if "isbn" in allowed:
            add("isbn", bibtex_escape(c.isbn))
        else:
            add("addendum", "ISBN " + bibtex_escape(c.isbn))  # @report has no isbn field
    if c.language:
        add("langid", LANGIDS.get(c.language.casefold(), bibtex_escape(c.language)))
    when = c.accessed or accessed
    if when and c.url:
        fields.append(("urldate", when))
    add("note", bibtex_escape(c.note))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


# --- CSL-JSON -------------------------------------------------------------------------------

_CSL_TYPES = {
    "book": "book",
    "chapter": "chapter",
    "entry": "entry",
    "article": "article-journal",
    "report": "report",
    "news": "article-newspaper",
    "thesis": "thesis",
    "web": "webpage",
    "law": "legislation",
    "dataset": "dataset",
    "standard": "standard",
    # CSL 1.0.2: "article" is "a preprint, working paper, or other prepublication manuscript".
    "preprint": "article",
    "conference": "paper-conference",
}


def _date_parts(date: str, year: int | None = None) -> dict[str, list[list[int]]] | None:
    nums = [int(x) for x in re.findall(r"\d+", date)[:3]] if date else []
    if not nums and year:
        nums = [year]
    return {"date-parts": [nums]} if nums else None


def _csl_name(raw: str) -> dict[str, str]:
    name = parse_name(raw)
    if not name.is_person:
        return {"literal": name.literal}
    out = {"family": name.family, "given": name.given}
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def csl_item(c: Citation, key: str, accessed: str | None = None) -> dict[str, object]:
    """One CSL-JSON item (schema: citation-style-language/schema, csl-data.json)."""
    item: dict[str, object] = {"id": key, "type": _CSL_TYPES.get(c.type, "document"), "title": c.title}
    if c.author:
        item["author"] = [_csl_name(a) for a in c.author if a.strip()]
    if c.editor:
        item["editor"] = [_csl_name(a) for a in c.editor if a.strip()]
    issued = _date_parts(c.date, c.year)
    if issued:
        item["issued"] = issued
    number = c.number
    if c.type == "report":
        # A report's series is its collection, numbered within it (CSL collection-title and
        # number); container-title would make the series read as a journal.
        container: tuple[str, str] = ("collection-title", c.container)
        number = c.number or c.issue
        issue = ""
    else:
        container = ("container-title", c.container)
        issue = c.issue
    simple = (
        ("publisher", c.publisher),
        ("publisher-place", c.place),
        container,
        ("edition", c.edition if c.type not in ("dataset", "preprint") else ""),
        ("version", c.edition if c.type in ("dataset", "preprint") else ""),
        ("volume", c.volume),
        ("issue", issue),
        ("number", number),
        ("page", c.pages),
        ("URL", c.url),
        ("DOI", c.doi),
        ("ISBN", c.isbn),
        ("language", c.language),
        ("note", c.note),
    )
    item.update({k: v for k, v in simple if v})
    seen = _date_parts(c.accessed or accessed or "") if c.url else None
    if seen:
        item["accessed"] = seen
    return item


# --- RIS ------------------------------------------------------------------------------------

_RIS_TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "entry": "DICT",
    "article": "JOUR",
    "report": "RPRT",
    "news": "NEWS",
    "thesis": "THES",
    "web": "ELEC",
    "law": "STAT",
    "dataset": "DATA",
    "standard": "STAND",
    # RIS has no preprint type; an unpublished work is the nearest (Zotero reads it as a manuscript).
    "preprint": "UNPB",
    "conference": "CONF",
}
# What comes after AU's first comma is a given name to every reader of RIS ("Lastname,
# Firstname, Suffix"); Zotero's RIS translator makes a name without a comma a single-field
# (corporate) creator. A body's own commas are written as U+201A, which looks like a comma, so
# "Ministry of Finance, Singapore" stays one creator rather than a person named "Singapore".
_RIS_COMMA = "\u201a"


def _ris_date(date: str) -> str:
    # RIS dates are "YYYY/MM/DD/other"; the corpus writes ISO dates.
    return date.replace("-", "/")


def ris_name(raw: str) -> str:
    """An AU/A2 value: "Family, Given, Suffix" for a person, a body's name with no ASCII comma."""
    name = parse_name(raw)
    if name.is_person:
        return ", ".join(x for x in (name.family, name.given, name.suffix) if x)
    return name.literal.replace(",", _RIS_COMMA)


def ris_record(c: Citation, key: str, accessed: str | None = None) -> str:
    """One RIS record, ending with its "ER  - " line."""
    ty = _RIS_TYPES.get(c.type, "GEN")
    tags: list[tuple[str, str]] = [("TY", ty), ("ID", key)]
    tags += [("AU", ris_name(a)) for a in c.author if a.strip()]
    tags += [("A2", ris_name(a)) for a in c.editor if a.strip()]
    tags.append(("TI", c.title))
    if c.year:
        tags.append(("PY", str(c.year)))
    if c.date:
        tags.append(("DA", _ris_date(c.date)))
    pages = re.split(r"\s*[-–—]\s*", c.pages, maxsplit=1) if c.pages else []
    if ty in ("JOUR", "NEWS"):
        # JF is the periodical's full name in the RIS specification, T2 its secondary title;
        # Zotero reads both as the publication, EndNote reads T2.
        tags += [("JF", c.container), ("T2", c.container)]
    else:
        # T2: the book of a chapter, the dictionary of an entry, a report's or web page's series
        # or site (Zotero: bookTitle, dictionaryTitle, seriesTitle, websiteTitle).
        tags.append(("T2", c.container))
    tags += [
        ("PB", c.publisher),
        ("CY", c.place),
        ("ET", c.edition),
        ("VL", c.volume),
        ("IS", c.issue if ty != "RPRT" else ""),
        ("SP", pages[0] if pages else ""),
        ("EP", pages[1] if len(pages) > 1 else ""),
        ("UR", c.url),
        ("DO", c.doi),
        # SN is the ISBN or ISSN, and a report's number (Zotero: reportNumber).
        ("SN", c.isbn),
        ("SN", (c.number or c.issue) if ty == "RPRT" and not c.isbn else c.number),
        ("LA", c.language),
    ]
    when = c.accessed or accessed
    if when and c.url:
        tags.append(("Y2", _ris_date(when)))
    tags.append(("N1", c.note))
    # RIS is line-based: a value never spans lines.
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags if value.strip()]
    return "\n".join(lines) + "\nER  - \n"


# --- a reference list -----------------------------------------------------------------------


def render(
    refs: Sequence[Reference], style: str, accessed: str | None = None, lang: str = "zh", pinyin: str = "full"
) -> str:
    """The references in one of STYLES, as the text of a file."""
    if style in GBT_EDITIONS:
        edition = GBT_EDITIONS[style]
        return "".join(
            f"[{i}] {format_gbt7714(r.citation, accessed, lang, edition, pinyin)}\n" for i, r in enumerate(refs, 1)
        )
    keys = _keys(refs)
    if style == "bibtex":
        return "\n".join(bibtex_entry(r.citation, k, accessed) for r, k in zip(refs, keys, strict=True))
    if style == "csl-json":
        items = [csl_item(r.citation, k, accessed) for r, k in zip(refs, keys, strict=True)]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if style == "ris":
        return "\n".join(ris_record(r.citation, k, accessed) for r, k in zip(refs, keys, strict=True))
    raise UsageError(f"unknown citation style {style!r}", hint="use one of " + ", ".join(STYLES))
