"""Errors raised by storyledger.

The tree::

    StoryLedgerError            anything storyledger raises on purpose
    ├── ConfigError             a setting or option has an invalid value
    ├── IngestError             an input cannot be read as articles (file named in the message)
    ├── ModelError              a packaged model is missing or damaged (names the package to install)
    └── StoreError              the database cannot be opened, migrated or written

A user's mistake is always one of these, and the CLI prints its message on one
line with no traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "IngestError",
    "ModelError",
    "StoreError",
    "StoryLedgerError",
]


class StoryLedgerError(Exception):
    """Base class of every error storyledger raises on purpose."""


class ConfigError(StoryLedgerError):
    """A setting or command-line option has an invalid value."""


class IngestError(StoryLedgerError):
    """An input cannot be read as articles."""


class ModelError(StoryLedgerError):
    """A packaged model is missing or damaged."""


class StoreError(StoryLedgerError):
    """The database cannot be opened, migrated or written."""
