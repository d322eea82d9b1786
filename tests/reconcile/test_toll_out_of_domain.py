"""The toll outside crime news: a fatal word used of a law, an idea or a history is no one killed, and a war
report's hundreds of dead stay the story's toll. These guard the tally models (fitted on gun-incident
reports only) against reading every headline's "kill" as a death."""

from __future__ import annotations

import pytest

from storyledger.extract import extract_figures, report_tally
from storyledger.reconcile.toll import story_toll
from storyledger.records import Article, ArticleFacts
from storyledger.text import segment_article


def _toll(*articles: Article):
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in articles}
    return story_toll(articles, facts, sentences={a.id: segment_article(a) for a in articles})


@pytest.mark.parametrize("title, text", [
    ("Norland legislature kills law the governor used for emergency rules",
     "The Norland legislature voted on Tuesday to repeal the emergency powers law. The governor said she "
     "would keep working with lawmakers on the state's recovery."),
    ("Don't kill remote learning in Lowmere",
     "Families in Lowmere want the school board to keep a remote option next year. The board meets on Monday "
     "to decide, and parents plan to speak."),
    ("'They're killing people,' Roe says of online rumours about the vaccine",
     "Senator Roe criticised the platforms on Friday for letting rumours about the vaccine spread. The "
     "companies said they had removed thousands of posts."),
])
def test_a_fatal_word_of_a_law_or_an_idea_counts_no_one(title: str, text: str) -> None:
    article = Article(id="a", title=title, text=text, published="2024-05-03")
    assert report_tally(article, extract_figures(article)).killed == 0
    toll = _toll(article)
    assert toll is None or toll.killed.value == 0


def test_a_war_reports_hundreds_of_dead_stay_the_toll() -> None:
    # "hundreds" (100, hedged) and "at least 187" are one toll, not a reason to count none
    arts = (
        Article(id="a", title="Ostravia determined to go on with its operation", published="2024-05-17",
                text="Ostravia's leader said on Monday the operation would go on. Air strikes have left hundreds "
                     "dead in the region, officials said."),
        Article(id="b", title="Norland urges Ostravia to de-escalate", published="2024-05-17",
                text="Norland's president told Ostravia's leader he expects a significant de-escalation. The "
                     "fighting has caused at least 187 deaths in the region, local health officials said."),
    )
    toll = _toll(*arts)
    assert toll is not None and toll.killed.value == 187
