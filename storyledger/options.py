"""One options object for a run, validated when built, and the settings hash of a stored analysis.

:class:`AnalyzeOptions` is what a caller (the CLI, a notebook, a test) decides
about a run: which inputs are read (``manifest``, ``max_bytes``), how articles
are grouped into stories (``cluster``), how a figure's current value is
chosen (``policy``), and how widely sentence pairs are searched for shared
passages (``align``). The CLI builds one from its flags and passes it down; the
pipeline hands it to every story task, so a worker analyses a story exactly as
the driver was told to.

:meth:`AnalyzeOptions.settings_hash` names what a story's analysis depends
on: the options that change an analysis and the content of the model files.
The store keeps it beside each analysis, so an analysis computed under other
options, or with other model files, reads as stale
(:meth:`~storyledger.store.store.Store.stale_analyses`).

Example:
    >>> AnalyzeOptions(policy="range").policy
    'range'
    >>> AnalyzeOptions(policy="newest")
    Traceback (most recent call last):
    ...
    storyledger.errors.ConfigError: policy must be one of latest, conservative, range, not 'newest'
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from .align import AlignSettings
    from .cluster import ClusterSettings

__all__ = [
    "AnalyzeOptions",
    "MAX_BYTES",
    "POLICIES",
    "model_fingerprint",
]

#: How a figure's current value is chosen (see :func:`storyledger.reconcile.reconcile_figures`).
POLICIES = ("latest", "conservative", "range")
#: Inputs (files, feed pages, archive records) larger than this many bytes are skipped by default.
MAX_BYTES = 5_000_000

#: Bumped when what an analysis holds changes in a way the options and the models do not show.
_HASH_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzeOptions:
    """The options of one run.

    Attributes:
        policy: how a figure's current value is chosen: ``latest``, ``conservative`` or ``range``.
        max_bytes: input files larger than this are skipped.
        manifest: a JSON manifest attaching outlet, date, URL and title to input files.
        fields: where JSON inputs hold our fields, ``(("text", "body"), ...)``
            (see :func:`storyledger.ingest.formats.parse_field_mapping`).
        cluster: the settings of story clustering.
        align: the settings of candidate generation in alignment.

    Raises:
        ConfigError: a value out of range (checked when the options are built).
    """

    policy: str = "latest"
    max_bytes: int = MAX_BYTES
    manifest: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    cluster: ClusterSettings = field(default_factory=lambda: _settings_types()[0]())
    align: AlignSettings = field(default_factory=lambda: _settings_types()[1]())

    def __post_init__(self) -> None:
        if self.policy not in POLICIES:
            raise ConfigError(f"policy must be one of {', '.join(POLICIES)}, not {self.policy!r}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be a whole number of bytes, at least 1, not {self.max_bytes!r}")
        if self.manifest is not None and not isinstance(self.manifest, str):
            raise ConfigError(f"manifest must be a file path, not {self.manifest!r}")
        if not isinstance(self.fields, tuple) or not all(
            isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair) for pair in self.fields
        ):
            raise ConfigError(f"fields must be a tuple of (field, source field) pairs, not {self.fields!r}")
        cluster_type, align_type = _settings_types()
        if not isinstance(self.cluster, cluster_type):
            raise ConfigError(f"cluster must be ClusterSettings, not {type(self.cluster).__name__}")
        if not isinstance(self.align, align_type):
            raise ConfigError(f"align must be AlignSettings, not {type(self.align).__name__}")

    def settings_hash(self) -> str:
        """What a story's analysis depends on, as a short stable name.

        Covers the policy, the cluster and alignment settings and the content
        of every model file. The manifest, the field mapping and the size limit are left out: they decide which
        articles are read, and an article is stored as it was read.
        """
        return _settings_hash(
            self.policy,
            tuple(sorted(dataclasses.asdict(self.cluster).items())),
            tuple(sorted(dataclasses.asdict(self.align).items())),
        )


def _settings_types() -> tuple[type[ClusterSettings], type[AlignSettings]]:
    # imported when options are built, so that importing this module (the CLI does) loads no stage
    from .align import AlignSettings
    from .cluster import ClusterSettings

    return ClusterSettings, AlignSettings


@functools.lru_cache(maxsize=16)
def _settings_hash(policy: str, cluster: tuple, align: tuple) -> str:
    payload = {
        "version": _HASH_VERSION,
        "policy": policy,
        "cluster": dict(cluster),
        "align": dict(align),
        "models": model_fingerprint(),
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
    return f"v{_HASH_VERSION}:{digest[:20]}"


@functools.lru_cache(maxsize=1)
def model_fingerprint() -> dict[str, str]:
    """SHA-256 (first 16 hex digits) of each model file an analysis reads, by name; a missing file is ``missing``.

    The sentence model, its tokenizer and the verdict encoder are named by the
    digests they are pinned to (:func:`storyledger.embed.pinned_digests`; a file
    that differs is refused when loaded), so they are not read again here; the
    other shipped files (``storyledger/models/``, the paraphrase model) are hashed,
    once per process.
    """
    from .embed import pinned_digests

    prints = {name: digest[:16] for name, digest in pinned_digests().items()}
    prints.update((name, _file_digest(path)) for name, path in _model_files().items() if name not in prints)
    return dict(sorted(prints.items()))


def _model_files() -> dict[str, Path]:
    """The shipped model files not pinned by the sentence model's loader."""
    shipped = Path(__file__).resolve().parent / "models"
    return {f"storyledger/models/{p.name}": p for p in shipped.iterdir() if p.is_file()}


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return "missing"
    return digest.hexdigest()[:16]
