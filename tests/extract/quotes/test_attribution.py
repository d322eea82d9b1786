"""Attribution shapes read around a quote (issue 18 item 3): who a quote's cue attaches to."""

from __future__ import annotations

from storyledger.extract.quotes.marks import normalise_marks
from storyledger.extract.quotes.quotes import extract_quotes
from storyledger.records import Article
from storyledger.text.segment import segment_article


def _speakers(text: str) -> dict[str, str | None]:
    article = Article(id="t", text=text)
    quotes = extract_quotes(article, segment_article(article))
    return {text[q.start : q.end]: q.speaker for q in quotes}


def test_a_cue_inside_a_relative_clause_is_not_the_quote_cue():
    text = (
        '"I am a delegate and I do not like it. I do not think delegates ought to sway the vote," '
        "Holt, who has not endorsed a candidate, told reporters in Ohio."
    )
    assert list(_speakers(text).values()) == ["Holt"]


def test_a_lowercase_role_may_join_two_descriptions():
    text = '"The deal is likely," Ivo Marek, managing director and analyst at Norbank, told me this week.'
    assert _speakers(text)["The deal is likely"] == "Ivo Marek"


def test_names_joined_by_and_are_not_an_apposition():
    text = "Jo Roe, Al Poe and Ed Lee said it was over."
    assert _speakers(text)["it was over"] != "Jo Roe"


def test_a_long_description_after_said():
    text = '"There was wrongdoing," said a former senior law enforcement official. "But was it a crime?"'
    speakers = _speakers(text)
    assert speakers["There was wrongdoing"] == "former senior law enforcement official"
    assert speakers["But was it a crime"] == "former senior law enforcement official"


def test_closing_triple_apostrophe_ends_the_single_then_the_double_quote():
    text = "''I would call it 'old-school,''' said Olav Rask. ''Humility matters.''"
    assert normalise_marks(text) == " \"I would call it 'old-school,'\"  said Olav Rask.  \"Humility matters.\" "
    speakers = _speakers(text)
    assert speakers["I would call it 'old-school,'"] == "Olav Rask"
    assert speakers["Humility matters"] == "Olav Rask"


def test_a_quote_that_ends_its_sentence_does_not_take_the_next_sentence_cue():
    text = (
        '"We can slow down," Mira Sand said. "We want a better deal for workers." '
        "Following her speech, the Democrats rejected the trade bill in large numbers."
    )
    assert _speakers(text)["We want a better deal for workers"] == "Mira Sand"


def test_a_quote_that_ends_with_a_comma_still_takes_the_cue_after_it():
    text = '"We want a better deal," Mira Sand, the party leader, said on Friday.'
    assert _speakers(text)["We want a better deal"] == "Mira Sand"


def test_a_speech_participle_takes_the_clause_subject_not_the_object_before_it():
    text = "Ann Poe responded to Karl Brandt's question on Facebook writing, \"Yes, I will. It was a poor choice.\""
    assert _speakers(text)["Yes, I will. It was a poor choice."[:-1]] == "Ann Poe"


def test_a_reflexive_subject_before_a_participle_and_colon():
    text = 'Olav Rask himself went further on Thursday, tweeting:\n\n"Lena Holt should resign from the council!"'
    assert list(_speakers(text).values()) == ["Olav Rask"]
