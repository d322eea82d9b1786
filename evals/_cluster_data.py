"""Loaders turning the clustering evaluation sets into Articles with gold labels.

Each loader returns ``list[Labelled]``: the Article the tool sees (text, title,
published where the dataset knows it) and the gold groups, which the tool never
sees. Article ids are content-derived so they carry no label.

* ECB+ (``ecbplus/ecbplus.tar.xz``): token-level XML, ``ECB+/<topic>/<topic>_<n>ecb.xml``
  and ``..._<n>ecbplus.xml``. A topic holds two similar seminal events: the
  original ECB documents describe one, the ECB+ documents the other, so the
  event label is ``topic + sub-corpus``. ECB+ documents carry the page URL as
  sentence 0, dropped here (a URL is not article text). No dates.
* NewsWCL50 (``newswcl50/1-raw-articles/event_<e>/<e>_<outlet>.txt``): one
  paragraph per line, usually the headline first. Publication dates come from
  the URL in ``urls.tsv`` where the URL holds one (``/2018/04/17/``).
* BASIL (``basil/articles/<year>/<triplet>_<n>.json``): title, date,
  ``body-paragraphs`` (lists of sentences); the label is ``triplet-uuid``.
* AllSides/NeuS (``allsides_neus/stories.jsonl``): per story, left/centre/right
  excerpts (title + a few sentences); the story date stands for each
  excerpt's date. Used in training only by cross-validation folds
  (``eval_cluster.cross_validate``).

Every dataset is split by group into a dev half (tuning) and a held-out half
(reporting): groups are ordered by a hash of their name and alternated, so the
split is stable and does not follow the dataset's own ordering.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tarfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from storyledger.records import Article, content_id

__all__ = ["Labelled", "load_allsides", "load_basil", "load_ecbplus", "load_newswcl50", "split_halves"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Labelled:
    """An article with its gold groups (``topic`` is coarser than ``event``; may be equal)."""

    article: Article
    dataset: str
    topic: str
    event: str


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text


def _ecb_article(data: bytes) -> tuple[str, str]:
    root = ET.fromstring(data)
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = []
    for _, toks in sorted(sentences.items()):
        line = _detokenize(toks)
        if line.startswith("http") or line.startswith("www"):
            continue
        lines.append(line)
    title = lines[0] if lines else ""
    return title, "\n".join(lines)


def load_ecbplus(root: Path) -> list[Labelled]:
    """ECB+ documents; ``topic`` is the ECB+ topic, ``event`` the topic plus sub-corpus."""
    archive = root / "ecbplus" / "ecbplus.tar.xz"
    out = []
    with tarfile.open(archive) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            m = re.search(r"/(\d+)/\1_(\d+)(ecbplus|ecb)\.xml$", member.name)
            if not m or not member.isfile():
                continue
            data = tar.extractfile(member).read()
            title, text = _ecb_article(data)
            if not text.strip():
                continue
            topic = f"ecb{m.group(1)}"
            art = Article(id=content_id("a", "ecb", member.name), text=text, title=None)
            out.append(Labelled(article=art, dataset="ecbplus", topic=topic, event=f"{topic}-{m.group(3)}"))
    return out


_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")


def load_newswcl50(root: Path) -> list[Labelled]:
    """NewsWCL50 articles; one event each (topic == event)."""
    base = root / "newswcl50"
    dates: dict[tuple[str, str], str] = {}
    with open(base / "urls.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 3 and (m := _URL_DATE.search(row[2])):
                dates[(row[0], row[1])] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    out = []
    for path in sorted((base / "1-raw-articles").glob("event_*/*.txt*")):
        m = re.match(r"(\d+)_([A-Z]+)\.txt", path.name)
        if not m:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace").strip()
        lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
        title = lines[0] if lines and len(lines[0].split()) <= 25 else None
        art = Article(
            id=content_id("a", "wcl", path.name),
            text="\n".join(lines),
            title=title,
            published=dates.get((m.group(1), m.group(2))),
        )
        label = f"wcl{m.group(1)}"
        out.append(Labelled(article=art, dataset="newswcl50", topic=label, event=label))
    return out


def load_basil(root: Path) -> list[Labelled]:
    """BASIL articles; the triplet is both topic and event."""
    out = []
    for path in sorted((root / "basil" / "articles").glob("*/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        paras = d.get("body-paragraphs") or []
        text = "\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paras)
        if not text.strip():
            continue
        label = f"basil-{d.get('triplet-uuid') or path.name.rsplit('_', 1)[0]}"
        art = Article(
            id=content_id("a", "basil", path.name),
            text=text,
            title=d.get("title") or None,
            published=d.get("date") or None,
        )
        out.append(Labelled(article=art, dataset="basil", topic=label, event=label))
    return out


def load_allsides(root: Path) -> list[Labelled]:
    """AllSides story excerpts; the story is both topic and event."""
    import ast

    out = []
    path = root / "allsides_neus" / "stories.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        story = json.loads(line)
        date = str(story.get("date") or "")[:10] or None
        for side, item in sorted((story.get("news") or {}).items()):
            body = item.get("newBody") or []
            if isinstance(body, str):
                try:
                    body = ast.literal_eval(body)
                except (ValueError, SyntaxError):
                    body = [body]
            text = " ".join(str(b) for b in body).strip()
            if not text:
                continue
            art = Article(
                id=content_id("a", "allsides", story.get("id"), side),
                text=text,
                title=item.get("newsTitle") or None,
                published=date,
            )
            label = f"allsides{story.get('id')}"
            out.append(Labelled(article=art, dataset="allsides", topic=label, event=label))
    return out


def split_halves(items: list[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """Split by topic into (dev, held-out): topics ordered by hash, alternated."""
    topics = sorted({x.topic for x in items}, key=lambda t: hashlib.sha1(t.encode()).hexdigest())
    dev_topics = set(topics[0::2])
    dev = [x for x in items if x.topic in dev_topics]
    held = [x for x in items if x.topic not in dev_topics]
    return dev, held
