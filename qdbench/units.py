"""Writing a value for a reader: 870万标箱 in Chinese, 8.7 million TEU in English.

Kept apart from the indicator definitions so that `show`, which marks a figure's value, loads
no more than this.
"""

from __future__ import annotations

# Base units the corpus uses, with their Chinese and English names. A unit not listed here is
# shown as written in indicators.yaml.
UNIT_NAMES: dict[str, tuple[str, str]] = {
    "TEU": ("标箱", "TEU"),
    "passengers": ("人次", "passengers"),
    "visitors": ("人次", "visitors"),
    "people": ("人", "people"),
    "persons": ("人", "people"),
    "tonnes": ("吨", "tonnes"),
    "t": ("吨", "tonnes"),
    "USD": ("美元", "US dollars"),
    "EUR": ("欧元", "euros"),
    "CNY": ("元", "yuan"),
    "km": ("公里", "km"),
    "km2": ("平方公里", "km²"),
    "ha": ("公顷", "ha"),
    "hectares": ("公顷", "ha"),
    "events": ("场", "events"),
    "companies": ("家", "companies"),
    "firms": ("家", "firms"),
    "flights": ("架次", "flights"),
    "movements": ("架次", "aircraft movements"),
    "trips": ("人次", "trips"),
    "routes": ("条", "routes"),
    "%": ("%", "%"),
    "percent": ("%", "%"),
}


def unit_name(unit: str, lang: str) -> str:
    zh, en = UNIT_NAMES.get(unit, (unit, unit))
    return zh if lang == "zh" else en


def _trim(x: float, digits: int) -> str:
    """``x`` with at most ``digits`` decimals and no trailing zeros."""
    s = f"{x:.{digits}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def format_number(value: float, lang: str) -> str:
    """A number as a reader of the language writes it: 870万, 3.09亿 / 8.7 million, 3.09 billion."""
    a = abs(value)
    if lang == "zh":
        if a >= 1e8:
            return _trim(value / 1e8, 2) + "亿"
        if a >= 1e4:
            return _trim(value / 1e4, 2) + "万"
        return _trim(value, 2)
    if a >= 1e9:
        return _trim(value / 1e9, 2) + " billion"
    if a >= 1e6:
        return _trim(value / 1e6, 2) + " million"
    if a >= 1e4 or value == int(value):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return _trim(value, 2)


def format_value(value: float, unit: str, lang: str) -> str:
    """A value with its unit: 870万标箱 / 8.7 million TEU; ``both`` gives ``zh / en``."""
    if lang == "both":
        return f"{format_value(value, unit, 'zh')} / {format_value(value, unit, 'en')}"
    number = format_number(value, lang)
    name = unit_name(unit, lang)
    if name in ("%",):
        return number + "%"
    if lang == "zh":
        return number + name
    return f"{number} {name}"
