from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.models.config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Endpoint, resolve_endpoint

KEY = "sk-config-TEST-91b2c3d4e5-DO-NOT-LEAK"

FILE = """
[model]
base_url = "http://127.0.0.1:8000/v1"
name = "file-model"
api_key_env = "MY_KEY_VAR"
timeout = 30
max_retries = 5

[price]
prompt_per_1k = "0.002"
completion_per_1k = 0.006

[report]  # someone else's table: left alone
title = "x"
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No stray ./drafter.toml or ~/.config file, whatever machine runs the tests."""
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def no_home(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home")}


def test_nothing_configured_means_no_model(tmp_path: Path) -> None:
    assert resolve_endpoint(env=no_home(tmp_path)) is None
    # a key or model alone does not make an endpoint
    assert resolve_endpoint(env={**no_home(tmp_path), "OPENAI_API_KEY": KEY, "DRAFTER_MODEL": "m"}) is None


def test_file_alone(tmp_path: Path) -> None:
    path = write(tmp_path, FILE)
    endpoint = resolve_endpoint(config_path=path, env={"MY_KEY_VAR": KEY})
    assert endpoint == Endpoint(
        base_url="http://127.0.0.1:8000/v1",
        api_key=KEY,
        model="file-model",
        price_prompt_per_1k=Decimal("0.002"),
        price_completion_per_1k=Decimal("0.006"),
        timeout=30.0,
        max_retries=5,
    )


def test_priority_flags_over_env_over_file(tmp_path: Path) -> None:
    path = write(tmp_path, FILE)
    env = {
        "MY_KEY_VAR": "file-key",
        "OPENAI_BASE_URL": "http://env-host:1/v1",
        "OPENAI_API_KEY": "env-key",
        "DRAFTER_MODEL": "env-model",
        "DRAFTER_TIMEOUT": "12",
        "DRAFTER_MAX_RETRIES": "1",
    }
    from_env = resolve_endpoint(config_path=path, env=env)
    assert from_env is not None
    assert (from_env.base_url, from_env.api_key, from_env.model) == (
        "http://env-host:1/v1",
        "env-key",
        "env-model",
    )
    assert (from_env.timeout, from_env.max_retries) == (12.0, 1)

    from_flags = resolve_endpoint(
        base_url="http://flag-host:2/v1/",
        api_key="flag-key",
        model="flag-model",
        timeout=3,
        max_retries=0,
        config_path=path,
        env=env,
    )
    assert from_flags is not None
    assert (from_flags.base_url, from_flags.api_key, from_flags.model) == (
        "http://flag-host:2/v1",
        "flag-key",
        "flag-model",  # trailing slash dropped
    )
    assert (from_flags.timeout, from_flags.max_retries) == (3.0, 0)
    assert from_flags.price_prompt_per_1k == Decimal("0.002")  # prices only come from the file

    # per setting: the model from env, the rest from the file
    mixed = resolve_endpoint(config_path=path, env={"MY_KEY_VAR": "file-key", "DRAFTER_MODEL": "env-model"})
    assert mixed is not None
    assert (mixed.base_url, mixed.model, mixed.api_key) == (
        "http://127.0.0.1:8000/v1",
        "env-model",
        "file-key",
    )


def test_openai_model_is_accepted_but_drafter_model_wins(tmp_path: Path) -> None:
    env = {**no_home(tmp_path), "OPENAI_BASE_URL": "http://h/v1", "OPENAI_MODEL": "openai-m"}
    assert resolve_endpoint(env=env).model == "openai-m"
    assert resolve_endpoint(env={**env, "DRAFTER_MODEL": "drafter-m"}).model == "drafter-m"


def test_missing_model_name(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        resolve_endpoint(base_url="http://127.0.0.1:8000/v1", env=no_home(tmp_path))
    assert "DRAFTER_MODEL" in str(info.value) and "--model" in str(info.value)


def test_missing_key_means_not_needed(tmp_path: Path) -> None:
    endpoint = resolve_endpoint(base_url="http://127.0.0.1:8000/v1", model="m", env=no_home(tmp_path))
    assert endpoint is not None
    assert endpoint.api_key == "not-needed" and not endpoint.has_key
    assert (endpoint.timeout, endpoint.max_retries) == (DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES)
    assert endpoint.price_prompt_per_1k is None and endpoint.cost(_U(1000, 1000)) is None


def test_key_env_named_in_file_but_unset(tmp_path: Path) -> None:
    path = write(tmp_path, FILE)
    with pytest.raises(InputError, match="MY_KEY_VAR"):
        resolve_endpoint(config_path=path, env={})
    # a key from a higher source makes the file's key variable irrelevant
    assert resolve_endpoint(config_path=path, env={"OPENAI_API_KEY": KEY}).api_key == KEY


def test_literal_key_in_file(tmp_path: Path) -> None:
    path = write(tmp_path, f'[model]\nbase_url = "http://h/v1"\nname = "m"\napi_key = "{KEY}"\n')
    assert resolve_endpoint(config_path=path, env={}).api_key == KEY


def test_key_never_in_repr(tmp_path: Path) -> None:
    endpoint = Endpoint(base_url="http://h/v1", api_key=KEY, model="m")
    assert KEY not in repr(endpoint) and KEY not in str(endpoint)
    assert "api_key" not in repr(endpoint)
    resolved = resolve_endpoint(base_url="http://h/v1", model="m", api_key=KEY, env=no_home(tmp_path))
    assert KEY not in repr(resolved)


def test_bad_toml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[model]\nbase_url = "http://h/v1"\nname = qwen\n')
    with pytest.raises(InputError) as info:
        resolve_endpoint(config_path=path, env={})
    assert str(path) in info.value.message
    assert "line 3" in info.value.message


def test_unknown_key_is_a_typo(tmp_path: Path) -> None:
    path = write(tmp_path, '[model]\nbase_url = "http://h/v1"\nmodel = "m"\n')
    with pytest.raises(InputError) as info:
        resolve_endpoint(config_path=path, env={})
    assert "'model'" in info.value.message and str(path) in info.value.message
    assert "name" in (info.value.hint or "")


@pytest.mark.parametrize(
    "body",
    [
        '[model]\nbase_url = "h/v1"\nname = "m"\n',
        '[model]\nbase_url = "http://h/v1"\nname = "m"\ntimeout = 0\n',
        '[model]\nbase_url = "http://h/v1"\nname = "m"\nmax_retries = -1\n',
        '[model]\nbase_url = "http://h/v1"\nname = 3\n',
        '[model]\nbase_url = "http://h/v1"\nname = "m"\n[price]\nprompt_per_1k = "cheap"\n',
        '[model]\nbase_url = "http://h/v1"\nname = "m"\napi_key = "a"\napi_key_env = "B"\n',
        'model = "m"\n',
    ],
)
def test_bad_values(tmp_path: Path, body: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(InputError):
        resolve_endpoint(config_path=path, env={"B": "x"})


def test_config_file_from_drafter_config_env(tmp_path: Path) -> None:
    path = write(tmp_path, '[model]\nbase_url = "http://h/v1"\nname = "m"\n', name="elsewhere.toml")
    assert resolve_endpoint(env={"DRAFTER_CONFIG": str(path)}).model == "m"
    with pytest.raises(InputError, match="does not exist"):
        resolve_endpoint(env={"DRAFTER_CONFIG": str(tmp_path / "missing.toml")})
    with pytest.raises(InputError, match="does not exist"):
        resolve_endpoint(config_path=tmp_path / "missing.toml", env={})


def test_default_locations(tmp_path: Path) -> None:
    home = tmp_path / "home"
    user_file = home / ".config" / "drafter" / "config.toml"
    user_file.parent.mkdir(parents=True)
    user_file.write_text('[model]\nbase_url = "http://user/v1"\nname = "user-m"\n', encoding="utf-8")
    env = {"HOME": str(home)}
    assert resolve_endpoint(env=env).base_url == "http://user/v1"

    write(tmp_path, '[model]\nbase_url = "http://local/v1"\nname = "local-m"\n', name="drafter.toml")
    assert resolve_endpoint(env=env).base_url == "http://local/v1"  # ./drafter.toml comes first

    xdg = tmp_path / "xdg"
    (xdg / "drafter").mkdir(parents=True)
    (tmp_path / "drafter.toml").unlink()
    xdg_file = xdg / "drafter" / "config.toml"
    xdg_file.write_text('[model]\nbase_url = "http://xdg/v1"\nname = "x"\n', encoding="utf-8")
    assert resolve_endpoint(env={**env, "XDG_CONFIG_HOME": str(xdg)}).base_url == "http://xdg/v1"


def test_cost(tmp_path: Path) -> None:
    endpoint = Endpoint(
        base_url="http://h/v1",
        api_key="k",
        model="m",
        price_prompt_per_1k=Decimal("0.002"),
        price_completion_per_1k=Decimal("0.006"),
    )
    assert endpoint.cost(_U(1500, 500)) == Decimal("0.006")


class _U:
    def __init__(self, prompt_tokens: int, completion_tokens: int) -> None:
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


# ------------------------------------------------------------------ secrets inside the base URL


def test_credentials_in_the_base_url_are_redacted() -> None:
    from drafter.models.config import Endpoint, redact_url

    assert (
        redact_url("https://u:p4ss@host:8443/v1?api-key=abc&v=1")
        == "https://***@host:8443/v1?api-key=***&v=***"
    )
    assert redact_url("http://127.0.0.1:8000/v1") == "http://127.0.0.1:8000/v1"
    endpoint = Endpoint(base_url="https://u:p4ss@host/v1?api-key=abc123", api_key="sk-real", model="m")
    assert set(endpoint.secrets) >= {"sk-real", "p4ss", "abc123"}
    assert "p4ss" not in endpoint.display_url and "abc123" not in endpoint.display_url
