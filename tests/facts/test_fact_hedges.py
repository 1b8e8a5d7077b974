"""A `facts:` entry's hedge (value: 1300, hedge: 余) is part of what the data says of the figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.audit.rules import audit
from drafter.check import check, make_grounder
from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.errors import InputError
from drafter.facts.build import build_facts

UNIT = {"name": "样例区文化馆", "level": "区", "year": 2023}
SHOWS = {"id": "shows", "label": "送戏下乡", "value": 720, "unit": "场", "hedge": "余"}


def data(*facts: dict[str, object], bullets: tuple[str, ...] = ()) -> ReportData:
    raw: dict[str, object] = {"unit": UNIT, "facts": list(facts)}
    if bullets:
        raw["activities"] = [{"title": "群众文化", "bullets": list(bullets)}]
    return ReportData.model_validate(raw)


@pytest.mark.parametrize(
    ("hedge", "interval"),
    [
        ("余", (Decimal(720), Decimal(730), False, False)),
        ("多", (Decimal(720), Decimal(730), False, False)),
        ("近", (Decimal(576), Decimal(720), True, False)),
        ("以上", (Decimal(720), Decimal("Infinity"), True, False)),
        ("约", (Decimal(648), Decimal(792), True, True)),
    ],
)
def test_the_hedge_makes_the_fact_an_interval(hedge: str, interval: tuple[Decimal, ...]) -> None:
    facts = build_facts(data({**SHOWS, "hedge": hedge}))
    assert facts["facts.shows"].interval() == interval


def verdicts(text: str, *facts: dict[str, object]) -> dict[str, str]:
    grounder = make_grounder(data(*facts))
    return {v.mention.text: v.verdict for v in check(text, grounder).verdicts if v.mention.is_quantity}


VISITORS = {"id": "visitors", "label": "接待观众", "value": 5, "unit": "万人次", "hedge": "近"}


def test_the_report_writes_the_hedge_the_data_gives() -> None:
    assert verdicts("全年送戏下乡720余场，接待观众近5万人次。", SHOWS, VISITORS) == {
        "720余场": "ok",
        "近5万人次": "ok",
    }


def test_a_report_more_precise_or_hedged_the_other_way_is_still_caught() -> None:
    got = verdicts("全年送戏下乡720场，接待观众5万余人次。", SHOWS, VISITORS)
    assert got == {"720场": "hedge", "5万余人次": "hedge"}


def test_the_drafter_writes_the_hedged_figure() -> None:
    assert build_facts(data(SHOWS))["facts.shows"].shown() == "720余场"


def test_an_unknown_hedge_word_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(
        "unit: {name: 样例区文化馆, level: 区, year: 2023}\n"
        "facts:\n  - {id: shows, label: 送戏下乡, value: 720, unit: 场, hedge: 大概}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_data(path)
    message = info.value.message
    assert f"{path}:3: facts[0].hedge" in message
    assert "大概" in message and "'余'" in message and "'左右'" in message  # what was given, what may be


def test_a_text_whose_full_list_of_parts_misses_its_total_is_found_in_the_data() -> None:
    bullet = "全区登记团队300余支，其中广场舞团队160支、合唱团队90支、其他团队40支"
    d = data(bullets=(bullet,))
    (finding,) = audit(d, build_facts(d))
    assert finding.kind == "sum" and finding.fact_id == "activities[0].bullets[0]#1"
    assert "290支" in finding.message


def test_a_report_total_its_own_full_list_misses_is_flagged() -> None:
    # the data knows only the total (as the report gives it): the sentence contradicts itself
    teams = {"id": "teams", "label": "登记团队", "value": 300, "unit": "支", "hedge": "余"}
    text = "全区登记团队300余支，其中广场舞团队160支、合唱团队90支、其他团队40支。"
    grounder = make_grounder(data(teams))
    (v,) = [v for v in check(text, grounder).verdicts if v.mention.text == "300余支"]
    assert v.verdict == "hedge" and v.expected == "290支" and "其他" in v.reason
