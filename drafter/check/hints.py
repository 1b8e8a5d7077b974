"""What to tell a user whose figure the data holds but the sentence does not name: a hint the data accepts.

"Add aliases" is right only where the fact's home takes them (a money line, a project, a part of a
headcount). A count like 下属单位数 or a free text's figure has none; its user is told to name it in the
sentence or list it under facts:, whose entries take aliases. Decided from the data model itself, so a
new field with aliases gets the right hint without a list here.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from drafter.facts.build import Fact

_STEP = re.compile(r"([A-Za-z_]\w*)(?:\[(\d+)\])?")


def takes_aliases(data: object, fact: Fact) -> bool:
    """Does the record a fact comes from (the line or item its path names) have an `aliases` field?"""
    path = (fact.source or fact.id).split("#")[0].rstrip("~")
    owner: object = None
    obj: object = data
    for step in path.split("."):
        m = _STEP.fullmatch(step)
        if m is None or not isinstance(obj, BaseModel) or m.group(1) not in type(obj).model_fields:
            return False
        owner, obj = obj, getattr(obj, m.group(1))
        if m.group(2) is not None:
            if not isinstance(obj, list) or int(m.group(2)) >= len(obj):
                return False
            obj = obj[int(m.group(2))]
    return any(isinstance(x, BaseModel) and "aliases" in type(x).model_fields for x in (obj, owner))


def unnamed_hint(data: object, fact: Fact) -> str:
    """The reason of a figure the data holds that its sentence does not name, with a hint that fits."""
    said = f"数据中有此数（{fact.label}），但本句没有写明它所指的事项"
    if takes_aliases(data, fact):
        return said + "（若确指此项，可在数据中为它加别名 aliases）"
    return said + "（若确指此项，可在本句写明它所指的事项，或在数据的 facts: 中列出此数并写明别名 aliases）"
