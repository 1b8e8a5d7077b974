"""Hostile input through the real entry point: each case is one line saying what to do, exit 2, fast.

Covers alias bombs, deep nesting, numbers too large or too precise, YAML 1.1 misreadings, JSON duplicate
keys and line numbers, GBK, files that never end, and control characters (refused with the field named,
never shown raw on the terminal).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from drafter.data.load import load_data
from tests.faults.helpers import UNIT, ZIYANG, one_line_error, run_main

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(97 + i)}: &{chr(97 + i)} [{','.join([f'*{chr(96 + i)}'] * 9)}]\n" for i in range(1, 9)
)  # 9 levels: 9**9 strings from about 500 bytes


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def facts(monkeypatch, capsys, path: Path) -> str:
    started = time.perf_counter()
    result = run_main(monkeypatch, capsys, "facts", path)
    assert time.perf_counter() - started < 5, "a limit must refuse at once, not after the damage"
    return one_line_error(result)


def test_billion_laughs_is_refused_at_once(tmp_path, monkeypatch, capsys) -> None:
    path = write(tmp_path, UNIT + BOMB)
    assert len(path.read_bytes()) < 700
    message = facts(monkeypatch, capsys, path)
    assert "aliases" in message and f"{path}:" in message


def test_a_recursive_alias_is_refused(tmp_path, monkeypatch, capsys) -> None:
    assert "aliases" in facts(monkeypatch, capsys, write(tmp_path, UNIT + "x: &x [*x, *x]\n"))


def test_a_lexicon_bomb_is_refused(tmp_path, monkeypatch, capsys) -> None:
    report = write(tmp_path, "2021年基本支出82.67万元。\n", "report.md")
    lexicon = write(tmp_path, BOMB, "lexicon.yaml")
    result = run_main(monkeypatch, capsys, "check", report, "--data", ZIYANG, "--lexicon", lexicon)
    assert "aliases" in one_line_error(result)


def test_anchors_that_expand_modestly_still_load(tmp_path) -> None:
    text = UNIT + "duties: &d [宣传, 维权]\nplans: *d\n"
    assert load_data(write(tmp_path, text)).plans == ["宣传", "维权"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.yaml", UNIT + "x: " + "[" * 500 + "]" * 500 + "\n"),
        ("deep-block.yaml", UNIT + "".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "v: 1\n"),
        (
            "deep.json",
            '{"unit": {"name": "a", "level": "市", "year": 2023}, "x": ' + "[" * 5000 + "]" * 5000 + "}",
        ),
    ],
    ids=["yaml flow", "yaml block", "json"],
)
def test_deep_nesting_is_refused(tmp_path, monkeypatch, capsys, name: str, text: str) -> None:
    assert "nested more than" in facts(monkeypatch, capsys, write(tmp_path, text, name))


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ('"1e30"', "out of range"),
        ("1e400", "out of range"),
        ("1.0e+400", "out of range"),
        ('"0.0000001"', "out of range"),
        ('"1000000000000"', "out of range"),
        ("1" * 100_000, "too many digits"),
        ("0." + "3" * 100_000, "too many digits"),
        ('"' + "9" * 100_000 + '"', "too many digits"),
    ],
    ids=[
        "1e30",
        "1e400",
        "1.0e+400",
        "7 decimals",
        "13 digits",
        "100k digits",
        "100k decimals",
        "100k quoted",
    ],
)
def test_huge_or_hyper_precise_numbers_are_refused(tmp_path, monkeypatch, capsys, written, words) -> None:
    path = write(tmp_path, UNIT + f"budget:\n  basic:\n    actual: {written}\n")
    message = facts(monkeypatch, capsys, path)
    assert words in message and f"{path}:7" in message
    assert len(message) < 400  # the number is not repeated in full


@pytest.mark.parametrize(
    ("written", "words"),
    [("1e400", "out of range"), ("1" * 100_000, "too many digits")],
    ids=["1e400", "100k"],
)
def test_huge_json_numbers_are_refused(tmp_path, monkeypatch, capsys, written, words) -> None:
    text = (
        '{"unit": {"name": "a", "level": "市", "year": 2023},\n"budget": {"basic": {"actual": '
        + written
        + "}}}"
    )
    message = facts(monkeypatch, capsys, write(tmp_path, text, "data.json"))
    assert words in message and "data.json:2" in message


def test_a_huge_staff_count_is_refused(tmp_path, monkeypatch, capsys) -> None:
    message = facts(monkeypatch, capsys, write(tmp_path, UNIT + "staff:\n  actual: " + "9" * 25 + "\n"))
    assert "staff.actual" in message


def test_the_largest_allowed_figures_draft_and_check_cleanly(tmp_path, monkeypatch, capsys) -> None:
    """At the limits (15 digits, 10 decimals) every derivation still works: no Decimal traceback."""
    big, tiny = "999999999999.999999", "0.000001"
    text = UNIT + (
        f"budget:\n  basic: {{actual: {big}, budget: {tiny}, last_year: {tiny}, rate: {big}}}\n"
        f"  personnel: {{actual: {big}, share: {tiny}}}\n  public: {{actual: {tiny}}}\n"
        f"  projects_total: {{actual: {tiny}, budget: {big}, last_year: {big}}}\n"
        f"staff:\n  actual: 999999999999\n  authorized: 1\n"
        f"activities:\n  - title: 大数\n    bullets: [共开展{big}次活动，覆盖{tiny}万人。]\n"
    )
    path = write(tmp_path, text)
    result = run_main(monkeypatch, capsys, "draft", path, "-o", tmp_path / "out")
    assert result.code == 0, result.text
    report = tmp_path / "out" / "report.md"
    checked = run_main(monkeypatch, capsys, "check", report, "--data", path, "-q")
    assert checked.code in (0, 1) and "Traceback" not in checked.text


@pytest.mark.parametrize(("written", "shown"), [("1:30", "'1:30'"), ("0x84", "'0x84'"), ("012", None)])
def test_yaml_1_1_number_forms_are_not_misread(tmp_path, written: str, shown: str | None) -> None:
    path = write(tmp_path, UNIT + f"budget:\n  basic:\n    actual: {written}\n")
    if shown is None:  # a leading zero is a plain decimal, not octal 10
        assert str(load_data(path).budget.basic.actual) == "12"
        return
    from drafter.errors import InputError

    with pytest.raises(InputError) as info:
        load_data(path)
    assert f"expected a number, got {shown}" in info.value.message


def test_yaml_1_1_words_stay_text(tmp_path) -> None:
    data = load_data(write(tmp_path, UNIT + "plans: [yes, no, on, off, 1:30, 0x84, 2023-01-01]\n"))
    assert data.plans == ["yes", "no", "on", "off", "1:30", "0x84", "2023-01-01"]


def test_json_duplicate_keys_are_refused_with_both_lines(tmp_path, monkeypatch, capsys) -> None:
    text = '{"unit": {"name": "a", "level": "市", "year": 2023},\n"years": [2020],\n"years": [2021]}'
    message = facts(monkeypatch, capsys, write(tmp_path, text, "data.json"))
    assert "data.json:3: years is given twice (first on line 2)" in message


def test_json_validation_errors_carry_the_line(tmp_path, monkeypatch, capsys) -> None:
    text = '{"unit": {"name": "a", "level": "市", "year": 2023},\n\n"budget": {"basic": {"actual": "x"}}}'
    assert "data.json:3: budget.basic.actual: expected a number" in facts(
        monkeypatch, capsys, write(tmp_path, text, "data.json")
    )


def test_json_nan_is_not_a_number(tmp_path, monkeypatch, capsys) -> None:
    text = '{"unit": {"name": "a", "level": "市", "year": 2023}, "budget": {"basic": {"actual": NaN}}}'
    assert "NaN is not a number" in facts(monkeypatch, capsys, write(tmp_path, text, "data.json"))


def test_gbk_errors_name_the_line(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes((UNIT + "duties:\n  - 组织妇女\n").encode("gbk"))
    assert f"{path}:2: not UTF-8 text" in facts(monkeypatch, capsys, path)


def test_a_report_that_never_ends_is_refused(tmp_path, monkeypatch, capsys) -> None:
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    result = run_main(monkeypatch, capsys, "check", zero, "--data", ZIYANG)
    assert "not a regular file" in one_line_error(result)


def test_a_fifo_is_refused_without_blocking(tmp_path, monkeypatch, capsys) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in facts(monkeypatch, capsys, fifo)


def test_control_characters_in_data_are_refused_with_the_field(tmp_path, monkeypatch, capsys) -> None:
    text = UNIT + 'activities:\n  - title: "\\e[31m红色标题\\e[0m"\n    bullets: [开展活动3次。]\n'
    message = facts(monkeypatch, capsys, write(tmp_path, text))
    assert "data.yaml:6: activities[0].title: control character U+001B (ESC)" in message


def test_control_characters_in_json_keys_never_reach_the_terminal(tmp_path, monkeypatch, capsys) -> None:
    text = '{"unit": {"name": "a", "level": "市", "year": 2023}, "\\u001b]0;pwned\\u0007": 1}'
    result = run_main(monkeypatch, capsys, "facts", write(tmp_path, text, "data.json"))
    assert "\x1b" not in result.text and "\x07" not in result.text
    assert "\\x1b]0;pwned" in one_line_error(result)


def test_escapes_in_a_checked_report_are_shown_not_obeyed(tmp_path, monkeypatch, capsys) -> None:
    report = write(tmp_path, "2021年基本支出\x1b[2J82.67万元。\x1b]0;x\x07\n", "report.md")
    result = run_main(monkeypatch, capsys, "check", report, "--data", ZIYANG)
    assert result.code == 1, result.text  # required figures missing: but read and checked
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "82.67" in result.out


def test_a_hostile_file_name_is_shown_not_obeyed(tmp_path, monkeypatch, capsys) -> None:
    report = write(tmp_path, "2021年基本支出82.67万元。\n", "r\x1b[2J[bold]x.md")
    result = run_main(monkeypatch, capsys, "check", report, "--data", ZIYANG, "-q")
    assert result.code == 1, result.text
    assert "\x1b" not in result.out and "\\x1b[2J[bold]x.md" in result.out
