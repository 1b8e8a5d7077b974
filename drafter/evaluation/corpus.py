"""Scoring the checker on a corpus of real-shaped reports: false alarms per report and mistakes caught.

A case is a folder with report.txt, data.yaml and case.yaml (eval/CORPUS_FORMAT: the real mistakes, by
line and number text). A problem *catches* a listed mistake when it stands on that line for a number
printed as the listed text; every other problem is a false alarm, and so are a "missing" claim and an
audit error that no listed mistake explains (the data is transcribed from the report, mistakes included,
so the audit's error about a listed mistake is the mistake, found once more).

The four bundled examples are cases too: their mistakes are listed here (no line numbers: matched by
text, one problem per listed occurrence), and tests/check/test_examples.py asserts the same lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from drafter.audit.rules import Finding
from drafter.check import CheckResult, check, make_grounder
from drafter.check.examples import example_numbers_for
from drafter.data.load import load_data
from drafter.numbers import extract

# The examples' real mistakes: (number as written, verdict, expected value or None).
EXAMPLE_MISTAKES: dict[str, list[tuple[str, str, str | None]]] = {
    # 近1万余人: 近 (below) and 余 (above) on one figure contradict each other
    "hengyang-2023": [("近1万余人", "hedge", None)],
    # 资金来源合计 全年预算数 198.8, but 174.74 + 24.24 = 198.98 (and the stated 106.87% uses 198.98)
    # and the 总分 row's 分值 100 and 得分 100: the 分值 column adds to 110 (15 indicators 100 + the 资金
    # row's 10), and so do the 得分 (100 + 10); both printed figures rely on that inconsistency
    "yuelu-2021": [
        ("198.8", "mismatch", "198.98万元"),
        ("100", "mismatch", "110分"),
        ("100", "mismatch", "110分"),
    ],
    # "实际支出 20.00 元" twice, where 20.00万元 is meant (20.00/25.00 = 80%)
    "laoting-2023": [("20.00 元", "mismatch", "20.00万元"), ("20.00 元", "mismatch", "20.00万元")],
    # "多7角度": a stray digit in the 重点工作计划
    "ziyang-2021": [("7", "unsupported", None)],
}

# The examples' data files carry their source tables' own inconsistencies: (kind, fact id).
EXAMPLE_AUDIT: dict[str, list[tuple[str, str]]] = {
    "hengyang-2023": [("hedge", "activities[3].bullets[4]#2")],
    # the 分值 column: 15 indicators total 100, plus the 资金 row's 10 = 110, but 总分 says 100
    "yuelu-2021": [
        ("sum", "budget.total.budget"),
        ("score", "self_evaluation.total_weight"),
        ("score", "self_evaluation.score"),
    ],
    "laoting-2023": [],
    "ziyang-2021": [],
}


@dataclass(frozen=True)
class Mistake:
    """A real mistake of a report: the number as printed, on its line (None: anywhere)."""

    text: str
    line: int | None = None
    kind: str = ""
    expected: str | None = None


@dataclass
class CaseScore:
    """How the checker did on one case."""

    case: str
    checked: int  # quantities judged
    problems: int  # everything a reviewer would have to look at
    caught: list[Mistake] = field(default_factory=list)
    missed: list[Mistake] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)  # "line 12: 26次 mismatch (…)"
    unreadable: int = 0

    @property
    def listed(self) -> int:
        return len(self.caught) + len(self.missed)

    def to_dict(self) -> dict[str, object]:
        return {
            "case": self.case,
            "checked": self.checked,
            "problems": self.problems,
            "false_alarms": len(self.false_alarms),
            "caught": len(self.caught),
            "listed": self.listed,
            "unreadable": self.unreadable,
            "false_alarm_details": self.false_alarms,
            "missed": [m.__dict__ for m in self.missed],
        }


def line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _figure(text: str) -> tuple[Decimal, ...]:
    """Values a mistake's text or expected value may be written as (198.8, 198.8万元 → 1988000 元)."""
    out: list[Decimal] = []
    try:
        out.append(Decimal(text.strip().rstrip("%").replace(",", "")))
    except InvalidOperation:
        pass
    for m in extract(text):
        if m.is_quantity and m.number is not None and m.value is not None:
            out.extend((m.number, m.value))
    return tuple(out)


def _text_matches(mention_text: str, figure_text: str, listed: str) -> bool:
    listed = listed.strip()
    return listed in (mention_text.strip(), figure_text.strip()) or (
        len(listed) > 1 and listed in mention_text
    )


