"""Dates are claims in a draft (issue 17, item 5): a 月/日 date the data does not hold is unsupported.

check(drafted=True) is how drafting checks a section; `drafter check` of a published report leaves
dates alone (drafted=False), so published reports are unaffected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, check, make_grounder
from drafter.data.load import parse_data
from drafter.facts.build import dates_in
from drafter.models import FakeModel
from tests.drafting.helpers import example_data, run_draft

DATA = """
unit: {name: 样例区妇女联合会, level: 区, year: 2021}
activities:
  - title: 代表大会
    bullets:
      - 2021年9月28日召开区第九次妇女代表大会，选举产生新一届执委会。
      - 10月18日至20日举办巾帼创业培训班，培训妇女120人次。
      - 3月开展“巾帼心向党”主题宣讲活动。
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("t.yaml")))


def dates(text: str, grounder, drafted: bool = True) -> list[tuple[str, str, str]]:
    result = check(text, grounder, drafted=drafted)
    return [(v.mention.text, v.verdict, v.cause.value) for v in result.verdicts if v.mention.kind == "date"]


def test_an_invented_date_in_a_draft_is_unsupported(grounder) -> None:
    found = dates("于2021年10月15日召开全区妇女代表大会。", grounder)
    assert found == [("10月", "unsupported", "date_not_in_data"), ("15日", "unsupported", "date_not_in_data")]


def test_the_data_s_own_dates_ground_the_draft(grounder) -> None:
    text = "2021年9月28日，召开区第九次妇女代表大会。10月20日培训班结业。3月开展主题宣讲。"
    assert {verdict for _, verdict, _ in dates(text, grounder)} == {"ignored"}


def test_a_month_the_data_never_names_is_unsupported(grounder) -> None:
    assert dates("5月开展宣讲活动。", grounder) == [("5月", "unsupported", "date_not_in_data")]


def test_the_year_s_own_bounds_are_no_claim(grounder) -> None:
    assert {v for _, v, _ in dates("截至2021年12月31日，全年开展活动。", grounder)} == {"ignored"}


def test_a_published_report_s_dates_are_left_alone(grounder) -> None:
    assert {v for _, v, _ in dates("于2021年10月15日召开全区妇女代表大会。", grounder, drafted=False)} == {
        "ignored"
    }


def test_dates_in_reads_days_ranges_and_months() -> None:
    assert set(dates_in("10月18日至20日举办，3月开展，13月无")) == {
        (10, None),
        (10, 18),
        (10, 20),
        (3, None),
    }


def test_a_drafted_section_with_an_invented_date_is_marked() -> None:
    data = example_data("ziyang-2021")
    answer = "2021年，区妇联于2021年10月15日召开全区妇女代表大会。"
    _, draft = run_draft(data, FakeModel(default=answer), ids={"performance"}, max_repairs=0)
    sd = draft.sections[0]
    assert "〔待核实" in sd.text
    assert any(f.action == "marked" and f.text in ("10月", "15日") for f in sd.fixes), sd.fixes
    assert Cause.DATE_NOT_IN_DATA.value == "date_not_in_data"
