"""Table layouts read as layout (issue 17, item 2): 序号 columns, header cells split over lines, row cuts.

Each text is a made-up table in a shape published reports arrive in, with the figures of
tests/check/test_tables.py's data. Both ways: the layout reads clean (its figures proved, its 序号 and
layout cells ignored, nothing a reviewer must look at), and a wrong figure planted in it is caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, check, make_grounder
from drafter.data.load import parse_data
from tests.check.test_tables import DATA

ROWS = [
    ["开展宣讲活动", "≥26次", "26次", "20", "20"],
    ["发布宣传文章", "2000篇", "2200篇", "15", "15"],
    ["培训合格率", "≥95%", "100%", "15", "15"],
    ["帮扶资金发放", "50.6万元", "41.3万元", "10", "8"],
]
HEADER = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("t.yaml")))


def problems(text: str, grounder) -> list[tuple[str, str]]:
    return [(v.mention.text.strip(), v.verdict) for v in check(text, grounder).verdicts if v.is_problem]


def grid(sep: str, header: list[str], serial_at: int = 0, lead: list[str] | None = None) -> str:
    """A grid table whose rows carry a 序号 cell (at `serial_at`) the header may not name."""
    lines = [sep.join(header)]
    for k, row in enumerate(ROWS):
        cells = [*(lead or []), *row]
        cells.insert(serial_at, str(k + 1))
        lines.append(sep.join(cells))
    return "\n".join(lines) + "\n"


def one_per_line(border: str, header: list[str]) -> str:
    """The same table pasted one cell per line, each with `border` after it ("" for none)."""
    cells = [*header, *(c for k, row in enumerate(ROWS) for c in (str(k + 1), *row))]
    return "".join(f"{c}{border}\n" for c in cells)


SERIAL_LAYOUTS = {
    "pipe, header without 序号": grid(" | ", HEADER),
    "pipe, empty corner": "  | " + grid(" | ", HEADER),
    "tab": grid("\t", HEADER),
    "two spaces": grid("    ", HEADER),
    "single space": grid(" ", HEADER),
    "pipe, 序号 in the second column": grid(" | ", ["一级指标", *HEADER], 1, ["产出指标"]),
    "one cell per line, bordered, named 序号": one_per_line(" |", ["序号", *HEADER]),
    "one cell per line, bordered, no 序号": one_per_line(" |", HEADER),
    "one cell per line, no border": one_per_line("", HEADER),
}


@pytest.mark.parametrize("name", list(SERIAL_LAYOUTS))
def test_a_serial_column_is_layout_in_any_table(name: str, grounder) -> None:
    text = SERIAL_LAYOUTS[name]
    verdicts = check(text, grounder).verdicts
    assert [v for v in verdicts if v.is_problem or v.verdict == "unreadable"] == []
    figures = [v for v in verdicts if v.mention.is_quantity and v.cause is not Cause.ORDINAL_COLUMN]
    assert len(figures) == 16 and all(v.verdict == "ok" for v in figures)
    serials = [v for v in verdicts if v.mention.text.strip() in "1234" and v.mention.text.strip()]
    assert all(v.verdict == "ignored" for v in serials)


@pytest.mark.parametrize("name", list(SERIAL_LAYOUTS))
def test_a_wrong_figure_beside_a_serial_column_is_caught(name: str, grounder) -> None:
    text = SERIAL_LAYOUTS[name]
    at = text.rindex("8")  # 帮扶资金发放's 得分, the last figure
    wrong = text[:at] + "7" + text[at + 1 :]
    assert problems(wrong, grounder) == [("7", "mismatch")]
    at = text.index("2200篇")
    assert problems(text[:at] + "2300篇" + text[at + 5 :], grounder) == [("2300篇", "mismatch")]
