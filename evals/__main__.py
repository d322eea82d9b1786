"""Run every evaluation (``make eval``): each ``evals/eval_*.py`` in turn.

Each script prints its figures beside the baseline measured in the same run and
beside its floors (``evals/floors/<name>.json``), and exits 1 when a figure
falls below its floor. This runner exits 1 if any of them did.

Usage: python -m evals [--data PATH] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parent.parent / "shared" / "eval"), help="evaluation data folder")
    parser.add_argument("--only", nargs="*", help="names to run (e.g. cluster align)")
    args = parser.parse_args()
    scripts = sorted(HERE.glob("eval_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("eval_") in args.only]
    failed = []
    for script in scripts:
        name = script.stem.removeprefix("eval_")
        print(f"\n=== {name} " + "=" * (70 - len(name)), flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script), "--data", args.data])
        print(f"--- {name}: {'ok' if rc == 0 else 'BELOW FLOOR or failed'} ({time.perf_counter() - t0:.0f} s)", flush=True)
        if rc != 0:
            failed.append(name)
    print("\nall evaluations at or above their floors" if not failed else f"\nbelow floor or failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
