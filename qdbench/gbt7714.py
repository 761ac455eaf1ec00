"""GB/T 7714 reference-list entries (numeric system), in the 2025 edition and the 2015 one.

GB/T 7714-2025 took effect on 2026-07-01 and is the default; 2015 stays for reports checked
against the old edition. Neither official text was read here: the rules and the example strings
the tests compare with come from re-typeset copies and two implementations, as set out in
shared/notes/gbt7714-2025.md. Comments cite clauses as "2025 8.3" or "2015 8.1.1".

Where the notes' sources disagree (their section 3), this module follows:
- widths (3.1): ZL's "GB" set for 2025, not an option (see _P2025);
- pinyin surnames (3.2): "Li Jiangning" as the 2025 text and ZL print it, not LINT's "LI J N";
  given names in full or as initials is an option, since the text only recommends full ones;
- access dates (3.3): only web pages, data sets and preprints in 2025, as the element tables say;
- title punctuation and name suffixes (3.6): ZL's ("Title：subtitle", "Peebles P Z，Jr"), since
  the example strings are ZL's; titles and journal names keep the case they have in the data (3.8).

Written here rather than delegated to a CSL processor: the corpus needs only the numeric
reference list, and a processor plus two style files would be a heavy dependency for a dozen
entry shapes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from qdbench.errors import UsageError
from qdbench.models import Citation
from qdbench.refparts import Name, first_publisher, is_cjk, norm_doi, parse_name

EDITIONS = ("2025", "2015")
PINYIN = ("full", "initials")


@dataclass(frozen=True)
class _Punct:
    """The marks that differ in width between the editions."""

    comma: str
    colon: str
    semicolon: str
    open: str
    close: str


# 2025: full-width "，：；（）" and half-width ". [ ] / -" in every entry, Chinese or not. Whether
# the text states the widths is disputed (notes 3.1); this is the set every 2025 rendering the
# notes list uses (ZL's default "GB", ZC, LINT). It is not an option: no source asks for another.
# 2015: half-width marks with a space after, as the standard's Western examples print them.
_P2025 = _Punct(comma="，", colon="：", semicolon="；", open="（", close="）")
_P2015 = _Punct(comma=", ", colon=": ", semicolon="; ", open="(", close=")")

_MARKS = {
    "book": "M",
    "chapter": "M",
    # A dictionary or encyclopaedia entry is a part of a book (2025 8.3, 2015 4.2).
    "entry": "M",
    "article": "J",
    "report": "R",
    "news": "N",
    "thesis": "D",
    "standard": "S",
    "conference": "C",
    # The corpus's laws are official texts read on a government website, so they are web pages
    # (EB) in both editions. ZL types @legislation as an archive (A), which fits a filed document,
    # not a statute's web page; no source has a 2025 example of a law (notes 1.18).
    "law": "EB",
    "web": "EB",
    "dataset": "DS",
    "preprint": "PP",
}
_EAST_ASIAN = ("zh", "ja")
_PARTS = ("chapter", "entry")  # cited with "//" and the book they are part of


def _lang(c: Citation, fallback: str) -> str:
    return (c.language or fallback).split("-")[0].casefold()


def type_code(c: Citation, edition: str = "2025") -> str:
    """The document type code: "M", "J", "PP"; "Z" for an unknown type."""
    code = _MARKS.get(c.type, "Z")
    if code == "PP" and edition == "2015":
        # 2015 has no preprint code (notes 1.8). ZL's 2015 style uses A, ZC's 2015 CSL changed to
        # EB: a preprint is an electronic posting, which is what EB meant in 2015 (电子公告).
        return "EB"
    return code


def _online(c: Citation) -> bool:
    """Whether the entry takes the "/OL" carrier mark (2025 A.2, 2015 Appendix B)."""
    if c.type in ("law", "web", "preprint"):
        return True
    # A book with an ISBN is cited as the printed book even when a URL is known.
    if c.type in ("book", *_PARTS) and c.isbn:
        return False
    return bool(c.url or c.doi)


def type_mark(c: Citation, edition: str = "2025") -> str:
    """The bracketed type and carrier mark: "M", "J/OL", "EB/OL"."""
    code = type_code(c, edition)
    return f"{code}/OL" if _online(c) else code


# --- names ----------------------------------------------------------------------------------

# A pinyin syllable: optional initial, then a final. The check accepts a few combinations that
# are not real syllables; it only decides how a name already written in Latin letters is shown.
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)"
)


@functools.lru_cache(maxsize=2)
def _pinyin_re(pattern: str) -> re.Pattern[str]:
    # Compiled on first use (a pinyin name): `show` of a case without one need not pay for it.
    return re.compile(pattern)


_PINYIN_WORD = rf"(?:{_SYLLABLE})+"
_PINYIN_GIVEN = rf"(?:{_SYLLABLE}){{1,2}}"
# Chinese surnames are one syllable but for a few compound ones. Requiring that keeps Japanese
# names (Furukawa, Sumi), whose syllables are often pinyin ones too, out.
_COMPOUND_SURNAMES = {
    "ouyang", "sima", "zhuge", "shangguan", "situ", "dongfang", "huangfu", "murong", "xiahou",
    "zhangsun", "yuchi", "gongsun", "linghu", "duanmu", "wenren", "zhongli", "taishi",
}  # fmt: skip


def is_pinyin(name: Name) -> bool:
    """Whether a person's name reads as Hanyu Pinyin: a one-word surname and given name."""
    if not name.is_person or name.suffix or " " in name.family.strip():
        return False
    given = re.sub(r"[-'’]", "", name.given).casefold()
    family = name.family.casefold()
    one_syllable = re.fullmatch(_SYLLABLE, family) is not None or family in _COMPOUND_SURNAMES
    return bool(one_syllable and given and _pinyin_re(_PINYIN_GIVEN).fullmatch(given))


