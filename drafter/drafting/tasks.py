"""A model section written as small tasks (drafter.writing.tasks), each with its own short loop.

For each task: prepare (its prompt, one example paragraph, its answer budget) → call (streamed
pieces reach the section's progress) → parse (tidy, drop a lead the tool writes itself, drop restated
instructions, fill the figure slots) → validate (the prose check against the task's own points, the
number check, each slot's place) → re-ask (once for prose; for numbers and slots up to max_repairs).
The tool then assembles the section: the tasks' answers in order, each after its lead (一是…), under
the outline's headings. A task whose answers are never report prose fails the section
(`TaskRejected`), and the built-in writer writes it, as for a whole-section answer.

What the section loop (drafter.drafting.run) does with the assembled text is unchanged: the number
check of the whole, the copied sentences marked, fix or mark. Slots still misplaced after the
re-asks are marked 〔待核实〕 here (`mark_misplaced`) and flag the section.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.check.ground import Grounder, check
from drafter.check.result import CheckResult
from drafter.drafting.codes import Code, Remark
from drafter.drafting.reask import PROSE_TAIL, number_reask
from drafter.drafting.record import Attempt, SectionDraft, problems_of
from drafter.drafting.repair import Fix, sentence_end
from drafter.drafting.slots import Misplaced, fill, misplaced
from drafter.drafting.tidy import tidy
from drafter.facts.build import FactBase
from drafter.models.base import BadResponse, ContextTooLong, Generation, Message, Model, Request
from drafter.models.config import Endpoint
from drafter.prose import Brief, Finding, check_prose, fatal, reask_text, strip_instructions
from drafter.prose.salvage import salvage
from drafter.writing.prompts import Prompt, render_repair
from drafter.writing.tasks import Task, render_task, split

SLOT_MARK = "〔待核实：本句的数字可能不属于本句所说的事〕"
_LEAD = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)[，,、：:]?"
)


class TaskRejected(BadResponse):
    """A task's answers were not report prose, after one re-ask: the section goes to the built-in writer."""


@dataclass
class TaskSettings:
    """What the tasks of a section are written with (the Drafter's settings for a model section)."""

    model: Model
    grounder: Grounder
    facts: FactBase
    endpoint: Endpoint | None
    level: str
    exclude_units: Sequence[str]
    fewshot_tokens: int
    max_repairs: int
    prompts_dir: Path | None = None
    slots: bool = True
    on_update: Callable[[SectionDraft], None] = lambda _: None


@dataclass
class Kept:
    """A task's last answer that passed the prose check, and what is still wrong with it."""

    text: str
    result: CheckResult
    copied: list[str]
    wrong: list[Misplaced]


@dataclass
class Written:
    """A section assembled from its tasks' answers."""

    text: str
    copied: list[str] = field(default_factory=list)
    wrong: list[Misplaced] = field(default_factory=list)


async def write_tasks(
    settings: TaskSettings, sd: SectionDraft, ctx: dict[str, Any], required: set[str]
) -> Written:
    """Every task of the section, one after another, assembled; the slots left misplaced, marked."""
    parts: list[str] = []
    out = Written("")
    for task in split(ctx, slots=settings.slots):
        kept = await _write_task(settings, sd, ctx, task, required)
        parts.append(task.lead + kept.text)
        out.copied += kept.copied
        out.wrong += kept.wrong
    out.text = "\n".join(parts)
    return out


async def _write_task(
    settings: TaskSettings, sd: SectionDraft, ctx: dict[str, Any], task: Task, required: set[str]
) -> Kept:
    prompt = _prepare(settings, sd, ctx, task, settings.fewshot_tokens)
    tail: list[Message] = []
    kept: Kept | None = None
    prose_reasked = False
    mine = required & {f["id"] for f in task.facts}
    for k in range(1 + settings.max_repairs):
        last = k == settings.max_repairs
        generation, prompt = await _call(settings, sd, ctx, task, prompt, tail)
        text, filled, unknown, findings = _parse(settings, sd, task, prompt, tail, generation)
        if rejected := fatal(findings):
            _record(settings, sd, task, generation, generation.text, [f.to_dict() for f in findings])
            if prose_reasked or last:
                if kept is None:
                    raise TaskRejected(f"第 {task.index + 1} 段回答未通过文字检查：{rejected[0].message}")
                break
            prose_reasked = True
            tail = [Message("assistant", generation.text[:PROSE_TAIL]), Message("user", reask_text(rejected))]
            continue
        result = check(text, settings.grounder, required=mine)
        copied = next((list(f.sentences) for f in findings if f.reason == "copied"), [])
        wrong = unknown + misplaced(text, filled, task.slots)
        kept = Kept(text, result, copied, wrong)
        problems = problems_of(result) + [{"copied": c} for c in copied]
        problems += [{"slot": w.token, "sentence": w.sentence} for w in wrong]
        _record(settings, sd, task, generation, text, problems)
        if (not result.problems and not result.missing and not copied and not wrong) or last:
            break
        tail = _number_reask(generation.text, kept, settings.facts, settings.prompts_dir)
    assert kept is not None
    return kept


