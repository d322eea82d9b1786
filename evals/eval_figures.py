"""Evaluate figure extraction on NewsQuant (values, qualifiers) and FA-KES (casualty counts).

Usage::

    python evals/eval_figures.py [--data PATH] [--show N] [--no-quantulum]

NewsQuant (``newsquant/NewsQuant.json``): news sentences with every quantity,
its value and its change (``=``, ``~``, ``>``, ``<``, ``up``, ``down``).
Each sentence is one :class:`Article`; :func:`storyledger.extract.figures.figures.extract_figures`
runs on it. A predicted figure matches a gold quantity when the values are
equal (relative tolerance 1e-6); a gold range ``a-b`` matches a predicted range
with the same ends; a predicted range may match gold single values at its two
ends (NewsQuant writes "eight or nine euros" as two values). Precision, recall
and F1 of values; qualifier accuracy on matched values, reading ours as
exact/range -> ``=``, about -> ``~``, more_than/at_least -> ``>``,
less_than/at_most -> ``<`` and gold ``up``/``down`` as ``=`` (a change, with
no hedge on the number).

Baselines in the same run: quantulum3 0.10.0 for values and, for qualifiers,
a keyword rule over the three words before each matched number. quantulum3 is
installed by this script into a throwaway virtual environment under /tmp
(``/tmp/storyledger-eval-quantulum3``, reused on later runs), never into the
project's: its optional classifier pins a scikit-learn other than the
project's, so it runs without the classifier, which only chooses between
readings of a unit, not values. If it cannot be installed the baseline is
reported as not run; ``--no-quantulum`` skips it.

Known costs by design: ages ("a 50-year-old") are not figures here but are
NewsQuant quantities. (An amount with its conversion, "1.3 billion shekels
($350 million)", is two figures, as it is two NewsQuant quantities.)

FA-KES (``fakes_syria/fakes.csv``, cp1252): per article, the crowd-annotated
number killed is ``nb_civilians + nb_noncivilians`` (0 = none reported); ours is
:func:`storyledger.extract.figures.figures.casualty_count` (``None`` counts as 0). Exact-match
accuracy, beside the regex baseline "first number near killed/dead" (plain,
and skipping dates and years).

Splits: NewsQuant sentences and FA-KES articles are ordered by a hash of their
text and alternated into a dev half (used while writing the rules) and a
held-out half; both are printed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyledger.extract.figures.figures import casualty_count, extract_figures  # noqa: E402  (path set above)
from storyledger.records import Article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "figures.json"
QVENV = Path("/tmp/storyledger-eval-quantulum3")
_Q_MAP = {"exact": "=", "range": "=", "about": "~", "more_than": ">", "at_least": ">",
          "less_than": "<", "at_most": "<"}


def _split(items: list, key) -> dict[str, list]:
    items = sorted(items, key=lambda x: hashlib.sha1(key(x).encode("utf-8", "replace")).hexdigest())
    return {"dev": items[0::2], "held-out": items[1::2]}


def _gold_value(v: str) -> tuple[float, float | None]:
    m = re.fullmatch(r"\s*(-?[\d.e+]+)\s*-\s*(-?[\d.e+]+)\s*", v)
    if m:
        return float(m.group(1)), float(m.group(2))
    return float(v), None


def _eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def match(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one value matching; a predicted range may take two gold singles."""
    used: dict[int, int] = {}
    pairs = []
    for gi, g in enumerate(golds):
        try:
            lo, hi = _gold_value(g["value"])
        except ValueError:
            continue
        for pi, p in enumerate(preds):
            cap = 2 if p.get("high") is not None and p.get("low") is not None and p["low"] != p["high"] else 1
            if used.get(pi, 0) >= cap:
                continue
            if hi is not None:
                ok = (_eq(p.get("low"), lo) and _eq(p.get("high"), hi)) or _eq(p["value"], lo)
            else:
                ok = _eq(p["value"], lo) or (cap == 2 and (_eq(p.get("low"), lo) or _eq(p.get("high"), lo)))
            if ok:
                used[pi] = used.get(pi, 0) + 1
                pairs.append((pi, gi))
                break
    return pairs


def _keyword_qualifier(sentence: str, start: int) -> str:
    words = " ".join(re.findall(r"[\w']+", sentence[:start].lower())[-3:])
    if re.search(r"\b(?:about|approximately|around|roughly|nearly|almost|some|estimated)$", words):
        return "~"
    if re.search(r"\b(?:more than|over|at least|above)$", words):
        return ">"
    if re.search(r"\b(?:less than|fewer than|under|up to|below|at most)$", words):
        return "<"
    return "="


def _ours(text: str) -> list[dict]:
    figs = extract_figures(Article(id="s", text=text), ())
    return [{"value": f.value, "low": f.low, "high": f.high, "qualifier": f.qualifier, "start": f.start,
             "end": f.end} for f in figs if f.value is not None]


