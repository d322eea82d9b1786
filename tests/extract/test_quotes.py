"""Quotes and attributions on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract.entities.entities import extract_entities
from storyledger.extract.quotes.marks import MAX_QUOTE_CHARS
from storyledger.extract.quotes.parties import party_in_text, party_key
from storyledger.extract.quotes.quotes import describe_speakers, extract_quotes
from storyledger.records import Article
from storyledger.text.segment import segment_article


def _quotes(text: str):
    article = Article(id="t", text=text)
    sentences = segment_article(article)
    entities = extract_entities(article, sentences)
    return article, extract_quotes(article, sentences, entities), entities


def _by_text(text: str):
    _, quotes, _ = _quotes(text)
    return {text[q.start : q.end]: q for q in quotes}


def _span(text: str, q) -> str | None:
    return text[q.speaker_span[0] : q.speaker_span[1]] if q.speaker_span else None


def test_direct_quote_with_speaker_after():
    text = '"We will rebuild the bridge by winter," Maria Lopez said.'
    q = _by_text(text)["We will rebuild the bridge by winter"]
    assert q.kind == "direct"
    assert q.speaker == "Maria Lopez"
    assert _span(text, q) == "Maria Lopez"
    assert q.cue == "said"


def test_direct_quote_inverted_with_title():
    text = '"The dam is holding for now," said regional governor Tomas Ferreira.'
    q = _by_text(text)["The dam is holding for now"]
    assert q.kind == "direct"
    assert q.speaker == "Tomas Ferreira"


def test_direct_quote_after_colon():
    text = 'Tomas Ferreira said in a statement: "Every family will be housed."'
    q = _by_text(text)["Every family will be housed"]
    assert q.kind == "direct"
    assert q.speaker == "Tomas Ferreira"
    assert q.cue == "said"


def test_multi_sentence_quote_and_continuation():
    text = (
        '"The water is rising. We need boats now," Jon Park told reporters. '
        '"Nobody should stay behind."'
    )
    quotes = _by_text(text)
    first = quotes["The water is rising. We need boats now"]
    second = quotes["Nobody should stay behind"]
    assert first.kind == second.kind == "direct"
    assert first.speaker == second.speaker == "Jon Park"
    assert first.speaker_span == second.speaker_span


def test_quote_running_over_paragraphs_takes_the_later_attribution():
    text = '"The first wave hit at dawn.\n\n"The second came at noon," the harbour master, Ines Vidal, said.'
    _, quotes, _ = _quotes(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert {q.speaker for q in direct} == {"Ines Vidal"}


def test_partial_quote_takes_the_sentence_speaker():
    text = 'Finance Minister Ana Duarte called the plan "a dangerous gamble" on Monday.'
    q = _by_text(text)["a dangerous gamble"]
    assert q.kind == "partial"
    assert q.speaker == "Ana Duarte"


def test_scare_quotes_without_attribution_are_not_quotes():
    text = 'The so-called "peace dividend" never arrived in the valley.'
    _, quotes, _ = _quotes(text)
    assert not [q for q in quotes if q.kind in ("direct", "partial")]


def test_capitalised_titles_and_terms_without_attribution_are_not_quotes():
    for text in (
        'Viewers of Channel 9\'s "Morning Report" rang the station all night.',
        'Clerks searched the files for words such as "Harbour," "Tender" and "Payments."',
    ):
        _, quotes, _ = _quotes(text)
        assert not [q for q in quotes if q.kind in ("direct", "partial")]
    # A short quote with its speaker stays a quote, and so does the quote that goes on from it.
    kept = _by_text('"Call the vote," Ana Duarte said. "We have waited for this budget for months and months."')
    assert kept["Call the vote"].kind == "direct" and kept["Call the vote"].speaker == "Ana Duarte"
    assert kept["We have waited for this budget for months and months"].kind == "direct"


def test_reported_says_at_the_end():
    text = "More than 300 homes were destroyed in the storm, Chile says."
    q = _by_text(text)["More than 300 homes were destroyed in the storm"]
    assert q.kind == "reported"
    assert q.speaker == "Chile"
    assert q.cue == "says"


def test_reported_said_on_saturday_that():
    text = "The Health Ministry said on Saturday that the border would reopen within days."
    q = _by_text(text)["the border would reopen within days"]
    assert q.kind == "reported"
    assert q.speaker == "Health Ministry"
    assert q.cue == "said"


def test_reported_according_to():
    text = "According to the Red Cross, 40 people are still missing."
    q = _by_text(text)["40 people are still missing"]
    assert q.kind == "reported"
    assert q.cue == "according to"
    assert "Red Cross" in (q.speaker or "")


def test_reported_told():
    text = "Jon Park told the BBC that the talks had collapsed."
    q = _by_text(text)["the talks had collapsed"]
    assert q.speaker == "Jon Park"
    assert q.cue == "told"


def test_reported_announced_resolves_the_court():
    text = (
        "Lawyers filed an appeal at the Supreme Court of Freedonia on Monday. "
        "The court announced it would rule next week."
    )
    q = _by_text(text)["it would rule next week"]
    assert q.cue == "announced"
    assert q.speaker == "Supreme Court of Freedonia"
    assert _span(text, q) == "The court"


def test_pronoun_resolves_to_the_nearest_person():
    text = 'Maria Lopez visited the camp on Friday.\n\n"Conditions are terrible," she said.'
    q = _by_text(text)["Conditions are terrible"]
    assert q.speaker == "Maria Lopez"
    assert _span(text, q) == "she"


def test_the_spokesman_resolves_to_the_named_spokesman():
    text = (
        "Ahmed Nasser, the agency's spokesman, arrived in the city. "
        "Later the spokesman said supplies were running low."
    )
    q = _by_text(text)["supplies were running low"]
    assert q.speaker == "Ahmed Nasser"
    assert _span(text, q) == "the spokesman"


def test_they_resolves_to_an_organisation():
    text = "The Harbour Workers Union rejected the offer. They said the pay rise was too small."
    q = _by_text(text)["the pay rise was too small"]
    assert q.speaker == "Harbour Workers Union"
    assert _span(text, q) == "They"


def test_role_and_affiliation_are_kept():
    text = "Nina Petrova, a spokeswoman for Ruritania's prime minister, said the talks would resume."
    article, quotes, entities = _quotes(text)
    q = {text[x.start : x.end]: x for x in quotes}["the talks would resume"]
    assert q.speaker == "Nina Petrova"
    roles = describe_speakers(article, quotes, entities)
    assert roles == {"Nina Petrova": "a spokeswoman for Ruritania's prime minister"}


def test_title_before_a_name_is_a_role():
    text = "US Secretary of State Jane Miller urged both sides to talk."
    article, quotes, entities = _quotes(text)
    assert quotes and quotes[0].speaker == "Jane Miller"
    assert describe_speakers(article, quotes, entities)["Jane Miller"] == "US Secretary of State"


def test_curly_marks_and_nested_single_quotes():
    text = "“She told me ‘never again’ and walked away,” the witness, Omar Haddad, said."
    q = _by_text(text)["She told me ‘never again’ and walked away"]
    assert q.kind == "direct"
    assert q.speaker == "Omar Haddad"


def test_double_apostrophes_as_quote_marks():
    text = "''It is like a new plane,'' Mr. Roe said. ''The seats are leather.''"
    quotes = _by_text(text)
    assert quotes["It is like a new plane"].speaker == "Roe"
    assert quotes["The seats are leather"].speaker == "Roe"


def test_unbalanced_mark_does_not_swallow_the_article():
    text = (
        'He said "this will never end and walked out.\n\n'
        "The council met again on Tuesday and approved the budget.\n\n"
        '"We are pleased," the mayor said.'
    )
    _, quotes, _ = _quotes(text)
    for q in quotes:
        assert "council met" not in text[q.start : q.end]
    assert any(text[q.start : q.end] == "We are pleased" for q in quotes)


def test_overlong_quote_is_dropped():
    text = '"' + "word " * (MAX_QUOTE_CHARS // 4) + '," she said.'
    _, quotes, _ = _quotes(text)
    assert all(q.end - q.start <= MAX_QUOTE_CHARS for q in quotes)


def test_empty_and_quote_only_texts():
    assert extract_quotes(Article(id="e", text="")) == ()
    assert extract_quotes(Article(id="e", text='"')) == ()
    assert extract_quotes(Article(id="e", text='""""')) == ()


