"""Each prose reason on the answers the issue reports from a real 0.5B model, rebuilt on ziyang-2021.

These are the shapes seen (issue 7): the prompt handed back twenty times with its figure list, the
prompt's own headings with the bullets pasted four times, the re-ask's numbered list quoting another
unit's paragraphs. Captured answers are in tests/fixtures/prose/ (test_fixtures.py).
"""

from __future__ import annotations

from drafter.drafting.run import COPY_MARK
from drafter.prose import check_prose, reask_text, strip_instructions
from drafter.prose.copying import COPY_MIN, copied_sentences
from tests.prose.helpers import judge, reasons, section_brief

WORK_1 = section_brief("ziyang-2021", "work_1")
BULLETS = "".join(WORK_1.material)
GOOD = (
    "区妇联高度重视贫困母亲“两癌”救助工作，从项目宣传、患者资料收集、调查核实、数据录入到资金发放，"
    "做好每一环节工作，确保资金安全发放到位。2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。"
)
ECHO_BLOCK = (
    "本部分是“年度工作情况”中的一个主题：“积极救助贫困母亲”。请根据以下工作要点，写成一段连贯、正式的工作总结，"
    "可按“一是、二是”或小标题组织，保留每项工作的具体做法和数字。\n1. 7名（共救助了7名“两癌”贫困）：7名\n"
)


def test_a_good_answer_passes() -> None:
    assert judge(GOOD, WORK_1) == []


def test_the_prompt_twenty_times_with_its_figure_list() -> None:
    found = judge(ECHO_BLOCK * 20, WORK_1)
    assert {"echo_prompt", "repetition", "runaway"} <= reasons(found)
    messages = " ".join(f.message for f in found)
    assert "写作说明" in messages and "数据清单" in messages


RESTATED = "请根据以下工作要点，写成一段连贯、正式的工作总结，保留每项工作的具体做法和数字。"


def test_one_restated_instruction_is_dropped_from_report_prose_but_found_in_an_echo() -> None:
    assert strip_instructions(RESTATED + "\n" + GOOD, WORK_1) == (GOOD, 1)
    assert judge(GOOD + RESTATED, WORK_1) == []
    assert (
        strip_instructions(RESTATED + "工作有序推进。", WORK_1)[1] == 0
    )  # mostly instruction: kept, to be judged
    assert reasons(check_prose(GOOD + RESTATED, WORK_1)) == {"echo_prompt"}


def test_the_prompts_headings_with_the_bullets_pasted_four_times() -> None:
    answer = "任务说明\n" + "工作要点：\n" + (BULLETS + "\n") * 4 + "数据\n7名\n工作总结\n" + GOOD
    assert {"echo_prompt", "repetition"} <= reasons(judge(answer, WORK_1))


def test_the_reasks_problem_list_quoting_another_units_paragraphs() -> None:
    passage = WORK_1.passages[0].splitlines()[-1]
    answer = "\n".join(
        f"{i}. 句子“{passage[i * 40 : i * 40 + 60]}”中的“整句”：请根据本单位的数据改写" + COPY_MARK
        for i in range(1, 4)
    )
    assert "echo_reask" in reasons(judge(answer, WORK_1))


def test_a_parroted_reask_instruction_is_an_echo_of_it() -> None:
    asked = section_brief(
        "ziyang-2021",
        "work_1",
        reask="你刚才写的这一部分有数字与数据不符。请逐条改正下列问题，其余内容保持不变，然后输出改正后的完整正文",
    )
    answer = GOOD + "你刚才写的这一部分有数字与数据不符，请逐条改正下列问题。"
    assert "echo_reask" in reasons(judge(answer, asked))


def test_chapter_headings_mean_the_model_wrote_the_whole_report() -> None:
    answer = "一、部门（单位）基本情况\n" + GOOD + "\n七、存在的问题及原因分析\n预算执行有待加强。"
    assert reasons(judge(answer, WORK_1)) == {"heading"}


