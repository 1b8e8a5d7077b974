"""The report outline, read from a file: which sections, in what order, written by whom.

Provinces ask for different outlines (湖南's nine sections, 云南/广西/重庆's 摘要 … 改进措施及建议, a
自评表 with a short report), so outlines are files in prompts/outlines/, chosen by `select_outline`:
an explicit name or file, else the data's `outline:`, else the province `unit.region` names, else hunan.
An outline also carries its scoring settings (grade bands, 执行率 of 调整后 or 年初预算).

`plan(outline, data)` turns the outline into the list of `Section`s to write for one data file:
parents become heading-only sections, `each: theme` expands into one subsection per activity theme,
and a section whose `needs` are empty is skipped or noted, as the outline says. 无 is written only for
what the data states is none (`budget.none`); data that says nothing is never claimed to be none.
Headings are numbered by position (一、 （一） 1. （1）) at any depth and count, after skipped sections
are left out, so numbering never has gaps or collisions.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafter.data.load import load_yaml
from drafter.data.model import ReportData, Scoring
from drafter.errors import InputError
from drafter.io.files import read_text
from drafter.paths import data_dir
from drafter.writing.homes import to_write

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
    "summary",
    "budget_overview",
    "finance_management",
    "goals",
    "evaluation",
    "indicators",
    "experience",
    "self_eval_table",
)
_CN_DIGITS = "零一二三四五六七八九"
# a heading's own numbering, as copied outlines or activity titles may carry it: 一、 （一） 1. 1、 （1）
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]|\d+[、.．](?!\d))\s*"
)


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 23 -> 二十三, 105 -> 一百零五 (heading ordinals)."""
    if n <= 0:
        raise ValueError(f"ordinals start at 1, got {n}")
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else "" + chinese_number(rest))
    if 10 <= rest < 20:
        tail = "一" + chinese_number(rest)
    return _CN_DIGITS[n // 100] + "百" + tail


def numbered(heading: str, level: int, n: int) -> str:
    """The heading with the 公文 numbering of its level: 一、 / （一） / 1. / （1）."""
    if level <= 1:
        return f"{chinese_number(n)}、{heading}"
    if level == 2:
        return f"（{chinese_number(n)}）{heading}"
    if level == 3:
        return f"{n}.{heading}"
    return f"（{n}）{heading}"


def bare_heading(heading: str) -> str:
    """A heading without the numbering it was written with (numbers are given by position)."""
    return _NUMBERING.sub("", heading, count=1).strip() or heading.strip()


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
    number: bool = True  # False: a heading printed as written (摘要, 自评结论), taking no number
    children: list[OutlineSection] = Field(default_factory=list)


class OutlineScoring(BaseModel):
    """Scoring settings of an outline (a province's rules); a data file's own `scoring:` wins."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    excellent: Decimal = Decimal(90)
    good: Decimal = Decimal(80)
    pass_: Decimal = Field(Decimal(60), alias="pass")
    rate_of: Literal["adjusted", "initial"] = "adjusted"  # 执行率 of 调整后预算 or of 年初预算

    @field_validator("excellent", "good", "pass_", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        if isinstance(value, float):
            raise ValueError("write grade bands as integers or quoted decimals (floats are inexact)")
        return Decimal(str(value)) if isinstance(value, int | str) else value


class Outline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "custom"
    description: str = ""
    provinces: list[str] = Field(default_factory=list, description="chosen for units of these provinces")
    sources: list[str] = Field(default_factory=list, description="where this layout comes from")
    title: str
    # the opening paragraph before 一、 and the 落款 after the last section, as the province's reports
    # print them (Jinja: unit); empty for none
    preamble: str = ""
    closing: str = ""
    scoring: OutlineScoring = Field(default_factory=OutlineScoring)
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
    extra: dict[str, Any] = field(default_factory=dict)  # outline settings: rate_of, outline name

    @property
    def writes(self) -> bool:
        return self.kind is not None and self.empty != "skip"


DEFAULT_OUTLINE = "hunan"


def outline_names() -> list[str]:
    """The built-in outlines (prompts/outlines/*.yaml)."""
    return sorted(p.stem for p in (data_dir("prompts") / "outlines").glob("*.yaml"))


def outline_path(name_or_file: str | Path, base: Path | None = None) -> Path:
    """A built-in outline's file for a name (hunan, yunnan, table), else a file path (relative to `base`)."""
    text = str(name_or_file)
    if text in outline_names():
        return data_dir("prompts") / "outlines" / f"{text}.yaml"
    path = Path(text)
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        raise InputError(
            f"outline {text!r}: neither a built-in outline nor an outline file",
            f"built-in outlines are: {', '.join(outline_names())}; or give a .yaml file",
        )
    return path


def select_outline(
    data: ReportData, explicit: str | Path | None = None, data_path: Path | None = None
) -> Outline:
    """The outline for `data`: `explicit` (--outline), else the data's `outline:`, else the province
    `unit.region` names (an outline's `provinces:`), else hunan."""
    if explicit is not None:
        return load_outline(outline_path(explicit))
    if data.outline:
        return load_outline(outline_path(data.outline, data_path.parent if data_path else None))
    region = (data.unit.region or "").strip()
    if region:
        for name in outline_names():
            candidate = load_outline(data_dir("prompts") / "outlines" / f"{name}.yaml")
            if any(region.startswith(p) for p in candidate.provinces):
                return candidate
    return load_outline()


def with_scoring(data: ReportData, outline: Outline) -> ReportData:
    """`data` scored by the outline's grade bands, unless the data file gives its own `scoring:`."""
    if "scoring" in data.model_fields_set:
        return data
    sc = outline.scoring
    scoring = Scoring.model_validate({"excellent": sc.excellent, "good": sc.good, "pass": sc.pass_})
    return data.model_copy(update={"scoring": scoring})


def load_outline(path: Path | None = None) -> Outline:
    path = path or data_dir("prompts") / "outlines" / f"{DEFAULT_OUTLINE}.yaml"
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


def _stated_none(data: ReportData, needs: list[str]) -> bool:
    """True when the data states that every list of `needs` is none (budget.none: [gov_fund] …)."""
    lists = [n.removeprefix("budget.") for n in needs]
    return bool(needs) and all(n.startswith("budget.") for n in needs) and set(lists) <= set(data.budget.none)


def _has(data: ReportData, needs: list[str]) -> bool:
    """True when any of `needs` holds data (a non-empty list, a set value, a model with any field set)."""
    if not needs:
        return True
    for dotted in needs:
        value = _value(data, dotted)
        if isinstance(value, list | tuple | dict | str):
            if value:
                return True
        elif isinstance(value, BaseModel):  # a unit alone (三公经费金额单位 = 元) is no material
            if any(v not in (None, [], "") for k, v in value.model_dump().items() if k != "unit"):
                return True
        elif value is not None:
            return True
    return False


def plan(outline: Outline, data: ReportData, only: list[str] | None = None) -> list[Section]:
    """The sections to write for `data`, in order. `only`: ids to keep (with their headings)."""
    out: list[Section] = []
    listed = to_write(data)
    settings = {"outline": outline.name, "rate_of": outline.scoring.rate_of}
    homed = {prefs[0] for prefs in listed.values()}  # a section a facts: entry belongs in is not empty
    for item in outline.sections:
        _expand(item, data, 1, None, out, settings, homed)
    out = _number(_place(out, listed))
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


def _place(sections: list[Section], listed: dict[int, tuple[str, ...]]) -> list[Section]:
    """Each `facts:` entry to the first section of its homes (drafter.writing.homes) the outline writes."""
    writing = {s.kind: k for k, s in reversed(list(enumerate(sections))) if s.writes and s.empty is None}
    placed: dict[int, list[int]] = {}
    for index, prefs in listed.items():
        home = next((writing[kind] for kind in prefs if kind in writing), None)
        if home is not None:
            placed.setdefault(home, []).append(index)
    return [
        replace(s, extra={**s.extra, "listed": tuple(placed[k])}) if k in placed else s
        for k, s in enumerate(sections)
    ]


def _empty(item: OutlineSection, data: ReportData, homed: Collection[str] = ()) -> str | None:
    """None when the data has what the section needs (or a `facts:` entry belongs in it); else what to
    write: none (无, only when the data states none), skip, or note (ask for it). `when_empty: none` is
    kept for old outlines and means "无 when stated none, else ask": data that says nothing is never
    written up as 无."""
    if _has(data, item.needs) or (item.kind is not None and item.kind in homed and item.each is None):
        return None
    if _stated_none(data, item.needs):
        return "none"
    return "note" if item.when_empty == "none" else item.when_empty


def _expand(
    item: OutlineSection,
    data: ReportData,
    level: int,
    parent: str | None,
    out: list[Section],
    settings: dict[str, Any],
    homed: Collection[str] = (),
) -> None:
    empty = _empty(item, data, homed)
    extra = {**settings, "number": item.number}
    heading = bare_heading(item.heading) if item.number else item.heading
    if item.each == "theme" and empty is None:
        out.append(Section(item.id, heading, level, None, item.writer, parent=parent, extra=extra))
        for i, theme in enumerate(data.activities):
            out.append(
                Section(
                    f"{item.id}_{i + 1}",
                    bare_heading(theme.title),
                    level + 1,
                    item.kind,
                    item.writer,
                    theme=i,
                    parent=item.id,
                    extra={**settings, "number": True},
                )
            )
        return
    if empty == "skip":
        return
    out.append(
        Section(
            item.id,
            heading,
            level,
            item.kind,
            item.writer,
            empty,
            tuple(item.require),
            parent=parent,
            extra=extra,
        )
    )
    for child in item.children:
        _expand(child, data, level + 1, item.id, out, settings, homed)


def _number(sections: list[Section]) -> list[Section]:
    """Number the headings by position among their numbered siblings (after skips).

    The style follows the depth of numbered ancestors: under an unnumbered parent (自评报告) the first
    numbered level is 一、 again.
    """
    counters: dict[str | None, int] = {}
    depth: dict[str | None, int] = {None: 0}
    out = []
    for s in sections:
        above = depth.get(s.parent, 0)
        if not s.extra.get("number", True):
            depth[s.id] = above
            out.append(s)
            continue
        depth[s.id] = above + 1
        counters[s.parent] = counters.get(s.parent, 0) + 1
        out.append(replace(s, heading=numbered(s.heading, above + 1, counters[s.parent])))
    return out


def required_facts(section: Section, fact_ids: list[str]) -> set[str]:
    """The fact ids a section must state, its `require` patterns matched against the data's facts."""
    return {fid for pattern in section.require for fid in fact_ids if fnmatch.fnmatchcase(fid, pattern)}