def _syllables(given: str) -> list[str]:
    """The syllables of a pinyin given name: "Jiangning" -> ["Jiang", "ning"]."""
    out: list[str] = []
    for part in re.split(r"[-\s'’]+", given):
        rest = part
        while rest:
            # The longest syllable that leaves a parsable rest, as a reader splits "Xian" or "Jianing".
            for n in range(min(6, len(rest)), 0, -1):
                head, tail = rest[:n], rest[n:]
                if re.fullmatch(_SYLLABLE, head.casefold()) and (
                    not tail or _pinyin_re(_PINYIN_WORD).fullmatch(tail.casefold())
                ):
                    out.append(head)
                    rest = tail
                    break
            else:
                out.append(rest)
                rest = ""
    return out


def _initials(given: str, hyphen: bool) -> str:
    """Initials of Western given names: "Jean-Luc" -> "J-L" (2025) or "J L" (2015)."""
    words = [w for w in re.split(r"[\s.]+", given) if w]
    out = []
    for w in words:
        parts = [p for p in w.split("-") if p]
        out.append(("-" if hyphen else " ").join(p[0].upper() for p in parts))
    return " ".join(out)


def name_2015(name: Name) -> str:
    """2015 8.1.1: surname in capitals, given names as initials: "SMITH J R", "LI J N"."""
    if not name.is_person:
        return name.literal
    if is_pinyin(name):
        given = " ".join(s[0].upper() for s in _syllables(name.given))
    else:
        given = _initials(name.given, hyphen=False)
    out = f"{name.family.upper()} {given}".strip()
    return f"{out}, {name.suffix.rstrip('.')}" if name.suffix else out