_ALPHABET = st.sampled_from(list('abc XYZ.,:;"“”«»\'‘’\n-—()') + ["said", " he ", "She", "told", "that", "Mr."])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_random_text_never_crashes_and_spans_stay_in_bounds(text):
    article = Article(id="h", text=text)
    quotes = extract_quotes(article, segment_article(article), extract_entities(article))
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span[0] <= q.speaker_span[1] <= len(text)


def test_whereas_keeps_each_quote_with_its_own_speaker():
    text = 'Maria Lopez asserts that "the bridge will hold," whereas Jon Park asserts that "it will fall."'
    quotes = _by_text(text)
    assert quotes["the bridge will hold"].speaker == "Maria Lopez"
    assert _span(text, quotes["the bridge will hold"]) == "Maria Lopez"
    assert quotes["it will fall"].speaker == "Jon Park"


def test_quote_signed_with_a_dash():
    text = "“Maybe we can build a bridge.” ― Jon Park\n“Nothing will change.” — Ana Duarte, a farmer."
    quotes = _by_text(text)
    assert quotes["Maybe we can build a bridge"].speaker == "Jon Park"
    assert _span(text, quotes["Nothing will change"]) == "Ana Duarte"


def test_quote_signed_on_the_next_line():
    text = '"Prices will rise before the harvest."\n\n- Jon Park.'
    assert _by_text(text)["Prices will rise before the harvest"].speaker == "Jon Park"


