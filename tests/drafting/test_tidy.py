"""Model answers are tidied before checking: what small real models did (Qwen2.5 0.5B, seen locally)."""

from __future__ import annotations

from drafter.drafting.tidy import tidy
from drafter.numbers import extract

# an answer from the local Qwen2.5 0.5B to the 存在问题 prompt, shortened
ANSWER = """### 七、存在的问题及原因分析

#### 1. 单位日常运转所需公用经费预算不足

根据预算，基本支出预算中**公用经费**预算较少，不能满足单位日常运行费用支出。
- 由于单位职能和业务相对单一，绩效指标设计不够精准。
"""
# its answer to a re-ask: the instruction copied into the report
PARROT = "1、单位日常运转所需公用经费预算不足。\n数据中没有这个数，请删除。\n2、绩效指标设计不够精准。"


def test_markdown_and_the_repeated_heading_go() -> None:
    text, notes = tidy(ANSWER, "七、存在的问题及原因分析")
    assert text == (
        "1. 单位日常运转所需公用经费预算不足\n"
        "根据预算，基本支出预算中公用经费预算较少，不能满足单位日常运行费用支出。\n"
        "由于单位职能和业务相对单一，绩效指标设计不够精准。"
    )
    assert "去除了 Markdown 标记" in notes and "去除了重复的标题" in notes


def test_instructions_echoed_back_are_removed() -> None:
    text, notes = tidy(PARROT, "七、存在的问题及原因分析")
    assert "请删除" not in text and "数据中没有这个数" not in text
    assert text == "1、单位日常运转所需公用经费预算不足。\n2、绩效指标设计不够精准。"
    assert any("复述" in n for n in notes)


def test_a_clean_answer_is_left_alone() -> None:
    clean = "2023年，本单位认真履职，各项工作有序推进。全年开展宣讲440余场。"
    assert tidy(clean, "六、部门整体支出绩效情况") == (clean, [])


def test_list_numbers_after_markdown_marks_are_markers_not_quantities() -> None:
    mentions = extract("#### 1. 单位公用经费不足\n- 2、绩效指标不够精准")
    assert [(m.text, m.kind) for m in mentions] == [("1.", "marker"), ("2、", "marker")]
