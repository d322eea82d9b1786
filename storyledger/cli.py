"""The command-line interface: a thin shell over the library.

Each command parses its options, calls one library function and prints. A
user's mistake (a :class:`~storyledger.errors.StoryLedgerError`) is one line on
stderr and exit status 2; anything else is an internal error, exit status 1
(``-v`` shows the traceback).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from .errors import StoryLedgerError
from .options import MAX_BYTES, POLICIES

__all__ = [
    "EXPORT_TABLES",
    "analyze",
    "cli",
    "compare",
    "export",
    "extract",
    "html_report",
    "ingest",
    "main",
    "serve",
    "show",
    "stories",
    "watch",
]

EXIT_OK, EXIT_INTERNAL, EXIT_NO_INPUT = 0, 1, 2


# What a terminal must not be sent raw: C0 and C1 control characters (ESC, BEL, CSI
# starts a sequence that can set the window title or move the cursor; CR and a newline
# in a name can forge a line) and the lone surrogates by which Python keeps the bytes
# of a file name that are not UTF-8. Multi-line text keeps its newlines and tabs.
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_JSON = re.compile("[\x7f-\x9f\ud800-\udfff]")  # json.dumps escapes the C0 characters itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _printable(text: str, *, one_line: bool = False, fmt: str = "text") -> str:
    """``text`` safe for a terminal: control characters and undecodable bytes written as escapes.

    ``one_line`` escapes newlines and tabs too (a skip line, a title in a list);
    ``fmt="json"`` writes JSON escapes (``\\u009b``), so the document stays valid JSON.
    """
    if fmt == "json":
        return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return (_UNSAFE_LINE if one_line else _UNSAFE_TEXT).sub(lambda m: _escape(m.group()), text)


def _say(message: str) -> None:
    """One line on stderr, escaped (names and reasons come from the input)."""
    click.echo(_printable(message, one_line=True), err=True)


class _PrintableFormatter(logging.Formatter):
    """Log records with control characters escaped (messages quote names and titles from the input)."""

    def format(self, record: logging.LogRecord) -> str:
        return _printable(super().format(record))


def _fail(message: str, code: int = EXIT_NO_INPUT) -> None:
    _say(f"storyledger: {message}")
    sys.exit(code)


def _guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one line and an exit status; never a traceback for a user."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StoryLedgerError as e:
            _fail(str(e))
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            sys.exit(EXIT_OK)
        except Exception as e:  # an internal error: say so plainly, traceback only with -v
            if logging.getLogger("storyledger").isEnabledFor(logging.DEBUG):
                raise
            _fail(f"internal error: {type(e).__name__}: {e} (run with -v for the traceback)", EXIT_INTERNAL)

    return wrapper




def _field_mapping(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    """Keep the ``--field`` mapping for :func:`_options` (it reaches no command's signature)."""
    from .errors import IngestError
    from .ingest import parse_field_mapping

    try:
        ctx.meta["storyledger.fields"] = parse_field_mapping(value)
    except IngestError as e:
        raise click.BadParameter(str(e), ctx, param) from e


def _input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--field", "fields", multiple=True, metavar="NAME=SOURCE_FIELD", expose_value=False,
                      callback=_field_mapping, help="Read our field NAME (text, html, title, source, published, url, id) "
                      "from SOURCE_FIELD of JSON inputs (a dotted name reads a nested object); repeatable.")(fn)
    fn = click.option("--manifest", type=click.Path(dir_okay=False), help="JSON file attaching outlet/date/url/title to input files.")(fn)
    fn = click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True, help="Skip input files larger than this.")(fn)
    return click.argument("paths", nargs=-1, required=True)(fn)


def _policy_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--policy", type=click.Choice(POLICIES), default="latest", show_default=True, help="How a figure's current value is chosen.")(fn)


