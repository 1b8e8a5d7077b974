"""salvage: the paragraph inside an answer that mirrors its prompt's shape (a 0.5B model's habit)."""

from __future__ import annotations

from drafter.prose import Brief, check_prose, fatal
from drafter.prose.salvage import salvage

POINTS = (
    "组织召开“巾帼心向党 建功新时代”妇女干部座谈会；举办乐亭县首届巾帼书画展。",
    "成立党的二十大精神“巾帼宣讲小分队”，开设“巾帼大讲堂”，开展系列主题宣讲活动20场。",
)
EXAMPLE = (
    "举办“聚力中心化 巾帼绽芳华”三八妇女节系列活动，"
    "通过舞台剧、分享会、诵读会等多种形式展现衡阳巾帼奋斗风貌。"
)
PROMPT = (
    "【任务】为乐亭县妇女联合会起草《2023年度部门整体支出绩效自评报告》“强化思想引领”部分中的一段。"
    "写3句左右，约150字。\n\n【本段要点】（单位提供，只写这些内容）\n"
    + "".join(f"- {p}\n" for p in POINTS)
    + "\n【写作要求】\n1. 只能使用上面列出的数字，写法保持不变，不得编造、推算或改写数字。\n"
    "2. 不写标题、小标题和序号，不加说明或备注，不用Markdown。\n"
    f"\n【参考写法】（另一单位报告中的一段，只学写法，不抄其内容和数字）\n{EXAMPLE}"
)
BRIEF = Brief(prompt=PROMPT, system="", material=POINTS, passages=(EXAMPLE,), heading="强化思想引领")
PARAGRAPH = (
    "乐亭县妇联组织召开妇女干部座谈会，举办首届巾帼书画展，搭建妇女干部展示自我的平台。"
    "成立“巾帼宣讲小分队”，开设“巾帼大讲堂”，开展系列主题宣讲活动20场，凝聚巾帼奋进力量。"
)
# the shape of the answers captured from Qwen2.5 0.5B drafting laoting-2023 (issue 19), after tidying
MIRRORED = (
    "为乐亭县妇女联合会起草《2023年度部门整体支出绩效自评报告》“强化思想引领”部分中的一段。\n"
    "工作要点：\n" + "".join(f"- {p}\n" for p in POINTS) + "工作总结：\n" + PARAGRAPH + EXAMPLE + "\n"
    "数字：\n【F1】：开展系列主题宣讲活动20场\n"
)


def test_the_paragraph_inside_a_mirrored_answer_is_kept_and_passes() -> None:
    assert fatal(check_prose(MIRRORED, BRIEF))  # as sent: echo, copy, figure list
    text, dropped = salvage(MIRRORED, BRIEF)
    assert text == PARAGRAPH and dropped >= 6
    assert not fatal(check_prose(text, BRIEF))


def test_a_clean_answer_is_left_alone_and_an_echo_stays_an_echo() -> None:
    assert salvage(PARAGRAPH, BRIEF) == (PARAGRAPH, 0)
    echo = "工作要点：\n" + "".join(f"- {p}\n" for p in POINTS)
    assert salvage(echo, BRIEF) == (echo, 0)  # nothing of its own is left: rejected for what it is


def test_an_unfinished_last_sentence_is_dropped_and_the_finished_ones_kept() -> None:
    cut = PARAGRAPH + "同时积极探索网格加妇联工作模"
    text, dropped = salvage(cut, BRIEF)
    assert text == PARAGRAPH and dropped == 1
    assert salvage("开展宣讲活动20场", BRIEF) == (
        "开展宣讲活动20场",
        0,
    )  # no finished sentence: left to be rejected


def test_a_sentence_said_again_word_for_word_is_dropped() -> None:
    first, second = PARAGRAPH.split("。")[:2]
    text, dropped = salvage(f"{first}。{second}。{second}。", BRIEF)
    assert text == f"{first}。{second}。" and dropped == 1


def test_headings_the_model_adds_are_dropped_from_a_paragraph() -> None:
    """ziyang-2021 集中普法宣传 as the 0.5B model wrote it: headings (一、宣传普法知识) over sentences."""
    first, second = PARAGRAPH.split("。")[:2]
    answer = f"一、宣传普法知识\n{first}。\n五、总结和评估\n{second}。"
    assert salvage(answer, BRIEF) == (f"{first}。\n{second}。", 2)