def test_a_dash_that_continues_the_sentence_is_no_signature():
    text = '"Prices will rise before the harvest" - and they did.'
    assert _by_text(text)["Prices will rise before the harvest"].speaker is None


def test_nested_belief_is_part_of_what_the_speaker_said():
    text = "Maria Lopez said the agency wanted to close the bridge before the storm."
    _, quotes, _ = _quotes(text)
    assert [(text[q.start : q.end], _span(text, q)) for q in quotes] == [
        ("the agency wanted to close the bridge before the storm", "Maria Lopez")
    ]


def test_coordinate_belief_keeps_its_own_speaker():
    text = "Maria Lopez said the bridge was safe, but the engineers believe that it will fail."
    quotes = _by_text(text)
    assert _span(text, quotes["the bridge was safe"]) == "Maria Lopez"
    assert _span(text, quotes["it will fail"]) == "the engineers"


def test_cue_words_used_as_nouns_make_no_speaker():
    text = "Jon Park repeated a false claim that the dam had burst. His late-night tweets drew criticism."
    _, quotes, _ = _quotes(text)
    spans = {_span(text, q) for q in quotes}
    assert "a false" not in spans
    assert "His late-night" not in spans and "His" not in spans


def test_participle_on_an_object_takes_the_clause_subject():
    text = "Maria Lopez released a statement saying the shelters were full."
    q = _by_text(text)["the shelters were full"]
    assert _span(text, q) == "Maria Lopez"


def test_any_verb_after_the_closing_mark_takes_its_subject():
    text = '"Nobody wins here," scoffed Ana Duarte, a local farmer.'
    q = _by_text(text)["Nobody wins here"]
    assert q.speaker == "Ana Duarte"
    assert q.cue == "scoffed"


