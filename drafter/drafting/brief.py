"""From a section's prompt and context to the `Brief` its answers are judged against (drafter.prose).

The prose check is pure text; this says, per section kind, which of the unit's points an answer is
written from: a theme's bullets (which it must cover), the issues, the measures (which only count
towards its length). Summary sections (performance, generic) list figures rather than points.
"""

from __future__ import annotations

from typing import Any

from drafter.prose import Brief
from drafter.writing.prompts import Prompt

# a theme is written from its bullets, taken from the unit's own report; the issues and measures are
# derived from the data (drafter.writing.sections.issues), and a good answer may choose among them
COVERED_KINDS = ("work",)


def material(ctx: dict[str, Any]) -> tuple[str, ...]:
    """The unit's own points a section of this kind is written from."""
    kind = ctx.get("section", {}).get("kind")
    if kind == "work":
        return tuple(ctx.get("theme", {}).get("bullets", ()))
    if kind == "problems":
        return tuple(ctx.get("issues", ()))
    if kind == "improvements":
        return tuple(ctx.get("measures") or ctx.get("issues", ()))
    if kind == "performance":
        return (*ctx.get("goals", {}).get("achieved", ()), *ctx.get("awards", ()))
    return ()


def brief(prompt: Prompt, ctx: dict[str, Any], reask: str = "", finish_reason: str = "") -> Brief:
    system = next((m.content for m in prompt.messages if m.role == "system"), "")
    return Brief(
        prompt=prompt.messages[-1].content,
        system=system,
        material=material(ctx),
        passages=prompt.passages,
        heading=ctx.get("section", {}).get("heading", ""),
        reask=reask,
        finish_reason=finish_reason,
        coverage=ctx.get("section", {}).get("kind") in COVERED_KINDS,
    )
