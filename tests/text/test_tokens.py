"""drafter.text.tokens: cl100k_base from the shipped file, never from the network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import tiktoken
import tiktoken.load

from drafter.paths import resource
from drafter.text import tokens
from drafter.text.tokens import count_tokens, encoding


def test_known_counts() -> None:
    assert encoding().name == "cl100k_base"
    assert encoding().encode("hello world") == [15339, 1917]
    assert count_tokens("hello world") == 2
    assert count_tokens("") == 0
    assert count_tokens("部门整体支出绩效自评报告") == 13
    # special-token strings are plain text, not an error
    assert count_tokens("<|endoftext|>") > 1


def test_same_as_tiktokens_own_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")  # tiktoken: "" disables its cache
    ranks = tiktoken.load.load_tiktoken_bpe(str(resource(tokens.BPE_FILE)), expected_hash=tokens.BPE_SHA256)
    reference = tiktoken.Encoding(
        name="cl100k_base_ref",
        pat_str=tokens._PAT_STR,
        mergeable_ranks=ranks,
        special_tokens=tokens._SPECIAL_TOKENS,
    )
    assert encoding()._mergeable_ranks == ranks
    text = "2023年基本支出534.51万元，其中:人员支出446.89万元，占基本支出比例83.6%; 'It's 12338' \n\n end"
    assert encoding().encode(text) == reference.encode(text)
    assert encoding().encode("<|endofprompt|>", allowed_special="all") == [100276]


def test_works_offline_without_cache(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))

    def no_network(self, *args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    encoding.cache_clear()
    try:
        assert count_tokens("hello world") == 2
        assert count_tokens("衡阳市妇联") > 0
    finally:
        encoding.cache_clear()  # don't leave an encoding built under the patches for later tests
    assert list(cache.iterdir()) == []  # the shipped file is read in place, not copied to a cache


def test_encoding_is_cached() -> None:
    assert encoding() is encoding()


def test_no_work_at_import() -> None:
    code = "import drafter.text.tokens as t; print(t.encoding.cache_info().currsize)"
    repo = Path(tokens.__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo)
    assert out.stdout.strip() == "0"


def test_corrupt_file_is_refused(tmp_path) -> None:
    bad = tmp_path / "bad.tiktoken"
    bad.write_bytes(resource(tokens.BPE_FILE).read_bytes()[:-10])
    with pytest.raises(ValueError, match="corrupt"):
        tokens._load_ranks(bad, tokens.BPE_SHA256)
