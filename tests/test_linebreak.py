"""CJK line breaking: the rules, on real sentences of the corpus and on generated text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from qdbench.linebreak import CLOSING, OPENING, break_offsets, text_width, wrap
from qdbench.render import markdown_to_text

NY = (
    "纽约湾区在1996年发布了第三次区域规划，提出“经济、公平、环境”三大目标（3E）。"
    "人口约2,340万人，GDP约1.8万亿美元。The Regional Plan Association published its Third Regional Plan in 1996."
)


def _check(lines: list[str], width: int) -> None:
    for a, b in itertools.pairwise(lines):
        assert b and b.lstrip()[0] not in CLOSING, (a, b)
        assert a and a[-1] not in OPENING, (a, b)
        assert not (a[-1].isdigit() and b.lstrip()[0].isdigit()), (a, b)
    assert all(text_width(x) <= width for x in lines), lines


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation() -> None:
    for width in range(8, 60):
        lines = wrap(NY, width)
        _check(lines, width)
        assert "".join(lines).replace(" ", "") == NY.replace(" ", "")


def test_numbers_and_latin_words_stay_whole() -> None:
    for width in range(12, 40):
        text = "\n".join(wrap(NY, width))
        for word in ("1996年", "2,340万人", "1.8万亿美元", "Association", "（3E）。"):
            assert word in text.replace("\n", "") and word.split("\n")[0] == word
        for token in ("1996", "2,340", "1.8", "Association", "Regional"):
            assert any(token in line for line in text.splitlines()), (width, token)


def test_the_example_from_the_issue() -> None:
    # At 41 cells a character-by-character fold cuts "1996" in two; the rules keep it whole.
    text = "此后在1968年、1996年和2017年先后发布了第二、第三和第四次区域规划，影响深远。"
    for width in range(10, 50):
        lines = wrap(text, width)
        assert not any(
            x.endswith(("19", "199", "1")) and y.startswith(("96", "6", "996")) for x, y in itertools.pairwise(lines)
        )
        _check(lines, width)


def test_closing_punctuation_moves_with_the_character_before_it() -> None:
    # Width 4 holds two characters: "，" cannot start a line, so "市" goes down with it.
    assert wrap("青岛城市，港口", 4) == ["青岛", "城", "市，", "港口"]
    assert wrap("青岛城市，港口", 6) == ["青岛城", "市，港", "口"]
    assert wrap("青岛“港口”", 6) == ["青岛", "“港口”"]


def test_continuation_indent_and_leading_spaces() -> None:
    lines = wrap("1. " + "港口" * 20, 20, "   ")
    assert lines[0].startswith("1. ") and all(x.startswith("   ") for x in lines[1:])
    assert all(text_width(x) <= 20 for x in lines)


def test_an_overlong_url_is_folded() -> None:
    url = "https://example.org/" + "a" * 50
    offs = break_offsets(url, 20)
    assert offs == [20, 40, 60]


def test_text_view_wraps_list_items_under_their_text() -> None:
    md = (
        "# 标题 / Title\n\n## 主要做法 / Practices\n\n1. "
        + "建设国际航运中心，" * 10
        + "  \n   "
        + "Build a port. " * 10
    )
    text = markdown_to_text(md, 40)
    lines = text.splitlines()
    assert lines[0] == "标题 / Title" and lines[1].startswith("=")
    body = lines[lines.index("主要做法 / Practices") + 3 :]
    assert body[0].startswith("1. ") and all(x.startswith("   ") for x in body[1:] if x)
    assert all(text_width(x) <= 40 for x in lines)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["港口", "城市", "，", "。", "（", "）", "“", "”", "1996", "年", "Qingdao", " ", "2,340", "、"]
        ),
        min_size=1,
        max_size=60,
    ),
    st.integers(min_value=6, max_value=80),
)
def test_rules_hold_for_generated_text(parts: list[str], width: int) -> None:
    text = "".join(parts).strip()
    if not text:
        return
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # How many spaces stood between each line and the next in the text (the lines drop them).
    gaps, pos = [], 0
    for line in lines:
        start = text.index(line, pos)
        gaps.append(start - pos)
        pos = start + len(line)
    for (a, b), spaces in zip(itertools.pairwise(lines), gaps[1:], strict=True):
        # A mark may only be stranded where the marks (with the unit they follow, and the
        # spaces the marks hold on across) are wider than the line: the unit is the character
        # they follow, or a word with any brackets and marks stuck to it (（Qingdao，).
        if b and b[0] in CLOSING:
            run = (a + " ").rstrip(" ")[::-1]
            tail = len(run) - len(run.lstrip("".join(CLOSING)))
            head = len(b) - len(b.lstrip("".join(CLOSING)))
            word = a.rstrip(" ").split(" ")[-1]
            marks = text_width(b[:head]) + spaces
            assert marks + text_width(a[-tail:] if tail else "") + 2 > width or text_width(word) + marks > width, (
                lines,
                width,
            )
        if a and a[-1] in OPENING:
            # Likewise an opening mark holds on to what follows it, across spaces.
            run = len(a) - len(a.rstrip("".join(OPENING)))
            lead = len(b) - len(b.lstrip("".join(OPENING)))  # more opening marks hold on too
            rest = b[lead:]
            unit = rest[:1] if rest and text_width(rest[0]) == 2 else rest.split(" ")[0]
            nxt = text_width(b[:lead]) + text_width(unit)
            assert text_width(a[-run:]) + spaces + nxt > width, (lines, width)
