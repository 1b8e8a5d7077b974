"""The report outline, read from a file: which sections, in what order, written by whom.

`plan(outline, data)` turns the outline into the list of `Section`s to write for one data file:
parents become heading-only sections, `each: theme` expands into one subsection per activity theme,
and a section whose `needs` are empty is written as 无, skipped, or noted, as the outline says.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.data.model import ReportData
from drafter.errors import InputError
from drafter.paths import data_dir

KINDS = (
    "basic_info",
    "duties",
    "budget_basic",
    "budget_projects",
    "gov_fund",
    "state_capital",
    "social_insurance",
    "performance",
    "work",
    "problems",
    "improvements",
    "other",
    "conclusion",
)
_CN_ORDINALS = "一二三四五六七八九十"


class OutlineSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    heading: str = Field(min_length=1)
    kind: Literal[KINDS] | None = None  # type: ignore[valid-type]
    writer: Literal["template", "model"] = "template"
    needs: list[str] = Field(default_factory=list)
    when_empty: Literal["none", "skip", "note"] = "note"
    require: list[str] = Field(default_factory=list)
    each: Literal["theme"] | None = None
    children: list[OutlineSection] = Field(default_factory=list)


class Outline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    sections: list[OutlineSection] = Field(min_length=1)


@dataclass(frozen=True)
class Section:
    """One piece of the report to write."""

    id: str
    heading: str
    level: int  # 1 for 一、…, 2 for （一）…, 3 for themes
    kind: str | None  # None: a heading only
    writer: str  # template or model
    empty: str | None = None  # none / skip / note when the data has nothing for it
    require: tuple[str, ...] = ()
    theme: int | None = None  # index into data.activities for work subsections
    parent: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def writes(self) -> bool:
        return self.kind is not None and self.empty != "skip"


def load_outline(path: Path | None = None) -> Outline:
    path = path or data_dir("prompts") / "outline.yaml"
    from drafter.data.load import load_yaml, read_text

    raw, _ = load_yaml(path, read_text(path, "outline file"), "outline file")  # bounded, like data files
    try:
        return Outline.model_validate(raw)
    except ValidationError as exc:
        lines = "\n".join(f"  {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"{path}: invalid outline\n{lines}", f"kinds are: {', '.join(KINDS)}") from None


def _value(data: ReportData, dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def _has(data: ReportData, needs: list[str]) -> bool:
    """True when any of `needs` holds data (a non-empty list, a set value, a model with any field set)."""
    if not needs:
        return True
    for dotted in needs:
        value = _value(data, dotted)
        if isinstance(value, list | tuple | dict | str):
            if value:
                return True
        elif isinstance(value, BaseModel):
            if any(v not in (None, [], "") for v in value.model_dump().values()):
                return True
        elif value is not None:
            return True
    return False


def plan(outline: Outline, data: ReportData, only: list[str] | None = None) -> list[Section]:
    """The sections to write for `data`, in order. `only`: ids to keep (with their headings)."""
    out: list[Section] = []
    for item in outline.sections:
        _expand(item, data, 1, None, out)
    known = list(dict.fromkeys([*_ids(outline.sections), *(s.id for s in out)]))  # work_1 … too
    if only:
        unknown = [s for s in only if s not in known]
        if unknown:
            raise InputError(f"unknown section {', '.join(unknown)}", f"sections are: {', '.join(known)}")
    if not only:
        return out
    keep = set(only)
    for s in out:  # a chosen parent brings its children
        if s.parent in keep:
            keep.add(s.id)
    by_id = {s.id: s for s in out}
    ancestors: set[str] = set()  # a chosen child brings its ancestors' headings (not their text)
    for s in out:
        parent = s.parent if s.id in keep else None
        while parent is not None and parent not in keep:
            ancestors.add(parent)
            parent = by_id[parent].parent
    return [s if s.id in keep else replace(s, kind=None) for s in out if s.id in keep or s.id in ancestors]


def _ids(items: list[OutlineSection]) -> list[str]:
    out = []
    for item in items:
        out.append(item.id)
        out.extend(_ids(item.children))
    return out


def _expand(
    item: OutlineSection, data: ReportData, level: int, parent: str | None, out: list[Section]
) -> None:
    empty = None if _has(data, item.needs) else item.when_empty
    if item.each == "theme" and empty is None:
        out.append(Section(item.id, item.heading, level, None, item.writer, parent=parent))
        for i, theme in enumerate(data.activities):
            heading = f"（{_CN_ORDINALS[i] if i < len(_CN_ORDINALS) else i + 1}）{theme.title}"
            out.append(
                Section(
                    f"{item.id}_{i + 1}", heading, level + 1, item.kind, item.writer, theme=i, parent=item.id
                )
            )
        return
    if empty == "skip":
        return
    out.append(
        Section(
            item.id, item.heading, level, item.kind, item.writer, empty, tuple(item.require), parent=parent
        )
    )
    for child in item.children:
        _expand(child, data, level + 1, item.id, out)


def required_facts(section: Section, fact_ids: list[str]) -> set[str]:
    """The fact ids a section must state, its `require` patterns matched against the data's facts."""
    return {fid for pattern in section.require for fid in fact_ids if fnmatch.fnmatchcase(fid, pattern)}
