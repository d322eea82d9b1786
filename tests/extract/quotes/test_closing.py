"""Which clause a quote belongs to (issue 18 item 3): cues after the closing mark, coordinated clauses, titles."""

from __future__ import annotations

from storyledger.extract.quotes.closing import words_of_attribution
from storyledger.extract.quotes.marks import mask, normalise_marks, pair_marks, paragraph_spans
from storyledger.extract.quotes.quotes import extract_quotes
from storyledger.records import Article, Quote
from storyledger.text.segment import segment_article


def _quotes(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(words, kind, speaker span text, cue) of each quote, in text order."""
    article = Article(id="t", text=text)
    out = []
    for q in extract_quotes(article, segment_article(article)):
        span = text[q.speaker_span[0] : q.speaker_span[1]] if q.speaker_span else None
        out.append((text[q.start : q.end], q.kind, span, q.cue))
    return out


def _by_words(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {w: (k, s, c) for w, k, s, c in _quotes(text)}


def test_a_cue_in_the_next_clause_after_whereas_is_not_the_partial_quote_cue():
    text = (
        "Ruritania's prime minister asserts that \"ethnic cleansing\" has begun, whereas Borduria asserts "
        "that residents will be secure."
    )
    found = _by_words(text)
    assert found["ethnic cleansing"][1] == "Ruritania's prime minister"
    assert found["residents will be secure"][1] == "Borduria"


def test_a_partial_quote_ending_in_a_comma_takes_the_cue_after_it():
    text = 'The plan is "a disaster for the town," Jo Roe said, and the council agreed.'
    assert _by_words(text)["a disaster for the town"][1] == "Jo Roe"


def test_a_coordinated_clause_with_its_own_cue_is_another_attribution():
    text = (
        "Ivo Marek called the system \u201crigged\u201d in a post on Tuesday, and a few opposition lawmakers "
        "have called for a special prosecutor to review the findings."
    )
    found = _by_words(text)
    assert found["rigged"][1] == "Ivo Marek"
    reported = {w: v for w, v in found.items() if v[0] == "reported"}
    marek = [w for w, v in reported.items() if v[1] == "Ivo Marek"]
    assert marek and all("lawmakers" not in w and "prosecutor" not in w for w in marek)
    assert any("special prosecutor" in w and v[1] and "lawmakers" in v[1] for w, v in reported.items())


def test_a_coordinated_clause_without_a_cue_stays_in_the_content():
    text = "Lena Holt said the bridge would open in May, and the tolls would be dropped."
    found = _by_words(text)
    assert "the bridge would open in May, and the tolls would be dropped" in found


def test_and_that_goes_on_with_the_same_content():
    text = "Lena Holt said the bridge would open in May, and that drivers believe the tolls would go."
    contents = [w for w, v in _by_words(text).items() if v[1] == "Lena Holt"]
    assert any(w.endswith("the tolls would go") for w in contents)


def test_a_title_in_the_adjunct_before_that_is_not_a_quote():
    text = "Olav Rask said on ABC's ''This Week'' on Sunday that the council had shown disrespect to his family."
    found = _quotes(text)
    assert [w for w, *_ in found] == ["the council had shown disrespect to his family"]
    assert found[0][2] == "Olav Rask"


def test_a_lowercase_quote_after_to_is_part_of_the_content_not_a_title():
    text = 'Lena Holt said she wanted to speak "directly to the voters" and let them know that "this is not who we are."'
    found = _by_words(text)
    assert found["directly to the voters"][0] == "partial"
    assert any(w.startswith("she wanted to speak") for w, v in found.items() if v[0] == "reported")


def test_in_the_words_of_names_the_speaker():
    text = "The week brought more \u201csurprises,\u201d in the words of one senior aide, than the campaign had planned for."
    found = _quotes(text)
    assert [(w, s, c) for w, _, s, c in found] == [("surprises", "one senior aide", "in the words of")]


def _words_of(raw: str):
    text = normalise_marks(raw)
    paras = paragraph_spans(text)
    segs = pair_marks(text, paras)
    (o, c, _), = segs
    return text, words_of_attribution(mask(text, segs), o, c, paras[0][1])


def test_words_of_attribution_reads_the_phrase_after_the_closing_mark():
    text, a = _words_of('"A new era," in the words of the mayor, Jo Roe.')
    assert a is not None and a.cue == "in the words of" and a.shape == "after"
    assert text[a.speaker_start : a.speaker_end] == "the mayor"
    assert _words_of('"A new era," the mayor said.')[1] is None


def test_an_adjunct_word_is_whole_so_against_is_not_again():
    text = "The minister cautioned against drawing lessons from one vote."
    assert _by_words(text) == {"against drawing lessons from one vote": ("reported", "The minister", "cautioned")}


def test_quotes_are_quote_records():
    article = Article(id="t", text='"Yes," in the words of Jo Roe.')
    assert all(isinstance(q, Quote) for q in extract_quotes(article, segment_article(article)))


def test_a_title_in_title_case_is_not_a_quote():
    text = (
        'Lena Holt said she will appear on "The Late Show With Stephen Colbert" and on the reality '
        'show "The Apprentice" next week, her aide said.'
    )
    words = [w for w, *_ in _quotes(text)]
    assert "The Late Show With Stephen Colbert" not in words and "The Apprentice" not in words
    assert any(w.startswith("she will appear") for w in words)


def test_a_quote_in_a_title_case_headline_is_still_a_quote():
    text = 'Jo Roe: "No Place For Hate In Our Town"\n\nThe mayor spoke on Sunday.'
    assert _by_words(text)["No Place For Hate In Our Town"][1] == "Jo Roe"


def test_a_name_given_with_titled_stays_a_quote():
    text = 'The two wrote a paper titled "How to Foster Long-Term Innovation Investment" for the campaign.'
    assert "How to Foster Long-Term Innovation Investment" in _by_words(text)


def test_a_capitalised_exclamation_is_speech_not_a_title():
    text = 'Ivo Marek tweeted "Thank You Indiana! Great Crowd Tonight" after the rally.'
    assert _by_words(text)["Thank You Indiana! Great Crowd Tonight"][1] == "Ivo Marek"


def test_a_programme_told_is_the_object_not_the_content():
    text = "Lena Holt told CNN's \"State of the Union\" on Sunday that the council would not resign."
    assert _quotes(text) == [("the council would not resign", "reported", "Lena Holt", "told")]
