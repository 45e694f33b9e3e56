"""Line recognition for the ONNX engine: the PP-OCRv6 recogniser (shipped in the `rapidocr` wheel) run
on ONNX Runtime up to its output layer, and that layer evaluated in numpy.

Script by line: the output layer is first evaluated for Latin characters only (a quarter of the work of
the whole alphabet); a line where some step is explained by neither a Latin character nor the CTC blank
is evaluated again over the whole alphabet, so CJK (and the other scripts the model knows) is read
where it is drawn while Latin-only screens pay for Latin only.

Results depend on a crop's pixels only: each crop is scaled to the model's height and run on its own, so
nothing else read in the same image or process changes what it reads as (to the last bit); identical
crops are therefore recognised once per process.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import threading
from collections import OrderedDict
from concurrent.futures import Executor
from importlib import resources
from pathlib import Path
from typing import Literal

import cv2
import numpy as np

from ..errors import SeerError

Charset = Literal["auto", "latin", "all"]
REC_HEIGHT = 48
MEMO_SIZE = 20000
# Where the text is Latin, the best Latin character or the blank scores a logit of 15-30 at every step;
# on a CJK glyph every Latin logit stays under 10. Steps under this are read with the whole alphabet.
SCRIPT_LOGIT = 11.0
THRESHOLDS = {"auto": SCRIPT_LOGIT, "latin": -math.inf, "all": math.inf}
# Characters of the Latin output layer: ASCII, Latin-1 letters and common UI symbols.
LATIN = (
    "".join(chr(c) for c in range(32, 127))
    + "€£¥©®°±×÷•…–—‘’“”·§¶→←↑↓✓✔✕✗★☆♥√∞≤≥≠µ½¼¾²³¹ÀÁÂÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿ"
)


def _models() -> tuple[Path, Path]:
    """The shipped recogniser, and where its split parts are cached (a name per model version)."""
    full = Path(str(resources.files("rapidocr") / "models" / "PP-OCRv6_rec_small.onnx"))
    if not full.is_file():
        raise SeerError(f"OCR model missing: {full}; reinstall seer (pip install --force-reinstall rapidocr)")
    stat = full.stat()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "seer" / "models"
    return full, cache / f"PP-OCRv6_rec_small.{stat.st_size}.{int(stat.st_mtime)}"


def _split_model(full: Path, base: Path) -> tuple[bytes | str, bytes | str, list[str], np.ndarray, np.ndarray]:
    """(backbone model, output layer model, alphabet, output weights, output bias), cut from the
    shipped model once and cached beside `base`; without a writable cache they are kept in memory."""
    parts = [base.with_name(base.name + suffix) for suffix in (".features.onnx", ".head.onnx", ".head.npz")]
    if all(p.is_file() for p in parts):
        with np.load(parts[2]) as z:
            return str(parts[0]), str(parts[1]), list(z["chars"]), z["w"], z["b"]
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(full))
    chars = ["", *next(p.value for p in model.metadata_props if p.key == "character").splitlines(), " "]
    head = [n for n in model.graph.node if n.op_type == "MatMul"][-1]
    bias = next(n for n in model.graph.node if n.op_type == "Add" and n.input[0] == head.output[0])
    weights = {
        i.name: numpy_helper.to_array(i) for i in model.graph.initializer if i.name in (head.input[1], bias.input[1])
    }
    w, b = weights[head.input[1]].astype(np.float32), weights[bias.input[1]].astype(np.float32)
    nodes = list(model.graph.node)[: list(model.graph.node).index(head)]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    kept = [i for i in model.graph.initializer if i.name not in weights]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    del model.graph.output[:]
    model.graph.output.append(onnx.helper.make_tensor_value_info(head.input[0], onnx.TensorProto.FLOAT, None))
    features, layer = model.SerializeToString(), _head_model(w, b)
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        for path, write in zip(
            parts,
            (
                lambda f: f.write(features),
                lambda f: f.write(layer),
                lambda f: np.savez(f, chars=np.array(chars), w=w, b=b),
            ),
        ):
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                write(f)
            tmp.replace(path)
        return str(parts[0]), str(parts[1]), chars, w, b
    except OSError:
        return features, layer, chars, w, b


def _cached(path: Path, build) -> bytes | str:
    """A model built once and kept at `path`, or in memory when the cache is not writable."""
    if path.is_file():
        return str(path)
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return str(path)
    except OSError:
        return data


def _head_model(w: np.ndarray, b: np.ndarray, softmax: bool = True) -> bytes:
    """The output layer alone, features (T, D) -> probabilities (or logits) (T, C), for ONNX Runtime:
    numpy's BLAS threads spin against the recognition pool and cost ten times the work."""
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("MatMul", ["f", "w"], ["m"]),
        helper.make_node("Add", ["m", "b"], ["l" if softmax else "p"]),
    ]
    if softmax:
        nodes.append(helper.make_node("Softmax", ["l"], ["p"], axis=-1))
    graph = helper.make_graph(
        nodes,
        "head",
        [helper.make_tensor_value_info("f", TensorProto.FLOAT, [None, w.shape[0]])],
        [helper.make_tensor_value_info("p", TensorProto.FLOAT, [None, w.shape[1]])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


def session(model: bytes | str, threads: int):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.enable_cpu_mem_arena = True
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = threads or (os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])


def input_width(crop: np.ndarray) -> int:
    """Width of a crop scaled to the recogniser's height."""
    return max(8, math.ceil(REC_HEIGHT * crop.shape[1] / max(1, crop.shape[0])))


class Recognizer:
    """Reads BGR line crops: `recognizer(crops) -> [(text, mean confidence)]`, one per crop."""

    def __init__(self, pool: Executor, charset: Charset = "auto") -> None:
        full, base = _models()
        model, layer, chars, w, b = _split_model(full, base)
        self._session = session(model, 1)
        self._head = session(layer, 1)
        self._pool = pool
        self._chars = np.array(chars, dtype=object)
        self._latin = np.array([i for i, ch in enumerate(chars) if i == 0 or ch in LATIN])
        self._latin_head = session(
            _cached(
                base.with_name(f"{base.name}.latin-{hashlib.sha1(self._latin.tobytes()).hexdigest()[:12]}.onnx"),
                lambda: _head_model(np.ascontiguousarray(w[:, self._latin]), b[self._latin], softmax=False),
            ),
            1,
        )
        self._threshold = THRESHOLDS[charset]
        self._memo: OrderedDict[bytes, tuple[str, float]] = OrderedDict()
        self._memo_lock = threading.Lock()

    def __call__(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        keys = [
            hashlib.blake2b(c.tobytes(), digest_size=16, person=repr(c.shape).encode()[:16]).digest() for c in crops
        ]
        with self._memo_lock:
            known = {k: self._memo[k] for k in keys if k in self._memo}
        todo: dict[bytes, np.ndarray] = {}
        for k, c in zip(keys, crops):
            if k not in known:
                todo.setdefault(k, c)
        # one crop per run, widest first, runs side by side on one core each: small convolutions
        # parallelise poorly inside one run, and batching saved no CPU time while tying each
        # crop's result (to the last float bit) to the crops batched with it
        order = sorted(todo, key=lambda k: -todo[k].shape[1] / max(1, todo[k].shape[0]))
        known.update(zip(order, self._pool.map(self._read_one, [todo[k] for k in order])))
        with self._memo_lock:
            for k in todo:
                self._memo[k] = known[k]
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return [known[k] for k in keys]

    def _read_one(self, crop: np.ndarray) -> tuple[str, float]:
        scaled = cv2.resize(crop, (input_width(crop), REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
        x = (scaled.transpose(2, 0, 1)[None] / 127.5 - 1.0).astype(np.float32)
        feats = self._session.run(None, {"x": x})[0][0]
        return self._decode(*self._classify(feats))

    def _classify(self, feats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The best character (index into the whole alphabet) and its probability at every step. A line
        with any step that no Latin character explains is read with the whole alphabet at every step,
        so a CJK line keeps its look-alikes (に, not i) and a mixed line reads as one."""
        logits = self._latin_head.run(None, {"f": feats})[0]
        top = logits.max(axis=1)
        if top.min() < self._threshold:
            probs = self._head.run(None, {"f": feats})[0]
            idx = probs.argmax(axis=1)
            return idx, probs[np.arange(len(idx)), idx]
        return self._latin[logits.argmax(axis=1)], 1.0 / np.exp(logits - top[:, None]).sum(axis=1)

    def _decode(self, idx: np.ndarray, conf: np.ndarray) -> tuple[str, float]:
        keep = idx != 0
        keep[1:] &= idx[1:] != idx[:-1]
        if not keep.any():
            return "", 0.0
        return one_script_words("".join(self._chars[idx[keep]])), float(conf[keep].mean())


_WORD = re.compile(r"[A-Za-z0-9]+")


def _one_script(m: re.Match) -> str:
    w = m.group()
    rest = w.replace("0", "").replace("O", "")
    if len(rest) >= 2 and rest.isalpha() and rest.isupper():
        return w.replace("0", "O")  # INF0, ERR0R: a zero among capitals is the letter
    if rest and rest.isdigit():
        return w.replace("O", "0")  # 1O0, 2O26: a capital O among digits is the digit
    return w


def one_script_words(text: str) -> str:
    """O and 0 look alike to the recogniser: inside a word of capitals it is O, among digits 0."""
    return _WORD.sub(_one_script, text)
