"""Form checks (drafter.prose.form): what the loop once kept from a 0.5B model is rejected now."""

from __future__ import annotations

from drafter.prose import check_prose, fatal
from drafter.prose.echo import instruction_text
from drafter.prose.form import scaffolding
from tests.prose.helpers import judge, reasons, section_brief

PROBLEMS = section_brief("ziyang-2021", "problems")

# The 存在的问题 answer drafting ziyang-2021 with Qwen2.5 0.5B kept (issue 19), as the server sent it.
KEPT = (
    "本部分正文\n"
    "2021年度益阳市资阳区妇女联合会在部门整体支出绩效自评中，存在存在的问题及原因分析如下：\n"
    "七、存在的问题及原因分析\n"
    "问题一：基本支出预算不足\n"
    "部分基本支出预算编制不够精细，年中追加较多。\n"
    "原因：主要原因是部分项目预算绩效管理不够精"
)

GOOD = (
    "一是预算编制的精细化程度不够，部分项目年中调整较多，影响了预算执行的均衡性。"
    "二是绩效目标设置不够具体，个别指标难以量化考核。"
)


def test_the_kept_answer_is_rejected_for_each_of_its_faults() -> None:
    found = reasons(judge(KEPT, PROBLEMS))
    assert {"echo_prompt", "heading", "stutter", "truncated", "enumerated"} <= found


def test_a_good_answer_of_the_same_section_raises_nothing() -> None:
    assert reasons(judge(GOOD, PROBLEMS), fatal_only=False) == set()


def test_each_form_alone() -> None:
    assert reasons(judge("本部分正文\n" + GOOD, PROBLEMS)) == {"echo_prompt"}
    assert reasons(judge(GOOD + "\n" + PROBLEMS.heading + "\n" + GOOD[:20] + "。", PROBLEMS)) >= {"heading"}
    assert reasons(judge("存在存在的问题主要是" + GOOD, PROBLEMS)) == {"stutter"}
    assert reasons(judge(GOOD + "三是绩效评价结果运用不够充", PROBLEMS)) == {"truncated"}
    listed = "问题一：预算编制不够精细，年中调整较多。\n问题二：绩效目标不够具体，难以量化考核。"
    assert reasons(judge(listed, PROBLEMS)) == {"enumerated"}


def test_cut_off_is_told_by_the_text_even_when_the_server_says_stop() -> None:
    assert not fatal(check_prose(GOOD, PROBLEMS))
    cut = check_prose(GOOD[:-1] + "三是", PROBLEMS)
    assert [f.reason for f in fatal(cut)] == ["truncated"]
    # ，or ： at the end is a PDF's line break in a report, and one word ("无") is a whole answer
    assert not fatal(check_prose("无", PROBLEMS))


def test_a_line_of_the_units_own_material_is_not_scaffolding() -> None:
    own = PROBLEMS.own.splitlines()
    short = next((line.strip() for line in own if 2 <= len(line.strip()) <= 12), None)
    if short is not None:  # the prompt's own material may be quoted on a line of its own
        assert scaffolding(short, PROBLEMS, instruction_text(PROBLEMS)) == []
    assert scaffolding("本部分正文", PROBLEMS, instruction_text(PROBLEMS))


def test_a_doubled_word_the_units_own_material_holds_is_quoted_not_a_stutter() -> None:
    """hengyang-2023's data says 预算绩效管理管理水平: an answer that quotes it is not rejected for it,
    while a doubling of the model's own still is."""
    problems = section_brief("hengyang-2023", "problems")
    assert "管理管理" in problems.own
    quoted = "一是开展预算绩效管理管理水平有待提高，绩效指标设计不够精准。"
    assert "stutter" not in reasons(judge(quoted, problems), fatal_only=False)
    assert "stutter" in reasons(judge("存在存在的问题主要是" + quoted, problems))


# 年度工作情况 of laoting-2023 as Qwen2.5 0.5B wrote it and the loop kept it (issue 19, second smoke run)
HEADINGS_ANSWER = (
    "一、深度家庭教育指导\n二、开展系列主题活动\n三、举办“最美”系列评选\n五、深化家庭教育\n"
    "六、全面提升部门整体支出绩效\n以上是乐亭县妇女联合会起草的《部门整体支出绩效自评报告》中的关键要点和工作总结。"
)


def test_a_list_of_headings_that_describes_itself_is_not_a_paragraph() -> None:
    found = reasons(judge(HEADINGS_ANSWER, PROBLEMS))
    assert {"heading", "echo_prompt"} <= found
    # numbered sentences with their punctuation are prose (an 改进措施 written 一、…。)
    numbered = "一、严格执行预算核算，提高预算的准确性。\n二、加强相关人员培训，提升业务能力。"
    assert "heading" not in reasons(judge(numbered, PROBLEMS), fatal_only=False)


def test_an_answer_without_one_finished_sentence_is_rejected() -> None:
    """laoting-2023's 深化妇联改革 as the 0.5B model wrote it, kept by the third smoke run."""
    said = "乐亭县妇女联合会为深化妇联改革，展现基层组织的活力生机提出以下几点工作的总结：\n数字总结"
    assert reasons(judge(said, PROBLEMS)) == {"truncated"}
    assert not fatal(check_prose("无", PROBLEMS))
