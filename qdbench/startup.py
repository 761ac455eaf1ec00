"""Start-up trimming for the command-line process (never applied when qdbench is imported).

whoosh-reloaded imports ``urllib.request`` (with http.client, email and ssl) for ``urlretrieve``,
which nothing in Whoosh calls, and the ``cached_property`` backport (which imports asyncio) for
one property; together about 26 ms of a 140 ms search. ``whoosh.query`` also loads the English
morphology tables (4 ms) for the ``Variations`` query, which qdbench never builds. Before Whoosh loads, the command installs
stand-ins for both: they answer those two names cheaply and turn into the real module on any
other use, so code that really needs either still gets it.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from collections.abc import Callable
from typing import Any


class _StandIn(types.ModuleType):
    def __init__(self, name: str, cheap: dict[str, Any]) -> None:
        super().__init__(name)
        self._cheap = cheap

    def __getattr__(self, attr: str) -> Any:
        if attr in self._cheap:
            return self._cheap[attr]
        if attr.startswith("__"):  # the import system probes __path__ and friends
            raise AttributeError(attr)
        return getattr(_load_real(self.__name__), attr)


def _load_real(name: str) -> types.ModuleType:
    if isinstance(sys.modules.get(name), _StandIn):
        del sys.modules[name]
    return importlib.import_module(name)


def _deferred(module: str, attr: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_load_real(module), attr)(*args, **kwargs)

    return call


def install_stand_ins() -> None:
    """Register the stand-ins unless the real modules are already loaded."""
    if "cached_property" not in sys.modules:
        sys.modules["cached_property"] = _StandIn("cached_property", {"cached_property": functools.cached_property})
    if "whoosh.lang.morph_en" not in sys.modules:
        sys.modules["whoosh.lang.morph_en"] = _StandIn(
            "whoosh.lang.morph_en", {"variations": _deferred("whoosh.lang.morph_en", "variations")}
        )
    if "urllib.request" not in sys.modules:
        sys.modules["urllib.request"] = _StandIn(
            "urllib.request", {"urlretrieve": _deferred("urllib.request", "urlretrieve")}
        )
