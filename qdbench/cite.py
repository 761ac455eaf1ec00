"""Citation formats: GB/T 7714-2015 (numeric), BibTeX (biblatex fields), CSL-JSON and RIS.

GB/T 7714-2015 is written here rather than delegated to a CSL processor: the corpus needs only
its numeric reference list, and a processor plus a style file would be a heavy dependency for
eight entry shapes. Clause numbers in comments refer to GB/T 7714-2015.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from qdbench.errors import UsageError
from qdbench.models import Case, Citation

STYLES = ("gbt7714", "bibtex", "csl-json", "ris")


@dataclass(frozen=True)
class Reference:
    """One source in a reference list and the ids of the cases citing it."""

    citation: Citation
    cases: tuple[str, ...]


# --- collecting and de-duplicating ------------------------------------------------------------


def _norm_doi(doi: str) -> str:
    doi = doi.strip().casefold()
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi)


def _norm_isbn(isbn: str) -> str:
    return re.sub(r"[^0-9X]", "", isbn.upper())


def _norm_url(url: str) -> str:
    """A URL without its scheme or trailing slash, host lower-cased: the same page however typed."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip().rstrip("/")
    rest = parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return parts.netloc.lower() + rest.rstrip("/")


def same_source(a: Citation, b: Citation) -> bool:
    """Whether two citations name one source: DOI, else ISBN, else URL, else title and year."""
    # Each identifier decides only when both citations carry it: two different DOIs are two
    # sources even if they share a landing-page URL.
    if a.doi and b.doi:
        return _norm_doi(a.doi) == _norm_doi(b.doi)
    if a.isbn and b.isbn:
        return _norm_isbn(a.isbn) == _norm_isbn(b.isbn)
    if a.url and b.url:
        return _norm_url(a.url) == _norm_url(b.url)
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


# --- names ----------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Words that mark "Department for Digital, Culture, ..." or "Monetary Authority of Singapore,
# Economics Department" as bodies, although the data contract writes persons with a comma.
_ORG_WORDS = {
    "&", "and", "for", "of", "the", "agency", "association", "authority", "bank", "board",
    "bureau", "center", "centre", "commission", "committee", "company", "corp", "corp.",
    "corporation", "council", "department", "foundation", "gmbh", "government", "group", "inc",
    "inc.", "institute", "llc", "ltd", "ltd.", "ministry", "office", "organisation",
    "organization", "plc", "press", "society", "university",
}  # fmt: skip


