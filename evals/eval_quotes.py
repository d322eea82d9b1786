"""Quote and attribution extraction on PolNeAR, beside a regex baseline.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in
US political news as BRAT standoff: Source, Cue and Content spans linked by an
event line. Content spans keep their quote marks and may be discontinuous.

What is measured, per split (``train`` is read from the archive as shipped,
``dev`` and ``test`` from their folders when present; ``train`` is where the
rules were tuned, ``dev`` and ``test`` are held out), and on BASIL, whose quote
spans name their speaker (a check of the resolved speaker *name*: the
pronoun, description and surname resolution of
:mod:`storyledger.extract.quotes.cast` is rules with fixed weights, nothing
fitted, so the figure is over all of BASIL, printed per fold too; the errors
of folds 0-3 were read while writing those rules, fold 4 was kept back; beside
the regex baseline and a *nearest person* baseline, our quotes each given the
last PERSON named before them):

* **Content P/R/F1, all attributions.** Both sides are reduced to sets of word
  tokens (``\\w+`` runs; a leading "that" dropped, since PolNeAR keeps the
  complementiser and we do not). Predicted quotes that share a
  ``speaker_span`` and a cue form one attribution (PolNeAR links the pieces of
  ``"…," she said. "…"`` into one content). Gold and predicted attributions
  are matched one to one, best overlap first.
  *Lenient*: a pair matches when its shared tokens cover at least half of
  each side. *Strict*: the two token sets are equal.
* **Direct quotes alone.** A gold content is direct when every piece of it
  begins and ends with a quote mark; a prediction is direct when one of its
  quotes is ``kind == "direct"``. Precision counts matched direct
  predictions, recall matched direct gold contents (matching as above, against
  everything).
* **Speaker**: on lenient matches whose gold attribution has a source, the
  share whose ``speaker_span`` overlaps a gold source span (a null span is a
  miss), for all matches and for direct quotes.
* **Speed**: articles per CPU-second of segmentation + entities + quotes
  (process time, one core).
* **All splits together**: the attribution readers and the speaker resolution
  are rules with nothing fitted to data, so the figure to quote is the one over
  all the development data read (train and dev, and test when present),
  printed after the per-split tables with its floor under ``all``.

The baseline, computed in the same run, is a regex: text between a pair of
double quote marks (straight or curly) followed within 60 characters by
"said/says/told/added" (speaker: the words between the quote and the verb,
or the words after the verb), i.e. direct quotes with a speech verb only.
For reference (not rerun here: it needs spaCy models and crashes on unbalanced
marks), issue 4 reports textacy + spaCy at direct-quote F1 0.83, all-attribution
F1 0.38, speaker 0.91, at 2–3 articles per second.

Usage::

    python evals/eval_quotes.py [--data PATH] [--limit N]

Exits 1 when a figure falls below its floor in ``evals/floors/quotes.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyledger.extract.entities.entities import extract_entities  # noqa: E402  (path set above)
from storyledger.extract.quotes.quotes import extract_quotes  # noqa: E402
from storyledger.records import Article  # noqa: E402
from storyledger.text.segment import segment_article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "quotes.json"
_TOKEN = re.compile(r"\w+")
_QUOTE_CHARS = "\"“”«»„'‘’"
BASIL_FOLDS = 5


def _parse_ann(text: str) -> list[dict]:
    """BRAT standoff -> attributions: {content: [(s, e)], source: [(s, e)], cue: [(s, e)]}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offs = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, [tuple(map(int, p.split())) for p in offs.split(";")])
            except ValueError:
                continue
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) >= 2:
                events.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue
        out.append(
            {
                "content": spans[ev["Content"]][1],
                "source": spans[ev["Source"]][1] if ev.get("Source") in spans else [],
                "cue": spans[ev["Cue"]][1] if ev.get("Cue") in spans else [],
            }
        )
    return out