def test_markdown_tables_and_code_are_not_prose() -> None:
    table = GOOD + "\n| 项目 | 人数 |\n|---|---|\n| 救助 | 7名 |"
    assert reasons(judge(table, WORK_1)) == {"markdown"}
    code = GOOD + "\ndef summary():\n    return total_people == 7"
    assert "foreign" in reasons(judge(code, WORK_1))
    english = GOOD + " The Women's Federation helped poor mothers with cancer screening and gave them money."
    assert reasons(judge(english, WORK_1)) == {"foreign"}
    half_width = "一是加强学习;\n二是完善制度;\n" + GOOD  # half-width punctuation is still prose
    assert reasons(judge(half_width, WORK_1)) == set()


def test_a_sentence_said_twice_is_a_repetition() -> None:
    assert reasons(judge(GOOD + GOOD, WORK_1)) == {"repetition"}


def test_runaway_and_truncated() -> None:
    long = GOOD + "".join(
        f"第{i}项工作扎实推进，各项举措落地见效，群众满意度持续提升，组织建设不断加强。" for i in range(60)
    )
    assert "runaway" in reasons(judge(long, WORK_1))
    cut = section_brief("ziyang-2021", "work_1", finish_reason="length")
    assert reasons(judge(GOOD, cut)) == {"truncated"}


def test_coverage_is_reported_and_flags_an_answer_that_leaves_most_points_out() -> None:
    nothing = judge("各项工作有序推进，较好地完成了年度任务。", WORK_1)
    assert reasons(nothing) == set() and [(f.reason, f.review) for f in nothing] == [("coverage", True)]
    half = judge("2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。", WORK_1)
    assert [(f.reason, f.fatal, f.review) for f in half] == [("coverage", False, False)]
    assert "妇联高度重视" in half[0].evidence  # names the point left out
    swapped = judge(
        "2021年，共救助了8名“两癌”贫困妇女，发放救助金7万元。", WORK_1
    )  # the figure is the check's
    assert [f.review for f in swapped] == [False]


def test_near_copies_of_a_passage_are_found_not_only_verbatim_ones() -> None:
    passage = next(
        s for s in WORK_1.passages[0].replace("\n", "。").split("。") if 30 <= len(s) <= 45 and "（" not in s
    )
    near = passage[:12] + "进一" + passage[14:]  # a word changed: no clause of the passage stands verbatim
    assert copied_sentences(near + "。", WORK_1.passages, WORK_1.own) == [near]
    assert copied_sentences(passage[: COPY_MIN - 1] + "。", WORK_1.passages, WORK_1.own) == []
    few = judge(GOOD + near + "。", WORK_1)
    assert [(f.reason, f.fatal) for f in few] == [("copied", False)]  # re-asked, then marked, by the loop
    most = judge("2021年，共救助了7名“两癌”贫困妇女。" + near + "。" + passage + "。", WORK_1)
    assert "copied" in reasons(most)  # mostly another unit's text: rejected


def test_the_unit_s_own_points_may_be_written_as_given() -> None:
    assert check_prose(BULLETS, WORK_1) == []


def test_the_reask_names_each_reason_with_its_evidence() -> None:
    text = reask_text(judge(ECHO_BLOCK * 20, WORK_1))
    assert text.startswith("你刚才的回答不能作为报告正文")
    assert "照抄了提示词中的数据清单" in text and "篇幅失控" in text and "7名（共救助了7名" in text


def test_an_unnumbered_label_line_of_another_chapter_is_a_heading() -> None:
    """Seen from the real 0.5B model: 存在的问题 that goes on into "改进措施：" and its points."""
    from drafter.prose.echo import headings
    from drafter.prose.finding import Brief

    brief = Brief(prompt="", heading="七、存在的问题及原因分析")
    text = "存在问题：\n1. 基本支出预算不足。\n改进措施：\n1. 加强资金管理与预算支持。\n"
    found = headings(text, brief)
    assert found and "改进措施" in found[0].evidence
    assert not headings("存在问题：\n1. 基本支出预算不足。\n", brief)