def _quantulum(sentences: list[str]) -> list[list[dict]] | None:
    """quantulum3's values per sentence, from a throwaway venv; None if it cannot run."""
    py = QVENV / "bin" / "python"
    try:
        if not py.exists():
            subprocess.run([sys.executable, "-m", "venv", str(QVENV)], check=True, capture_output=True, timeout=120)
            subprocess.run([str(py), "-m", "pip", "install", "-q", "quantulum3==0.10.0"], check=True,
                           capture_output=True, timeout=600)
        code = (
            "import json,sys\nfrom quantulum3 import parser\nout=[]\n"
            "for s in json.load(sys.stdin):\n"
            "    try: qs=parser.parse(s)\n    except Exception: qs=[]\n"
            "    out.append([{'value': float(q.value), 'span': list(q.span)} for q in qs])\n"
            "print(json.dumps(out))\n"
        )
        res = subprocess.run([str(py), "-c", code], input=json.dumps(sentences), capture_output=True, text=True,
                             check=True, timeout=900)
        return json.loads(res.stdout)
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return None


def eval_newsquant(items: list[dict], baseline: list[list[dict]] | None) -> dict:
    tp_p = n_pred = tp_g = n_gold = 0
    q_ok = q_kw = q_n = 0
    b_tp_p = b_pred = b_tp_g = 0
    errors = []
    for i, item in enumerate(items):
        text = item["text"]
        golds = item["quantities"]
        preds = _ours(text)
        pairs = match(preds, golds)
        n_pred += len(preds)
        n_gold += len(golds)
        tp_p += len({p for p, _ in pairs})
        tp_g += len({g for _, g in pairs})
        for pi, gi in pairs:
            gold_q = golds[gi]["change"]
            gold_q = "=" if gold_q in ("up", "down") else gold_q
            q_n += 1
            q_ok += _Q_MAP[preds[pi]["qualifier"]] == gold_q
            q_kw += _keyword_qualifier(text, preds[pi]["start"]) == gold_q
            if _Q_MAP[preds[pi]["qualifier"]] != gold_q:
                errors.append(("qualifier", text, golds[gi]["value"], gold_q, preds[pi]["qualifier"]))
        matched_p = {p for p, _ in pairs}
        matched_g = {g for _, g in pairs}
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                errors.append(("extra", text, text[p["start"]:p["end"]], p["value"]))
        for gi, g in enumerate(golds):
            if gi not in matched_g:
                errors.append(("missed", text, g["value"], g["unit"]))
        if baseline is not None:
            bp = [{"value": q["value"]} for q in baseline[i]]
            bpairs = match(bp, golds)
            b_pred += len(bp)
            b_tp_p += len({p for p, _ in bpairs})
            b_tp_g += len({g for _, g in bpairs})

    def prf(tp_pred, npred, tp_gold, ngold):
        p = tp_pred / max(1, npred)
        r = tp_gold / max(1, ngold)
        return p, r, 2 * p * r / max(1e-9, p + r)

    out = {"ours": prf(tp_p, n_pred, tp_g, n_gold), "qualifier": q_ok / max(1, q_n),
           "qualifier_keyword": q_kw / max(1, q_n), "n_gold": n_gold, "errors": errors}
    if baseline is not None:
        out["quantulum3"] = prf(b_tp_p, b_pred, b_tp_g, n_gold)
    return out


def load_fakes(path: Path) -> list[dict]:
    """The rows of FA-KES's ``fakes.csv`` (cp1252; a byte it cannot decode is replaced)."""
    with path.open(encoding="cp1252", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh))


def fakes_gold(row: dict) -> int:
    """A FA-KES row's number killed: its civilians and non-civilians killed."""
    total = 0
    for k in ("nb_civilians", "nb_noncivilians"):
        try:
            total += int(float(row.get(k) or 0))
        except ValueError:
            pass
    return total


_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_REGEX_NEAR = re.compile(r"(\d[\d,]*)\s+(?:\w+\s+){0,3}?(?:killed|dead|died)|(?:killed|dead)\D{0,30}?(\d[\d,]*)", re.I)


def regex_baseline(text: str, skip_dates: bool) -> int:
    """The first number near "killed"/"dead"/"died" (optionally not a date or a year)."""
    for m in _REGEX_NEAR.finditer(text):
        g = 1 if m.group(1) else 2
        s = m.group(g).replace(",", "").rstrip(",")
        if not s.isdigit():
            continue
        if skip_dates:
            if len(s) == 4 and s[:2] in ("19", "20"):
                continue
            before = text[max(0, m.start(g) - 12):m.start(g)]
            after = text[m.end(g):m.end(g) + 12]
            if re.search(_MONTH_RE + r"\s*$", before) or re.match(r"\s*" + _MONTH_RE, after):
                continue
        return int(s)
    return 0


