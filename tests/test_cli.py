import json
import shutil

import pytest
from click.testing import CliRunner

from storyledger.present import report
from storyledger.cli import cli


@pytest.fixture()
def runner():
    return CliRunner()


def test_analyze_example_json_one_story_validated(runner, example_dir, tmp_path):
    out = tmp_path / "report.json"
    res = runner.invoke(cli, ["analyze", str(example_dir), "--format", "json", "-o", str(out), "--runner", "serial"])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    report.validate(doc)
    assert len(doc["articles"]) == 3
    assert len(doc["stories"]) == 1
    assert sorted(doc["stories"][0]["article_ids"]) == sorted(a["id"] for a in doc["articles"])
    # the manifest attached outlets and dates
    assert {a["source"] for a in doc["articles"]} >= {"BBC News", "AFP"}
    assert all(a["published"] for a in doc["articles"])


def test_debris_line_of_first_file_is_removed_and_recorded(example_doc, example_dir):
    first = next(a for a in example_doc["articles"] if a["path"].endswith("000_14a5e15b448d7fca.txt"))
    raw = (example_dir / "000_14a5e15b448d7fca.txt").read_text("utf-8")
    assert first["removed"], "the page-debris first line must be recorded"
    r = first["removed"][0]
    assert raw[r["start"] : r["end"]].strip() == raw.splitlines()[0].strip()
    assert raw.splitlines()[0].strip() not in first["text"]
    # every real sentence survives
    for line in raw.splitlines()[1:]:
        assert line.strip()[:40] in first["text"]


def test_analyze_text_and_markdown(runner, example_dir):
    res = runner.invoke(cli, ["analyze", str(example_dir), "--runner", "serial"])
    assert res.exit_code == 0
    assert "Story 1" in res.stdout and "BBC News" in res.stdout
    res = runner.invoke(cli, ["analyze", str(example_dir), "--format", "markdown", "--runner", "serial"])
    assert res.exit_code == 0 and res.stdout.startswith("# storyledger report")


