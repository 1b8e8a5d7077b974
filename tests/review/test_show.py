"""review.show: what a reviewer reads in the terminal, with colour or piped without it."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from drafter.review.show import diff_text


def test_a_diff_marks_old_and_new_in_plain_text() -> None:
    """Piped (no colour) the diff must still say which sentence went and which came: [-…-] / {+…+}."""
    old = "全年开展宣讲40场。其他工作有序推进。"
    new = "全年开展宣讲44场。其他工作有序推进。"
    out = StringIO()
    Console(file=out, color_system=None, width=200).print(diff_text(old, new))
    plain = out.getvalue()
    assert "[-全年开展宣讲40场。-]" in plain and "{+全年开展宣讲44场。+}" in plain
    assert "其他工作有序推进。" in plain and "[-其他工作" not in plain  # unchanged: no marker