def test_a_document_that_reads():
    text = 'The ministry sent an email on Monday. "Every shelter is open," read the email.'
    assert _span(text, _by_text(text)["Every shelter is open"]) == "the email"


def test_as_x_put_it():
    text = 'As Tom Ridge, a former minister, put it: "The barbarians are inside."'
    q = _by_text(text)["The barbarians are inside"]
    assert q.speaker == "Tom Ridge"


def test_time_phrase_between_subject_and_cue():
    text = "Jon Park, the party chairman, this past week announced the creation of a new website."
    q = _by_text(text)["the creation of a new website"]
    assert _span(text, q) == "Jon Park"


def test_possessive_role_apposition():
    text = '"We need him," his wife, Ana Duarte, wrote in a letter to the court.'
    _, quotes, _ = _quotes(text)
    assert [(text[q.start : q.end], _span(text, q)) for q in quotes] == [("We need him", "Ana Duarte")]


def test_quote_with_a_sentence_break_inside_a_reported_clause():
    text = "Jon Park said last week that he would “need a lot of help. So we will see how it works.”"
    q = _by_text(text)["need a lot of help. So we will see how it works"]
    assert q.speaker == "Jon Park"


def test_apposition_chain_after_quote_keeps_first_name():
    text = (
        '"The rule is an overreach," Lena Voss, the attorney general of Westmark, one of the states '
        "suing the agency, said at an event on Monday."
    )
    q = _by_text(text)["The rule is an overreach"]
    assert _span(text, q) == "Lena Voss"
    assert q.cue == "said"


def test_party_tag_in_parentheses_after_name():
    text = '"They would just go get them," Rep. Tom Brandt (R-Ohio), a panel member, said in an interview.'
    q = _by_text(text)["They would just go get them"]
    assert _span(text, q) == "Rep. Tom Brandt"


def test_inverted_speaker_with_number_in_role():
    text = '"They are wrong on every count," said 9/11 widow Dana Hale.'
    assert _span(text, _by_text(text)["They are wrong on every count"]) == "Dana Hale"


def test_adverb_between_speaker_and_cue():
    text = "The senator backed the pact in 2012. Ms. Reyes now says that the pact hurts workers."
    q = _by_text(text)["the pact hurts workers"]
    assert _span(text, q) == "Reyes"
    text = "The report initially says that the dam held."
    assert _span(text, _by_text(text)["the dam held"]) == "The report"


def test_transcript_lines_inside_quotes():
    text = (
        'Partial transcript as follows: "HOLT: Let us start with the debate. Why did he do that?\n'
        '"MARSH: Well, look, the campaign thinks this is funny. I do not.\n'
        '"HOLT: Do you see those two as equivalent?"'
    )
    got = [(text[q.start : q.end], _span(text, q)) for q in _quotes(text)[1]]
    assert got == [
        ("Let us start with the debate. Why did he do that", "HOLT"),
        ("Well, look, the campaign thinks this is funny. I do not", "MARSH"),
        ("Do you see those two as equivalent", "HOLT"),
    ]


def test_coordinated_cue_takes_subject_of_first_verb():
    text = "Nora Patel, her rival, bemoaned the unrest in the city and said that drugs were a factor."
    q = _by_text(text)["drugs were a factor"]
    assert _span(text, q) == "Nora Patel"
    assert q.cue == "said"


def test_described_speaker_with_relative_clause():
    text = "In Ostrava, a former U.S. law enforcement official, who oversaw the inquiry, said the case was weak."
    q = _by_text(text)["the case was weak"]
    assert _span(text, q) == "a former U.S. law enforcement official"
    assert q.speaker == "former U.S. law enforcement official"


def test_participle_takes_described_subject_and_adverb_before_that():
    text = 'One aide inside the campaign tried to play it down, saying the remarks were "not a big deal here."'
    q = _by_text(text)["not a big deal here"]
    assert _span(text, q) == "One aide"
    text = 'He added, though, that in the end "the plan could not work at all, whatever we did."'
    q = _by_text(text)["the plan could not work at all, whatever we did"]
    assert (_span(text, q), q.cue) == ("He", "added")


