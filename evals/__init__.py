"""Evaluation commands on real, human-annotated data (``make eval``)."""
