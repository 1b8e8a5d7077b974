"""Every verdict carries a machine code for why (Cause), one per kind of reason the checker gives.

Consumers (repair, evaluation, review) decide by the code, so each kind of reason must have one, and a
verdict the checker makes is never left uncoded. The Chinese reason stays output only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, ExampleNumbers, check, make_grounder
from drafter.data.load import parse_data
from tests.check.conftest import example
from tests.check.test_check import DATA
from tests.check.test_partlists import DATA as PARTS
from tests.check.test_root_mistakes import DATA as TYPO
from tests.check.test_tables import DATA as TABLE

# every kind of reason the checker gives, and the verdict it goes with
VERDICT_OF = {
    Cause.PROVED: "ok",
    Cause.YEAR: "ok",
    Cause.AUDIT_CORRECTION: "ok",
    Cause.LISTED_COUNT: "ok",
    Cause.ROW_CHANGE: "ok",
    Cause.WRONG_VALUE: "mismatch",
    Cause.DATA_INCONSISTENT: "mismatch",
    Cause.HEDGE_MISUSED: "hedge",
    Cause.HEDGE_CONFLICT: "hedge",
    Cause.STALE_AS_OF: "mismatch",
    Cause.YEAR_NOT_IN_DATA: "mismatch",
    Cause.MISDATED_YEAR: "mismatch",
    Cause.TITLE_YEAR: "mismatch",
    Cause.LISTED_PARTS: "mismatch",
    Cause.PARTS_EXCEED_TOTAL: "mismatch",
    Cause.NOT_IN_DATA: "unsupported",
    Cause.DATE_NOT_IN_DATA: "unsupported",
    Cause.VALUE_UNNAMED: "unsupported",
    Cause.CELL_NOT_IN_DATA: "unsupported",
    Cause.NEAR_NAME: "unsupported",
    Cause.CELL_GLUED: "unreadable",
    Cause.CELL_AFTER_GLUED: "unreadable",
    Cause.CELL_OVERFLOW: "unreadable",
    Cause.CELL_UNIT: "unreadable",
    Cause.CELLS_JOINED: "unreadable",
    Cause.TABLE_UNCONFIRMED: "unreadable",
    Cause.ORDINAL_COLUMN: "ignored",
    Cause.CORRECTION_NOTE: "ignored",
    Cause.NOT_A_QUANTITY: "ignored",
    Cause.NAME_IN_DATA: "ignored",
    Cause.OTHER_BODY: "ignored",
}
REMARKS = {Cause.UNIT_SUSPECT, Cause.COPIED_FROM_EXAMPLE}


def test_every_cause_is_a_kind_of_reason_or_a_remark() -> None:
    assert set(Cause) == set(VERDICT_OF) | REMARKS | {Cause.UNCODED}
    assert len({c.value for c in Cause}) == len(Cause)


def _grounder(data: str, examples: ExampleNumbers | None = None):
    return make_grounder(parse_data(data, Path("t.yaml")), examples)


CASES = [
    (DATA, "基本支出534.51万元。", "534.51万元", Cause.PROVED, ()),
    (DATA, "基本支出534.52万元。", "534.52万元", Cause.WRONG_VALUE, ()),
    (DATA, "基本支出534.51元。", "534.51元", Cause.WRONG_VALUE, (Cause.UNIT_SUSPECT,)),
    (DATA, "开展示范宣讲进基层近440场。", "近440场", Cause.HEDGE_MISUSED, ()),
    (DATA, "开展示范宣讲进基层近1万余场。", "近1万余场", Cause.HEDGE_CONFLICT, ()),
    (DATA, "全年新建图书室7777个。", "7777个", Cause.NOT_IN_DATA, ()),
    (DATA, "另有87.62万元用于其他。", "87.62万元", Cause.VALUE_UNNAMED, ()),
    (DATA, "分前期准备、自评实施、撰写报告三个阶段。", "三个", Cause.LISTED_COUNT, ()),
    (DATA, "2023年全年支出625.35万元。", "2023年", Cause.YEAR, ()),
    (DATA, "1990年起。", "1990年", Cause.YEAR_NOT_IN_DATA, ()),
    (DATA, "截至2022年12月31日，共有会员22人。", "2022年", Cause.STALE_AS_OF, ()),
    (DATA, "现将2022年度部门整体支出绩效自评情况报告如下：", "2022年", Cause.TITLE_YEAR, ()),
    (TYPO, "表列年度资金总额执行数49.09万元。", "49.09万元", Cause.DATA_INCONSISTENT, ()),
    (TABLE, "项目 | 执行率 | 分值 | 得分\n年度资金总额 | 94.00%10 | 9.40\n", "94.00%", Cause.CELL_GLUED, ()),
    (
        TABLE,
        "项目 | 执行率 | 分值 | 得分\n年度资金总额 | 94.00%10 | 9.40\n",
        "9.40",
        Cause.CELL_AFTER_GLUED,
        (),
    ),
]


@pytest.mark.parametrize(("data", "text", "number", "cause", "also"), CASES)
def test_each_reason_carries_its_code(data: str, text: str, number: str, cause: Cause, also: tuple) -> None:
    (v,) = [v for v in check(text, _grounder(data)).verdicts if v.mention.text.strip() == number]
    assert (v.cause, v.also, v.verdict) == (cause, also, VERDICT_OF[cause]), v.reason
    assert v.to_dict()["cause"] == cause.value


def test_a_number_copied_from_an_example_is_coded_so() -> None:
    examples = ExampleNumbers.from_texts({"某县": "全年开展法治宣传教育活动238场。"})
    (v,) = [v for v in check("全年开展法治宣传教育活动238场。", _grounder(DATA, examples)).verdicts]
    assert v.cause is Cause.NOT_IN_DATA and v.says(Cause.COPIED_FROM_EXAMPLE) and "照抄" in v.reason


def test_parts_above_their_total_are_coded_so() -> None:
    text = "全年举办展演活动40场，其中广场演出22场、送戏下乡21场。"
    causes = {v.mention.text: v.cause for v in check(text, _grounder(PARTS)).verdicts}
    assert causes["40场"] is Cause.PARTS_EXCEED_TOTAL, causes


@pytest.mark.parametrize("name", ["hengyang-2023", "yuelu-2021", "laoting-2023", "ziyang-2021"])
def test_no_verdict_of_the_checker_is_uncoded(name: str) -> None:
    text, _, grounder = example(name)
    for v in check(text, grounder).verdicts:
        assert v.cause is not Cause.UNCODED, v
        assert v.verdict == VERDICT_OF[v.cause], (v.mention.text, v.cause, v.verdict)
        assert v.binding is None or v.binding.mention.start == v.mention.start