def _options(manifest: str | None, max_bytes: int, policy: str = "latest"):
    """The one options object of a run, from the flags (validated as it is built)."""
    from .options import AnalyzeOptions

    ctx = click.get_current_context(silent=True)
    fields = ctx.meta.get("storyledger.fields", ()) if ctx is not None else ()
    return AnalyzeOptions(manifest=manifest, max_bytes=max_bytes, policy=policy, fields=fields)


def _runner_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--runner", type=click.Choice(["serial", "local", "dask"]), default="local", show_default=True, help="Where per-article and per-story work runs.")(fn)
    fn = click.option("--scheduler", metavar="tcp://HOST:PORT", help="Dask scheduler address (with --runner dask).")(fn)
    return click.option("--workers", type=click.IntRange(min=1), help="Processes for --runner local (default: every core).")(fn)


def _format_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)(fn)
    return click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of standard output.")(fn)


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on a terminal (rich), nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _emit(text: str, output: str | None, fmt: str = "text") -> None:
    """Write a rendered document to ``output`` or standard output, control characters escaped."""
    text = _printable(text, fmt=fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _report_skips(skipped: list[Any]) -> None:
    for s in skipped:
        _say(f"skipped {s.input}: {s.reason}")


def _make_runner(runner: str, scheduler: str | None, workers: int | None):
    if runner == "dask" and not scheduler:
        raise click.UsageError("--runner dask needs --scheduler tcp://HOST:PORT")
    from .pipeline import make_runner

    return make_runner(runner, scheduler=scheduler, workers=workers)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyledger")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens, and show tracebacks of internal errors.")
def cli(verbose: bool) -> None:
    """Group news articles into stories, align what they share, reconcile their
    figures and quotes across sources and time, and write a cited brief."""
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler])
    if not verbose:
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@cli.command()
@_input_options
@_format_options
@_runner_options
@click.option("--db", type=click.Path(dir_okay=False), help="Also store articles and stories in this SQLite database.")
@_policy_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_guarded
def analyze(paths, manifest, max_bytes, fmt, output, runner, scheduler, workers, db, policy, quiet) -> None:
    """Analyse articles: stories, shared passages, figures, quotes, disputes, brief.

    PATHS are files, folders (read recursively) or glob patterns of .txt, .md,
    .html, .json/.jsonl (ours, news-please, IPTC ninjs, or any with --field),
    RSS/Atom feeds and WARC archives.
    """
    from . import incremental, pipeline
    from .embed import use_disk_cache
    from .present import document, render
    from .store import Store, store_document

    options = _options(manifest, max_bytes, policy)
    with _progress(quiet) as progress, _make_runner(runner, scheduler, workers) as run:
        if db:
            with Store(db) as store:
                use_disk_cache(f"{db}.vectors")
                update = incremental.update_store(store, paths, options, runner=run, progress=progress)
                doc = store_document(store)
            doc["duplicates"] = document((), duplicates=update.duplicates)["duplicates"]
            skipped, usable = update.skipped, update.seen
        else:
            result = pipeline.analyze(paths, options, runner=run, progress=progress)
            doc = document(result.articles, result.skipped, result.analyses, duplicates=result.duplicates)
            skipped, usable = result.skipped, len(result.articles)
    _report_skips(skipped)
    _emit(render(doc, fmt), output, fmt)
    if not usable:
        _fail("no usable input: nothing was analysed")


@cli.command()
@_input_options
@_runner_options
@click.option("--db", type=click.Path(dir_okay=False), required=True, help="The SQLite database to add to (created if missing).")
@_policy_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_guarded
def ingest(paths, manifest, max_bytes, runner, scheduler, workers, db, policy, quiet) -> None:
    """Add articles to a database, updating only the stories they change.

    Sentence vectors are kept beside the database in DB.vectors, so a story
    that gains an article is re-aligned without embedding its stored
    sentences again (a cache: safe to delete).
    """
    from . import incremental
    from .embed import use_disk_cache
    from .store import Store

    options = _options(manifest, max_bytes, policy)
    # sentence vectors of stored articles are kept beside the store: a story that
    # gains an article is re-aligned without embedding its old sentences again
    use_disk_cache(f"{db}.vectors")
    with _progress(quiet) as progress, _make_runner(runner, scheduler, workers) as run, Store(db) as store:
        result = incremental.update_store(store, paths, options, runner=run, progress=progress)
    _report_skips(result.skipped)
    _say(f"{result.added} new article(s), {result.changed} story(ies) updated; {result.total} article(s) in {db}")
    if not result.added and not result.seen:
        _fail("no usable input: nothing was added")


