"""Token counting with the cl100k_base encoding, fully offline.

`tiktoken.get_encoding("cl100k_base")` downloads the BPE ranks on first use (or reads them from
TIKTOKEN_CACHE_DIR). drafter ships the ranks file in drafter/resources/ and builds the Encoding from
it, so counting tokens never touches the network. The file is checked against its published sha256.

The ranks are read directly rather than through `tiktoken.load.load_tiktoken_bpe`: that function
also copies the file into tiktoken's cache directory (/tmp/data-gym-cache or TIKTOKEN_CACHE_DIR) and
raises if a user-set cache directory is not writable. Reading the shipped file needs no cache.

Nothing happens at import time: the encoding is built on the first call and cached.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

import tiktoken

from drafter.paths import resource

BPE_FILE = "cl100k_base.tiktoken"
BPE_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"

# Copied from tiktoken_ext.openai_public.cl100k_base (tiktoken 0.7 - 0.14).
_PAT_STR = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_SPECIAL_TOKENS = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}


@functools.cache
def encoding() -> tiktoken.Encoding:
    """The cl100k_base Encoding, built from the shipped ranks file (no download, hash-checked)."""
    path = resource(BPE_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"the token encoding file is missing: {path}")
    ranks = _load_ranks(path, BPE_SHA256)
    return tiktoken.Encoding(
        name="cl100k_base",
        pat_str=_PAT_STR,
        mergeable_ranks=ranks,
        special_tokens=_SPECIAL_TOKENS,
    )


def count_tokens(text: str) -> int:
    """Number of cl100k_base tokens in `text`. Special-token strings count as ordinary text."""
    return len(encoding().encode_ordinary(text))


def _load_ranks(path: Path, expected_sha256: str) -> dict[bytes, int]:
    """Parse a .tiktoken ranks file (`<base64 token> <rank>` per line), as tiktoken.load does."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256:
        raise ValueError(f"{path} is corrupt: sha256 {digest}, expected {expected_sha256}; reinstall drafter")
    ranks: dict[bytes, int] = {}
    for number, line in enumerate(data.splitlines(), start=1):
        if not line:
            continue
        try:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
        except ValueError as e:
            raise ValueError(f"{path}, line {number}: not '<base64 token> <rank>': {line[:60]!r}") from e
    return ranks
