"""Tests for the brief: sections, citations, timeline and the faithfulness property."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyledger.reconcile.brief import check_faithful, numbers_in, quoted_in, write_brief
from storyledger.reconcile.disputes import find_disputes
from storyledger.records import (
    Alignment,
    Article,
    ArticleFacts,
    BriefSentence,
    Citation,
    DateMention,
    Derivation,
    Figure,
    FigureGroup,
    FigureValue,
    Quote,
    Span,
    Story,
)
from storyledger.reconcile.figures import reconcile_figures

_FIG = re.compile(r"(?:(at least|more than|nearly) )?(\d[\d,]*) (people|soldiers|tonnes of flour) (?:were |have )?(killed|fled|delivered|injured)")
_QUAL = {"at least": "at_least", "more than": "more_than", "nearly": "about", None: "exact"}


def sentences_of(a: Article):
    from storyledger.text.segment import segment_article

    return segment_article(a)


def figures_of(a: Article) -> ArticleFacts:
    figs = []
    for m in _FIG.finditer(a.text):
        v = float(m.group(2).replace(",", ""))
        figs.append(Figure(article_id=a.id, start=m.start(), end=m.end(2), value=v, qualifier=_QUAL[m.group(1)],
                           unit=m.group(3), predicate=m.group(4), key=m.group(4)))
    return ArticleFacts(article_id=a.id, figures=tuple(figs))


def analyse(arts, derivations=(), alignments=()):
    sents = {a.id: sentences_of(a) for a in arts}
    facts = {a.id: figures_of(a) for a in arts}
    groups = reconcile_figures(arts, facts, derivations)
    disputes = find_disputes(arts, sents, facts, alignments)
    story = Story(id="s", title="t", article_ids=tuple(a.id for a in arts))
    return write_brief(story, arts, sents, facts, alignments, derivations, groups, disputes), groups


def cited_texts(b, arts):
    by = {a.id: a.text for a in arts}
    return [by[c.article_id][c.start : c.end] for c in b.citations]


def test_check_faithful_catches_altered_numbers_and_quotes():
    a = Article(id="a", text='At least 170 people were killed, officials said, calling it "a grave loss".')
    cite = (Citation(article_id="a", start=0, end=len(a.text)),)
    assert check_faithful([BriefSentence(text='Killed: At least 170 ("a grave loss")', citations=cite)], [a]) == []
    assert check_faithful([BriefSentence(text="Killed: 17", citations=cite)], [a])
    assert check_faithful([BriefSentence(text="Killed: 1,170", citations=cite)], [a])
    assert check_faithful([BriefSentence(text='They said "a great loss"', citations=cite)], [a])
    assert check_faithful([BriefSentence(text="Dozens died", citations=cite)], [a])
    assert check_faithful([BriefSentence(text="no citation", citations=())], [a])
    assert check_faithful([BriefSentence(text="x", citations=(Citation(article_id="a", start=5, end=999),))], [a])
    assert numbers_in("1,200.5 and 3 and dozens") == ["1,200.5", "3", "dozens"]
    assert quoted_in("a “b c” d") == ["b c"]


def test_brief_sections_and_updated_figure_history():
    a = Article(id="a", published="2023-09-26", text=(
        "Nearly 30,000 people have fled the region since the offensive began last week. "
        "On Monday a fuel depot explosion left at least 68 people killed near the main city. "
        "Officials said aid convoys were waiting at the only road into the region."
    ))
    b = Article(id="b", published="2023-09-30", text=(
        "More than 100,000 people have fled the region since the offensive began last week. "
        "At least 170 people were killed in the fuel depot explosion near the main city on Monday. "
        "The opposition has accused the army of blocking food deliveries to the region. "
        "But the army has denied the claim and said convoys were moving."
    ))
    al = Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=0, end=79), b=Span(article_id="b", start=0, end=83))
    (brief, timeline), groups = analyse([a, b], alignments=(al,))
    sections = {b.section for b in brief}
    assert {"summary", "figures", "disputes"} <= sections
    assert check_faithful(brief, [a, b]) == [] and check_faithful(timeline, [a, b]) == []
    fig_texts = [x.text for x in brief if x.section == "figures"]
    assert any("170" in t and "68" in t and "updated" in t for t in fig_texts), fig_texts
    assert any("100,000" in t and "30,000" in t for t in fig_texts), fig_texts
    # The two reports' opening lines tell one matter with different figures: neither is cited for
    # the other; the second is shown as a contrasting line, cited to its own outlet.
    first = next(x for x in brief if x.section == "summary")
    assert len({c.article_id for c in first.citations}) == 1
    contrast = [x for x in brief if x.section == "contrast"]
    summary_texts = {x.text for x in brief if x.section == "summary"}
    assert contrast and all(len(x.citations) == 1 and x.text not in summary_texts for x in contrast)
    assert any(("30,000" in x.text) != ("30,000" in first.text) for x in contrast)
    dates = [e.date for e in timeline if e.date]
    assert dates == sorted(dates) and "2023-09-26" in dates and "2023-09-30" in dates


def test_timeline_lists_dated_events():
    a = Article(id="a", published="2024-03-08", text="The court announced its ruling on Friday after a long hearing in the capital.")
    i = a.text.index("on Friday")
    facts = {"a": ArticleFacts(article_id="a", dates=(DateMention(article_id="a", start=i, end=i + 9, value="2024-03-08"),))}
    _, timeline = write_brief(Story(id="s", title="t", article_ids=("a",)), [a], {}, facts, (), (), (), ())
    assert [(e.date, e.citations[0].article_id) for e in timeline] == [("2024-03-08", "a")]


_UNITS = st.sampled_from(["people", "soldiers", "tonnes of flour"])
_PREDS = st.sampled_from(["killed", "fled", "delivered", "injured"])
_QUALS = st.sampled_from(["at least ", "more than ", "nearly ", ""])
_WORDS = st.sampled_from("the region city aid convoy road officials border river village market bridge".split())


@st.composite
def stories(draw):
    arts = []
    n = draw(st.integers(1, 4))
    for i in range(n):
        parts = []
        for _ in range(draw(st.integers(1, 5))):
            kind = draw(st.integers(0, 3))
            words = " ".join(draw(st.lists(_WORDS, min_size=3, max_size=8)))
            if kind == 0:
                v = draw(st.integers(1, 250_000))
                num = f"{v:,}" if draw(st.booleans()) else str(v)
                parts.append(f"Officials said {draw(_QUALS)}{num} {draw(_UNITS)} were {draw(_PREDS)} near the {words}.")
            elif kind == 1:
                parts.append(f'A spokesman said "{words} {draw(st.integers(0, 99))}" on Monday near the {words}.')
            elif kind == 2:
                parts.append(f"The council has accused the army of closing the {words}. But the army has denied the claim.")
            else:
                parts.append(f"Residents of the {words} waited for news through the night.")
        date = draw(st.one_of(st.none(), st.sampled_from(["2024-01-01", "2024-01-02", "2024-01-05"])))
        arts.append(Article(id=f"a{i}", text=" ".join(parts), published=date))
    derivs = []
    if n > 1 and draw(st.booleans()):
        derivs.append(Derivation(derived_id="a1", source_id="a0", relation="rewrite", share=0.8))
    return arts, derivs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_every_number_and_quote_in_the_brief_is_in_a_cited_span(story):
    arts, derivs = story
    (brief, timeline), _ = analyse(arts, derivations=derivs)
    assert check_faithful(brief, arts) == []
    assert check_faithful(timeline, arts) == []
    for b in list(brief) + list(timeline):
        assert b.citations
        cited = cited_texts(b, arts)
        for n in re.findall(r"\d[\d,.]*\d|\d", b.text):
            assert any(n in c for c in cited), (n, b.text)
        for q in re.findall(r'"([^"]+)"', b.text):
            assert any(q in c for c in cited), (q, b.text)


def _example_stories():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "examples"
    for folder in sorted(p for p in root.glob("*") if p.is_dir()):
        files = sorted(folder.glob("*.txt"))
        if not files:
            continue
        meta = {}
        if (folder / "manifest.json").is_file():
            meta = {m["file"]: m for m in json.loads((folder / "manifest.json").read_text())["articles"]}
        for dated in (True, False):
            yield folder.name, dated, [
                Article(id=f.stem, text=f.read_text(encoding="utf-8"), source=meta.get(f.name, {}).get("source"),
                        published=meta.get(f.name, {}).get("published") if dated else None)
                for f in files
            ]


def test_every_bundled_example_gets_a_faithful_brief():
    from storyledger.extract.article import extract_article

    seen = 0
    for _, dated, arts in _example_stories():
        sents = {a.id: sentences_of(a) for a in arts}
        facts = {a.id: extract_article(a, sents[a.id]) for a in arts}
        groups = reconcile_figures(arts, facts, ())
        disputes = find_disputes(arts, sents, facts, ())
        brief, timeline = write_brief(Story(id="s", title="t", article_ids=tuple(a.id for a in arts)),
                                      arts, sents, facts, (), (), groups, disputes)
        assert brief and check_faithful(brief, arts) == [] and check_faithful(timeline, arts) == []
        assert disputes, "an accusation and its denial are in the example"
        for g in groups:
            # Without dates, never corroborated with different values; with them, a growing count is an update.
            values = {(r.value, r.qualifier) for r in g.reports}
            if g.status == "corroborated":
                assert g.independent_sources >= 2
                if not dated:
                    from storyledger.reconcile.figures import compatible
                    assert all(compatible(x, y) for x in g.reports for y in g.reports), values
        assert any(g.status == "updated" for g in groups)
        assert any(g.status == "corroborated" for g in groups)
        seen += 1
    assert seen >= 2


def test_single_source_section_holds_what_only_one_lineage_reports():
    shared = "Floods forced thousands of families from their homes along the river valley this week."
    other = "Officials said the water level at the main dam was falling slowly on Sunday evening."
    third = "The army sent boats and helicopters to reach villages cut off by the floods."
    a = Article(id="a", text=shared + " " + other + " " + third + " The regional governor said 40 people were injured when a bridge collapsed in the valley.")
    b = Article(id="b", text=shared + " " + other + " " + third + " Rescue teams searched the flooded villages for missing residents through the night.")
    c = Article(id="c", text=a.text)  # a copy of a: the same lineage
    copy = Derivation(derived_id="c", source_id="a", relation="copy", share=1.0)
    n = len(shared) + 1
    m = len(other) + 1
    al = (Alignment(kind="verbatim", score=1.0, a=Span(article_id="a", start=0, end=n - 1), b=Span(article_id="b", start=0, end=n - 1)),
          Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=n, end=n + m - 1),
                    b=Span(article_id="b", start=n, end=n + m - 1)),
          Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=n + m, end=n + m + len(third)),
                    b=Span(article_id="b", start=n + m, end=n + m + len(third))))
    (brief, _), _ = analyse([a, b, c], derivations=(copy,), alignments=al)
    single = [x for x in brief if x.section == "single_source"]
    assert any("40 people" in x.text for x in single)
    assert not any(x.text.startswith("Floods forced") for x in single)
    summary = [x for x in brief if x.section == "summary"]
    assert summary[0].text == shared and {c.article_id for c in summary[0].citations} >= {"a", "b"}


def _group(arts, phrase: str, *, unit: str, label: str, value: float, status: str = "single_source", currency=None):
    """A figure group of one report: ``phrase`` as it stands in the first article that has it."""
    reps = []
    for a in arts:
        words = " ".join(phrase.split()[:2])  # the number and its noun, wherever an article states them
        if words in a.text:
            start = a.text.index(words)
            reps.append(Figure(article_id=a.id, start=start, end=start + len(words), value=value, unit=unit,
                               currency=currency, predicate=label.split()[-1], key=label))
    return FigureGroup(id=f"g-{label}", label=label, unit=unit, status=status, order="dated",
                       independent_sources=len(reps), current=FigureValue(value=value), reports=tuple(reps))


def test_figure_lines_only_for_definite_counts_of_a_thing():
    arts = [
        Article(id="a", source="Norland Post", text="The Lowmere party won one of its earliest tests on Tuesday. "
                "Officials said 12 rockets were fired at the port of Roe. Turnout rose 58 percent across the county. "
                "The count took three days. Hundreds of homes lost power in the storm."),
        Article(id="b", source="Ostravia Times", text="Voters in Lowmere went to the polls on Tuesday in a quiet vote. "
                "Harbour staff in Roe counted 12 rockets over the night."),
    ]
    groups = [
        _group(arts, "one of its earliest tests", unit="tests", label="tests won", value=1),
        _group(arts, "12 rockets were", unit="rockets", label="rockets fired in rockets", value=12, status="corroborated"),
        _group(arts, "58 percent", unit="percent", label="percent rose", value=58),
        _group(arts, "three days", unit="days", label="days took", value=3),
        _group(arts, "Hundreds of homes", unit="homes", label="homes lost", value=200),
    ]
    sents = {x.id: sentences_of(x) for x in arts}
    story = Story(id="s", title="t", article_ids=("a", "b"))
    brief, _ = write_brief(story, arts, sents, {}, (), (), groups, ())
    lines = [b.text for b in brief if b.section == "figures"]
    # the counted noun is the label, not repeated as its own context; nothing else counts a thing definitely
    assert lines == ["Rockets fired: 12 rockets (corroborated by independent sources)"]
    assert check_faithful(brief, arts) == []


def test_shares_in_words_and_frequencies_are_no_figure_lines():
    arts = [
        Article(id="a", source="Norland Post", text="Rebels took a third of the provinces of Lowmere in a month. "
                "The council met three times this week. One and a half million people fled the coast."),
        Article(id="b", source="Ostravia Times", text="Rebels advanced across Lowmere this month."),
    ]
    def whole(phrase: str, unit: str, label: str, value: float) -> FigureGroup:
        start = arts[0].text.index(phrase)
        fig = Figure(article_id="a", start=start, end=start + len(phrase), value=value, unit=unit,
                     predicate=label.split()[-1], key=label)
        return FigureGroup(id=f"g-{label}", label=label, unit=unit, status="single_source", order="dated",
                           independent_sources=1, current=FigureValue(value=value), reports=(fig,))

    groups = [
        whole("a third of the provinces", "provinces", "provinces took", 0.333),
        whole("three times", "times", "times met", 3),
        whole("One and a half million people", "people", "people fled", 1_500_000),
    ]
    sents = {x.id: sentences_of(x) for x in arts}
    story = Story(id="s", title="t", article_ids=("a", "b"))
    brief, _ = write_brief(story, arts, sents, {}, (), (), groups, ())
    labels = [b.text.split(":")[0] for b in brief if b.section == "figures"]
    # a share of the provinces and how often the council met count no thing; a mixed number does
    assert labels == ["People fled"], labels


def test_an_amount_restated_in_another_currency_makes_one_figure_line():
    shared = "Storms closed the port of Roe on the Lowmere coast on Sunday night. "
    arts = [
        Article(id="a", source="Norland Post", text=shared + "The Lowmere relief fund appealed for 40 million "
                "euros (US$45 million) to rebuild the harbour."),
        Article(id="b", source="Ostravia Times", text=shared + "Ferries stayed in the harbour."),
    ]
    from storyledger.extract.figures import extract_figures

    sents = {a.id: sentences_of(a) for a in arts}
    facts = {a.id: ArticleFacts(article_id=a.id, figures=tuple(extract_figures(a))) for a in arts}
    groups = reconcile_figures(arts, facts, ())
    story = Story(id="s", title="t", article_ids=("a", "b"))
    brief, _ = write_brief(story, arts, sents, facts, (), (), groups, ())
    money = [g for g in groups if any(r.currency for r in g.reports)]
    assert len(money) == 2, groups  # the amount and its conversion are figures of their own
    lines = [b.text for b in brief if b.section == "figures"]
    # one line, for the amount as the source gives it; the conversion is not a second fact
    assert len(lines) == 1 and "40 million" in lines[0] and not lines[0].startswith("US dollars"), lines


def test_a_verb_in_its_bare_form_is_not_part_of_a_figure_label():
    arts = [
        Article(id="a", source="Norland Post", text="The Lowmere works agency will deliver 40 tonnes of grain to Roe "
                "on Monday. Crews fired 12 rockets at the dam."),
        Article(id="b", source="Ostravia Times", text="Officials in Roe said the agency aims to deliver 40 tonnes "
                "of grain this week."),
    ]
    groups = [
        _group(arts, "40 tonnes", unit="tonnes", label="tonnes deliver", value=40, status="corroborated"),
        _group(arts, "12 rockets", unit="rockets", label="rockets fired", value=12),
    ]
    sents = {x.id: sentences_of(x) for x in arts}
    story = Story(id="s", title="t", article_ids=("a", "b"))
    brief, _ = write_brief(story, arts, sents, {}, (), (), groups, ())
    labels = [b.text.split(":")[0] for b in brief if b.section == "figures"]
    # "will deliver" and "aims to deliver" say what is planned, not what happened to the grain; "fired" stays
    assert "Tonnes" in labels and "Tonnes deliver" not in labels, labels
    assert "Rockets fired" in labels, labels


def test_a_sentence_a_figure_line_tells_is_not_told_again_as_single_source():
    shared = ("Storms hit the coast of Lowmere on Sunday night and closed the port of Roe. "
              "The Lowmere coast guard closed the port of Roe to ships until the storms pass. "
              "Ferries between Lowmere and Roe stayed in the harbour as the storms hit the coast. ")
    arts = [
        Article(id="a", source="Norland Post", text=shared + "In a village inland, 12 people were killed when a wall fell."),
        Article(id="b", source="Ostravia Times", text=shared + "Schools in Lowmere will stay shut on Monday."),
    ]
    (brief, _), _ = analyse(arts)
    figure_lines = [b for b in brief if b.section == "figures"]
    assert figure_lines and "12" in figure_lines[0].text, brief
    cited = [(b.citations[0].article_id, b.citations[0].start) for b in brief]
    assert len(cited) == len(set(cited)), brief


def test_a_single_source_line_without_a_single_source_figure_must_be_worth_its_words():
    shared = "Floods forced thousands of families from their homes along the river valley this week."
    aside = 'A resident of the town said "it was a strange week" as she walked her dog past the bakery.'
    a = Article(id="a", text=shared + " The regional governor said 40 people were injured when a bridge collapsed in the valley.")
    b = Article(id="b", text=shared + " " + aside)
    at = b.text.index("it was")
    quote = Quote(article_id="b", start=at, end=at + len("it was a strange week"), kind="direct", speaker="A resident")
    n = len(shared)
    al = (Alignment(kind="verbatim", score=1.0, a=Span(article_id="a", start=0, end=n), b=Span(article_id="b", start=0, end=n)),)
    arts = [a, b]
    sents = {x.id: sentences_of(x) for x in arts}
    facts = {"a": figures_of(a), "b": ArticleFacts(article_id="b", quotes=(quote,))}
    groups = reconcile_figures(arts, facts, ())
    story = Story(id="s", title="t", article_ids=("a", "b"))
    brief, _ = write_brief(story, arts, sents, facts, al, (), groups, ())
    assert any("40" in x.text for x in brief if x.section in ("figures", "single_source"))  # one outlet's figure: shown
    assert aside not in [x.text for x in brief]  # one outlet's aside with a quote: not worth its words
