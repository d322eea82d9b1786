"""Tests for storyledger.align.clauses: the same statement inside sentences that each add a clause."""

from __future__ import annotations

from storyledger.align.clauses import clause_runs
from storyledger.align.story import align_story
from storyledger.records import Article
from storyledger.text.segment import segment_article

SHARED_A = ("The Red Cross says it is sending a team to Velmora this weekend to assess the damage to the harbour, "
            "after the governor said he would allow such a visit.")
SHARED_B = ("The Red Cross will send a team to Velmora this weekend, mainly to assess damage to the harbour, its "
            "spokeswoman Ida Renholm announced, adding that the group had not worked there \"in about 20 years.\"")


def test_clause_runs_split_at_separators_outside_quotes():
    text = 'The council will close the bridge in May, officials said, "because it is old, unsafe and costly".'
    runs = [text[s:e] for s, e in clause_runs(text)]
    assert "The council will close the bridge in May" in runs
    assert text.rstrip(".") not in runs  # the whole sentence is not a run
    assert all("unsafe and" not in r or r.count('"') != 1 for r in runs)  # no cut inside the quotation


def test_clause_runs_need_enough_words():
    assert clause_runs("Yes, he said.") == []
    assert clause_runs("No separator in this fairly long sentence about a bridge at all") == []


def _align(*texts: str):
    arts = [Article(id=f"a{k}", text=t) for k, t in enumerate(texts)]
    sents = {a.id: segment_article(a) for a in arts}
    return arts, align_story(arts, sents)


def test_a_shared_clause_is_a_paraphrase_over_the_clauses_only():
    a = f"Storms closed the port of Velmora on Friday. {SHARED_A} Ferries remain suspended."
    b = f"Ferry services out of Velmora were halted on Friday. {SHARED_B}"
    arts, found = _align(a, b)
    pairs = [al for al in found if "Red Cross" in arts[0].text[al.a.start : al.a.end]]
    assert [al.kind for al in pairs] == ["paraphrase"]
    al = pairs[0]
    span_a, span_b = arts[0].text[al.a.start : al.a.end], arts[1].text[al.b.start : al.b.end]
    assert span_a.startswith("The Red Cross says") and "governor" not in span_a
    assert span_b.startswith("The Red Cross will send") and "20 years" not in span_b


def test_different_clauses_stay_related():
    a = "The Red Cross says it is sending a team to Velmora this weekend, after the governor allowed a visit."
    b = "The Red Cross said on Monday that its last team left Velmora in March, citing the cost of fuel and repairs."
    _, found = _align(a, b)
    assert all(al.kind != "paraphrase" for al in found)


def test_example_mission_sentences_align_as_paraphrase(example_doc):
    """The example's two reports of the mission this weekend: a paraphrase inside the story, as `compare` says."""
    story = example_doc["stories"][0]
    hits = [al for al in story["alignments"] if "sending a mission" in al["a"]["selector"][0]["exact"]
            or "sending a mission" in al["b"]["selector"][0]["exact"]]
    assert [al["kind"] for al in hits] == ["paraphrase"]
    # the clauses only: what each adds (the permission, the spokesman's remark) stays out
    assert all("allow" not in al["a"]["selector"][0]["exact"] + al["b"]["selector"][0]["exact"] for al in hits)