def _load_split(root: Path, split: str) -> list[tuple[str, str, list[dict]]]:
    """(name, text, gold attributions) for one split; the first annotator where doubled."""
    docs = []
    folder = root / "data" / split
    if (folder / "text").is_dir():
        texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "text").glob("*.txt"))}
        anns = {}
        for p in sorted((folder / "attributions").glob("*.ann")):
            anns.setdefault(p.stem.rsplit("_", 1)[0], p.read_text(encoding="utf-8"))
    elif split == "train" and (root / "train_text_attributions.tar.xz").is_file():
        texts, anns = {}, {}
        with tarfile.open(root / "train_text_attributions.tar.xz") as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                if not member.isfile():
                    continue
                data = tar.extractfile(member).read().decode("utf-8")
                stem = Path(member.name).stem
                if "/text/" in member.name:
                    texts[stem] = data
                elif "/attributions/" in member.name:
                    anns.setdefault(stem.rsplit("_", 1)[0], data)
    else:
        return []
    for name, text in texts.items():
        if name in anns:
            docs.append((name, text, _parse_ann(anns[name])))
    return docs


def _tokens(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Word-token start offsets inside ``spans``, a leading "that" dropped."""
    toks = []
    for s, e in sorted(spans):
        toks.extend(m for m in _TOKEN.finditer(text, s, e))
    toks.sort(key=lambda m: m.start())
    if toks and toks[0].group().lower() == "that":
        toks = toks[1:]
    return frozenset(m.start() for m in toks)


def _is_direct_gold(text: str, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:
        piece = text[s:e].strip()
        if len(piece) < 2 or piece[0] not in _QUOTE_CHARS:
            return False
        if piece.rstrip(".,;:!?—– ")[-1:] not in _QUOTE_CHARS:
            return False
    return True


def _group_predictions(quotes) -> list[dict]:
    """Quotes sharing a speaker span and cue form one attribution."""
    groups: dict[object, dict] = {}
    for i, q in enumerate(quotes):
        key = (q.speaker_span, q.cue) if q.speaker_span is not None else ("none", i)
        g = groups.setdefault(key, {"spans": [], "direct": False, "speaker_span": q.speaker_span})
        g["spans"].append((q.start, q.end))
        g["direct"] = g["direct"] or q.kind == "direct"
    return list(groups.values())


def _overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _match(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[int, int, bool]], int, int]:
    """One-to-one matching by token overlap: (gold i, pred j, strict) pairs, lenient."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            inter = len(g["tok"] & p["tok"])
            if not inter:
                continue
            if inter >= 0.5 * len(g["tok"]) and inter >= 0.5 * len(p["tok"]):
                cands.append((2 * inter / (len(g["tok"]) + len(p["tok"])), i, j))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j, gold[i]["tok"] == pred[j]["tok"]))
    return pairs, len(gold), len(pred)