def test_pronoun_opening_a_reported_clause_gives_quote_to_outer_speaker():
    text = 'It was hard. Nadia Ferro said she recalled thinking, "This is what people have talked about for years."'
    q = _by_text(text)["This is what people have talked about for years"]
    assert _span(text, q) == "Nadia Ferro"


def test_document_verb_after_quote_and_possessive_speaker():
    text = "They urged the board to reconsider. “We see schools offering hope,” the letter reads. “Our support is firm.”"
    got = {text[q.start : q.end]: _span(text, q) for q in _quotes(text)[1]}
    assert got["We see schools offering hope"] == "the letter"
    assert got["Our support is firm"] == "the letter"
    text = 'It was his way. "We live in hard times," my father often said.'
    assert _span(text, _by_text(text)["We live in hard times"]) == "my father"


def test_quote_after_partial_quote_continues_its_speaker():
    text = 'The answers are "not meeting the demand," says Tom Vale, founder of Vets First. "We compare it to a crisis."'
    assert _span(text, _by_text(text)["We compare it to a crisis"]) == "Tom Vale"


def test_speech_cue_opening_a_reported_clause_is_part_of_it():
    text = "Ana Ruiz further asserted that Lee tells so many lies that voters stop listening."
    _, quotes, _ = _quotes(text)
    assert [(text[q.start : q.end], _span(text, q)) for q in quotes] == [
        ("Lee tells so many lies that voters stop listening", "Ana Ruiz")
    ]


def test_continue_to_is_no_cue():
    text = "She said that we must continue to push policies that help."
    _, quotes, _ = _quotes(text)
    assert [q.cue for q in quotes] == ["said"]


def test_partial_quote_joined_by_and_or_but_keeps_the_speaker():
    text = 'Lane "got a deal," Omar Diaz said, and still "got to sit in on every meeting of the board."'
    assert _span(text, _by_text(text)["got to sit in on every meeting of the board"]) == "Omar Diaz"
    text = '"I like Lena," he said, but "when it comes to farms, Lena has a long record of it."'
    assert _span(text, _by_text(text)["when it comes to farms, Lena has a long record of it"]) == "he"


def test_quote_after_reported_sentence_ending_with_its_speaker():
    text = 'The board may wait while the mayor talks with the union, Ada Moss said. "The other factor is the cost. I doubt it."'
    assert _span(text, _by_text(text)["The other factor is the cost. I doubt it"]) == "Ada Moss"


def test_going_on_to_say_hangs_on_the_speaker_before():
    text = '"It is unfair," Ada Moss said, going on to say that the town has spent "years fighting against the closure of the mill."'
    q = _by_text(text)["years fighting against the closure of the mill"]
    assert (_span(text, q), q.cue) == ("Ada Moss", "say")


def test_pronoun_after_lone_surname_resolves_to_it():
    text = "The talks ended on Monday. Okafor said the deal was fair. He said he would sign it."
    _, quotes, _ = _quotes(text)
    assert [q.speaker for q in quotes] == ["Okafor", "Okafor"]


def test_quote_paragraph_continues_attribution_with_long_adjunct():
    text = (
        '"We like several of the mayors, some more than others," Ada Moss said during an interview in Lagos, '
        "the largest city of the country, ahead of the opening of her new school in the old port district.\n\n"
        '"It changes every day. I saw in the papers that the vote is close."'
    )
    q = _by_text(text)["It changes every day. I saw in the papers that the vote is close"]
    assert _span(text, q) == "Ada Moss"


def test_quote_continues_across_a_sentence_whose_cue_makes_no_attribution():
    text = (
        '"We have had problems with floods in the past," Ada Moss said after meeting the governor. '
        "She didn't suggest retaliation. \"Our goal is to start setting some rules so that every town acts.\""
    )
    q = _by_text(text)["Our goal is to start setting some rules so that every town acts"]
    assert _span(text, q) == "Ada Moss"


