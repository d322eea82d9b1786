"""What a cold ``storyledger analyze`` loads (issue 17, item 3): only what the command uses.

Times are measured in BENCHMARKS.md, never here; these tests pin the choices
that keep a new process short: modules for other inputs and other commands
stay unloaded, and the model's idle threads sleep (the tokenizer read once:
``tests/embed/test_model_files.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys

from storyledger.embed import model as embed_module

# Loaded only by the input or command that needs them: front matter (YAML), a
# fetch over HTTP (http.client, urllib.request, ssl), a process pool.
NOT_FOR_FILES = ("yaml", "http.client", "urllib.request", "ssl", "concurrent.futures.process", "multiprocessing")

_PROBE = """
import json, runpy, sys
names = json.loads(sys.argv[1])
sys.argv = ["storyledger", "analyze", *sys.argv[2:], "--format", "json", "-q"]
try:
    runpy.run_module("storyledger", run_name="__main__")
except SystemExit:
    pass
print("LOADED", json.dumps(sorted(n for n in names if n in sys.modules)), file=sys.stderr)
"""


def _loaded_by_analyze(paths: list[str]) -> tuple[list[str], dict]:
    """The modules of ``NOT_FOR_FILES`` that ``storyledger analyze PATHS`` loaded, and its JSON report."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(NOT_FOR_FILES), *paths], capture_output=True, text=True, timeout=300
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("LOADED ")]
    assert line, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["stories"], done.stdout[-500:]
    return json.loads(line[-1][len("LOADED "):]), report


def test_analysing_text_files_loads_no_yaml_http_or_process_pool(tmp_path):
    a = tmp_path / "norland.txt"
    b = tmp_path / "ostravia.txt"
    a.write_text("Norland said on Monday that 1,200 people had left Lowmere.\nRoe, a spokeswoman, confirmed it.\n")
    b.write_text("About 1,200 people have left Lowmere, Norland said.\nOstravia disputed the figure.\n")
    loaded, report = _loaded_by_analyze([str(a), str(b)])
    assert loaded == []
    assert len(report["articles"]) == 2


def test_a_file_with_front_matter_still_reads_it(tmp_path):
    a = tmp_path / "norland.md"
    a.write_text("---\ntitle: Lowmere empties\nsource: Norland Post\ndate: 2024-02-30\n---\n"
                 "Norland said on Monday that 1,200 people had left Lowmere.\n")
    loaded, report = _loaded_by_analyze([str(a)])
    assert loaded == ["yaml"]  # loaded on demand, and only it
    article = report["articles"][0]
    assert (article["title"], article["source"], article["published"]) == ("Lowmere empties", "Norland Post", None)
    assert article["text"].startswith("Norland said")  # the front matter is not read as text


def test_the_models_idle_threads_sleep_instead_of_spinning():
    session = embed_module._open_session("verdict")[0]
    assert session.get_session_options().get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_the_http_modules_load_with_the_first_fetch_only():
    probe = (
        "import sys; import storyledger.ingest as i; import storyledger.ingest.feeds as f;"
        "print(int('http.client' in sys.modules), int(callable(f.fetch)));"
        "import storyledger.ingest.http_fetch; print(int('http.client' in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["0", "1", "1"]
