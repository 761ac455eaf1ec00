"""'More like this' without Whoosh: tf-idf signatures computed at index time.

Each case gets a short signature of its most distinctive terms (title, places, themes, summary);
``show`` ranks the other cases by the dot product of signatures, which costs a few milliseconds
and spares it the Whoosh import.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from qdbench import analysis
from qdbench.models import Case

SIGNATURE_TERMS = 24


def signature_text(case: Case) -> str:
    parts = [case.title.joined(), case.city.joined(), case.country.joined(), case.summary.joined()]
    parts.extend(case.themes_zh)
    parts.extend(case.themes_en)
    return "\n".join(parts)


def term_counts(case: Case) -> Counter[str]:
    return Counter(analysis.terms(signature_text(case)))


def document_frequencies(counts: Iterable[Counter[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    return df


def signature(counts: Counter[str], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """The case's top tf-idf terms, L2-normalised."""
    weights = {t: (1 + math.log(tf)) * math.log((n_docs + 1) / (df.get(t, 1) + 0.5)) for t, tf in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:SIGNATURE_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: round(w / norm, 4) for t, w in top if w > 0}


def most_similar(
    target: Mapping[str, float], entries: Iterable[dict[str, Any]], exclude: str, k: int = 5
) -> list[tuple[float, dict[str, Any]]]:
    """The ``k`` entries whose signatures are closest to ``target``."""
    scored = []
    for e in entries:
        if e["id"] == exclude:
            continue
        sig = e.get("signature") or {}
        score = sum(w * sig.get(t, 0.0) for t, w in target.items())
        if score > 0.05:
            scored.append((round(score, 3), e))
    scored.sort(key=lambda se: (-se[0], se[1]["id"]))
    return scored[:k]
