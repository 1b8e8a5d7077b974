"""Shared helpers for the drafting tests: the examples, and running a Drafter to completion."""

from __future__ import annotations

import asyncio
import functools
import os
from pathlib import Path

from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.drafting.record import Draft
from drafter.drafting.run import Drafter
from drafter.models.base import Model, Request
from drafter.writing.outline import Outline, Section, load_outline, plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_NAMES = ("hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021")


PLAIN = "各项工作有序推进，较好地完成了年度任务。"


def plain_answer(request: Request) -> str:
    """An answer that passes every check: a theme's own points as given, else a sentence with no figures.

    (A theme's answer must write its points: one that writes none of them is rejected as not the
    section, drafter.prose.coverage.)
    """
    theme = request.context.get("theme")
    return "".join(theme["bullets"]) if theme else PLAIN


def data_path(name: str) -> Path:
    return EXAMPLES / name / "data.yaml"


@functools.cache
def example_data(name: str) -> ReportData:
    return load_data(data_path(name))


@functools.cache
def outline() -> Outline:
    return load_outline()


def sections(
    data: ReportData,
    only: list[str] | None = None,
    ids: set[str] | None = None,
    the_outline: Outline | None = None,
) -> list[Section]:
    """plan() of the outline for `data`; `ids` keeps exactly those section ids (no parent headings)."""
    planned = plan(the_outline or outline(), data, only)
    return [s for s in planned if ids is None or s.id in ids]


def make_draft(
    data: ReportData,
    model: Model | None = None,
    *,
    only: list[str] | None = None,
    ids: set[str] | None = None,
    the_outline: Outline | None = None,
    **options,
) -> tuple[Drafter, Draft]:
    drafter = Drafter(data, model=model, **options)
    chosen = sections(data, only, ids, the_outline)
    return drafter, drafter.new_draft(the_outline or outline(), chosen, "data.yaml")


def run_draft(data: ReportData, model: Model | None = None, **kwargs) -> tuple[Drafter, Draft]:
    drafter, draft = make_draft(data, model, **kwargs)
    asyncio.run(drafter.run(draft))
    return drafter, draft


def by_id(draft: Draft) -> dict:
    return {sd.section.id: sd for sd in draft.sections}


def env_for(tmp: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "DRAFTER_")) and "proxy" not in k.lower()
    }
    env.update(
        HOME=str(tmp),
        XDG_CONFIG_HOME=str(tmp),
        COLUMNS="250",
        NO_COLOR="1",
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        **extra,
    )
    return env
