"""Benchmark corpus: the real articles of ``../shared/eval``, and a scaled-up corpus built from them.

``real_articles(data)`` reads every full article the evaluation datasets hold
(BASIL, NewsWCL50, FA-KES, PolNeAR, ECB+, TimeBank/AQUAINT, AllSides excerpts).

``scaled_corpus(real, n, seed)`` grows them to ``n`` articles with documented
mutations that keep the text realistic and the workload honest:

* ``copy``          — an exact copy under another outlet name (wire pick-up);
* ``edited``        — a copy with a few sentences dropped and a word changed in others;
* ``reworded``      — a copy with common words swapped for synonyms sentence by sentence;
* ``mixed``         — the first half of one article followed by the second half of another
                      of the same dataset (an update merging two reports);
* ``original``      — an unchanged real article.

Every article gets a date spread over a year (copies within a few days of their
source), so time windows matter as they do in a real feed. The same ``seed``
always gives the same corpus.

With ``bases=k`` only a seeded sample of ``k`` real articles is grown to ``n``:
each base then yields ``n / k`` articles, so corpora of different sizes built
with ``k`` in proportion to ``n`` have the same shape (articles per story, share
of copies) and differ only in how many stories they hold. That is how a cost
per article is compared across sizes (``bench/bench_sampled.py``); without it a
larger corpus is made of larger stories, mostly copies, and costs less per
article for that reason alone.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import tarfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

_TAG = re.compile(r"<[^>]+>")

SYNONYMS = {
    "said": "stated", "says": "asserts", "people": "individuals", "killed": "slain", "big": "large",
    "help": "assist", "show": "demonstrate", "start": "commence", "end": "conclude", "buy": "purchase",
    "need": "require", "get": "obtain", "use": "utilise", "try": "attempt", "car": "automobile",
    "many": "numerous", "about": "approximately", "city": "municipality", "leader": "chief",
    "government": "administration", "told": "informed", "week": "seven days", "asked": "requested",
}


def _doc(text: str, *, title: str | None, source: str | None, published: str | None, group: str) -> dict:
    return {"text": text.strip(), "title": title, "source": source, "published": published, "group": group}


def real_articles(data: Path) -> list[dict]:
    """Every full article in the evaluation folder (missing datasets are passed over)."""
    out: list[dict] = []
    for reader in (_basil, _newswcl, _fakes, _polnear, _ecbplus, _timebank, _allsides):
        try:
            out.extend(reader(data))
        except (OSError, tarfile.TarError, ValueError, KeyError):
            continue
    return [d for d in out if len(d["text"]) > 200]


def _basil(data: Path) -> Iterator[dict]:
    for p in sorted((data / "basil" / "articles").glob("*/*.json")):
        d = json.loads(p.read_text("utf-8"))
        paras = d["body-paragraphs"]
        if isinstance(paras, str):
            import ast

            paras = ast.literal_eval(paras)
        text = "\n\n".join(" ".join(s) for s in paras)
        yield _doc(text, title=d.get("title"), source=d.get("source"), published=d.get("date"), group="basil:" + d["triplet-uuid"])


def _newswcl(data: Path) -> Iterator[dict]:
    for p in sorted((data / "newswcl50" / "1-raw-articles").glob("event_*/*.txt*")):
        yield _doc(p.read_text("utf-8", errors="replace"), title=None, source=p.stem.split("_")[-1].split(".")[0], published=None, group="wcl:" + p.parent.name)


def _fakes(data: Path) -> Iterator[dict]:
    raw = (data / "fakes_syria" / "fakes.csv").read_bytes().decode("cp1252", errors="replace")
    for row in csv.DictReader(io.StringIO(raw)):
        m, d, y = (row.get("date") or "1/1/00").split("/")
        when = f"20{int(y):02d}-{int(m):02d}-{int(d):02d}"
        yield _doc(row["article_content"], title=row["article_title"], source=row["source"], published=when, group=f"fakes:{when}:{row['location']}")


def _polnear(data: Path) -> Iterator[dict]:
    base = data / "polnear"
    for p in sorted(base.glob("data/*/text/*.txt")):
        yield _doc(p.read_text("utf-8", errors="replace"), title=None, source=p.name.split("_")[0], published=p.name.split("_")[1], group="polnear:" + p.stem)
    tar = base / "train_text_attributions.tar.xz"
    if tar.exists():
        with tarfile.open(tar) as tf:
            for m in tf:
                if m.isfile() and "/text/" in m.name and m.name.endswith(".txt"):
                    name = Path(m.name).name
                    text = tf.extractfile(m).read().decode("utf-8", errors="replace")
                    yield _doc(text, title=None, source=name.split("_")[0], published=name.split("_")[1], group="polnear:" + name)


def _xml_text(xml: str) -> str:
    return " ".join(re.findall(r"<token[^>]*>([^<]*)</token>", xml))


def _ecbplus(data: Path) -> Iterator[dict]:
    with tarfile.open(data / "ecbplus" / "ecbplus.tar.xz") as tf:
        for m in tf:
            if m.isfile() and m.name.endswith(".xml"):
                text = _xml_text(tf.extractfile(m).read().decode("utf-8", errors="replace"))
                yield _doc(text, title=None, source=None, published=None, group="ecb:" + m.name.split("/")[1])


def _timebank(data: Path) -> Iterator[dict]:
    with tarfile.open(data / "tempeval3" / "TBAQ-cleaned.tar.xz") as tf:
        for m in tf:
            if m.isfile() and m.name.endswith(".tml"):
                xml = tf.extractfile(m).read().decode("utf-8", errors="replace")
                body = xml.split("</DCT>", 1)[-1]
                dct = re.search(r'value="(\d{4}-\d{2}-\d{2})', xml)
                yield _doc(_TAG.sub("", body), title=None, source=None, published=dct.group(1) if dct else None, group="tml:" + m.name)


def _allsides(data: Path) -> Iterator[dict]:
    import ast

    for line in (data / "allsides_neus" / "stories.jsonl").read_text("utf-8").splitlines():
        story = json.loads(line)
        for side, item in (story.get("news") or {}).items():
            body = item.get("newBody") or ""
            if isinstance(body, list):
                sents = body
            else:
                try:
                    sents = ast.literal_eval(body) if body.startswith("[") else [body]
                except (ValueError, SyntaxError):
                    sents = [body]
            yield _doc(" ".join(sents), title=item.get("newsTitle"), source=item.get("newsSource"),
                       published=(story.get("date") or "")[:10] or None, group=f"allsides:{story['id']}")


def _reword(text: str, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        w = m.group(0)
        rep = SYNONYMS.get(w.lower())
        if rep is None or rng.random() < 0.2:
            return w
        return rep.capitalize() if w[0].isupper() else rep

    return re.sub(r"[A-Za-z]+", swap, text)


def _edit(text: str, rng: random.Random) -> str:
    sents = re.split(r"(?<=[.!?])\s+", text)
    kept = [s for s in sents if rng.random() > 0.15] or sents
    return " ".join(kept)


def scaled_corpus(real: list[dict], n: int, seed: int = 13, *, bases: int | None = None) -> list[dict]:
    """Grow the real articles (or a seeded sample of ``bases`` of them) to ``n`` by the mutations in the module docstring."""
    if not real:
        raise ValueError("scaled_corpus needs at least one real article")
    if bases is not None:
        if not 1 <= bases <= len(real):
            raise ValueError(f"bases must be between 1 and {len(real)}, not {bases}")
        keep = sorted(random.Random(seed + 1).sample(range(len(real)), bases))
        real = [real[i] for i in keep]
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    out: list[dict] = []
    outlets = [f"Outlet {i:03d}" for i in range(200)]
    # each real article's story happens on one day of the year; its copies follow within days
    home = [rng.randrange(365) for _ in real]
    while len(out) < n:
        for k, base in enumerate(real):
            if len(out) >= n:
                break
            kind = rng.choices(["original", "copy", "edited", "reworded", "mixed"], [0.4, 0.15, 0.2, 0.15, 0.1])[0]
            if kind in ("copy", "edited", "reworded"):
                day = start + timedelta(days=home[k] + rng.randrange(4))
            elif kind == "original" and len(out) < len(real):
                day = start + timedelta(days=home[k])
            else:  # a later original of the same text, or a merge of two reports: any day
                day = start + timedelta(days=rng.randrange(365))
            text = base["text"]
            if kind == "edited":
                text = _edit(text, rng)
            elif kind == "reworded":
                text = _reword(text, rng)
            elif kind == "mixed":
                other = rng.choice(real)
                text = text[: len(text) // 2] + "\n\n" + other["text"][len(other["text"]) // 2 :]
            # a marker keeps every generated article distinct text, as real pick-ups differ in bylines
            text = f"{text}\n\n({rng.choice(outlets)}, report {len(out)})"
            out.append({**base, "text": text, "source": rng.choice(outlets), "published": day.isoformat(), "mutation": kind})
    return out


def write_jsonl(docs: list[dict], path: Path) -> Path:
    """Write documents as storyledger JSON Lines input."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, d in enumerate(docs):
            row = {"id": f"bench-{i}", "text": d["text"], "title": d.get("title"), "source": d.get("source"), "published": d.get("published")}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_corpus(docs: list[dict], folder: Path, per_file: int = 5000) -> Path:
    """Write documents as a folder of JSON Lines files of ``per_file`` articles each (as a feed dump would be)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(0, max(len(docs), 1), per_file):
        path = folder / f"part-{k // per_file:05d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, d in enumerate(docs[k : k + per_file], k):
                row = {"id": f"bench-{i}", "text": d["text"], "title": d.get("title"), "source": d.get("source"), "published": d.get("published")}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return folder
