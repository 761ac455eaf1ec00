"""Qingdao's own position (data/qingdao.yaml): what it has or does per action item, its figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qdbench.models import Citation, Figure, Text, citation_from, figure_from, text_from

LEVELS = ("municipal", "provincial", "national")


@dataclass(frozen=True)
class QingdaoContext:
    """What Qingdao already has or does for one action item, and who decides it."""

    action: str
    text: Text
    cite: str
    level: str = ""


def context_from(d: dict[str, Any]) -> QingdaoContext:
    s = lambda k: str(d.get(k) or "").strip()  # noqa: E731
    return QingdaoContext(action=s("action"), text=text_from(d), cite=s("cite"), level=s("level"))


@dataclass(frozen=True)
class Qingdao:
    context: tuple[QingdaoContext, ...] = ()
    figures: tuple[Figure, ...] = ()
    citations: tuple[Citation, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.context or self.figures)

    def context_for(self, action_id: str) -> list[QingdaoContext]:
        return [c for c in self.context if c.action == action_id]

    def citation(self, key: str) -> Citation | None:
        return next((c for c in self.citations if c.key == key), None)


def qingdao_from(data: Any) -> Qingdao:
    """Qingdao's position from the qingdao.yaml mapping (or its catalog copy)."""
    if not isinstance(data, dict):
        return Qingdao()

    def items(key: str) -> list[dict[str, Any]]:
        v = data.get(key)
        return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []

    return Qingdao(
        context=tuple(context_from(x) for x in items("context")),
        figures=tuple(figure_from(x) for x in items("figures")),
        citations=tuple(citation_from(x) for x in items("citations")),
    )