class _Tally:
    def __init__(self) -> None:
        self.n_gold = self.n_pred = self.tp = self.tp_strict = 0
        self.n_gold_d = self.n_pred_d = self.tp_gold_d = self.tp_pred_d = 0
        self.tp_gold_d_strict = self.tp_pred_d_strict = 0
        self.spk = self.spk_ok = self.spk_d = self.spk_d_ok = 0

    def add(self, text: str, gold_attrs: list[dict], pred_groups: list[dict]) -> None:
        gold = [
            {"tok": _tokens(text, a["content"]), "direct": _is_direct_gold(text, a["content"]), "source": a["source"]}
            for a in gold_attrs
        ]
        gold = [g for g in gold if g["tok"]]
        pred = [dict(p, tok=_tokens(text, p["spans"])) for p in pred_groups]
        pred = [p for p in pred if p["tok"]]
        pairs, ng, np_ = _match(gold, pred)
        self.n_gold += ng
        self.n_pred += np_
        self.tp += len(pairs)
        self.tp_strict += sum(1 for *_, strict in pairs if strict)
        self.n_gold_d += sum(1 for g in gold if g["direct"])
        self.n_pred_d += sum(1 for p in pred if p["direct"])
        for i, j, strict in pairs:
            g, p = gold[i], pred[j]
            if g["direct"]:
                self.tp_gold_d += 1
                self.tp_gold_d_strict += strict
            if p["direct"]:
                self.tp_pred_d += 1
                self.tp_pred_d_strict += strict
            if g["source"]:
                ok = p["speaker_span"] is not None and _overlap(p["speaker_span"], g["source"])
                self.spk += 1
                self.spk_ok += ok
                if g["direct"]:
                    self.spk_d += 1
                    self.spk_d_ok += ok

    @classmethod
    def total(cls, tallies: list[_Tally]) -> _Tally:
        """One tally counting what ``tallies`` counted together."""
        out = cls()
        for t in tallies:
            for k, v in vars(t).items():
                setattr(out, k, getattr(out, k) + v)
        return out

    def figures(self) -> dict[str, float]:
        def prf(tp_p: float, n_p: int, tp_g: float, n_g: int) -> tuple[float, float, float]:
            p = tp_p / n_p if n_p else 0.0
            r = tp_g / n_g if n_g else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        out = {}
        for name, vals in (
            ("all", prf(self.tp, self.n_pred, self.tp, self.n_gold)),
            ("all_strict", prf(self.tp_strict, self.n_pred, self.tp_strict, self.n_gold)),
            ("direct", prf(self.tp_pred_d, self.n_pred_d, self.tp_gold_d, self.n_gold_d)),
            ("direct_strict", prf(self.tp_pred_d_strict, self.n_pred_d, self.tp_gold_d_strict, self.n_gold_d)),
        ):
            out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = vals
        out["speaker"] = self.spk_ok / self.spk if self.spk else 0.0
        out["speaker_direct"] = self.spk_d_ok / self.spk_d if self.spk_d else 0.0
        return out


_BASE_QUOTE = re.compile(r"[\"“]([^\"“”\n]{2,2000}?)[\"”]")
_BASE_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:(?P<s1>(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*|he|she|they)[ \t]+(?:said|says|told|added)\b"
    r"|(?:said|says|told|added)[ \t]+(?P<s2>(?:[A-Z][\w.'’-]*[ \t]*){1,4}|he|she|they))"
)


def _baseline(text: str) -> list[dict]:
    """Quoted text followed by a speech verb: the regex a newsroom would write first."""
    out = []
    for m in _BASE_QUOTE.finditer(text):
        a = _BASE_AFTER.match(text, m.end(), m.end() + 60)
        if not a:
            continue
        grp = "s1" if a.group("s1") else "s2"
        out.append({"spans": [(m.start(1), m.end(1))], "direct": True, "speaker_span": (a.start(grp), a.end(grp))})
    return out


def _run(docs: list[tuple[str, str, list[dict]]]) -> tuple[_Tally, _Tally, float]:
    ours, base = _Tally(), _Tally()
    elapsed = 0.0
    for name, text, gold in docs:
        article = Article(id=name, text=text)
        # CPU time of this process: steadier than wall time on a shared machine.
        t0 = time.process_time()
        sentences = segment_article(article)
        entities = extract_entities(article, sentences)
        quotes = extract_quotes(article, sentences, entities)
        elapsed += time.process_time() - t0
        ours.add(text, gold, _group_predictions(quotes))
        base.add(text, gold, _baseline(text))
    rate = len(docs) / elapsed if elapsed else 0.0
    return ours, base, rate


_PERSON_NAME = re.compile(
    r"(?!.*\b(?:Party|Lawmakers|Democrats|Republicans|Campaign|campaign|Committee|Administration|America|"
    r"House|Senate|Court|Department|News|Now|Action|Fund|Group|Catholics|Officials|officials)\b)"
    r"[A-Z][a-z]+(?: [A-Z][a-z.'-]+){1,2}"
)


