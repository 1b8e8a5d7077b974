"""A name of the data's lexicon with one numeral changed is a claim the data does not support."""

from drafter.check.names import NearNames


def names() -> NearNames:
    return NearNames(["七大文化", "三八", "两癌筛查", "三级指标"], ["十九大"], "开展七大文化活动")


def test_one_changed_numeral_is_found() -> None:
    assert names().find("推进八大文化建设，三癌筛查2000人") == [(2, 6, "七大文化"), (9, 13, "两癌筛查")]


def test_the_name_itself_and_other_numbers_are_not() -> None:
    nn = names()
    assert nn.find("推进七大文化建设，两癌筛查2000人，“三八”节") == []
    assert nn.find("共三十八人") == []  # 十八 inside a longer numeral is no 三八
    assert nn.find("二十大报告") == []  # two numerals changed: another phrase, not a variant


def test_a_variant_the_data_itself_uses_is_no_mistake() -> None:
    assert NearNames(["七大文化"], [], "另有八大文化").find("八大文化") == []


def test_a_figure_the_checker_reads_is_judged_as_a_figure() -> None:
    from drafter.check.result import Verdict
    from drafter.numbers import extract

    text = "三八红旗手三十个"
    verdicts = [Verdict(m, "ok") for m in extract(text)]
    assert NearNames(["三八"], [], "").flag(text, verdicts) == verdicts
