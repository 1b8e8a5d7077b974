"""Smaller tasks for a small model: a model-written section cut into what one call can do (issue 19).

A 0.5B model asked for a whole section repeats the prompt's headings, copies the example report and
loops. Asked for a few sentences from a few points, with an answer budget that fits them, it mostly
writes them. So a section is split into `Task`s: a work theme is one task, or one per group of its
bullets when the theme is long (the tool writes 一是、二是 before each group and the theme's heading
above them); 存在问题, 改进措施 and 部门整体绩效 are one short task each. The model never writes a
heading: the outline's headings and the tool's numbering are all there is.

Each task's answer budget (`max_tokens`) is fitted to its material: `BUDGET_FACTOR` times the tokens
of the points and figures it is written from, bounded by `BUDGET_MIN` and `BUDGET_MAX` (the CLI
--max-tokens caps it again). Its few-shot example is one paragraph of the same kind from fewshot/,
cut at a sentence end to fit the budget, not a whole section.

Figures may be locked (`slots=True`): each figure of the task's material becomes a slot 【F1】 named
in the prompt with the fact's words and value ("开展示范宣讲进基层440余场"); the model writes the slot
and the drafting loop fills in the exact value, unit and hedge (drafter.drafting.slots).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.models.base import Message
from drafter.text.tokens import count_tokens
from drafter.writing.outline import bare_heading, chinese_number
from drafter.writing.prompts import Prompt, render_template
from drafter.writing.provenance import spans_of

TASK_KINDS = ("work", "problems", "improvements", "performance")
BUDGET_FACTOR = 3  # answer tokens per token of material: room for prose around the points, not for a loop
BUDGET_MIN = 160  # a few sentences, even from one short point
BUDGET_MAX = 768  # no task needs more; a longer answer is a runaway
ONE_TASK_CHARS = 320  # a theme whose bullets fit in this many characters is one task
GROUP_CHARS = 220  # ... else its bullets are grouped, each group at most about this long
CHARS_PER_SENTENCE = 45  # how many sentences to ask for: the material's length over this, 2 to 6
EXAMPLE_MIN_TOKENS = 120  # an example paragraph shorter than this teaches nothing
# 存在问题 and 改进措施 take no example: another unit's problems read as anyone's, and the 0.5B model copied
# them whole (管理管理 and all) in every run; the unit's own points and 一是…二是… are all the task needs
NO_EXAMPLE_KINDS = frozenset({"problems", "improvements"})
_NUMBERED = r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])"
_HEADING = re.compile(_NUMBERED + r"(?:[^。]{0,40}。)?")  # （一）坚持守正创新，强化…。 a theme's heading
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_TITLE_OPEN = re.compile(r"^[^\d。；，,：:]{2,14}[。：:]")


@dataclass(frozen=True)
class Slot:
    """A figure the model may write as 【F1】: the fact, its value as the data writes it, its words."""

    name: str  # F1, F2 … numbered across the section
    fact_id: str
    value: str  # 440余场: value, unit and hedge, exactly what the tool fills in
    label: str  # 开展示范宣讲进基层440余场: the words that say what the figure is

    @property
    def token(self) -> str:
        return f"【{self.name}】"


@dataclass(frozen=True)
class Task:
    """One call's worth of a section: the points it writes, its figures, the lead the tool writes."""

    index: int
    kind: str
    lead: str  # written by the tool before the answer (一是…), "" for a whole-section task
    material: tuple[str, ...]  # the unit's points, as the data gives them (the prose check's material)
    facts: tuple[dict[str, str], ...]  # {id, label, value} of the figures this task may use
    slots: tuple[Slot, ...] = ()  # the same figures as slots, when figures are locked
    shown: tuple[str, ...] = ()  # the points as the prompt shows them (figures as slots when locked)

    @property
    def tokens(self) -> int:
        lines = [*self.material, *(f"{f['label']}：{f['value']}" for f in self.facts)]
        return count_tokens("\n".join(lines))

    @property
    def budget(self) -> int:
        """The answer budget (max_tokens) fitted to the material."""
        return max(BUDGET_MIN, min(BUDGET_MAX, BUDGET_FACTOR * self.tokens))

    @property
    def chars(self) -> int:
        """About how many characters to ask for: the points' own length, at least a few sentences."""
        size = sum(len(m) for m in self.material) + sum(len(f["label"]) for f in self.facts)
        return max(80, min(400, int(round(size * 1.1, -1))))

    @property
    def sentences(self) -> int:
        return max(2, min(6, round(self.chars / CHARS_PER_SENTENCE)))