def test_coordinated_cue_before_a_quote_takes_its_own_clause_subject():
    text = "When asked whom she backed, Ms. Moss smiled and said, \"I am waiting for the mayor to run again.\""
    q = _by_text(text)["I am waiting for the mayor to run again"]
    assert q.speaker == "Moss"


def test_partial_quote_ending_its_sentence_after_a_comma_takes_the_clause_subject():
    text = "Ada Moss spoke on Monday. However, she characterized the mayor as, \"a little desperate there, jumping in all the time.\""
    q = _by_text(text)["a little desperate there, jumping in all the time"]
    assert (_span(text, q), q.speaker) == ("she", "Ada Moss")


def test_as_x_put_it_reaches_a_quote_a_few_words_into_the_main_clause():
    text = "As Ms. Moss put it in a statement to her colleague John M. Park in July, the plan is \"giving the town a voice it has never had.\""
    q = _by_text(text)["giving the town a voice it has never had"]
    assert (_span(text, q), q.cue) == ("Moss", "put it")


def test_inverted_speaker_before_of_phrase_or_with_an_age():
    text = '"Who cares? It was her speech," said Omar Diaz of the Ohio delegation.'
    assert _span(text, _by_text(text)["Who cares? It was her speech"]) == "Omar Diaz"
    text = '"She has always been a leader," said the 46-year-old.'
    assert _span(text, _by_text(text)["She has always been a leader"]) == "the 46-year-old"


# -- parties: who a speaker speaks for ---------------------------------------------------------


@pytest.mark.parametrize("text,speaker,party", [
    ("Jo Roe, a spokeswoman for the Health Ministry, said so.", "Jo Roe", "Health Ministry"),
    ("Jo Roe, a spokeswoman for the Health Ministry, said so. Roe added more.", "Roe", "Health Ministry"),
    ("Trump campaign manager Brad Parscale called it a sham.", "Brad Parscale", "Trump campaign"),
    ("Ann Lee, Acme's lawyer, said no.", "Ann Lee", "Acme"),
    ("", "a Norlandian spokesman", "Norlandian"),
    ("", "a spokesman for the ministry", "ministry"),
    ("Ann Lee said no.", "Ann Lee", None),
    ("Ann Lee, a nurse at the clinic, said no.", "Ann Lee", None),
])
def test_party_in_text(text, speaker, party):
    assert party_in_text(text, speaker) == party


def test_party_key_joins_a_country_and_its_people_only():
    assert party_key("Norlandian") == party_key("Norland") == party_key("the Norlandians")
    assert party_key("Ostravian") == party_key("Ostravia")
    assert party_key("Iran") != party_key("Iraq")
    assert party_key("Austria") != party_key("Australia")


@pytest.mark.parametrize("text,quote,span", [
    ('"We will not rest until the bridge is rebuilt by winter," it read.', "We will not rest", "it"),
    ('"No toll, no way, no toll road today!" some protesters chanted.', "No toll", "some protesters"),
    ('Rep. Jo Roe (R-Ore.): "I have not heard anyone other than you cite that figure."', "I have not heard", "Rep. Jo Roe"),
    ('A note in the audit makes that plain: "These rules do not apply to the senior staff."', "These rules", "A note"),
    ('Northfield College\'s Dana Voss agreed. "Lesser-known candidates often gain after early contests."',
     "Lesser-known candidates", "Dana Voss"),
    ('As Jo Roe pointed out in December, "The delegates will have many chances to change the rules."', "The delegates", "Jo Roe"),
])
def test_speakers_after_a_quote_and_before_a_colon(text, quote, span):
    _, quotes, _ = _quotes(text)
    (q,) = [q for q in quotes if text[q.start : q.end].startswith(quote)]
    assert q.kind == "direct" and _span(text, q) == span
