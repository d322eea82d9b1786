"""Load on the web app: many concurrent clients against ``storyledger serve`` on the example's store.

Builds a store from ``examples/karabakh`` in a temporary folder (or takes
``--db``), starts ``storyledger serve`` on it in a child process on a free
loopback port (or measures ``--url``, which must be a loopback address), then
sends ``--requests`` requests from ``--clients`` concurrent clients, each
request on a new connection, cycling over every page and JSON twin of the
store (the story list, a search, each story and its twin, each article). Every
request has a deadline; the run stops by itself after the last one, and the
server it started is stopped.

Prints, and with ``--json`` writes, the error count, the latency percentiles
(p50, p90, p99, max) and the rate.

Usage::

    python bench/bench_serve.py [--requests 2000] [--clients 50] [--db DB | --url URL] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "karabakh"
DEADLINE_S = 30.0  # per request: a request slower than this counts as an error


def build_store(folder: Path) -> Path:
    """A store holding the example's articles and stories, written by ``storyledger ingest``."""
    db = folder / "example.db"
    subprocess.run([sys.executable, "-m", "storyledger", "ingest", str(EXAMPLE), "--db", str(db), "-q"],
                   check=True, cwd=ROOT, capture_output=True)
    return db


def targets(db: Path) -> list[str]:
    """Every page and JSON twin of the store, and a search."""
    sys.path.insert(0, str(ROOT))
    from storyledger.store import Store

    with Store(str(db), readonly=True) as store:
        stories = [s.id for s in store.stories()]
        articles = [a.id for a in store.articles()]
    out = ["/", "/stories.json", "/?q=the"]
    for sid in stories:
        out += [f"/stories/{quote(sid)}", f"/stories/{quote(sid)}.json"]
    out += [f"/articles/{quote(aid)}.json" for aid in articles]
    return out


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """``storyledger serve`` on a free loopback port; its URL once it listens."""
    proc = subprocess.Popen([sys.executable, "-m", "storyledger", "serve", "--db", str(db), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if "http://" not in line:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, line[line.index("http://"):].split()[0]


async def _one(host: str, port: int, target: str) -> tuple[float, bool]:
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), DEADLINE_S)
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode("ascii"))
        await writer.drain()
        data = await asyncio.wait_for(reader.read(-1), DEADLINE_S)
        writer.close()
        ok = data.startswith(b"HTTP/1.1 200") or data.startswith(b"HTTP/1.0 200")
    except (OSError, asyncio.TimeoutError):
        ok = False
    return time.perf_counter() - start, ok


async def load(url: str, paths: list[str], requests: int, clients: int) -> dict:
    """Send ``requests`` requests from ``clients`` concurrent clients; latencies and errors."""
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"{url}: the load script only targets loopback addresses")
    queue = iter(paths[k % len(paths)] for k in range(requests))
    times: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        for target in queue:  # shared iterator: each request taken once
            took, ok = await _one(host, port, target)
            times.append(took)
            errors += not ok

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - start
    times.sort()

    def pct(q: float) -> float:
        return round(1000 * times[min(len(times) - 1, int(q * len(times)))], 1)

    return {"requests": len(times), "clients": clients, "errors": errors, "p50_ms": pct(0.50), "p90_ms": pct(0.90),
            "p99_ms": pct(0.99), "max_ms": round(1000 * times[-1], 1), "rate_per_s": round(len(times) / wall, 1)}


def _cpu_s(proc: subprocess.Popen | None) -> float | None:
    """CPU seconds (user + system) the process has used so far, where ``/proc`` tells (Linux)."""
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (AttributeError, OSError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--db", type=Path, help="a store to serve (default: the example's, built in a temporary folder)")
    ap.add_argument("--url", help="measure this running server (loopback) instead of starting one; needs --db")
    ap.add_argument("--json", type=Path, help="also write the result here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp))
        paths = targets(db)
        proc, url = (None, args.url) if args.url else start_server(db)
        try:
            cpu = _cpu_s(proc)
            mine = time.process_time()
            result = asyncio.run(load(url, paths, args.requests, args.clients))
            result["client_cpu_ms_per_request"] = round(1000 * (time.process_time() - mine) / result["requests"], 3)
            if cpu is not None:
                # the server's own CPU per request: what the machine's other load does not change
                result["server_cpu_ms_per_request"] = round(1000 * (_cpu_s(proc) - cpu) / result["requests"], 3)
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    result["targets"] = len(paths)
    result["cpus"] = os.cpu_count()
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