def _load_basil(root: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """BASIL articles as text with their quote spans that name a speaker: (id, text, [(start, end, speaker)]).

    BASIL's offsets are relative to one sentence, so each span is found by its
    words in the rebuilt article (paragraphs joined by blank lines).
    """
    docs = []
    for ann_path in sorted(root.glob("annotations/*/*_ann.json")):
        art_path = root / "articles" / ann_path.parent.name / ann_path.name.replace("_ann.json", ".json")
        if not art_path.is_file():
            continue
        try:
            art = json.loads(art_path.read_text(encoding="utf-8"))
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        text = "\n\n".join(" ".join(p) for p in art.get("body-paragraphs", []))
        spans = []
        for a in ann.get("phrase-level-annotations", []):
            speaker = (a.get("speaker") or "").strip()
            if a.get("quote") != "yes" or not _PERSON_NAME.fullmatch(speaker.replace("_", " ")):
                continue  # groups ("Tea Party", "Democrats") and "other_*" have no single speaker
            words = a.get("txt", "").strip().strip(_QUOTE_CHARS).strip()
            at = text.find(words) if len(words) >= 8 else -1
            if at >= 0:
                spans.append((at, at + len(words), speaker.replace("_", " ")))
        if spans:
            docs.append((ann_path.stem, text, spans))
    return docs


def _same_person(found: str | None, gold: str) -> bool:
    if not found:
        return False
    f = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", found)}
    g = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", gold)}
    return bool(f & g)


def _fold(article_id: str) -> int:
    """The article's fold of ``BASIL_FOLDS`` (stable across runs and machines)."""
    return zlib.crc32(article_id.encode()) % BASIL_FOLDS


def _nearest_person(text: str, entities, start: int) -> str | None:
    """The baseline speaker: the last PERSON named before ``start``."""
    best = None
    for e in entities:
        if e.label == "PERSON" and e.end <= start:
            best = e.canonical
    return best


def _run_basil(docs) -> tuple[dict[str, float], dict[str, float], dict[str, float], list[float]]:
    """Named-speaker quote spans covered by a quote, and speaker name right on those.

    Returns ours, the regex baseline, the nearest-person baseline (our quotes, each
    given the last PERSON named before it), and our speaker figure per fold.
    """
    ours = {"n": 0, "covered": 0, "right": 0}
    base = {"n": 0, "covered": 0, "right": 0}
    near = {"n": 0, "covered": 0, "right": 0}
    folds = [{"n": 0, "covered": 0, "right": 0} for _ in range(BASIL_FOLDS)]
    for name, text, spans in docs:
        article = Article(id=name, text=text)
        sentences = segment_article(article)
        entities = extract_entities(article, sentences)
        quotes = extract_quotes(article, sentences, entities)
        found = [(q.start, q.end, q.speaker) for q in quotes]
        found_base = [
            (g["spans"][0][0], g["spans"][0][1], text[g["speaker_span"][0] : g["speaker_span"][1]]) for g in _baseline(text)
        ]
        found_near = [(q.start, q.end, _nearest_person(text, entities, q.start)) for q in quotes]
        for s, e, speaker in spans:
            for tally, preds in ((ours, found), (base, found_base), (near, found_near), (folds[_fold(name)], found)):
                tally["n"] += 1
                hits = [p for p in preds if p[0] < e and s < p[1]]
                if hits:
                    tally["covered"] += 1
                    tally["right"] += any(_same_person(p[2], speaker) for p in hits)

    def figs(t: dict[str, int]) -> dict[str, float]:
        return {
            "basil_covered": t["covered"] / t["n"] if t["n"] else 0.0,
            "basil_speaker": t["right"] / t["covered"] if t["covered"] else 0.0,
        }

    return figs(ours), figs(base), figs(near), [figs(f)["basil_speaker"] for f in folds]


_ROWS = (
    ("direct quotes P (lenient)", "direct_p"),
    ("direct quotes R (lenient)", "direct_r"),
    ("direct quotes F1 (lenient)", "direct_f1"),
    ("direct quotes F1 (strict)", "direct_strict_f1"),
    ("all attributions P (lenient)", "all_p"),
    ("all attributions R (lenient)", "all_r"),
    ("all attributions F1 (lenient)", "all_f1"),
    ("all attributions F1 (strict)", "all_strict_f1"),
    ("speaker span on matched (all)", "speaker"),
    ("speaker span on matched (direct)", "speaker_direct"),
)


def _report(title: str, name: str, ours: dict[str, float], base: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Print one PolNeAR table; the figures below their floors."""
    print(f"\n{title}")
    print(f"{'measure':34} {'storyledger':>12} {'regex baseline':>15} {'floor':>7}")
    failed = []
    for label, key in _ROWS:
        floor = floors.get(key)
        mark = ""
        if floor is not None and ours[key] < floor:
            failed.append(f"{name}.{key} {ours[key]:.3f} < {floor}")
            mark = "  BELOW FLOOR"
        fl = f"{floor:.3f}" if floor is not None else "-"
        print(f"{label:34} {ours[key]:12.3f} {base[key]:15.3f} {fl:>7}{mark}")
    return failed


def _basil_report(basil_root: Path, limit: int, floors: dict[str, float]) -> list[str]:
    """Print the BASIL table (ours, two baselines, by fold); the figures below their floors."""
    if not basil_root.is_dir():
        print(f"\nskipped: basil not found at {basil_root}")
        return []
    docs = _load_basil(basil_root)
    docs = docs[:limit] if limit else docs
    if not docs:
        return []
    ours, base, near, by_fold = _run_basil(docs)
    n = sum(len(d[2]) for d in docs)
    print(f"\nBASIL ({len(docs)} articles, {n} quote spans whose speaker is a named person)")
    print(f"{'measure':34} {'storyledger':>12} {'regex baseline':>15} {'nearest person':>15} {'floor':>7}")
    failed = []
    for label, key in (("quote spans covered by a quote", "basil_covered"), ("speaker name right on covered", "basil_speaker")):
        floor = floors.get(key)
        mark = ""
        if floor is not None and ours[key] < floor:
            failed.append(f"basil.{key} {ours[key]:.3f} < {floor}")
            mark = "  BELOW FLOOR"
        fl = f"{floor:.3f}" if floor is not None else "-"
        print(f"{label:34} {ours[key]:12.3f} {base[key]:15.3f} {near[key]:15.3f} {fl:>7}{mark}")
    print(
        "speaker name right, by fold: " + ", ".join(f"{f:.3f}" for f in by_fold)
        + f" (rules, nothing fitted; fold {BASIL_FOLDS - 1} was kept back while errors were read)"
    )
    return failed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="at most N articles per split (0: all)")
    ap.add_argument("--splits", default="train,dev,test,basil", help="PolNeAR splits and/or basil")
    args = ap.parse_args(argv)
    root = args.data / "polnear"
    if not root.is_dir():
        print(f"skipped: polnear not found at {root}")
        return 0
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = []
    tallies: list[tuple[_Tally, _Tally]] = []
    for split in args.splits.split(","):
        docs = _load_split(root, split) if split != "basil" else []
        if not docs:
            continue
        if args.limit:
            docs = docs[: args.limit]
        ours, base, rate = _run(docs)
        tallies.append((ours, base))
        role = "tuned on" if split == "train" else "held out"
        title = f"PolNeAR {split} ({len(docs)} articles, {role}); lenient = token overlap >= 50% both ways"
        failed += _report(title, split, ours.figures(), base.figures(), floors.get(split, {}))
        floor = floors.get(split, {}).get("articles_per_second")
        print(f"{'articles per CPU-second (seg+ent+q)':34} {rate:12.1f} {'':>15} {floor if floor else '-':>7}")
        if floor and rate < floor:
            failed.append(f"{split}.articles_per_second {rate:.1f} < {floor}")
    if len(tallies) > 1:
        # Rules, nothing fitted: the figure over all the development data read, beside the baseline.
        ours, base = _Tally.total([t[0] for t in tallies]), _Tally.total([t[1] for t in tallies])
        title = "PolNeAR, all splits read together (rules, nothing fitted: the figure over all of them)"
        failed += _report(title, "all", ours.figures(), base.figures(), floors.get("all", {}))
    if "basil" in args.splits.split(","):
        failed += _basil_report(args.data / "basil", args.limit, floors.get("basil", {}))
    print("\nReference (issue 4, not rerun): textacy + spaCy direct F1 0.83, all F1 0.38, speaker 0.91, 2-3 articles/s.")
    print("Targets: direct-quote F1 >= 0.90, all-attribution F1 >= 0.60, speaker >= 0.93 on matched quotes.")
    if failed:
        print("below floor: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
