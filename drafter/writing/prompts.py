"""Rendering: the built-in writer's phrase templates and the model's prompts, from prompts/.

One sandboxed Jinja2 environment with StrictUndefined: a missing variable is an error, never an empty
string. `pick` chooses among phrasings by a stable hash of the section, so drafts vary across sections
yet the same data always gives the same text.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from drafter.errors import InputError
from drafter.io.limits import strip_controls
from drafter.models.base import Message
from drafter.paths import data_dir
from drafter.writing.gaps import gap_note
from drafter.writing.narrative import bare_figure
from drafter.writing.provenance import Traced, cat, decode, encode, join, join_filter

DEFAULT_FEWSHOT_TOKENS = 1500
_MODEL_TEMPLATES = {"performance", "work", "problems", "improvements"}


@dataclass(frozen=True)
class Prompt:
    """A rendered prompt with what draft.json records about it."""

    messages: tuple[Message, ...]
    template: str
    sha256: str
    tokens: int
    fewshot: tuple[str, ...]  # passages used, as report/file
    passages: tuple[str, ...] = ()  # their texts, to recognise sentences copied from them


@functools.cache
def environment(root: Path | None = None) -> SandboxedEnvironment:
    root = root or data_dir("prompts")
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(root), encoding="utf-8"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        keep_trailing_newline=False,
    )


@functools.cache
def writer_environment(root: Path | None = None) -> SandboxedEnvironment:
    """The built-in writer's environment: traced figures are output with their provenance markers."""
    root = root or data_dir("prompts")
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(root), encoding="utf-8"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        keep_trailing_newline=False,
        finalize=encode,
    )
    env.filters["join"] = join_filter
    env.filters["bare"] = bare_figure  # a figure without its unit, in a table headed 单位：万元
    return env


def _picker(seed: str):
    def pick(options: Sequence[str]) -> str:
        digest = hashlib.sha256(f"{seed}:{'|'.join(options)}".encode()).digest()
        return options[digest[0] % len(options)]

    return pick


def _render(env: SandboxedEnvironment, name: str, ctx: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(
            **ctx, pick=_picker(f"{ctx['unit']['name']}:{ctx['section']['id']}")
        )
    except TemplateNotFound as exc:
        raise InputError(f"prompt template {exc.name} not found in {env.loader.searchpath}") from None  # type: ignore[union-attr]
    except TemplateError as exc:
        raise InputError(
            f"prompt template {name}: {exc}", "every variable a template uses must be given"
        ) from None


def render_template(name: str, ctx: dict[str, Any], root: Path | None = None) -> str:
    """One of prompts/ rendered with `ctx` (StrictUndefined: a missing variable is an InputError)."""
    return _render(environment(root), name, ctx)


def render_writer(ctx: dict[str, Any], root: Path | None = None) -> Traced:
    """The built-in writer's text for a section (no model): prompts/writer/<kind>.j2.

    The text comes back with its provenance: the fact behind every figure it writes (`.spans`).
    """
    return render_section(ctx, root)[0]


def render_section(ctx: dict[str, Any], root: Path | None = None) -> tuple[Traced, tuple[str, ...]]:
    """The built-in writer's text and the gaps it marked 〔待补充〕 (drafter.writing.gaps).

    The `facts:` entries the outline placed in the section (drafter.writing.homes) follow its text,
    unless the text already says them.
    The context's gaps (required facts the data lacks, material found empty or partial) are marked
    after the text; a section whose template wrote nothing at all is marked as a whole, never left
    empty (an empty section would pass every check).
    """
    env = writer_environment(root)
    name = "writer/_note.j2" if ctx["section"]["empty"] == "note" else f"writer/{ctx['section']['kind']}.j2"
    body = decode(_clean(_render(env, name, ctx)))
    extra = [x for x in ctx.get("listed", ()) if str(x) not in body]  # facts: entries, said once
    if extra:
        body = cat(body, "\n" if body else "", join("，", extra), "。")
    gaps = tuple(ctx.get("gaps", ()))
    if not body.strip() and not gaps:
        gaps = (f"本部分所需内容“{ctx['section']['heading']}”",)
    if not gaps:
        return body, ()
    note = gap_note(gaps)
    return (cat(body, "\n", note) if body.strip() else Traced(note)), gaps


def _clean(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


def render_prompt(
    ctx: dict[str, Any],
    *,
    level: str,
    exclude_units: Sequence[str] = (),
    fewshot_tokens: int = DEFAULT_FEWSHOT_TOKENS,
    root: Path | None = None,
    hint: str = "",
) -> Prompt:
    """System and user messages for a model-written section, with few-shot passages under a token budget.

    `hint`: a reviewer's request (drafter regen). It is data, not instructions: rendered as a quoted
    request in its own block, one line, its quote marks neutralised, and the system prompt says the
    number rules are not negotiable (the checker enforces them whatever the model makes of it).
    """
    from drafter.data.fewshot import load_corpus, select_passages
    from drafter.text.tokens import count_tokens

    env = environment(root)
    kind = ctx["section"]["kind"]
    name = f"{kind}.j2" if kind in _MODEL_TEMPLATES else "generic.j2"
    excluded = tuple(p.report for p in load_corpus() if p.unit in exclude_units)
    query = " ".join(str(f["label"]) for f in ctx.get("facts", []))
    passages = (
        select_passages(
            kind, level=level, query=query, budget_tokens=fewshot_tokens, exclude_reports=excluded
        )
        if fewshot_tokens > 0
        else []
    )
    shown = [{"unit": p.unit, "year": p.year, "text": p.text} for p in passages]
    quoted = reviewer_hint(hint)
    system = _render(env, "system.j2", {**ctx, "hint": quoted}).strip()
    user = _render(env, name, {**ctx, "passages": shown, "hint": quoted}).strip()
    digest = hashlib.sha256(f"{system}\n\n{user}".encode()).hexdigest()
    return Prompt(
        messages=(Message("system", system), Message("user", user)),
        template=name,
        sha256=digest,
        tokens=count_tokens(system) + count_tokens(user),
        fewshot=tuple(f"{p.report}/{p.path.name}" for p in passages),
        passages=tuple(p.text for p in passages),
    )


HINT_MAX = 500  # characters: a request about one section, not a second prompt


def reviewer_hint(hint: str) -> str:
    """A reviewer's request as one quoted line: controls removed, whitespace collapsed, 「」 made 『』.

    The quote marks are what fences the request in the prompt, so the request cannot close them.
    """
    text = " ".join(strip_controls(hint).split())
    if len(text) > HINT_MAX:
        raise InputError(
            f"--hint is {len(text)} characters long; at most {HINT_MAX}",
            "say in a sentence or two what the section should do better",
        )
    return text.replace("「", "『").replace("」", "』")


def render_repair(
    problems: list[dict[str, str]], missing: list[dict[str, str]], root: Path | None = None
) -> str:
    """The re-ask: only what failed, each with its sentence and what the data says."""
    env = environment(root)
    try:
        return env.get_template("repair.j2").render(problems=problems, missing=missing).strip()
    except TemplateError as exc:
        raise InputError(f"prompt template repair.j2: {exc}") from None
