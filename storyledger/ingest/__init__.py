"""Ingest: read articles from files, folders, globs, feeds and WARC archives into :class:`~storyledger.records.Article` records.

Readers per format (``readers``; JSON formats in ``formats``), feeds (``feeds``), encodings (``encoding``),
page-debris cleaning (``clean``) and the plan of which inputs to read with
which manifest (``jobs``).
"""

from .jobs import (
    IngestJob,
    READERS,
    account_articles,
    ingest,
    load_manifest,
    plan_ingest,
    read_job,
    read_jobs,
    unique_articles,
)
from .feeds import FetchPolicy, is_url, poll_feed
from .formats import parse_field_mapping, recognise
from .clean import clean_text
from .encoding import decode_bytes, shown_path

__all__ = [
    "FetchPolicy",
    "IngestJob",
    "READERS",
    "account_articles",
    "clean_text",
    "decode_bytes",
    "ingest",
    "is_url",
    "load_manifest",
    "parse_field_mapping",
    "plan_ingest",
    "poll_feed",
    "read_job",
    "read_jobs",
    "recognise",
    "shown_path",
    "unique_articles",
]
