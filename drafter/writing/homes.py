"""Where a `facts:` entry of the data is written: the section of the outline its figure belongs in.

A `facts:` entry is a figure with no typed home (公务用车0辆, 年中追加资金353.28万元, 社区居委会9个). The
draft must still say it, in the section a reader looks for it in: staff and organisation counts in
部门基本情况, 三公/采购/资产 figures in the “三公”经费及财务管理 section, other money in the budget
sections, how the evaluation was done (问卷, 抽查) in 评价思路和过程, scores with the indicators,
and the year's outputs with the performance narrative. Each
entry gets a list of section kinds in order of preference; `drafter.writing.outline.plan` gives it to
the first of them the outline writes. An entry the data's own text already states (its label and
figure in one free-text field the writer copies) is not said twice.
"""

from __future__ import annotations

from drafter.data.model import FactInput, ReportData
from drafter.facts.build import source_texts
from drafter.numbers import extract
from drafter.numbers.vocabulary import hedged
from drafter.writing.provenance import Traced, cat, figure

_FINANCE_WORDS = (
    "三公", "公务用车", "公务接待", "接待", "因公出国", "运行经费", "采购", "中小企业", "资产",
    "车辆", "办公设备",
)  # fmt: skip
_STAFF_WORDS = (
    "人员", "编制", "人数", "职数", "机构", "科室", "股室", "下属", "事业单位", "二级",
    "村", "社区", "居委会", "法庭", "林场", "站", "所", "委员", "委員", "分局",
)  # fmt: skip
_EVALUATION_WORDS = ("抽查", "走访", "问卷", "样本", "回访", "调查", "核查")  # how the evaluation was done
_MONEY_UNITS = ("万元", "元", "亿元")
_BUDGET_WORDS = ("预算", "收入", "支出")
_LATER = ("performance", "indicators", "summary", "budget_overview", "basic_info")  # a home, whatever

FINANCE = ("finance_management", "budget_overview", "performance", "summary", "budget_projects")
STAFF = ("basic_info",)
MONEY = ("budget_overview", "performance", "budget_projects", "summary")
EVALUATION = ("evaluation", "indicators", "performance", "summary")
SCORE = ("indicators", "conclusion", "performance", "summary")
OTHER = ("performance", "indicators", "summary")


def homes(fact: FactInput) -> tuple[str, ...]:
    """The section kinds an entry belongs in, most fitting first."""
    label = fact.label
    if any(w in label for w in _FINANCE_WORDS):
        prefs = FINANCE
    elif fact.unit in _MONEY_UNITS or (fact.unit == "%" and any(w in label for w in _BUDGET_WORDS)):
        prefs = MONEY
    elif fact.unit == "分" or "得分" in label:
        prefs = SCORE
    elif any(w in label for w in _EVALUATION_WORDS):
        prefs = EVALUATION
    elif fact.unit in ("个", "人", "名", "家", "所") and any(w in label for w in _STAFF_WORDS):
        prefs = STAFF
    else:
        prefs = OTHER
    return tuple(dict.fromkeys((*prefs, *_LATER)))


def figure_text(fact: FactInput) -> str:
    """The entry's figure as a clerk writes it, hedge included: 0辆, 约12.4万人, 2100余件."""
    return hedged(f"{fact.value}", fact.unit, fact.hedge)


def to_write(data: ReportData) -> dict[int, tuple[str, ...]]:
    """The `facts:` entries the writer must state (index -> its homes): those no free text states.

    Page furniture a clerk transcribed (本页共2页) is no figure of the report, and a number that is no
    quantity (an address: 西大街218号) is no figure either: neither is written.
    """
    texts = [t for _, t in source_texts(data)]
    out: dict[int, tuple[str, ...]] = {}
    for i, fact in enumerate(data.facts):
        shown = figure_text(fact)
        if fact.unit == "页" or not any(m.is_quantity for m in extract(shown)):
            continue
        names = (fact.label, *fact.aliases)
        if any(shown in t and any(_named(n, t) for n in names) for t in texts):
            continue
        out[i] = homes(fact)
    return out


def listed(data: ReportData, indices: tuple[int, ...]) -> list[Traced]:
    """The entries placed in a section, each its label and its figure traced to the entry's fact."""
    out: list[Traced] = []
    for i in indices:
        fact = data.facts[i]
        out.append(cat(fact.label, figure(figure_text(fact), f"facts.{fact.id}")))
    return out


def _named(label: str, text: str) -> bool:
    """`text` names the entry: its label verbatim, or most of the label's character pairs (实地抽查县市
    in "赴…等4个县市实地抽查"), so an entry a free text already says is not said twice."""
    if label in text:
        return True
    pairs = {label[i : i + 2] for i in range(len(label) - 1)}
    return len(pairs) >= 3 and sum(p in text for p in pairs) * 4 >= len(pairs) * 3