def name_2025(name: Name, pinyin: str = "full") -> str:
    """2025 7.1.1: surname with a capital initial; given names as initials, pinyin ones in full.

    "姓应全部著录，首字母应大写，名可缩写为首字母" for Western names, "名宜用全称" for pinyin
    ones: "Peebles P Z，Jr", "Godard J-L", "Li Jiangning". `pinyin="initials"` writes pinyin
    given names as initials instead ("Li J N"): the text says 宜 (should), not 应 (shall), and
    ZL's own 2025 tests print initials with the pinyin check off, so journals may ask for either.
    """
    if not name.is_person:
        return name.literal
    family = name.family[:1].upper() + name.family[1:]
    if name.family.isupper() and len(name.family) > 1:
        family = name.family.capitalize()  # "PEEBLES" written in capitals in the data
    if is_pinyin(name):
        given = name.given if pinyin == "full" else " ".join(s[0].upper() for s in _syllables(name.given))
        given = given[:1].upper() + given[1:] if pinyin == "full" else given
    else:
        given = _initials(name.given, hyphen=True)
    out = f"{family} {given}".strip()
    return f"{out}，{name.suffix.rstrip('.')}" if name.suffix else out


def _names(raw: tuple[str, ...], lang: str, edition: str, pinyin: str, others: bool = False) -> str:
    p = _P2025 if edition == "2025" else _P2015
    names = [
        name_2025(parse_name(a), pinyin) if edition == "2025" else name_2015(parse_name(a)) for a in raw if a.strip()
    ]
    if len(names) <= 3:
        return p.comma.join(names)
    # 2015 8.1.2, 2025 7.1.2: more than three: the first three, then "等" or its equivalent in
    # the entry's language. 2025 says 可 (may) where 2015 said shall; the list stays short, as
    # every 2025 example with more than three authors does.
    east = lang in _EAST_ASIAN
    if edition == "2025":
        return p.comma.join(names[:3]) + ("，等" if east else "，et al.")
    return p.comma.join(names[:3]) + (", 等" if east else ", et al")


# --- elements -------------------------------------------------------------------------------


def _text(text: str, p: _Punct) -> str:
    """A title or container name with the edition's widths (2025: "Title：subtitle，more").

    ZL converts title punctuation to the edition's widths and ZC keeps it (notes 3.6); the notes'
    2025 example strings are ZL's, so this follows ZL.
    """
    if p is _P2015:
        return text
    text = re.sub(r"\s*:\s+", "：", text)
    text = re.sub(r"\s*;\s+", "；", text)
    text = re.sub(r"(?<=\S),\s+", "，", text)
    return re.sub(r"\s*\(([^()]*)\)", r"（\1）", text)


def _edition(edition: str, lang: str, ed: str) -> str:
    value = edition.strip()
    if value in ("", "1", "1st", "第1版", "1版"):
        return ""  # 2015 8.3 "第1版不著录", 2025 7.4 "可不著录"
    if value.isdigit():
        if lang in _EAST_ASIAN:
            # The 2025 example prints "2 版"; the 2015 transcription the tests use prints "2版".
            return f"{value} 版" if ed == "2025" else f"{value}版"
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} ed."
    return value


def _year(c: Citation) -> str:
    if c.year:
        return str(c.year)
    return c.date[:4] if c.date else ""


def _join(*parts: str, sep: str) -> str:
    return sep.join(x for x in parts if x)


def _imprint(c: Citation, lang: str, p: _Punct, online: bool, ed: str) -> str:
    """Place: publisher, year: pages (books, theses, conference papers, 2015 reports)."""
    place, publisher = _text(c.place, p), _text(first_publisher(c.publisher), p)
    if not online and ed == "2015":
        # 2015 8.4.1, 8.4.2: a printed work's missing place or publisher is recorded as
        # "[出版地不详]"/"[S.l.]" and "[出版者不详]"/"[s.n.]". 2025 7.5.2-7.5.3 turned this into
        # 可 (may), and ZL's 2025 style leaves them out by default: so does this.
        zh = lang == "zh"
        place = place or ("[出版地不详]" if zh else "[S.l.]")
        publisher = publisher or ("[出版者不详]" if zh else "[s.n.]")
    who = _join(place, publisher, sep=p.colon)
    if who:
        out = _join(who, _year(c), sep=p.comma)
    elif c.date and ed == "2015":
        # 2015 4.6 example 1: an online report with a date and no imprint: "(2012-01-16)".
        out = f"{p.open}{c.date}{p.close}"
    else:
        out = c.date if ed == "2025" and c.type == "report" and c.date else _year(c)
    return f"{out}{p.colon}{c.pages}" if out and c.pages else out


