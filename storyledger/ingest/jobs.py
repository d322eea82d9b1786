"""Read articles from files, folders and globs, in any supported format.

:func:`ingest` yields an :class:`~storyledger.records.Article` for every article
read and a :class:`~storyledger.records.Skip` (input, one-line reason) for every
input that gave none; it never raises for a bad input.

Formats, by file extension (:data:`READERS`; a further ``.gz`` is unpacked):

* ``.txt``, ``.md``: one article; optional YAML front matter with ``title``,
  ``source``, ``published``, ``url``;
* ``.html``, ``.htm``: the article body of a web page (trafilatura) and its
  title, site name, date (htmldate) and URL;
* ``.jsonl``, ``.ndjson``: one article per line with ``text`` or ``html`` and
  optional ``id`` (kept verbatim as the article id), ``title``, ``source``,
  ``published``, ``url``; or news-please or IPTC ninjs objects, recognised by
  their fields; or any JSON read through a field mapping
  (:mod:`storyledger.ingest.formats`);
* ``.json``: one such object (a news-please file), an array of them, or JSON Lines;
* ``.xml``, ``.rss``, ``.atom``: one article per feed entry (feedparser);
* ``.warc``, ``.warc.gz``: every HTML response record (warcio).

Inputs:

* a file is read whatever its name; an unsupported extension gives a skip;
* a folder is walked recursively in sorted order; hidden entries are left out,
  files of unsupported types are ignored silently, and files named like project
  documentation (``README*``, ``LICENSE*``, ``CHANGELOG*``, ...) are skipped with
  a reason, since a README beside the articles describes them (name such a
  file explicitly to read it as an article);
* a path that does not exist but holds ``*``, ``?`` or ``[`` is a glob (``**``
  recurses); its matches are treated like a folder's files;
* a file reached twice is read once.

Metadata from a manifest (see :func:`load_manifest`) fills and overrides what a
file says of itself: an explicit ``manifest=`` first, then a ``manifest.json``
in the folder being walked (which is never read as an article). A manifest
value of ``null`` leaves the file's own value in place.

Text conventions (see :mod:`storyledger.ingest.clean`): ``Article.text`` has debris
lines removed and paragraphs separated by one blank line; ``Article.removed``
offsets point into the text as received (see :mod:`storyledger.ingest.readers`).
The id is ``content_id("a", text)`` unless the input gives one.

Size: a file over ``max_bytes`` is skipped; for WARC archives the limit applies
to each record, since an archive holds many pages.
"""

from __future__ import annotations

import dataclasses
import functools
import glob
import gzip
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from . import formats as _formats
from . import readers as _readers
from .encoding import shown_path
from .readers import Reader, checked_date
from ..errors import IngestError
from ..options import MAX_BYTES
from ..records import Article, Duplicate, Skip

__all__ = [
    "IngestJob",
    "MANIFEST_NAME",
    "Manifest",
    "READERS",
    "account_articles",
    "ingest",
    "ingest_file",
    "load_manifest",
    "plan_ingest",
    "read_job",
    "read_jobs",
    "supported_extension",
    "unique_articles",
]

logger = logging.getLogger(__name__)

def _read_warc(stream, shown: str, **kwargs):
    """:func:`storyledger.ingest.warc.read_warc`, imported on first use: warcio loads only for WARC inputs."""
    from .warc import read_warc

    return read_warc(stream, shown, **kwargs)


READERS: dict[str, Reader] = {
    ".txt": _readers.read_text,
    ".md": _readers.read_markdown,
    ".markdown": _readers.read_markdown,
    ".html": _readers.read_html,
    ".htm": _readers.read_html,
    ".xhtml": _readers.read_html,
    ".json": _formats.read_json,
    ".jsonl": _formats.read_jsonl,
    ".ndjson": _formats.read_jsonl,
    ".xml": _readers.read_feed,
    ".rss": _readers.read_feed,
    ".atom": _readers.read_feed,
    ".warc": _read_warc,
    ".warc.gz": _read_warc,
}
MANIFEST_NAME = "manifest.json"
_DOC_PREFIXES = ("readme", "license", "licence", "changelog", "changes", "contributing", "copying", "authors",
                 "notice", "code_of_conduct")
_META_FIELDS = ("title", "source", "published", "url")
_GLOB_CHARS = frozenset("*?[")

Manifest = dict[str, dict[str, Any]]


