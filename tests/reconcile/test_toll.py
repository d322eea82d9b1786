"""Tests for storyledger.reconcile.toll: the story's casualty count, its evidence, brief line and timeline."""

from __future__ import annotations

from dataclasses import replace

from storyledger.extract import extract_figures
from storyledger.pipeline import StoryTask, analyze_story
from storyledger.reconcile.brief import check_faithful
from storyledger.reconcile.toll import add_toll, story_toll, toll_lines, toll_timeline
from storyledger.records import Article, ArticleFacts, BriefSentence, Citation, Story
from storyledger.text import segment_article

from tests.toll_stories import EARLY, LATE, QUIET


def facts_of(arts: list[Article]) -> dict[str, ArticleFacts]:
    return {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}


def sentences_of(arts: list[Article]) -> dict:
    return {a.id: segment_article(a) for a in arts}


def test_an_early_lower_toll_is_an_update_not_a_conflict() -> None:
    arts = [LATE, EARLY]  # out of date order: the toll reads the reports by date
    toll = story_toll(arts, facts_of(arts))
    assert toll is not None
    assert (toll.killed.value, toll.killed.updated, toll.killed.earlier, toll.killed.disagreeing) == (2, True, 1, False)
    assert [(r.article_id, r.value) for r in toll.killed.reports] == [("early", 1), ("late", 2)]
    for r in toll.killed.reports:  # each count cites the figure that states it
        text = LATE.text if r.article_id == "late" else EARLY.text
        assert r.stated and r.citations
        assert text[r.citations[0].start:r.citations[0].end].lower() in ("one man", "two men")
    assert toll.injured.value == 0 and not toll.injured.updated


def test_a_later_lower_count_disagrees() -> None:
    later_low = Article(id="later", published="2024-05-06", text=EARLY.text)
    arts = [EARLY, LATE, later_low]
    toll = story_toll(arts, facts_of(arts))
    assert toll is not None and toll.killed.disagreeing  # 1, 2, then 1 again: not an update


def test_a_suspect_killed_is_not_counted() -> None:
    a = Article(id="a", published="2024-06-01",
                text="A woman was wounded when a gunman opened fire at a store on Main Street on Sunday, police said. "
                     "The gunman was killed by officers who arrived minutes later.")
    toll = story_toll([a], facts_of([a]))
    assert toll is not None
    assert toll.killed.value == 0
    assert toll.injured.value == 1


def test_no_casualties_no_toll() -> None:
    assert story_toll([QUIET], facts_of([QUIET])) is None
    assert toll_lines(None, [QUIET], {}) == () and toll_timeline(None, [QUIET], {}) == ()


def test_brief_line_is_faithful_and_says_updated() -> None:
    arts = [EARLY, LATE]
    toll = story_toll(arts, facts_of(arts))
    lines = toll_lines(toll, arts, sentences_of(arts))
    assert len(lines) == 1
    line = lines[0]
    assert line.section == "toll"
    assert line.text == "Killed: Two men (updated from One man in an earlier report)"
    assert check_faithful(lines, arts) == []
    assert [c.article_id for c in line.citations] == ["late", "early"]
    cited = LATE.text[line.citations[0].start:line.citations[0].end]
    assert cited.startswith("Two men were killed") and cited.endswith("on Saturday.")


def test_timeline_says_when_the_count_rose() -> None:
    arts = [EARLY, LATE]
    toll = story_toll(arts, facts_of(arts))
    entries = toll_timeline(toll, arts, sentences_of(arts))
    assert [(e.date, e.text) for e in entries] == [
        ("2024-05-03", "Killed, first count: One man"), ("2024-05-04", "Killed rose to: Two men")]
    assert check_faithful(entries, arts) == []


def test_add_toll_puts_the_line_after_the_summary_and_keeps_the_rest() -> None:
    arts = [EARLY, LATE]
    toll = story_toll(arts, facts_of(arts))
    cite = (Citation(article_id="late", start=0, end=20),)
    brief = (BriefSentence(text="Summary.", citations=cite), BriefSentence(text="Other: 5", citations=cite, section="figures"))
    out, timeline = add_toll(brief, (), toll, arts, sentences_of(arts))
    assert [b.section for b in out] == ["summary", "toll", "figures"]
    assert len(timeline) == 2 and timeline[0].date <= timeline[1].date


def test_pipeline_carries_the_toll_and_its_line() -> None:
    arts = (EARLY, LATE)
    story = Story(id="s", title="Shooting", article_ids=("early", "late"))
    sents = sentences_of(list(arts))
    analysis = analyze_story(StoryTask(story=story, articles=arts, sentences=sents, facts=facts_of(list(arts))))
    assert analysis.toll is not None and analysis.toll.killed.value == 2
    assert any(b.section == "toll" and b.text.startswith("Killed: Two men") for b in analysis.brief)
    assert any(t.text == "Killed rose to: Two men" for t in analysis.timeline)
    quiet = analyze_story(StoryTask(story=Story(id="q", title="Budget", article_ids=("quiet",)), articles=(QUIET,),
                                    sentences=sentences_of([QUIET]), facts=facts_of([QUIET])))
    assert quiet.toll is None and not any(b.section == "toll" for b in quiet.brief)


def test_a_count_the_brief_already_tells_gets_no_second_line() -> None:
    a = Article(id="a", published="2024-06-01",
                text="Three people were killed in a crash on the highway on Sunday, police said. The road was closed.")
    toll = story_toll([a], facts_of([a]))
    assert toll is not None and toll.killed.value == 3 and not toll.killed.updated
    sents = sentences_of([a])
    lines = toll_lines(toll, [a], sents)
    assert [b.text for b in lines] == ["Killed: Three people"]
    assert toll_lines(toll, [a], sents, told={lines[0].citations[0]}) == ()


def test_a_copy_is_cited_after_its_source() -> None:
    copy = Article(id="copy", source="Reposter C", published="2024-05-04",
                   text="Two men were killed in a shooting outside a bar on Elm Street late on Friday, police said on "
                        "Saturday. A second victim died in hospital overnight.")
    arts = [copy, LATE]  # the copy first, as a date order would put an earlier-dated copy
    toll = story_toll(arts, facts_of(arts))
    plain = toll_lines(toll, arts, sentences_of(arts))
    assert plain and plain[0].citations[0].article_id == "copy"
    lines = toll_lines(toll, arts, sentences_of(arts), derived={"copy"})
    assert [c.article_id for c in lines[0].citations] == ["late", "copy"]
    assert not check_faithful(lines, arts)


def test_a_harm_not_told_gets_no_brief_line() -> None:
    texts = ["Two men were killed and three were wounded in a shooting in Lowmere on Friday, police said.",
             "Police said two men were killed in Friday's shooting in Lowmere; three others were wounded.",
             "Two men died and three were hurt after a shooting in Lowmere on Friday night, police said."]
    arts = [Article(id=f"r{i}", text=t, published=f"2024-05-0{i + 3}") for i, t in enumerate(texts)]
    toll = story_toll(arts, facts_of(arts))
    assert toll is not None and toll.injured.value == 3 and toll.injured.told
    sents = sentences_of(arts)
    assert "Injured" in [b.text.split(":")[0] for b in toll_lines(toll, arts, sents)]
    # fewer than half the reports counting the wounded would leave the toll untold: no line then
    quiet = replace(toll, injured=replace(toll.injured, told=False))
    assert "Injured" not in [b.text.split(":")[0] for b in toll_lines(quiet, arts, sents)]
