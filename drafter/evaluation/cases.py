"""Eval sets: which cases an evaluation runs on, and what each case brings.

A case is a data file plus, optionally, something already written from it: an existing report
(.txt/.md, scored as it stands) or a draft.json (drafter's own record, scored section by section).
A case with neither is drafted. An eval set is any of:

- a folder that is itself a case (data.yaml, data.json or data.xlsx beside report.txt / report.md /
  draft.json);
- a folder of case folders (examples/, eval/corpus/): every sub-folder holding a data.yaml;
- a YAML manifest: ``cases: [{id, data, report?, draft?}, …]`` with paths relative to the manifest.

A case's known mistakes (eval/corpus/<id>/case.yaml, or the bundled examples' list) come along, so a
scored report also says which real mistakes the checker caught and what it raised besides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from drafter.errors import InputError
from drafter.evaluation.corpus import EXAMPLE_AUDIT, EXAMPLE_MISTAKES, Mistake, read_mistakes
from drafter.io.files import read_text

REPORT_NAMES = ("report.txt", "report.md")
DATA_NAMES = ("data.yaml", "data.yml", "data.json", "data.xlsx")  # the workbook a clerk fills in, too


@dataclass(frozen=True)
class Case:
    """One data file and what (if anything) was already written from it."""

    id: str
    data: Path
    report: Path | None = None
    draft: Path | None = None
    mistakes: tuple[Mistake, ...] | None = None  # None: not known (no false-alarm figure)
    known_audit: tuple[tuple[str, str], ...] | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        """report, draft, or data (nothing written yet: to be drafted)."""
        return "report" if self.report else "draft" if self.draft else "data"


def _data_file(folder: Path) -> Path | None:
    return next((folder / n for n in DATA_NAMES if (folder / n).is_file()), None)


def _case_from_folder(folder: Path, case_id: str | None = None) -> Case:
    data = _data_file(folder)
    if data is None:
        raise InputError(
            f"{folder}: no data file in this case folder", f"each case needs one of {', '.join(DATA_NAMES)}"
        )
    report = next((folder / n for n in REPORT_NAMES if (folder / n).is_file()), None)
    draft = folder / "draft.json" if (folder / "draft.json").is_file() else None
    return Case(
        case_id or folder.name,
        data,
        report,
        None if report else draft,
        *_mistakes(folder),
    )


def _mistakes(folder: Path) -> tuple[tuple[Mistake, ...] | None, tuple[tuple[str, str], ...] | None]:
    case_file = folder / "case.yaml"
    if case_file.is_file():
        try:
            return tuple(read_mistakes(case_file)), None
        except (ValueError, yaml.YAMLError) as exc:
            raise InputError(str(exc), "see eval/CORPUS_FORMAT for case.yaml") from None
    if folder.name in EXAMPLE_MISTAKES:
        listed = tuple(Mistake(text=t, kind=v, expected=e) for t, v, e in EXAMPLE_MISTAKES[folder.name])
        return listed, tuple(EXAMPLE_AUDIT[folder.name])
    return None, None


def _from_manifest(path: Path) -> list[Case]:

    try:
        raw = yaml.safe_load(read_text(path, "eval manifest"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}", "write `cases:` as a list") from None
    items = raw.get("cases") if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise InputError(f"{path}: expected `cases:` with a list of cases", "cases: [{data: a/data.yaml}]")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):  # a case folder
            out.append(_case_from_folder((path.parent / item).resolve()))
            continue
        if not isinstance(item, dict) or "data" not in item:
            raise InputError(f"{path}: cases[{i}] needs `data:` (a data file path)", "or a case folder path")
        data = (path.parent / str(item["data"])).resolve()
        if not data.is_file():
            raise InputError(f"{path}: cases[{i}].data: {data} does not exist")
        found: dict[str, Path | None] = {}
        for key in ("report", "draft"):
            found[key] = (path.parent / str(item[key])).resolve() if item.get(key) else None
            if found[key] is not None and not found[key].is_file():  # type: ignore[union-attr]
                raise InputError(f"{path}: cases[{i}].{key}: {found[key]} does not exist")
        case_id = str(item.get("id") or data.parent.name)
        mistakes, known = _mistakes(data.parent)
        out.append(Case(case_id, data, found["report"], found["draft"], mistakes, known))
    return out


def load_cases(sources: Iterable[Path]) -> list[Case]:
    """Every case of the given folders and manifests, in order, ids unique."""
    cases: list[Case] = []
    for source in sources:
        if source.is_file() and source.suffix.lower() in (".yaml", ".yml"):
            cases.extend(_from_manifest(source))
        elif source.is_dir() and _data_file(source):
            cases.append(_case_from_folder(source))
        elif source.is_dir():
            folders = sorted(p for p in source.iterdir() if p.is_dir() and _data_file(p))
            if not folders:
                raise InputError(f"{source}: no case folders (a folder with {' or '.join(DATA_NAMES)}) in it")
            cases.extend(_case_from_folder(p) for p in folders)
        else:
            raise InputError(
                f"{source}: not a case folder, a folder of cases or a .yaml manifest",
                "pass e.g. examples/ or eval/corpus/",
            )
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise InputError(f"case id {case.id!r} appears twice", "give manifest cases distinct `id:`s")
        seen.add(case.id)
    return cases


def slug(name: str) -> str:
    """A folder-safe name for a model or prompt variant (qwen2.5:7b → qwen2.5-7b)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "x"
