"""The cache of model answers: re-running an eval asks the model nothing it has answered before.

An answer is keyed by the sha256 of what determines it: the rendered messages, the model name, the
settings that change the answer (temperature, max_tokens), and the repeat index (repeat 2 is another
sample, not the same answer again). One JSON file per answer in a directory of 256 buckets, written
atomically, so an interrupted run loses at most the answers in flight and resumes from the rest.
Token counts and latency are stored with the answer: a cached run reports what the original call
cost, not zero.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drafter.drafting.store import write_atomic
from drafter.models.base import Generation, Model, Request, Usage


def answer_key(request: Request, model: str, settings: Mapping[str, Any], repeat: int) -> str:
    payload = {
        "model": model,
        "settings": dict(sorted(settings.items())),
        "repeat": repeat,
        "messages": [[m.role, m.content] for m in request.messages],
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class AnswerCache:
    """A directory of answers, one `<key[:2]>/<key>.json` each."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None  # a torn file cannot exist (atomic writes), but a hand-edited one may
        return raw if isinstance(raw, dict) and isinstance(raw.get("text"), str) else None

    def put(self, key: str, record: Mapping[str, Any]) -> None:

        write_atomic(self._path(key), json.dumps(dict(record), ensure_ascii=False) + "\n")

    def __len__(self) -> int:
        return sum(1 for _ in self.root.glob("*/*.json")) if self.root.is_dir() else 0


class CachedModel:
    """A `Model` that answers from the cache when it can and stores every new answer."""

    def __init__(
        self, inner: Model, cache: AnswerCache, *, settings: Mapping[str, Any] | None = None, repeat: int = 1
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache = cache
        self.settings = dict(settings or {})
        self.repeat = repeat
        self.hits = 0
        self.misses = 0

    async def generate(self, request: Request) -> Generation:
        key = answer_key(request, self.name, self.settings, self.repeat)
        stored = self.cache.get(key)
        if stored is not None:
            self.hits += 1
            usage = Usage(int(stored.get("prompt_tokens", 0)), int(stored.get("completion_tokens", 0)))
            return Generation(
                stored["text"], usage, str(stored.get("model", self.name)), float(stored.get("seconds", 0))
            )
        self.misses += 1
        generation = await self.inner.generate(request)
        self.cache.put(
            key,
            {
                "model": generation.model,
                "text": generation.text,
                "prompt_tokens": generation.usage.prompt_tokens,
                "completion_tokens": generation.usage.completion_tokens,
                "seconds": round(generation.seconds, 4),
            },
        )
        return generation