@cli.command()
@_input_options
@_runner_options
@click.option("--db", type=click.Path(dir_okay=False), required=True, help="The SQLite database to add to (created if missing).")
@click.option("--interval", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Seconds between rounds.")
@click.option("--settle", type=click.FloatRange(min=0.0), default=2.0, show_default=True, help="Seconds a file must be left unmodified before it is read.")
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--allow-private", is_flag=True, help="Let feed entry links reach loopback, private and link-local "
              "addresses (refused by default unless on the feed's own host).")
@_policy_option
@_guarded
def watch(paths, manifest, max_bytes, runner, scheduler, workers, db, interval, settle, once, allow_private, policy) -> None:
    """Watch folders, files, globs or feed addresses and add what is new to a database.

    Each round reads only the files the database has not read in their present
    form, and only the new entries of each RSS/Atom feed given as an http(s)
    address (fetching the page of an entry that carries only a summary); only
    the stories they change are recomputed. A line per round tells what it
    did. Stop with Ctrl-C.

    Feed pages are fetched over http(s) only, each within one deadline and
    size; an entry link to a loopback, private or link-local address is
    refused unless it is on the feed's own host or --allow-private is given.
    """
    import time

    from . import watch as watching
    from .embed import use_disk_cache
    from .ingest import FetchPolicy
    from .store import Store

    reported: set[tuple[str, str]] = set()

    def on_round(r) -> None:
        new = [s for s in r.skipped if (s.input, s.reason) not in reported]
        _report_skips(new)
        if not allow_private and any(s.reason.startswith("refused:") and "address" in s.reason for s in new):
            _say("(an entry link to a non-public address was refused; --allow-private lets watch fetch it)")
        reported.update((s.input, s.reason) for s in r.skipped)
        waiting = f", {r.waiting} still being written" if r.waiting else ""
        _say(
            f"{time.strftime('%H:%M:%S')} {r.files} file(s) read{waiting}: {r.added} new article(s), "
            f"{r.changed} story(ies) updated; {r.total} article(s) in {db}"
        )

    options = _options(manifest, max_bytes, policy)
    use_disk_cache(f"{db}.vectors")
    with _make_runner(runner, scheduler, workers) as run, Store(db) as store:
        try:
            watching.watch(store, paths, options, interval=interval, rounds=1 if once else None, on_round=on_round,
                           settle=settle, runner=run, fetch_policy=FetchPolicy(allow_private=allow_private))
        except KeyboardInterrupt:
            _say(f"stopped; {store.count_articles()} article(s) in {db}")


@cli.command()
@_input_options
@_format_options
@_guarded
def extract(paths, manifest, max_bytes, fmt, output) -> None:
    """Extract figures, quotes, dates and named things from each article."""
    from .pipeline import extract_inputs
    from .present import document, render, render_extract

    result = extract_inputs(paths, _options(manifest, max_bytes))
    _report_skips(result.skipped)
    doc = document(result.articles, result.skipped, (), facts=result.facts, duplicates=result.duplicates)
    _emit(render_extract(doc) if fmt != "json" else render(doc, "json"), output, fmt)
    if not result.articles:
        _fail("no usable input: nothing was analysed")


