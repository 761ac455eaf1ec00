"""How a query was understood, as lines of text for ``qdbench search --explain``."""

from __future__ import annotations

from qdbench.query import MIN_SHARE, MIN_WORDS, PLACE_WEIGHT, SearchResult
from qdbench.understand import CORRECTION, SYNONYM, TYPED


def explain_lines(result: SearchResult) -> list[str]:
    u = result.understood
    if u.mode in ("exact", "literal"):
        how = "as written, every word required" if u.mode == "literal" else "exact: operators, phrases and fields"
        return [f"query: {u.text!r}", f"semantics: {how}"]
    lines = [f"query: {u.text!r}"]
    if u.converted:
        lines.append(f"regional wording converted (OpenCC tw2sp): {u.converted!r}")
    lines.append(
        f"semantics: best match: cases with every clause first, then those covering part of the"
        f" query (at least {MIN_SHARE:.0%} weighted by rarity, or {MIN_WORDS:.0%} of the words), by score"
        " times the share covered"
    )
    if u.dropped:
        lines.append("not deciding (function words, or found in no case): " + " ".join(u.dropped))
    for i, c in enumerate(u.clauses, 1):
        alts = []
        for a in c.alts:
            terms = " ".join(a.terms)
            tag = {TYPED: "", SYNONYM: " (synonym)", CORRECTION: " (corrected)"}[a.source]
            alts.append(f"{terms}{tag}")
        place = f" [a place: weighs {PLACE_WEIGHT:g}x]" if i - 1 in u.places else ""
        lines.append(f"clause {i}: {c.shown!r} -> " + " | ".join(alts) + place)
    if u.figures:
        lines.append("asks for a figure that these cases report (listed first): " + " ".join(u.figures))
    if u.adjacent:
        lines.append("adjacency bonus: " + ", ".join(f"{a}+{b}" for a, b in u.adjacent))
    for typed, fixed in result.corrected:
        lines.append(f"corrected: {typed!r} -> {fixed!r}")
    return lines