def has_tasks(kind: str | None) -> bool:
    return kind in TASK_KINDS


def nothing_to_write(ctx: dict[str, Any]) -> bool:
    """存在问题 / 改进措施 of a unit whose data states none: no model is asked to write them (a 0.5B model
    asked anyway wrote "数据未反映明显问题" or a paragraph of invented measures, and both were kept); the
    built-in writer says what the outline asks for and marks the gap."""
    kind = ctx["section"]["kind"]
    if kind == "problems":
        return not ctx.get("issues")
    if kind == "improvements":
        return not (ctx.get("measures") or ctx.get("issues"))
    return False


def split(ctx: dict[str, Any], *, slots: bool = False) -> list[Task]:
    """The tasks of a section (empty: this kind is written whole)."""
    kind = ctx["section"]["kind"]
    facts = [f for f in ctx.get("facts", []) if f.get("id")]
    if kind == "work":
        groups = _groups(list(ctx["theme"]["bullets"]))
    elif kind == "problems":
        groups = [list(ctx.get("issues", ()))]
    elif kind == "improvements":
        groups = [list(ctx.get("measures") or ctx.get("issues", ()))]
    elif kind == "performance":
        goals, awards = ctx["goals"]["achieved"], ctx["awards"]
        groups = [[*goals, *awards, *(f"全年工作主题：{t}" for t in ctx["themes"][:1] if not goals)]]
    else:
        return []
    return _tasks(kind, groups, facts, slots)


def _tasks(kind: str, groups: list[list[Any]], facts: list[dict[str, str]], slots: bool) -> list[Task]:
    numbered = {
        f["id"]: Slot(f"F{i + 1}", f["id"], str(f["value"]), str(f["label"])) for i, f in enumerate(facts)
    }
    spanned = [{s.fact_id for b in group for s in spans_of(b)} for group in groups]
    loose = [f for f in facts if not any(f["id"] in ids for ids in spanned)]  # not in any point: the first
    tasks = []
    for i, group in enumerate(groups):
        mine = [f for f in facts if f["id"] in spanned[i]] + (loose if i == 0 else [])
        lead = f"{chinese_number(i + 1)}是" if len(groups) > 1 else ""
        task_slots = tuple(numbered[f["id"]] for f in mine) if slots else ()
        shown = tuple(_with_slots(b, numbered) if slots else str(b) for b in group)
        tasks.append(Task(i, kind, lead, tuple(str(b) for b in group), tuple(mine), task_slots, shown))
    return tasks


def _with_slots(bullet: Any, slots: dict[str, Slot]) -> str:
    """A point with each of its figures written as its slot."""
    text, out, at = str(bullet), [], 0
    for span in sorted(spans_of(bullet), key=lambda s: s.start):
        slot = slots.get(span.fact_id)
        if slot is None or span.start < at:
            continue
        out += [text[at : span.start], slot.token]
        at = span.end
    return "".join(out) + text[at:]


def _groups(bullets: list[Any]) -> list[list[Any]]:
    """A theme's bullets as one group, or, when long, consecutive groups of about GROUP_CHARS each; a
    bullet opening with a 小标题 (突出政治引领。) starts a group when the one before has some length."""
    bullets = [b for b in bullets if str(b).strip()]
    if sum(len(b) for b in bullets) <= ONE_TASK_CHARS:
        return [bullets] if bullets else []
    groups: list[list[Any]] = []
    size = 0
    for b in bullets:
        opens = bool(_TITLE_OPEN.match(str(b))) and size >= GROUP_CHARS // 3
        if not groups or size + len(b) > GROUP_CHARS or opens:
            groups.append([b])
            size = len(b)
        else:
            groups[-1].append(b)
            size += len(b)
    return groups