def supported_extension(path: str) -> tuple[str | None, bool]:
    """The reader key for a file name, and whether it is gzip-compressed.

    Example:
        >>> supported_extension("a/b.warc.gz"), supported_extension("page.HTML.gz"), supported_extension("x.pdf")
        (('.warc.gz', False), ('.html', True), (None, False))
    """
    name = os.path.basename(path).lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz", False
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    return (ext, compressed) if ext in READERS else (None, False)


def load_manifest(path: str) -> Manifest:
    """Read a manifest: metadata for files, keyed by file name.

    Accepted shapes: ``{"articles": [{"file": "a.txt", "source": ..., ...}, ...]}``
    (as in ``examples/karabakh/manifest.json``), a bare list of such entries, or
    ``{"a.txt": {"source": ...}, ...}``. Known fields: ``title``, ``source``,
    ``published``, ``url``; others are ignored.

    Args:
        path: the manifest file.

    Returns:
        ``{file name or relative path: {field: value}}`` with ``null`` values left out.

    Raises:
        IngestError: the file cannot be read or has none of the accepted shapes.
    """
    try:
        with open(path, encoding="utf-8-sig") as fh:
            doc = json.load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"manifest {path}: cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(f"manifest {path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    entries: list[tuple[str, Any]] = []
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    if isinstance(doc, list):
        for entry in doc:
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                raise IngestError(f'manifest {path}: every entry needs a "file" name')
            entries.append((entry["file"], entry))
    elif isinstance(doc, dict):
        entries = [(k, v) for k, v in doc.items() if isinstance(v, dict)]
        if not entries:
            raise IngestError(f'manifest {path}: expected {{"articles": [{{"file": ..., "source": ...}}]}}')
    else:
        raise IngestError(f'manifest {path}: expected {{"articles": [{{"file": ..., "source": ...}}]}}')
    manifest: Manifest = {}
    for name, entry in entries:
        fields = {k: entry[k] for k in _META_FIELDS if entry.get(k) not in (None, "")}
        manifest[os.path.normpath(name).replace(os.sep, "/")] = fields
    return manifest


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class IngestJob:
    """One file to read, with the manifest metadata that applies to it (picklable, for a runner)."""

    path: str
    named: bool = True  # the user named it: an unsupported type gives a skip, not silence
    meta: tuple[tuple[str, Any], ...] = ()
    fields: tuple[tuple[str, str], ...] = ()  # a JSON field mapping (storyledger.ingest.formats)


def plan_ingest(
    paths: Sequence[str], *, manifest: str | None = None, fields: Sequence[tuple[str, str]] = (),
) -> tuple[list[IngestJob], list[Skip]]:
    """List the files that :func:`ingest` would read, in order, and the inputs it would skip outright.

    Args:
        paths: files, folders and globs, as for :func:`ingest`.
        manifest: an explicit manifest file.
        fields: a field mapping for JSON inputs (see :func:`storyledger.ingest.formats.parse_field_mapping`).

    Returns:
        ``(jobs, skips)``: one job per file to read, and skips for missing
        paths, empty globs, documentation files and unreadable manifests.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path given bare, not a list of its characters
    skips: list[Skip] = []
    explicit: tuple[str, Manifest] | None = None
    if manifest is not None:
        try:
            explicit = (os.path.dirname(os.path.abspath(manifest)), load_manifest(manifest))
        except IngestError as exc:
            said = str(exc).removeprefix(f"manifest {manifest}: ")
            skips.append(Skip(input=shown_path(manifest), reason=shown_path(said)))
    planned: list[tuple[str, tuple[str, Manifest] | None, bool]] = []
    _plan([os.fspath(p) for p in paths], planned, skips, manifest)
    jobs = []
    for path, folder_manifest, in_folder in planned:
        meta = _lookup(path, explicit) or _lookup(path, folder_manifest) or {}
        jobs.append(IngestJob(path=path, named=not in_folder, meta=tuple(sorted(meta.items())), fields=tuple(fields)))
    return jobs, skips


def read_job(job: IngestJob, max_bytes: int = MAX_BYTES) -> tuple[Article | Skip, ...]:
    """Read one planned file and attach its manifest metadata (a top-level function for ``Runner.map``)."""
    meta = dict(job.meta)
    return tuple(
        _apply(item, meta) if meta and isinstance(item, Article) else item
        for item in ingest_file(job.path, max_bytes=max_bytes, named=job.named, fields=job.fields)
    )


def ingest(
    paths: Sequence[str],
    *,
    manifest: str | None = None,
    max_bytes: int = MAX_BYTES,
    on_file: Callable[[str, int, int], None] | None = None,
    runner: Any = None,
    fields: Sequence[tuple[str, str]] = (),
) -> Iterator[Article | Skip]:
    """Read articles from files, folders and globs.

    Args:
        paths: files, folders (walked recursively) and glob patterns, read in the
            order given, each folder in sorted order.
        manifest: a JSON file of metadata by file name (see :func:`load_manifest`).
        max_bytes: files larger than this are skipped (WARC: each record).
        on_file: called as ``on_file(path, done, total)`` after each file is
            read, for a progress display.
        runner: a :class:`storyledger.runners.Runner` to read files in parallel
            (HTML extraction is the slow part); results keep the input order.
        fields: a field mapping for JSON inputs, ``((our field, source field), ...)``
            (see :func:`storyledger.ingest.formats.parse_field_mapping`).

    Yields:
        An ``Article`` per article read, a ``Skip`` per input that gave none.

    Example:
        >>> items = list(ingest(["examples/karabakh"]))  # doctest: +SKIP
        >>> [type(i).__name__ for i in items]  # doctest: +SKIP
        ['Skip', 'Article', 'Article', 'Article']
    """
    jobs, skips = plan_ingest(paths, manifest=manifest, fields=fields)
    yield from skips
    yield from read_jobs(jobs, max_bytes=max_bytes, on_file=on_file, runner=runner)


def read_jobs(
    jobs: Sequence[IngestJob],
    *,
    max_bytes: int = MAX_BYTES,
    on_file: Callable[[str, int, int], None] | None = None,
    runner: Any = None,
) -> Iterator[Article | Skip]:
    """Read planned files (see :func:`plan_ingest`) in order, as :func:`ingest` does."""
    read = functools.partial(read_job, max_bytes=max_bytes)
    results = runner.map(read, jobs) if runner is not None else map(read, jobs)
    for index, (job, items) in enumerate(zip(jobs, results)):
        if on_file is not None:
            on_file(job.path, index + 1, len(jobs))
        yield from items


def account_articles(items: Iterable[Article | Skip]) -> tuple[list[Article], list[Skip], list[Duplicate]]:
    """Split read items into articles, skips and duplicates, so that every input record is accounted for.

    The first record of a text (whitespace aside) or of an id is the article;
    a later record with the same text, or with an id already taken, is not
    analysed again but listed as a :class:`~storyledger.records.Duplicate`
    naming the article analysed in its place.

    Returns:
        ``(articles, skipped, duplicates)``, each in input order.
    """
    articles: list[Article] = []
    skipped: list[Skip] = []
    duplicates: list[Duplicate] = []
    seen_ids: set[str] = set()
    by_text: dict[str, str] = {}
    for item in items:
        if isinstance(item, Skip):
            skipped.append(item)
            continue
        key = " ".join(item.text.split())
        first = by_text.get(key)
        if first is not None or item.id in seen_ids:
            reason = "same_text" if first is not None else "same_id"
            duplicates.append(Duplicate(id=item.id, duplicate_of=first or item.id, input=item.path, reason=reason))
            logger.info("duplicate article %s (%s) kept once", item.id, item.path)
            continue
        seen_ids.add(item.id)
        by_text[key] = item.id
        articles.append(item)
    return articles, skipped, duplicates


def unique_articles(items: Iterable[Article | Skip]) -> tuple[list[Article], list[Skip]]:
    """Split read items into articles and skips; the same article twice (same id or same text) is kept once.

    :func:`account_articles` does the same and also says which records were left out as duplicates.
    """
    articles, skipped, _ = account_articles(items)
    return articles, skipped


def ingest_file(
    path: str, *, max_bytes: int = MAX_BYTES, named: bool = True, fields: Sequence[tuple[str, str]] = (),
) -> Iterator[Article | Skip]:
    """Read one file with the reader for its extension.

    Args:
        path: the file.
        max_bytes: size limit (for WARC, per record).
        named: the user named this file (an unsupported type gives a skip, not silence).
        fields: a field mapping, applied to JSON inputs.

    Yields:
        Articles and skips; never raises for a bad file. A name that is not UTF-8
        is given in them with ``\\xNN`` escapes (:func:`~storyledger.ingest.encoding.shown_path`).
    """
    ext, compressed = supported_extension(path)
    shown = shown_path(path)
    if ext is None:
        if named:
            kinds = ", ".join(sorted(READERS))
            yield Skip(input=shown, reason=f"unsupported file type (supported: {kinds})")
        return
    try:
        if ext in (".warc", ".warc.gz"):
            with open(path, "rb") as stream:
                yield from _read_warc(stream, shown, max_bytes=max_bytes)
            return
        data = _read_bytes(path, max_bytes, compressed)
        if isinstance(data, Skip):
            yield data
            return
        reader = READERS[ext]
        if fields and reader in (_formats.read_json, _formats.read_jsonl):
            reader = functools.partial(reader, fields=tuple(fields))
        yield from reader(data, shown)
    except OSError as exc:
        yield Skip(input=shown, reason=f"cannot be read ({shown_path(str(exc.strerror or exc))})")
    except Exception as exc:  # the last safety net: one bad file must not end a run
        logger.debug("reading %s failed", shown, exc_info=True)
        said = shown_path(" ".join(str(exc).split())[:200])
        yield Skip(input=shown, reason=f"could not be read ({type(exc).__name__}: {said})")


def _read_bytes(path: str, max_bytes: int, compressed: bool) -> bytes | Skip:
    size = os.path.getsize(path)
    if not compressed and size > max_bytes:
        return Skip(input=shown_path(path), reason=f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    if not compressed:
        with open(path, "rb") as fh:
            return fh.read()
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        return Skip(input=shown_path(path), reason=f"not a readable gzip file ({exc})")
    if len(data) > max_bytes:
        return Skip(input=shown_path(path), reason=f"unpacks to over the {max_bytes:,}-byte limit")
    return data


def _plan(
    paths: Sequence[str],
    plan: list[tuple[str, tuple[str, Manifest] | None, bool]],
    skips: list[Skip],
    explicit_manifest: str | None,
) -> None:
    """List the files to read, in order, each with its folder's manifest."""
    seen: set[str] = set()
    if explicit_manifest:
        seen.add(os.path.realpath(explicit_manifest))

    def add(path: str, folder_manifest: tuple[str, Manifest] | None, in_folder: bool) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            plan.append((path, folder_manifest, in_folder))

    for given in paths:
        if os.path.isdir(given):
            _walk(given, add, skips, seen)
        elif os.path.exists(given):
            add(given, None, False)
        elif _GLOB_CHARS & set(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                skips.append(Skip(input=shown_path(given), reason="no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    _walk(match, add, skips, seen)
                elif supported_extension(match)[0] and os.path.basename(match) != MANIFEST_NAME:
                    add(match, None, True)
        else:
            skips.append(Skip(input=shown_path(given), reason="no such file or folder"))


def _walk(root: str, add: Callable[..., None], skips: list[Skip], seen: set[str]) -> None:
    folder_manifest: tuple[str, Manifest] | None = None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if MANIFEST_NAME in filenames:
            manifest_path = os.path.join(dirpath, MANIFEST_NAME)
            seen.add(os.path.realpath(manifest_path))
            if folder_manifest is None:  # the top-most manifest covers the whole walk
                try:
                    folder_manifest = (os.path.abspath(dirpath), load_manifest(manifest_path))
                except IngestError as exc:
                    said = str(exc).removeprefix(f"manifest {manifest_path}: ")
                    skips.append(Skip(input=shown_path(manifest_path), reason=shown_path(said)))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.startswith(".") or name == MANIFEST_NAME or supported_extension(name)[0] is None:
                continue
            if name.lower().startswith(_DOC_PREFIXES):
                # A folder's README or LICENSE describes the folder; it is passed over
                # like a file of unknown type (name it explicitly to read it as an article).
                logger.info("passing over documentation file %s", shown_path(path))
                continue
            add(path, folder_manifest, True)


def _lookup(path: str, manifest: tuple[str, Manifest] | None) -> dict[str, Any] | None:
    if not manifest:
        return None
    base, entries = manifest
    rel = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
    return entries.get(rel) or entries.get(os.path.basename(path))


def _apply(article: Article, meta: dict[str, Any]) -> Article:
    changes: dict[str, Any] = {}
    for key, value in meta.items():
        if key == "published":
            value = checked_date(value, f"{article.path} (manifest)")
        elif not isinstance(value, str) or not value.strip():
            value = None
        if value:
            changes[key] = value.strip()
    return dataclasses.replace(article, **changes) if changes else article
