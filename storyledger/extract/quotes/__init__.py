"""Quotes: direct and reported speech, with the speaker resolved to a named entity.

Quotation marks in ``marks``; speech cues in ``cues``; who a cue attaches to
in ``attribution``, and after a quote's closing mark in ``closing``; speakers
resolved against the article's entities in ``speakers``, pronouns and
descriptions to people in ``cast``; the steps in ``quotes``.
"""

from .quotes import describe_speakers, extract_quotes, speaker_roles
from .speakers import SpeakerResolver

__all__ = [
    "SpeakerResolver",
    "describe_speakers",
    "extract_quotes",
    "speaker_roles",
]