def test_bad_inputs_are_named_skipped_and_the_run_goes_on(runner, example_dir, tmp_path):
    shutil.copy(example_dir / "001_b19359a39ed34e98.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "bad.jsonl").write_text('{"text": "A fine article about a flood in the valley that displaced many people."}\n{not json\n')
    (tmp_path / "huge.txt").write_text("word " * 3000)
    res = runner.invoke(cli, ["analyze", str(tmp_path), "--format", "json", "--max-bytes", "10000", "--runner", "serial"])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    doc = json.loads(res.stdout)
    skipped = {s["input"].rsplit("/", 1)[-1]: s["reason"] for s in doc["skipped"]}
    assert "empty.txt" in skipped and "binary.txt" in skipped and "huge.txt" in skipped
    assert any(k.startswith("bad.jsonl") for k in skipped)
    assert len(doc["articles"]) == 2
    for line in res.stderr.splitlines():
        assert line.startswith("skipped ")


def test_no_usable_input_exits_2_without_traceback(runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = runner.invoke(cli, ["analyze", str(tmp_path / "empty.txt"), "--runner", "serial"])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    res = runner.invoke(cli, ["analyze", str(tmp_path / "missing.txt"), "--runner", "serial"])
    assert res.exit_code == 2


def test_ingest_twice_keeps_one_copy_and_stories_lists_it(runner, example_dir, tmp_path):
    db = str(tmp_path / "news.db")
    for _ in range(2):
        res = runner.invoke(cli, ["ingest", str(example_dir), "--db", db, "--runner", "serial"])
        assert res.exit_code == 0, res.output
    from storyledger.store.store import Store

    with Store(db, readonly=True) as store:
        assert store.count_articles() == 3
        assert len(store.stories()) == 1
    res = runner.invoke(cli, ["stories", "--db", db, "--format", "json"])
    rows = json.loads(res.output)
    assert rows[0]["n_articles"] == 3
    res = runner.invoke(cli, ["show", rows[0]["id"], "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    report.validate(doc)
    assert doc["stories"][0]["id"] == rows[0]["id"]


def test_extract_json_validates(runner, example_dir):
    res = runner.invoke(cli, ["extract", str(example_dir), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    report.validate(doc)
    assert all("figures" in a and "quotes" in a for a in doc["articles"])
    assert any(a["figures"] for a in doc["articles"])


def test_compare_pairs(runner, tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "same", "a": "The ministry said 40 people were hurt.", "b": "The ministry said 40 people were hurt."},
        {"id": "diff", "a": "The ministry said 40 people were hurt.", "b": "Stocks rallied on Wall Street on Friday."},
    ]
    pairs.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    res = runner.invoke(cli, ["compare", "--pairs", str(pairs)])
    assert res.exit_code == 0, res.output
    out = {r["id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert out["same"]["kind"] == "verbatim"
    assert out["diff"]["kind"] == "different"
    assert "pairs.jsonl:3" in res.stderr


# ---------------------------------------------------------------- hostile names and titles

ARTICLE = ("Officials said 40 people were hurt in the fire at the market on Monday.\n\n"
           "The mayor said the city would rebuild the market within a year.\n")
CONTROLS = ("\x1b", "\x07", "\x9b", "\x0d", "\x08")


def _hostile_inbox(tmp_path):
    import os

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    title = 'Market fire \\e]0;pwned\\a \\x9b31m \\r\\b'  # YAML escapes: ESC, BEL, CSI, CR, BS
    (inbox / "evil.txt").write_text(f'---\ntitle: "{title}"\n---\n{ARTICLE}', encoding="utf-8")
    with open(os.fsencode(inbox) + b"/x\xff.txt", "wb") as fh:
        fh.write(ARTICLE.replace("Monday", "Tuesday").replace("40", "41").encode())
    (inbox / "a\nskipped forged: fake.txt").write_bytes(b"")
    return inbox


def test_hostile_names_and_titles_are_stored_and_shown_escaped(runner, tmp_path):
    inbox = _hostile_inbox(tmp_path)
    db = str(tmp_path / "s.db")
    res = runner.invoke(cli, ["ingest", str(inbox), "--db", db, "--runner", "serial", "-q"])
    assert res.exit_code == 0, res.output
    skipped = [line for line in res.output.splitlines() if line.startswith("skipped")]
    assert skipped == [f"skipped {inbox}/a\\nskipped forged: fake.txt: empty file"]  # one line, the newline shown
    for args in (["stories", "--db", db], ["stories", "--db", db, "--format", "json"]):
        res = runner.invoke(cli, args)
        assert res.exit_code == 0 and not any(c in res.output for c in CONTROLS), res.output
    assert "Market fire \\x1b]0;pwned\\x07 \\x9b31m \\x08" in runner.invoke(cli, ["stories", "--db", db]).output
    rows = json.loads(runner.invoke(cli, ["stories", "--db", db, "--format", "json"]).output)
    # JSON escapes, the data intact (the CR, white space, was folded into a space when read)
    assert any(r["title"] == "Market fire \x1b]0;pwned\x07 \x9b31m \x08" for r in rows)
    for fmt in ("text", "markdown", "json"):
        res = runner.invoke(cli, ["show", rows[0]["id"], "--db", db, "--format", fmt])
        assert res.exit_code == 0 and not any(c in res.output for c in CONTROLS), res.output


def test_analyze_writes_a_non_utf8_name_to_a_file(runner, tmp_path):
    inbox = _hostile_inbox(tmp_path)
    out = tmp_path / "out.json"
    res = runner.invoke(cli, ["analyze", str(inbox), "--format", "json", "-o", str(out), "--runner", "serial", "-q"])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert f"{inbox}/x\\xff.txt" in {a["path"] for a in doc["articles"]}
    res = runner.invoke(cli, ["analyze", str(inbox), "-o", str(tmp_path / "out.txt"), "--runner", "serial", "-q"])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_every_input_id_is_in_the_output_of_extract_and_analyze(runner, tmp_path):
    rows = [
        {"id": "r1", "text": "A blast in the market killed 12 people on Monday, officials said."},
        {"id": "r2", "text": "A blast in the market killed 12 people on Monday,  officials said."},
        {"id": "r3", "text": "Floods displaced 3,000 families in the north, the ministry said on Tuesday."},
    ]
    path = tmp_path / "dups.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    for args in (["extract"], ["analyze", "--runner", "serial", "-q"], ["analyze", "--runner", "serial", "-q", "--db", db]):
        res = runner.invoke(cli, [*args, str(path), "--format", "json"])
        assert res.exit_code == 0, res.output
        doc = json.loads(res.stdout)
        report.validate(doc)
        assert {a["id"] for a in doc["articles"]} == {"r1", "r3"}
        assert doc["duplicates"] == [{"id": "r2", "duplicate_of": "r1", "input": str(path), "reason": "same_text"}]
    res = runner.invoke(cli, ["extract", str(path)])
    assert "1 input record repeats an earlier one, not analysed again: r2 → r1" in res.stdout
