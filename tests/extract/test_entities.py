"""Named things and their aliases on sentences written for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract.entities.entities import extract_entities, merge_aliases
from storyledger.records import Article, Entity
from storyledger.text.segment import segment_article


def _ents(text: str) -> dict[str, Entity]:
    out = {}
    for e in extract_entities(Article(id="t", text=text)):
        out.setdefault(text[e.start : e.end], e)
    return out


def test_people_with_titles_and_honorifics():
    text = "President Amara Okafor met Dr. Lena Fischer in the capital on Monday."
    ents = _ents(text)
    assert ents["Amara Okafor"].label == "PERSON"
    assert ents["Amara Okafor"].canonical == "Amara Okafor"
    assert ents["Lena Fischer"].label == "PERSON"
    assert "President Amara Okafor" not in ents


def test_secretary_of_state_title_is_not_part_of_the_name():
    text = "On Tuesday, US Secretary of State Jane Miller flew to the region."
    ents = _ents(text)
    assert ents["Jane Miller"].label == "PERSON"
    assert ents["US"].label == "GPE"


def test_organisations_by_cue_words_and_acronyms():
    text = "Shares in Coastal Energy Corp fell after the Maritime Safety Council and NATO issued warnings."
    ents = _ents(text)
    assert ents["Coastal Energy Corp"].label == "ORG"
    assert ents["Maritime Safety Council"].label == "ORG"
    assert ents["NATO"].label == "ORG"


def test_places_by_preposition_and_demonym():
    text = "Thousands fled from Tarvos overnight. Tarvosian officials said the roads were closed."
    ents = _ents(text)
    assert ents["Tarvos"].label == "GPE"
    assert "Tarvosian" not in ents


def test_sentence_initial_common_words_are_not_names():
    text = "However, the talks failed. Meanwhile, Brenna Lutz said she would stay. Hundreds of cars waited."
    ents = _ents(text)
    assert "However" not in ents
    assert "Meanwhile" not in ents
    assert "Hundreds" not in ents
    assert ents["Brenna Lutz"].label == "PERSON"


def test_parenthesised_acronym_is_an_alias():
    text = "The World Shipping Federation (WSF) warned of delays. WSF inspectors arrived later."
    ents = extract_entities(Article(id="t", text=text))
    names = {text[e.start : e.end]: e.canonical for e in ents}
    assert names["World Shipping Federation"] == "World Shipping Federation"
    assert names["WSF"] == "World Shipping Federation"


def test_described_organisation_before_an_acronym():
    text = "The UN migration agency (IOM) said 2,000 people had crossed."
    ents = _ents(text)
    assert ents["UN migration agency"].label == "ORG"
    assert ents["UN migration agency"].canonical == "IOM"
    assert ents["IOM"].canonical == "IOM"


def test_acronym_matching_initials_is_merged():
    text = "The International Maritime Bureau counted 40 attacks. The IMB said most were at anchor."
    ents = _ents(text)
    assert ents["IMB"].canonical == "International Maritime Bureau"


def test_known_as_alias():
    text = "Fighting reached the port of Valdora, known as Port Royal by sailors, on Friday."
    ents = _ents(text)
    assert ents["Port Royal"].canonical == "Valdora"
    assert ents["Valdora"].canonical == "Valdora"


def test_surname_after_full_name_is_the_same_person():
    text = "Maria Lopez arrived on Monday. Officials said Lopez would stay a week."
    ents = extract_entities(Article(id="t", text=text))
    lopez = [e for e in ents if text[e.start : e.end] == "Lopez"]
    assert lopez and lopez[0].canonical == "Maria Lopez"
    assert lopez[0].label == "PERSON"


def test_surname_links_to_the_nearest_preceding_full_name():
    text = "Anna Berg met Oskar Berg. Later Berg said the meeting went well."
    ents = extract_entities(Article(id="t", text=text))
    last = [e for e in ents if text[e.start : e.end] == "Berg"][-1]
    assert last.canonical == "Oskar Berg"


def test_merge_aliases_across_articles():
    def ent(aid, canonical, label):
        return Entity(article_id=aid, start=0, end=1, label=label, canonical=canonical)

    merged = merge_aliases(
        {
            "a": [ent("a", "Maria Lopez", "PERSON"), ent("a", "International Maritime Bureau", "ORG")],
            "b": [ent("b", "Lopez", "PERSON"), ent("b", "IMB", "ORG")],
        }
    )
    assert merged["Lopez"] == "Maria Lopez"
    assert merged["IMB"] == "International Maritime Bureau"
    assert merged["Maria Lopez"] == "Maria Lopez"


def test_merge_aliases_maps_surface_forms_with_texts():
    text_a = "The World Shipping Federation (WSF) met."
    text_b = "WSF inspectors left."
    ents = {
        "a": extract_entities(Article(id="a", text=text_a)),
        "b": extract_entities(Article(id="b", text=text_b)),
    }
    merged = merge_aliases(ents, {"a": text_a, "b": text_b})
    assert merged["WSF"] == "World Shipping Federation"


def test_empty_text():
    assert extract_entities(Article(id="e", text="")) == ()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Ann", " Lee", " of", " the", "UN", " (", ")", ", known as ", ". ", "Mr. ", "\n", " said", "Corp", "é"]), max_size=60).map("".join))
def test_random_text_never_crashes_and_spans_stay_in_bounds(text):
    for e in extract_entities(Article(id="h", text=text)):
        assert 0 <= e.start < e.end <= len(text)
        assert e.label in ("PERSON", "ORG", "GPE", "LOC")
        assert e.canonical


def test_capital_speaking_for_its_government_takes_the_country():
    text = "The United States imposed new tariffs. Washington said the measures were temporary."
    ents = [e for e in extract_entities(Article(id="t", text=text)) if text[e.start : e.end] == "Washington"]
    assert [(e.label, e.canonical) for e in ents] == [("GPE", "United States")]


def test_capital_takes_the_country_name_from_the_table_when_the_article_has_none():
    text = "Moscow accused the rebels of shelling the border town."
    assert _ents(text)["Moscow"].canonical == "Russia"


def test_capital_as_a_city_stays_a_city():
    text = "Officials in Moscow said the talks would resume. She moved to Paris in 2010."
    ents = _ents(text)
    assert ents["Moscow"].canonical == "Moscow"
    assert ents["Paris"].canonical == "Paris"


def test_capital_that_is_a_persons_name_is_left_alone():
    text = "Actor Jon Washington said he would vote. Washington said it mattered to him."
    assert all(e.canonical != "United States" for e in extract_entities(Article(id="t", text=text)))


def test_capital_merges_across_articles_through_the_country():
    a = Article(id="a", text="Moscow warned the alliance on Monday.")
    b = Article(id="b", text="Russia warned the alliance on Monday.")
    m = merge_aliases({"a": extract_entities(a), "b": extract_entities(b)}, {"a": a.text, "b": b.text})
    assert m["Moscow"] == m["Russia"] == "Russia"


def test_occupation_before_a_name_is_a_title_not_part_of_a_place():
    text = "Actress Nora Kingston said she would campaign in the state. Kingston added that it mattered."
    ents = extract_entities(Article(id="t", text=text))
    got = {(text[e.start : e.end], e.label, e.canonical) for e in ents}
    assert ("Nora Kingston", "PERSON", "Nora Kingston") in got
    assert ("Kingston", "PERSON", "Nora Kingston") in got


def test_lone_surname_that_speaks_is_a_person_and_takes_the_pronoun():
    text = "The talks ended on Monday. Okafor said the deal was fair. He said he would sign it."
    article = Article(id="a", text=text)
    ents = extract_entities(article, segment_article(article))
    assert [(text[e.start : e.end], e.label) for e in ents] == [("Okafor", "PERSON")]
    text = "The talks ended on Monday. Zentrix said its update was ready. It will ship soon."
    article = Article(id="b", text=text)
    ents = extract_entities(article, segment_article(article))
    assert [(text[e.start : e.end], e.label) for e in ents] == [("Zentrix", "ORG")]


def test_a_country_that_speaks_or_opens_a_sentence_is_a_place():
    from storyledger.extract.entities.entities import extract_entities
    from storyledger.records import Article

    text = "Norway said on Monday it would send aid. Portugal and Greece agreed to help. Acme Corp said it would donate."
    article = Article(id="x", text=text, title=None, source=None, published=None, url=None, path="x", removed=())
    found = {text[e.start:e.end]: e.label for e in extract_entities(article)}
    assert found["Norway"] == found["Portugal"] == found["Greece"] == "GPE"
    assert found["Acme Corp"] == "ORG"