@dataclass(frozen=True)
class Name:
    """An author as the formats need it: a person's parts, or one literal string."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def is_person(self) -> bool:
        return not self.literal


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def parse_name(raw: str) -> Name:
    """A "Family, Given" person, or a literal (organisation, or a CJK name written whole)."""
    raw = " ".join(raw.split())
    if is_cjk(raw):
        # Chinese and Japanese names are written without spaces or commas (GB/T 7714-2015 8.1.1).
        return Name(literal=re.sub(r"[\s,，、]+", "", raw))
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) == 3 and parts[2].casefold() in _SUFFIXES:
        family, given, suffix = parts
    elif len(parts) == 2:
        (family, given), suffix = parts, ""
    else:
        return Name(literal=raw)
    words = (family + " " + given).casefold().split()
    if not family or not given or len(family.split()) > 3 or any(w in _ORG_WORDS for w in words):
        return Name(literal=raw)
    return Name(family=family, given=given, suffix=suffix)


def _initials(given: str) -> str:
    # Hyphenated given names give one initial per part ("Jean-Luc" -> "J L"), as a pinyin name
    # "Li Jiang-ning" gives "LI J N" in the 8.1.1 examples.
    return " ".join(w[0].upper() for w in re.split(r"[\s.\-]+", given) if w)


def gbt_name(name: Name) -> str:
    """A name as GB/T 7714-2015 8.1.1 writes it: "SMITH J R", "昂温", organisations as given."""
    if not name.is_person:
        return name.literal
    out = f"{name.family.upper()} {_initials(name.given)}".strip()
    return f"{out}, {name.suffix}" if name.suffix else out


# --- GB/T 7714-2015 -------------------------------------------------------------------------

_MARKS = {
    "book": "M",
    "article": "J",
    "report": "R",
    "news": "N",
    "thesis": "D",
    "standard": "S",
    "conference": "C",
    "law": "EB",
    "web": "EB",
    "dataset": "DS",
}
_EAST_ASIAN = ("zh", "ja")


def _lang(c: Citation, fallback: str) -> str:
    return (c.language or fallback).split("-")[0].casefold()


def _online(c: Citation) -> bool:
    """Whether the entry takes the "/OL" carrier mark (Appendix B: online resources)."""
    if c.type in ("law", "web"):
        return True
    # A book with an ISBN is cited as the printed book even when a URL is known.
    if c.type == "book" and c.isbn:
        return False
    return bool(c.url or c.doi)


def type_mark(c: Citation) -> str:
    """The bracketed type and carrier mark: "M", "J/OL", "EB/OL"; "Z" for an unknown type."""
    mark = _MARKS.get(c.type, "Z")
    return f"{mark}/OL" if _online(c) else mark


def _authors(c: Citation, lang: str) -> str:
    names = [gbt_name(parse_name(a)) for a in c.author if a.strip()]
    if len(names) <= 3:
        return ", ".join(names)
    # 8.1.2: more than three: the first three, then "等" or its equivalent in the entry's language.
    return ", ".join(names[:3]) + (", 等" if lang in _EAST_ASIAN else ", et al")


def _edition(edition: str, lang: str) -> str:
    ed = edition.strip()
    if ed in ("", "1", "1st", "第1版", "1版"):
        return ""  # 8.3: the first edition is not recorded
    if ed.isdigit():
        if lang in _EAST_ASIAN:
            return f"{ed}版"
        n = int(ed)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} ed."
    return ed


def _year(c: Citation) -> str:
    return str(c.year) if c.year else ""


def _accessed(c: Citation, accessed: str | None) -> str:
    # The date the page was really seen (the citation's own) wins over the caller's date.
    when = c.accessed or accessed or ""
    return f"[{when}]" if when and (c.url or c.doi) else ""


def _imprint(c: Citation, lang: str, online: bool) -> str:
    """Place: publisher, year: pages, for monographs (M, R, D, S, C)."""
    place, publisher = c.place, c.publisher
    if not online:
        # 8.4.1 and 8.4.2: a missing place or publisher of a printed work is recorded as
        # "[出版地不详]"/"[S.l.]" and "[出版者不详]"/"[s.n.]"; electronic resources may omit them.
        zh = lang == "zh"
        place = place or ("[出版地不详]" if zh else "[S.l.]")
        publisher = publisher or ("[出版者不详]" if zh else "[s.n.]")
    who = ": ".join(x for x in (place, publisher) if x)
    if who:
        out = ", ".join(x for x in (who, _year(c)) if x)
    elif c.date:
        # No imprint at all: the date alone, in parentheses, as the 4.6 example of an online
        # report does: "[R/OL]. (2012-01-16)[2013-03-26]".
        out = f"({c.date})"
    else:
        out = _year(c)
    return f"{out}: {c.pages}" if out and c.pages else out


def _serial(c: Citation, online: bool) -> str:
    """Journal, year, volume(issue): pages, for articles (4.4)."""
    out = ", ".join(x for x in (c.container or c.publisher, _year(c), c.volume) if x)
    if c.issue:
        out += f"({c.issue})"
    if c.pages:
        out += f": {c.pages}"
    if online and c.date:
        out += f"({c.date})"  # the online publication date, as the 4.4 example of Nature (2014-06-19)
    return out


def _newspaper(c: Citation) -> str:
    """Newspaper, date(page), for news (4.4 and 8.8: "2013-03-16(1)")."""
    out = ", ".join(x for x in (c.container or c.publisher, c.date or _year(c)) if x)
    return f"{out}({c.pages})" if c.pages else out


def _electronic(c: Citation) -> str:
    """Publisher, (date), for web pages, laws and data sets (4.6, electronic resources)."""
    who = ": ".join(x for x in (c.place, c.publisher) if x)
    when = c.date or _year(c)
    return ", ".join(x for x in (who, f"({when})" if when else "") if x)


def format_gbt7714(c: Citation, accessed: str | None = None, lang: str = "zh") -> str:
    """One GB/T 7714-2015 entry, without its number."""
    # `lang` stands in only for a citation that does not record its own language: "等" versus
    # "et al" and "[出版地不详]" versus "[S.l.]" follow the language of the cited work (8.1.2, 8.4).
    language = _lang(c, lang)
    online = _online(c)
    mark = _MARKS.get(c.type, "Z")
    parts: list[str] = []
    authors = _authors(c, language)
    if authors:
        parts.append(authors)
    parts.append(f"{c.title}[{type_mark(c)}]")
    if mark == "J":
        pub = _serial(c, online)
    elif mark == "N":
        pub = _newspaper(c)
    elif mark in ("EB", "DS"):
        pub = _electronic(c)
    else:
        edition = _edition(c.edition, language)
        if edition:
            parts.append(edition)
        pub = _imprint(c, language, online)
    pub += _accessed(c, accessed)
    if pub:
        parts.append(pub)
    if c.url:
        parts.append(c.url)
    # 8.7: the DOI follows the access path and may be left out when the path already holds it.
    if c.doi and _norm_doi(c.doi) not in c.url.casefold():
        parts.append(f"DOI: {c.doi}")
    # Elements are joined by ". "; one ending in its own full stop ("et al.", "Inc.") keeps one.
    text = ""
    for p in parts:
        text += (". " if text and not text.endswith(".") else " " if text else "") + p
    return text if text.endswith(".") else text + "."


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

_BIB_TYPES = {
    "book": "book",
    "article": "article",
    "report": "report",
    "thesis": "thesis",
    "news": "article",
    "web": "online",
    "law": "online",
    "dataset": "online",
    "standard": "standard",
    "conference": "inproceedings",
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


def _bib_pages(pages: str) -> str:
    return re.sub(r"(?<=\w)\s*[-–—]\s*(?=\w)", "--", pages)


def bibtex_entry(c: Citation, key: str, accessed: str | None = None) -> str:
    """One biblatex entry."""
    kind = _BIB_TYPES.get(c.type, "misc")
    fields: list[tuple[str, str]] = []
    if c.type == "news":
        fields.append(("entrysubtype", "newspaper"))
    if c.author:
        fields.append(("author", " and ".join(_bib_name(a) for a in c.author if a.strip())))
    fields.append(("title", bibtex_escape(c.title)))
    if c.year:
        fields.append(("year", str(c.year)))
    if c.date:
        fields.append(("date", c.date))
    if c.edition:
        fields.append(("edition", bibtex_escape(c.edition)))
    if c.publisher:
        # biblatex names the issuing body of a report or thesis `institution`.
        fields.append(("institution" if kind in ("report", "thesis") else "publisher", bibtex_escape(c.publisher)))
    if c.place:
        fields.append(("address", bibtex_escape(c.place)))
    if c.container:
        if kind == "article":
            fields.append(("journal", bibtex_escape(c.container)))
        elif kind == "inproceedings":
            fields.append(("booktitle", bibtex_escape(c.container)))
        else:
            fields.append(("organization", bibtex_escape(c.container)))
    for name, value in (("volume", c.volume), ("number", c.issue)):
        if value:
            fields.append((name, bibtex_escape(value)))
    if c.pages:
        fields.append(("pages", bibtex_escape(_bib_pages(c.pages))))
    if c.url:
        fields.append(("url", _bib_verbatim(c.url)))
    if c.doi:
        fields.append(("doi", _bib_verbatim(c.doi)))
    if c.isbn:
        fields.append(("isbn", bibtex_escape(c.isbn)))
    if c.language:
        fields.append(("langid", LANGIDS.get(c.language.casefold(), bibtex_escape(c.language))))
    when = c.accessed or accessed
    if when and c.url:
        fields.append(("urldate", when))
    if c.note:
        fields.append(("note", bibtex_escape(c.note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


# --- CSL-JSON -------------------------------------------------------------------------------

_CSL_TYPES = {
    "book": "book",
    "article": "article-journal",
    "report": "report",
    "news": "article-newspaper",
    "thesis": "thesis",
    "web": "webpage",
    "law": "legislation",
    "dataset": "dataset",
    "standard": "standard",
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
    issued = _date_parts(c.date, c.year)
    if issued:
        item["issued"] = issued
    simple = (
        ("publisher", c.publisher),
        ("publisher-place", c.place),
        ("container-title", c.container),
        ("edition", c.edition),
        ("volume", c.volume),
        ("issue", c.issue),
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
    "article": "JOUR",
    "report": "RPRT",
    "news": "NEWS",
    "thesis": "THES",
    "web": "ELEC",
    "law": "STAT",
    "dataset": "DATA",
    "standard": "STAND",
    "conference": "CONF",
}


def _ris_date(date: str) -> str:
    # RIS dates are "YYYY/MM/DD/other"; the corpus writes ISO dates.
    return date.replace("-", "/")


def ris_record(c: Citation, key: str, accessed: str | None = None) -> str:
    """One RIS record, ending with its "ER  - " line."""
    tags: list[tuple[str, str]] = [("TY", _RIS_TYPES.get(c.type, "GEN")), ("ID", key)]
    tags += [("AU", a) for a in c.author if a.strip()]
    tags.append(("TI", c.title))
    if c.year:
        tags.append(("PY", str(c.year)))
    if c.date:
        tags.append(("DA", _ris_date(c.date)))
    pages = re.split(r"\s*[-–—]\s*", c.pages, maxsplit=1) if c.pages else []
    tags += [
        ("PB", c.publisher),
        ("CY", c.place),
        ("T2", c.container),
        ("ET", c.edition),
        ("VL", c.volume),
        ("IS", c.issue),
        ("SP", pages[0] if pages else ""),
        ("EP", pages[1] if len(pages) > 1 else ""),
        ("UR", c.url),
        ("DO", c.doi),
        ("SN", c.isbn),
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


def render(refs: Sequence[Reference], style: str, accessed: str | None = None, lang: str = "zh") -> str:
    """The references in one of STYLES, as the text of a file."""
    if style == "gbt7714":
        return "".join(f"[{i}] {format_gbt7714(r.citation, accessed, lang)}\n" for i, r in enumerate(refs, 1))
    keys = _keys(refs)
    if style == "bibtex":
        return "\n".join(bibtex_entry(r.citation, k, accessed) for r, k in zip(refs, keys, strict=True))
    if style == "csl-json":
        items = [csl_item(r.citation, k, accessed) for r, k in zip(refs, keys, strict=True)]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if style == "ris":
        return "\n".join(ris_record(r.citation, k, accessed) for r, k in zip(refs, keys, strict=True))
    raise UsageError(f"unknown citation style {style!r}", hint="use one of " + ", ".join(STYLES))