# ---------------------------------------------------------------------------------------- the prompt

WHAT = {
    "work": "把下列工作要点写成一段连贯、正式的工作总结，保留每项工作的具体做法和数字。",
    "problems": "根据下列情况写明存在的问题及其原因，用“一是……；二是……”写成一段，没有依据的问题不写。",
    "improvements": "针对存在的问题写下一步改进措施，用“一是……；二是……”写成一段，措施具体可行。",
    "performance": "概括全年部门整体支出情况和工作成效：先写预算资金执行情况，再写年度目标完成情况，"
    "最后写所获荣誉。",
}
NOTHING = {  # a task with no points and no figures
    "problems": "数据未反映明显问题，单位也未提出问题：请用一两句话说明经自评未发现突出问题，不要编造问题。",
    "improvements": "单位未提出具体措施：请用两三句话写继续加强预算编制、执行和绩效管理，"
    "不要编造具体事项和数字。",
}


def example_paragraph(
    kind: str, *, level: str, query: str, budget: int, exclude_reports: Sequence[str] = ()
) -> tuple[str, str]:
    """One paragraph of the same kind from fewshot/, without its heading, cut at a sentence end to fit
    `budget` tokens; and where it comes from (report/file). ("", "") when none fits."""
    from drafter.data.fewshot import select_passages

    if budget < EXAMPLE_MIN_TOKENS or kind in NO_EXAMPLE_KINDS:
        return "", ""
    ranked = select_passages(
        kind, level=level, query=query, budget_tokens=10**6, exclude_reports=exclude_reports
    )
    for p in ranked:
        for paragraph in p.text.splitlines():
            body = _HEADING.sub("", paragraph.strip(), count=1).strip()
            if len(body) < 40:
                continue
            cut = _fit(body, budget)
            if count_tokens(cut) >= EXAMPLE_MIN_TOKENS // 2:
                return cut, f"{p.report}/{p.path.name}"
    return "", ""


def _fit(text: str, budget: int) -> str:
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if count_tokens(kept + sentence) > budget:
            break
        kept += sentence
    return kept


def render_task(
    task: Task,
    ctx: dict[str, Any],
    *,
    level: str,
    exclude_units: Sequence[str] = (),
    fewshot_tokens: int,
    root: Path | None = None,
    hint: str = "",
) -> Prompt:
    """System and user messages for one task; the example paragraph is at most `fewshot_tokens` and
    about as long as the answer asked for (a longer one teaches a longer answer: a 0.5B model copied
    17-25 sentences of a whole example section)."""
    import hashlib

    from drafter.data.fewshot import load_corpus
    from drafter.writing.prompts import reviewer_hint

    excluded = tuple(p.report for p in load_corpus() if p.unit in exclude_units)
    query = " ".join([ctx["section"]["heading"], *task.material])
    size = max(EXAMPLE_MIN_TOKENS, task.tokens * 3 // 2)  # about the answer's length
    example, source = example_paragraph(
        task.kind, level=level, query=query, budget=min(fewshot_tokens, size), exclude_reports=excluded
    )
    part = bare_heading(str(ctx["section"]["heading"]))
    quoted = reviewer_hint(hint)
    what = WHAT[task.kind] if task.material or task.facts else NOTHING.get(task.kind, WHAT[task.kind])
    values = {
        **ctx, "part": part, "what": what, "sentences": task.sentences, "chars": task.chars,
        "material": task.shown, "facts": task.facts, "slots": task.slots, "lead": task.lead,
        "hint": quoted, "example": example,
    }  # fmt: skip
    system = render_template("system.j2", {**ctx, "hint": quoted}, root).strip()
    user = render_template("task.j2", values, root).strip()
    digest = hashlib.sha256(f"{system}\n\n{user}".encode()).hexdigest()
    return Prompt(
        messages=(Message("system", system), Message("user", user)),
        template="task.j2",
        sha256=digest,
        tokens=count_tokens(system) + count_tokens(user),
        fewshot=(source,) if source else (),
        passages=(example,) if example else (),
    )