@cli.command()
@click.option("--pairs", type=click.Path(dir_okay=False, exists=True), required=True, help='JSON Lines of {"id", "a", "b"}.')
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write JSON Lines here instead of standard output.")
@_guarded
def compare(pairs, output) -> None:
    """Say how two texts relate: verbatim, near_verbatim, paraphrase,
    shared_quote, related or different (JSON Lines in, JSON Lines out)."""
    from .align import compare_texts
    from .pipeline import read_pairs

    items, problems = read_pairs(pairs)
    for p in problems:
        _say(p)
    lines = [json.dumps({"id": i, "kind": k, "score": round(s, 4)}, ensure_ascii=False) for i, k, s in compare_texts(items)]
    _emit("".join(line + "\n" for line in lines), output, "json")
    if not items:
        _fail(f"{pairs}: no usable pair")


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, exists=True), required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True)
@_guarded
def stories(db, fmt, limit) -> None:
    """List the stories in a database, newest activity first."""
    from .store import Store

    with Store(db, readonly=True) as store:
        rows = store.stories_summary()[:limit]
    if fmt == "json":
        click.echo(_printable(json.dumps(rows, ensure_ascii=False, indent=2), fmt="json"))
        return
    for r in rows:
        line = f"{r['id']}  {str(r.get('last_activity') or '')[:10]:10}  {r['n_articles']:>3} art. {r['n_sources']:>3} src.  {r['title']}"
        click.echo(_printable(line, one_line=True))


@cli.command()
@click.argument("story")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), required=True)
@_format_options
@_guarded
def show(story, db, fmt, output) -> None:
    """Print one story of a database."""
    from .present import render
    from .store import Store, story_document

    with Store(db, readonly=True) as store:
        doc = story_document(store, story)
    if doc is None:
        _fail(f"no story {story!r} in {db} (see: storyledger stories --db {db})")
    _emit(render(doc, fmt), output, fmt)


@cli.command("report")
@click.argument("paths", nargs=-1)
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="Render the stories of this database instead of PATHS.")
@click.option("--manifest", type=click.Path(dir_okay=False))
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="report.html", show_default=True)
@_guarded
def html_report(paths, db, manifest, max_bytes, output) -> None:
    """Write a self-contained HTML report (opens offline in any browser)."""
    from .pipeline import analyze
    from .present import document, render_html
    from .store import Store, store_document

    if bool(paths) == bool(db):
        raise click.UsageError("give PATHS or --db, not both")
    if db:
        with Store(db, readonly=True) as store:
            doc = store_document(store)
    else:
        result = analyze(paths, _options(manifest, max_bytes))
        _report_skips(result.skipped)
        doc = document(result.articles, result.skipped, result.analyses, duplicates=result.duplicates)
        if not result.articles:
            _fail("no usable input: nothing was analysed")
    Path(output).write_text(render_html(doc), encoding="utf-8")
    _say(f"wrote {output}")


#: The tables of ``export`` (storyledger.store.views.TABLES; named here so that importing the CLI loads no stage).
EXPORT_TABLES = ("stories", "articles", "figures", "quotes", "disputes", "derivations")


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, exists=True), required=True)
@click.option("--table", type=click.Choice(EXPORT_TABLES), required=True, help="The table: one row per story, article, figure report, quote occurrence, dispute citation or derivation.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True, help="Parquet needs pip install 'storyledger[parquet]'.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of standard output (required for Parquet).")
@_guarded
def export(db, table, fmt, output) -> None:
    """Write one table of a database for spreadsheets, pandas or DuckDB.

    The same tables are views in the database itself (export_stories,
    export_figures, ...), for any SQLite tool.
    """
    from .present import export_table

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    count, data = export_table(db, table, fmt, output)
    if data is not None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        click.echo(f"wrote {count} {table} row(s) to {output}", err=True)


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, exists=True), required=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@_guarded
def serve(db, host, port) -> None:
    """Serve a local web app over a database (read-only)."""
    from .present import serve as run_server

    run_server(db, host=host, port=port)


def main() -> None:
    """Entry point of the ``storyledger`` command."""
    cli(prog_name="storyledger")
