"""Which model endpoint to use: CLI flags > environment > config file.

`resolve_endpoint()` returns an `Endpoint`, or None when no base URL is configured anywhere (the
caller then uses the built-in template writer, which needs no model).

Each setting is resolved on its own, highest source first:

    setting      argument     environment                       config file ([model] / [price])
    base URL     base_url     OPENAI_BASE_URL                   base_url
    model name   model        DRAFTER_MODEL, then OPENAI_MODEL  name
    API key      api_key      OPENAI_API_KEY                    api_key_env (names an env var), then api_key
    timeout (s)  timeout      DRAFTER_TIMEOUT                   timeout         (default 60)
    retries      max_retries  DRAFTER_MAX_RETRIES               max_retries     (default 2)
    prices       -            -                                 [price] prompt_per_1k, completion_per_1k

The config file is `config_path`, else $DRAFTER_CONFIG, else the first of `./drafter.toml` and
`~/.config/drafter/config.toml` (`$XDG_CONFIG_HOME/drafter/config.toml` when that is set) that
exists. A file named explicitly must exist; the default locations are optional. Other top-level
tables in the file are left to whoever owns them.

Keys are never shown: `Endpoint`'s repr hides `api_key`, and no error message quotes one. With no
key configured the key is "not-needed" (local servers such as vLLM, Ollama or llama.cpp ignore it).

`timeout` is the wait, in seconds, for each network step (connecting, or the next bit of the
answer), per attempt; `max_retries` is how many times a request that hit a timeout, a dropped
connection, 429 or 5xx is re-sent (with the openai SDK's exponential backoff, honouring
Retry-After). `OpenAICompatible(endpoint)` takes both from the Endpoint unless given explicitly.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from drafter.errors import InputError

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NO_API_KEY",
    "Endpoint",
    "default_config_paths",
    "resolve_endpoint",
]

NO_API_KEY = "not-needed"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2

_MODEL_KEYS = {"base_url", "name", "api_key_env", "api_key", "timeout", "max_retries"}
_PRICE_KEYS = {"prompt_per_1k", "completion_per_1k"}


class _TokenCounts(Protocol):
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible chat endpoint. `api_key` is hidden from repr (and so from str)."""

    base_url: str
    api_key: str = field(repr=False)
    model: str
    price_prompt_per_1k: Decimal | None = None
    price_completion_per_1k: Decimal | None = None
    timeout: float = DEFAULT_TIMEOUT  # seconds per network step, per attempt
    max_retries: int = DEFAULT_MAX_RETRIES  # re-sends after timeout / connection error / 429 / 5xx

    @property
    def has_key(self) -> bool:
        return bool(self.api_key) and self.api_key != NO_API_KEY

    @property
    def display_url(self) -> str:
        """The base URL as it may be shown or stored: credentials and query values replaced by ***."""
        return redact_url(self.base_url)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret this endpoint carries (the key, and any in the URL), longest first."""
        found = [self.api_key] if self.has_key else []
        found += url_secrets(self.base_url)
        return tuple(sorted({s for s in found if len(s) >= 3}, key=len, reverse=True))

    def cost(self, usage: _TokenCounts) -> Decimal | None:
        """What `usage` costs at the configured prices (any currency), or None with no prices set."""
        if self.price_prompt_per_1k is None and self.price_completion_per_1k is None:
            return None
        prompt = (self.price_prompt_per_1k or Decimal(0)) * usage.prompt_tokens / 1000
        completion = (self.price_completion_per_1k or Decimal(0)) * usage.completion_tokens / 1000
        return prompt + completion


def default_config_paths(env: Mapping[str, str] | None = None) -> list[Path]:
    """Where a config file is looked for when none is named, in order."""
    env = os.environ if env is None else env
    if env.get("XDG_CONFIG_HOME"):
        user_dir = Path(env["XDG_CONFIG_HOME"])
    else:
        home = Path(env["HOME"]) if env.get("HOME") else Path.home()
        user_dir = home / ".config"
    return [Path("drafter.toml"), user_dir / "drafter" / "config.toml"]


def resolve_endpoint(
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    model: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    config_path: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Endpoint | None:
    """The endpoint to use, or None when no base URL is configured. Raises InputError when the
    configuration is unusable (no model name, bad TOML, a named file or key variable missing)."""
    env = os.environ if env is None else env

    def from_env(*names: str) -> str | None:
        for name in names:
            value = env.get(name, "").strip()
            if value:
                return value
        return None

    path = _find_config(config_path, env)
    file_model, file_price = _read_config(path) if path else ({}, {})
    where = f"in {path}" if path else ""

    url = _first(base_url, from_env("OPENAI_BASE_URL"), file_model.get("base_url"))
    if url is None:
        return None
    url = _check_url(url, where if url == file_model.get("base_url") else "")

    name = _first(model, from_env("DRAFTER_MODEL", "OPENAI_MODEL"), file_model.get("name"))
    if name is None:
        raise InputError(
            f"a model endpoint is configured ({redact_url(url)}) but no model name",
            hint='set DRAFTER_MODEL, pass --model, or add `name = "..."` under [model] in drafter.toml',
        )

    key = _first(api_key, from_env("OPENAI_API_KEY"))
    if key is None and path is not None:
        key = _key_from_file(file_model, env, path)

    return Endpoint(
        base_url=url,
        api_key=key or NO_API_KEY,
        model=name,
        price_prompt_per_1k=_price(file_price, "prompt_per_1k", path),
        price_completion_per_1k=_price(file_price, "completion_per_1k", path),
        timeout=_timeout(timeout, from_env("DRAFTER_TIMEOUT"), file_model.get("timeout"), path),
        max_retries=_retries(
            max_retries, from_env("DRAFTER_MAX_RETRIES"), file_model.get("max_retries"), path
        ),
    )


# ----------------------------------------------------------------------------------------------- helpers


def url_secrets(url: str) -> list[str]:
    """User name, password and query values in a URL (`https://u:p@host/v1?api-key=…`): all secret."""

    try:
        parts = urlsplit(url)
        found = [parts.username or "", parts.password or ""]
    except ValueError:
        return []
    found += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    found += [raw.partition("=")[2] for raw in parts.query.split("&")]  # as written, before decoding
    return [s for s in found if s]


def redact_url(url: str) -> str:
    """`url` with its user info and query values replaced by ***, so it can be printed and stored."""

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "***"
    netloc = ("***@" if "@" in parts.netloc else "") + (f"[{host}]" if ":" in host else host) + port
    query = "&".join(f"{raw.partition('=')[0]}=***" for raw in parts.query.split("&")) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _first(*values: Any) -> Any:
    for value in values:
        if value is not None and value != "":
            return value.strip() if isinstance(value, str) else value
    return None


def _find_config(config_path: Path | None, env: Mapping[str, str]) -> Path | None:
    named = config_path
    if named is None and env.get("DRAFTER_CONFIG", "").strip():
        named = Path(env["DRAFTER_CONFIG"].strip())
    if named is not None:
        named = named.expanduser()
        if not named.is_file():
            source = "--config" if config_path is not None else "DRAFTER_CONFIG"
            raise InputError(f"config file {named} does not exist", hint=f"fix the path given by {source}")
        return named
    return next((p for p in default_config_paths(env) if p.is_file()), None)


def _read_config(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        # tomllib's message ends "(at line N, column M)"
        raise InputError(f"{path}: not valid TOML: {e}", hint="fix the file at that line") from None
    except OSError as e:
        raise InputError(f"cannot read config file {path}: {e.strerror or e}") from None

    sections = []
    for table, known in (("model", _MODEL_KEYS), ("price", _PRICE_KEYS)):
        section = data.get(table, {})
        if not isinstance(section, dict):
            raise InputError(f"{path}: [{table}] must be a table", hint=f"write it as a [{table}] section")
        unknown = sorted(set(section) - known)
        if unknown:
            raise InputError(
                f"{path}: unknown key {unknown[0]!r} in [{table}]",
                hint=f"[{table}] takes: {', '.join(sorted(known))}",
            )
        sections.append(section)
    model, price = sections
    for key in ("base_url", "name", "api_key_env", "api_key"):
        if key in model and not isinstance(model[key], str):
            raise InputError(
                f"{path}: [model] {key} must be a string, got {_type_name(model[key])}",
                hint='quote it: key = "..."',
            )
    return model, price


def _key_from_file(model: Mapping[str, Any], env: Mapping[str, str], path: Path) -> str | None:
    var, literal = model.get("api_key_env"), model.get("api_key")
    if var and literal:
        raise InputError(
            f"{path}: [model] sets both api_key_env and api_key",
            hint="keep only api_key_env (keys are safer in the environment than in files)",
        )
    if var:
        value = env.get(var, "").strip()
        if not value:
            raise InputError(
                f"{path}: [model] api_key_env names {var}, but that environment variable is not set",
                hint=f"set {var} to the API key, or set OPENAI_API_KEY",
            )
        return value
    return literal.strip() if literal else None


def _check_url(url: str, where: str) -> str:
    if not url.startswith(("http://", "https://")):
        place = f" {where}" if where else ""
        raise InputError(
            f"base URL {redact_url(url)!r}{place} is not an http(s) URL",
            hint="use the server's OpenAI-compatible root, e.g. http://127.0.0.1:8000/v1",
        )
    return url.rstrip("/")


def _price(section: Mapping[str, Any], key: str, path: Path | None) -> Decimal | None:
    if key not in section:
        return None
    raw = section[key]
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InputError(
            f"{path}: [price] {key} must be a number, got {_type_name(raw)}",
            hint='write it as a quoted decimal, e.g. "0.002"',
        )
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise InputError(
            f"{path}: [price] {key} = {raw!r} is not a number",
            hint='write it as a quoted decimal, e.g. "0.002"',
        ) from None
    if not value.is_finite() or value < 0:
        raise InputError(f"{path}: [price] {key} must be zero or more, got {raw!r}")
    return value


def _timeout(flag: float | None, env_value: str | None, file_value: Any, path: Path | None) -> float:
    for value, source in (
        (flag, "--timeout"),
        (env_value, "DRAFTER_TIMEOUT"),
        (file_value, f"{path}: [model] timeout"),
    ):
        if value is None:
            continue
        try:
            seconds = float(value) if not isinstance(value, bool) else float("nan")
        except (TypeError, ValueError):
            seconds = float("nan")
        if not seconds > 0 or seconds == float("inf"):
            raise InputError(f"{source} must be a number of seconds above 0, got {value!r}")
        return seconds
    return DEFAULT_TIMEOUT


def _retries(flag: int | None, env_value: str | None, file_value: Any, path: Path | None) -> int:
    for value, source in (
        (flag, "--max-retries"),
        (env_value, "DRAFTER_MAX_RETRIES"),
        (file_value, f"{path}: [model] max_retries"),
    ):
        if value is None:
            continue
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            count = -1
        else:
            try:
                count = int(value)
            except (TypeError, ValueError):
                count = -1
        if count < 0:
            raise InputError(f"{source} must be a whole number, 0 or more, got {value!r}")
        return count
    return DEFAULT_MAX_RETRIES


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", dict: "a table", list: "a list"}.get(
        type(value), type(value).__name__
    )