def _serial(c: Citation, p: _Punct, online: bool, ed: str) -> str:
    """Journal, year, volume(issue): pages (2015 4.4, 2025 8.5)."""
    journal = _text(c.container or first_publisher(c.publisher), p)
    if ed == "2025" and c.date and not (c.volume or c.issue):
        # 2025 8.5.3 example 4: an article published online first: the date replaces year,
        # volume and issue ("铁道学报，2024-05-09").
        out = _join(journal, c.date, sep=p.comma)
    else:
        out = _join(journal, _year(c), c.volume, sep=p.comma)
    if c.issue:
        out += f"{p.open}{c.issue}{p.close}"
    if c.pages:
        out += f"{p.colon}{c.pages}"
    if ed == "2015" and online and c.date:
        out += f"({c.date})"  # the online date, as the 2015 4.4 example of Nature (2014-06-19)
    return out


def _newspaper(c: Citation, p: _Punct) -> str:
    """Newspaper, date(page) (2015 4.4 "2013-01-12(2)", 2025 8.5.3 "2000-11-20（15）")."""
    out = _join(_text(c.container, p), c.date or _year(c), sep=p.comma)
    return f"{out}{p.open}{c.pages}{p.close}" if c.pages else out


def _electronic_2015(c: Citation) -> str:
    """Publisher, year(date) for web pages, laws and data sets (2015 4.6 format)."""
    # "出版地: 出版者, 出版年(更新或修改日期)": the date follows the year, never the comma.
    who = _join(c.place, first_publisher(c.publisher), sep=": ")
    if not who:
        when = c.date or _year(c)
        return f"({when})" if when else ""  # 2015 4.6 examples 1, 3, 5: "(2008-05-04)"
    out = _join(who, _year(c), sep=", ")
    return f"{out}({c.date})" if c.date else out


def _accessed(c: Citation, accessed: str | None, ed: str) -> str:
    # The date the page was really seen (the citation's own) wins over the caller's date.
    when = c.accessed or accessed or ""
    if not when or not (c.url or c.doi):
        return ""
    # 2025: only web sites and pages, data sets and preprints carry the access date (notes 1.10:
    # the element tables list 引用日期 for those alone, /OL books and articles included).
    if ed == "2025" and type_code(c, ed) not in ("EB", "DS", "PP"):
        return ""
    return f"[{when}]"


def _pid(c: Citation) -> str:
    # 2015 8.7, 2025 7.9: the DOI follows the access path and is left out when the path already
    # holds it. Written "DOI:10..." without a space in both (ZL-15 and ZL-25).
    if c.doi and norm_doi(c.doi) not in c.url.casefold():
        return f"DOI:{c.doi}"
    return ""


