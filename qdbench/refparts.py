"""Names and identifiers of cited works, as every citation format needs them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Compiled on first use: a class of wide ranges takes milliseconds that `show` need not pay.
_CJK_PATTERN = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"


@functools.lru_cache(maxsize=1)
def _cjk_re() -> re.Pattern[str]:
    return re.compile(_CJK_PATTERN)


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
    return bool(_cjk_re().search(text))


def parse_name(raw: str) -> Name:
    """A "Family, Given" person, or a literal (organisation, or a CJK name written whole)."""
    raw = " ".join(raw.split())
    if is_cjk(raw):
        # Chinese and Japanese names are written without spaces or commas (GB/T 7714 2015 8.1.1,
        # 2025 7.1.1).
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


def norm_doi(doi: str) -> str:
    doi = doi.strip().casefold()
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi)


def norm_isbn(isbn: str) -> str:
    return re.sub(r"[^0-9X]", "", isbn.upper())


def norm_url(url: str) -> str:
    """A URL without its scheme or trailing slash, host lower-cased: the same page however typed."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip().rstrip("/")
    rest = parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return parts.netloc.lower() + rest.rstrip("/")


def first_publisher(publisher: str) -> str:
    """The first of several publishers written "A; B": the one GB/T 7714 records (2015 8.4.2)."""
    return publisher.split(";")[0].strip()