def eval_fakes(rows: list[dict]) -> dict:
    ok = ok_plain = ok_dates = 0
    errors = []
    t0 = time.perf_counter()
    for row in rows:
        text = row["article_content"]
        gold = fakes_gold(row)
        got = casualty_count(extract_figures(Article(id=row["unit_id"], text=text), ()))
        pred = int(round(got)) if got is not None else 0
        ok += pred == gold
        if pred != gold:
            errors.append((row["unit_id"], gold, pred, text[:300]))
        ok_plain += regex_baseline(text, False) == gold
        ok_dates += regex_baseline(text, True) == gold
    secs = time.perf_counter() - t0
    n = max(1, len(rows))
    return {"accuracy": ok / n, "regex": ok_plain / n, "regex_skip_dates": ok_dates / n, "n": len(rows),
            "errors": errors, "secs": secs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--show", type=int, default=0, help="print N errors of each dev split")
    ap.add_argument("--no-quantulum", action="store_true", help="skip the quantulum3 baseline")
    args = ap.parse_args(argv)
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    failed = False

    def check(dataset: str, split: str, measure: str, value: float) -> None:
        nonlocal failed
        floor = floors.get(dataset, {}).get(split, {}).get(measure)
        if floor is not None:
            ok = value >= floor
            failed |= not ok
            print(f"  floor {measure} {floor:.3f}: {'ok' if ok else 'BELOW FLOOR'}")

    nq = args.data / "newsquant" / "NewsQuant.json"
    if not nq.exists():
        print(f"skipped: newsquant not found at {nq}")
    else:
        items = json.loads(nq.read_text(encoding="utf-8"))
        for split, part in _split(items, lambda x: x["text"]).items():
            base = None if args.no_quantulum else _quantulum([x["text"] for x in part])
            t0 = time.perf_counter()
            res = eval_newsquant(part, base)
            secs = time.perf_counter() - t0
            p, r, f = res["ours"]
            print(f"NewsQuant {split}: {len(part)} sentences, {res['n_gold']} quantities")
            print(f"  {'':<24}{'P':>7}{'R':>7}{'F1':>7}{'qualifier acc':>15}")
            print(f"  {'storyledger.figures':<24}{p:7.3f}{r:7.3f}{f:7.3f}{res['qualifier']:15.3f}"
                  f"   ({len(part) / secs:.0f} sentences/s incl. scoring)")
            if "quantulum3" in res:
                bp, br, bf = res["quantulum3"]
                print(f"  {'quantulum3 0.10.0':<24}{bp:7.3f}{br:7.3f}{bf:7.3f}{'':>15}")
            else:
                print("  quantulum3 0.10.0: not run" + ("" if args.no_quantulum else " (could not be installed)"))
            print(f"  {'keyword rule (qualif.)':<24}{'':>21}{res['qualifier_keyword']:15.3f}")
            check("newsquant", split, "f1", f)
            check("newsquant", split, "qualifier", res["qualifier"])
            if split == "dev" and args.show:
                for e in res["errors"][: args.show]:
                    print("   ", e)
    fk = args.data / "fakes_syria" / "fakes.csv"
    if not fk.exists():
        print(f"skipped: fakes_syria not found at {fk}")
    else:
        rows = load_fakes(fk)
        for split, part in _split(rows, lambda r: r["unit_id"] + r["article_content"][:200]).items():
            res = eval_fakes(part)
            print(f"FA-KES {split}: {res['n']} articles, exact-match accuracy of the number killed")
            print(f"  storyledger casualty_count  {res['accuracy']:.3f}   ({res['n'] / res['secs']:.0f} articles/s)")
            print(f"  regex near killed/dead      {res['regex']:.3f}")
            print(f"  regex, skipping dates       {res['regex_skip_dates']:.3f}")
            check("fakes", split, "accuracy", res["accuracy"])
            if split == "dev" and args.show:
                for e in res["errors"][: args.show]:
                    print("   ", e)
        _throughput(rows)
    return 1 if failed else 0


def _throughput(rows: list[dict]) -> None:
    """Sentences per second of extract_figures and extract_dates on whole FA-KES articles."""
    from storyledger.extract.dates import extract_dates

    from storyledger.text import segment_article
    arts = [Article(id=r["unit_id"], text=r["article_content"], published=None) for r in rows]
    sents = [segment_article(a) for a in arts]
    n = sum(len(x) for x in sents)
    # CPU time as well as wall time: on a shared machine the wall clock also counts
    # the time other processes held the CPU.
    w0, c0 = time.perf_counter(), time.process_time()
    for a, ss in zip(arts, sents):
        extract_figures(a, ss)
    w_fig, c_fig = time.perf_counter() - w0, time.process_time() - c0
    w0, c0 = time.perf_counter(), time.process_time()
    for a, ss in zip(arts, sents):
        extract_dates(a, ss)
    w_dates, c_dates = time.perf_counter() - w0, time.process_time() - c0
    print(f"throughput on {len(arts)} FA-KES articles ({n} sentences, one process), sentences/s by wall / CPU time:")
    print(f"  extract_figures (dates included) {n / w_fig:.0f} / {n / c_fig:.0f};"
          f"  extract_dates {n / w_dates:.0f} / {n / c_dates:.0f}")

if __name__ == "__main__":
    sys.exit(main())