def _prepare(
    settings: TaskSettings, sd: SectionDraft, ctx: dict[str, Any], task: Task, budget: int
) -> Prompt:
    prompt = render_task(
        task, ctx, level=settings.level, exclude_units=settings.exclude_units, fewshot_tokens=budget,
        root=settings.prompts_dir, hint=sd.hint,
    )  # fmt: skip
    if sd.prompt is None or task.index == 0:
        sd.prompt = prompt  # draft.json records the first task's prompt
    return prompt


async def _call(
    settings: TaskSettings,
    sd: SectionDraft,
    ctx: dict[str, Any],
    task: Task,
    prompt: Prompt,
    tail: list[Message],
) -> tuple[Generation, Prompt]:
    """One call with the task's budget, streamed pieces counted for the progress; a prompt too long for
    the model is sent again without its example."""
    while True:
        streamed = counting(sd, settings.on_update)
        request = Request((*prompt.messages, *tail), task.kind, ctx, max_tokens=task.budget, on_text=streamed)
        try:
            return await settings.model.generate(request), prompt
        except ContextTooLong:
            if not prompt.passages:
                raise
            prompt = _prepare(settings, sd, ctx, task, 0)
            sd.notes.append(Remark("提示词超出模型上下文，不再附参考范文", Code.CONTEXT_SHRUNK))


def counting(sd: SectionDraft, on_update: Callable[[SectionDraft], None]) -> Callable[[str], None]:
    """The on_text hook of one call: counts the streamed pieces (about a token each) for the progress."""
    sd.streamed, sd.stream_started = 0, time.perf_counter()

    def streamed(piece: str) -> None:
        if piece:
            sd.streamed += 1
            on_update(sd)

    return streamed


def _parse(
    settings: TaskSettings,
    sd: SectionDraft,
    task: Task,
    prompt: Prompt,
    tail: list[Message],
    generation: Generation,
) -> tuple[str, list[Any], list[Misplaced], list[Finding]]:
    """Tidy, drop a lead the tool writes itself and restated instructions, fill the slots, check the prose."""
    heading = str(sd.section.heading)
    text, tidied = tidy(generation.text, heading)
    if task.lead:
        text = _LEAD.sub("", text, count=1)
    judged = Brief(
        prompt=prompt.messages[-1].content,
        system=prompt.messages[0].content,
        material=task.material,
        passages=prompt.passages,
        heading=heading,
        reask=tail[-1].content if tail else "",
        finish_reason=generation.finish_reason,
        coverage=task.kind == "work",
    )
    text, salvaged = salvage(text, judged)
    if salvaged:
        tidied.append(
            f"去除了 {salvaged} 处仿照提示词格式写出的内容（栏目标签、要点清单、数字清单、复述或照抄的句子）"
        )
        if generation.finish_reason == "length" and text.rstrip()[-1:] in "。！？”」）)":
            # the cut-off sentence went with the salvage: what is left is whole sentences, judged as such
            judged = dataclasses.replace(judged, finish_reason="")
    text, restated = strip_instructions(text, judged)
    if restated:
        tidied.append(f"去除了 {restated} 句复述写作说明的文字")
    sd.notes.extend(Remark(n, Code.TIDIED) for n in tidied if n not in sd.notes)
    text, filled, unknown = fill(text, task.slots)
    return text, filled, unknown, check_prose(text, judged)


def _record(
    settings: TaskSettings, sd: SectionDraft, task: Task, generation: Generation, text: str,
    problems: list[dict[str, Any]],
) -> None:  # fmt: skip
    cost = settings.endpoint.cost(generation.usage) if settings.endpoint is not None else None
    sd.attempts.append(
        Attempt(
            len(sd.attempts) + 1, text, generation.usage, generation.seconds, cost, problems,
            generation.text, generation.finish_reason, task=task.index, max_tokens=task.budget,
        )
    )  # fmt: skip


def _number_reask(answer: str, kept: Kept, facts: FactBase, prompts_dir: Path | None) -> list[Message]:
    """The re-ask: each wrong number, copied sentence and misplaced slot, and what the data says."""
    reask = number_reask(answer, kept.result, kept.copied, facts, prompts_dir)
    if not kept.wrong:
        return reask
    slots = [{"sentence": w.sentence, "text": w.token, "instruction": w.instruction()} for w in kept.wrong]
    problems = [
        {
            "sentence": v.sentence,
            "text": v.mention.text.strip(),
            "instruction": "与数据不符，请改用列出的代号",
        }
        for v in kept.result.problems
    ]
    return [Message("assistant", answer), Message("user", render_repair(problems + slots, [], prompts_dir))]


def mark_misplaced(sd: SectionDraft, text: str, wrong: Sequence[Misplaced]) -> str:
    """Slots still in the wrong sentence (or unknown) after the re-asks: the sentence marked, the
    section flagged."""
    if not wrong:
        return text
    for w in wrong:
        at = text.find(w.sentence)
        if at < 0:
            continue
        end = sentence_end(text, at + max(0, len(w.sentence) - 1))
        text = text[:end] + SLOT_MARK + text[end:]
        value = w.slot.value if w.slot is not None else w.token
        sd.fixes.append(
            Fix("marked", value, None, w.slot.fact_id if w.slot else None, "数字写在了别的句子里", "slot")
        )
    sd.flags.append(Remark(f"{len(wrong)} 处数字可能写在了别的句子里，已标注〔待核实〕", Code.SLOT_MISPLACED))
    return text
