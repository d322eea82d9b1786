"""Embed: the sentence model (MiniLM, int8 ONNX, no torch) and its vector cache.
"""

from .model import DIM, embed, general_model, package_dir, pinned_digests, tokenizer_file, use_disk_cache, vocabulary
from .vector_cache import VectorCache

__all__ = [
    "DIM",
    "VectorCache",
    "embed",
    "general_model",
    "package_dir",
    "pinned_digests",
    "tokenizer_file",
    "use_disk_cache",
    "vocabulary",
]