def _explains(finding: Finding, mistakes: Iterable[Mistake]) -> bool:
    """Does a listed mistake account for this audit error (its printed or expected figure)?"""
    for m in mistakes:
        values = set(_figure(m.text)) | (set(_figure(m.expected)) if m.expected else set())
        # a case lists figures as printed: a fall of 11.39% the data holds as -11.39
        for figure in (finding.stated, finding.expected):
            if figure is not None and (figure in values or abs(figure) in values):
                return True
    return False


def score(
    case: str,
    result: CheckResult,
    mistakes: list[Mistake],
    known_audit: list[tuple[str, str]] | None = None,
) -> CaseScore:
    """Match the check's problems with the listed mistakes; the rest are false alarms."""
    text = result.text
    pending = list(mistakes)
    caught: list[Mistake] = []
    alarms: list[str] = []
    for v in result.problems:
        m = v.mention
        line = line_of(text, m.start)
        figure = text[m.num_start : m.num_end] if m.num_end > m.num_start else m.text
        hit = next(
            (
                x
                for x in pending
                if (x.line is None or x.line == line) and _text_matches(m.text, figure, x.text)
            ),
            None,
        )
        if hit is not None:
            pending.remove(hit)
            caught.append(hit)
        else:
            alarms.append(f"line {line}: {m.text.strip()} {v.verdict} ({v.reason})")
    for f in result.audit_errors:
        if known_audit is not None:
            if (f.kind, f.fact_id) in known_audit:
                continue
        elif _explains(f, mistakes):
            continue
        alarms.append(f"data: {f.kind} ({f.message})")
    alarms.extend(f"missing: {f.message}" for f in result.missing)
    counts = result.counts()
    return CaseScore(
        case=case,
        checked=sum(1 for v in result.verdicts if v.mention.is_quantity),
        problems=len(result.problems) + len(result.audit_errors) + len(result.missing),
        caught=caught,
        missed=pending,
        false_alarms=alarms,
        unreadable=counts.get("unreadable", 0),
    )


def read_mistakes(case_file: Path) -> list[Mistake]:
    """The mistakes a case.yaml lists (a clear error naming the file when it is malformed)."""
    raw = yaml.safe_load(case_file.read_text(encoding="utf-8")) or {}
    out = []
    for i, item in enumerate(raw.get("mistakes") or []):
        if not isinstance(item, Mapping) or "text" not in item:
            raise ValueError(f"{case_file}: mistakes[{i}] needs at least `text` (and `line`)")
        line = item.get("line")
        expected = item.get("expected")
        out.append(
            Mistake(
                text=str(item["text"]),
                line=int(line) if line is not None else None,
                kind=str(item.get("kind", "")),
                expected=None if expected is None else str(expected),
            )
        )
    return out


def score_folder(folder: Path) -> CaseScore:
    """Check one case folder (a corpus case, or an example whose mistakes are listed above)."""
    data = load_data(folder / "data.yaml")
    text = (folder / "report.txt").read_text(encoding="utf-8")
    grounder = make_grounder(data, example_numbers_for(data))
    result = check(text, grounder)
    case_file = folder / "case.yaml"
    if case_file.exists():
        return score(folder.name, result, read_mistakes(case_file))
    if folder.name in EXAMPLE_MISTAKES:
        listed = [Mistake(text=t, kind=v, expected=e) for t, v, e in EXAMPLE_MISTAKES[folder.name]]
        return score(folder.name, result, listed, EXAMPLE_AUDIT[folder.name])
    raise ValueError(f"{folder}: no case.yaml and not a bundled example")


def case_folders(root: Path) -> list[Path]:
    """Every folder under `root` holding a report and its data, sorted by name."""
    return sorted(p for p in root.iterdir() if (p / "report.txt").is_file() and (p / "data.yaml").is_file())


def totals(scores: list[CaseScore]) -> dict[str, float | int]:
    """The issue's figures: mean false alarms per report, share of reports with none, recall."""
    n = len(scores)
    listed = sum(s.listed for s in scores)
    caught = sum(len(s.caught) for s in scores)
    alarms = sum(len(s.false_alarms) for s in scores)
    return {
        "reports": n,
        "checked": sum(s.checked for s in scores),
        "false_alarms": alarms,
        "mean_false_alarms": alarms / n if n else 0.0,
        "share_without_false_alarms": sum(1 for s in scores if not s.false_alarms) / n if n else 0.0,
        "listed": listed,
        "caught": caught,
        "recall": caught / listed if listed else 1.0,
        "unreadable": sum(s.unreadable for s in scores),
    }
