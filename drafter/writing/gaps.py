"""What a section should say and the data does not give: named, so the draft asks for it (〔待补充〕).

A section is never left silently thin. Three kinds of gap are named here, each as the words a clerk
knows (编制数, not staff.authorized):

- a fact the outline requires of the section (`require:`) that the data does not hold;
- material the section's builder found empty or partial (三公经费 with a unit and no figures);
- a section the writer found nothing to write for at all.

The mark is written like drafter's other annotations (drafter.text.marks): one 〔待补充：…〕 line after
the section's text, carrying no digits, so the checker reads nothing inside it as a claim.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence

from drafter.facts.factbase import FactBase

GAP_OPEN = "〔待补充："

# a required fact id (or pattern) as a clerk names it
REQUIRED_NAMES = {
    "staff.authorized": "编制数",
    "staff.actual": "实有人数",
    "budget.basic.actual": "基本支出执行数",
    "budget.personnel.actual": "人员支出执行数",
    "budget.public.actual": "公用支出执行数",
    "budget.projects_total.actual": "项目支出执行数",
    "budget.total.actual": "年度资金总额执行数",
    "budget.total.budget": "全年预算数",
    "self_evaluation.score": "自评得分",
    "self_evaluation.grade": "自评等级",
}


def required_gaps(require: Sequence[str], facts: FactBase) -> list[str]:
    """The outline's required facts for a section that no fact of the data matches, by their names.

    A required total the fact base derives from its parts (budget.projects_total.actual~) is held.
    """
    ids = [f.id for f in facts]
    out: list[str] = []
    for pattern in require:
        if not any(fnmatch.fnmatchcase(fid, p) for fid in ids for p in (pattern, f"{pattern}~")):
            out.append(REQUIRED_NAMES.get(pattern, pattern))
    return out


def gap_note(items: Iterable[str]) -> str:
    """The 〔待补充〕 line naming what the data lacks."""
    named = "、".join(dict.fromkeys(i for i in items if i)) or "本部分所需内容"
    return f"{GAP_OPEN}数据文件未提供{named}，请补充后重新生成。〕"