def format_entry(
    c: Citation, accessed: str | None = None, lang: str = "zh", edition: str = "2025", pinyin: str = "full"
) -> str:
    """One GB/T 7714 entry of the given edition, without its number."""
    if edition not in EDITIONS:
        raise UsageError(f"unknown GB/T 7714 edition {edition!r}", hint="use 2025 or 2015")
    if pinyin not in PINYIN:
        raise UsageError(f"unknown pinyin form {pinyin!r}", hint="use full or initials")
    # `lang` stands in only for a citation that does not record its own language: "等" versus
    # "et al" and "[出版地不详]" versus "[S.l.]" follow the language of the cited work.
    language = _lang(c, lang)
    p = _P2025 if edition == "2025" else _P2015
    online = _online(c)
    code = type_code(c, edition)
    mark = type_mark(c, edition)
    authors = _names(c.author, language, edition, pinyin)
    title = _text(c.title, p)
    parts: list[str] = []
    unpublished = False

    if code == "S" and edition == "2025" and c.number:
        # 2025 8.9: "标准编号　标准名称[S/OL]. 获取和访问路径. 永久标识符.": no responsible party,
        # no imprint. The Chinese example sets number and name apart with an ideographic space,
        # the English one ("ISO 21378:2019 Audit data collection[S]") with a plain space.
        gap = "\u3000" if is_cjk(c.title) else " "
        parts.append(f"{c.number}{gap}{title}[{mark}]")
    else:
        if authors:
            parts.append(authors)
        elif edition == "2025" and code in ("R", "EB") and c.publisher:
            # The 2025 report and web page formats have no publisher element: a body that only
            # publishes is recorded as the responsible party rather than lost.
            parts.append(first_publisher(c.publisher))
        if c.number and code in ("R", "S"):
            # 2025 8.8 "题名：报告编号", 2015 "题名: 报告号" (其他题名信息) and "题名: 标准号".
            series = c.container if code == "R" and c.container else ""
            title += p.colon + _join(_text(series, p), c.number, sep=" ")
        if c.type in _PARTS or (code == "C" and c.container):
            # 2015 4.2, 8.8.1 and 2025 8.3, 8.6: "析出题名[M]//编者. 书名".
            head = f"{title}[{mark}]//"
            editors = _names(c.editor, language, edition, pinyin)
            container = _text(c.container, p)
            if code == "C" and not (editors or c.publisher or c.place):
                # 2025 8.6.3, a paper not published as a book: "[C]//会议名称，会议年份：引文页码".
                parts.append(head + _join(container, _join(_year(c), c.pages, sep=p.colon), sep=p.comma))
                container = editors = ""
                unpublished = True
            else:
                parts.append(head + (editors if editors else container))
            if editors and container:
                parts.append(container)
        else:
            parts.append(f"{title}[{mark}]")

    if unpublished:
        pub = ""
    elif code == "J":
        pub = _serial(c, p, online, edition)
    elif code == "N":
        pub = _newspaper(c, p)
    elif code == "S" and edition == "2025":
        pub = ""
    elif code in ("EB", "DS", "PP") and edition == "2015":
        pub = _electronic_2015(c)
    elif code == "EB":
        # 2025 8.11: "（创建或修改日期）[引用日期]"; no publisher element.
        when = c.date or _year(c)
        pub = f"{p.open}{when}{p.close}" if when else ""
    elif code in ("DS", "PP"):
        # 2025 8.14, 8.15: "版本. 发布平台（发布或修改日期）[引用日期]".
        version = c.edition
        if version:
            parts.append(version)
        when = c.date or _year(c)
        platform = first_publisher(c.publisher) or (c.container if code == "PP" else "")
        pub = platform + (f"{p.open}{when}{p.close}" if when else "")
    elif code == "R" and edition == "2025" and not (c.place or c.isbn):
        # 2025 8.8: "发布日期：引文页码": no place or publisher. A report with a place or an
        # ISBN was published as a book and takes the book's imprint (通用要求, notes 1.9).
        pub = _join(c.date or _year(c), c.pages, sep=p.colon)
    else:
        edition_text = _edition(c.edition, language, edition)
        if edition_text:
            parts.append(edition_text)
        pub = _imprint(c, language, p, online, edition)
    pub += _accessed(c, accessed, edition)
    if pub:
        parts.append(pub)
    if c.url:
        parts.append(c.url)
    pid = _pid(c)
    if pid:
        parts.append(pid)
    # Elements are joined by ". "; one ending in its own full stop ("et al.", "Inc.") keeps one.
    text = ""
    for part in parts:
        text += (". " if text and not text.endswith(".") else " " if text else "") + part
    return text if text.endswith(".") else text + "."
