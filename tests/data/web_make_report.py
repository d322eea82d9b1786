"""Build tests/data/web_report.json: a made-up report document for the HTML and web tests.

The articles are invented (a dam breach in a fictional town, a hostile test
article, a one-article story). Every span is found by searching its quoted
words in the article text, so offsets are right by construction. Run
``python tests/data/web_make_report.py`` to rewrite the JSON after editing.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

ARTICLES = {
    "a_courier": {
        "path": "inbox/courier-dam.txt",
        "source": "Northern Courier",
        "title": "Twelve dead after dam gives way above Korvana",
        "published": "2026-03-14T09:30:00Z",
        "url": "https://northern-courier.example/news/2026/03/korvana-dam",
        "removed": [{"start": 0, "end": 15, "reason": "page debris: advertisement placeholder"}],
        "text": (
            "At least 12 people were killed when an earthen dam gave way above the town of Korvana "
            "early on Friday, regional officials said.\n"
            "The breach sent a wall of water down the Vessel valley shortly before dawn, flooding the "
            "lower districts of the town.\n"
            "\u201cThe water came faster than anyone could run,\u201d said Marta Ilves, the town\u2019s "
            "deputy mayor.\n"
            "More than 4,000 residents were evacuated to schools and sports halls on higher ground, "
            "according to the regional emergency service.\n"
            "The reservoir held about 9 million cubic metres of water, the dam\u2019s operator said.\n"
            "Engineers had warned in 2024 that the spillway was too narrow for spring floods, local "
            "records show.\n"
            "The operator, Vessel Hydro, denied that maintenance had been neglected and said the dam "
            "had passed its last inspection.\n"
            "Rescue teams were searching flooded houses on Friday afternoon, wading through water "
            "that reached the first floor of some buildings.\n"
            "Army engineers were flown in from the regional capital to reinforce a second, smaller "
            "dam further up the valley."
        ),
    },
    "a_wire": {
        "path": "inbox/wire-dam.html",
        "source": "Continental Wire",
        "title": "Dam collapse floods Korvana, killing at least 12",
        "published": "2026-03-14T14:10:00Z",
        "url": "https://continental-wire.example/world/korvana-dam-collapse",
        "removed": [],
        "text": (
            "KORVANA, March 14 (Continental Wire) - An earthen dam collapsed above the town of Korvana "
            "on Friday, killing at least 12 people and forcing thousands from their homes, officials said.\n"
            "The breach sent a wall of water down the Vessel valley shortly before dawn, flooding the "
            "lower districts of the town.\n"
            "Some 4,200 people were evacuated overnight, the regional emergency service said in a statement.\n"
            "\u201cThe water came faster than anyone could run,\u201d said Marta Ilves, the town\u2019s "
            "deputy mayor.\n"
            "The reservoir held 12 million cubic metres of water, according to a regional water "
            "authority spokesman.\n"
            "Residents\u2019 groups accused the operator of ignoring repeated warnings about cracks in "
            "the dam wall.\n"
            "Vessel Hydro said in a statement that it \u201ccategorically rejects\u201d claims of "
            "negligence and would cooperate with investigators.\n"
            "A government commission will investigate the cause of the collapse, the interior ministry said.\n"
            "Rail services through the valley were suspended and the main road to the regional capital "
            "was closed after a bridge was damaged.\n"
            "The dam, built in the 1960s to supply water to farms in the lower valley, was last "
            "renovated a decade ago, according to the regional government\u2019s website.\n"
            "Heavy rain had fallen across the region for most of the week, and forecasters had warned "
            "of rising rivers in several northern districts.\n"
            "Neighbouring regions sent boats, pumps and field kitchens, and the national red cross "
            "society said it had opened a tracing service for families who could not reach relatives.\n"
            "Schools in Korvana will remain closed until at least Wednesday, the town council said."
        ),
    },
    "a_digest": {
        "path": "inbox/digest-dam.html",
        "source": "Daily Digest Online",
        "title": "Earthen barrier failure inundates Korvana, at least 12 dead",
        "published": "2026-03-14T16:45:00Z",
        "url": "https://daily-digest.example/korvana-barrier-failure",
        "removed": [],
        "text": (
            "An earthen barrier failed above the town of Korvana on Friday, killing at least 12 "
            "individuals and compelling thousands from their residences, officials stated.\n"
            "The rupture sent a torrent of water down the Vessel valley shortly before daybreak, "
            "inundating the lower districts of the town.\n"
            "Some 4,200 people were evacuated overnight, the regional emergency service said in a statement.\n"
            "Residents\u2019 groups accused the operator of disregarding repeated cautions about fissures "
            "in the dam wall.\n"
            "Vessel Hydro said in a statement that it \u201ccategorically rejects\u201d claims of negligence.\n"
            "A government commission will probe the cause of the failure, the interior ministry stated.\n"
            "Train services through the valley were halted and the principal road to the regional capital "
            "was shut after a bridge was harmed.\n"
            "The barrier, constructed in the 1960s to provide water to farms in the lower valley, was last "
            "refurbished ten years ago, according to the regional administration\u2019s website.\n"
            "Torrential rain had fallen across the region for most of the week, and meteorologists had "
            "cautioned of swelling rivers in several northern districts.\n"
            "Neighbouring regions dispatched boats, pumps and field kitchens to the stricken town."
        ),
    },
    "a_tribune": {
        "path": "inbox/tribune-dam.txt",
        "source": "Valley Tribune",
        "title": "Korvana flood toll rises to 19 as search continues",
        "published": "2026-03-15T08:00:00Z",
        "url": "https://valley-tribune.example/2026/03/15/korvana-toll-rises",
        "removed": [],
        "text": (
            "The number of people killed by the dam collapse above Korvana has risen to 19, the "
            "regional emergency service said on Saturday.\n"
            "Rescuers recovered seven more bodies from flooded houses in the lower districts "
            "overnight, a spokesman said.\n"
            "About 4,000 people remain in emergency shelters, and some have begun returning to homes "
            "on higher ground.\n"
            "\u201cWe will not stop until every house has been searched,\u201d said Marta Ilves, the "
            "town\u2019s deputy mayor.\n"
            "Residents\u2019 groups accused the operator of ignoring repeated warnings about cracks in "
            "the dam wall, which Vessel Hydro denies.\n"
            "Independent engineer Piotr Salk said satellite images showed water spilling over the "
            "crest for hours before the breach.\n"
            "The government commission is expected to publish initial findings within a month."
        ),
    },
    # Stranger-supplied markup in every field: it must show as text and run nothing.
    "h<1>\"'&x": {
        "path": "inbox/<img src=x onerror=alert('path')>.html",
        "source": "\"><svg onload=alert('source')>",
        "title": "<script>alert('title')</script><img src=x onerror=alert('title-img')> Market fire",
        "published": "2026-04-02",
        "url": "javascript:alert('url')",
        "removed": [{"start": 0, "end": 5, "reason": "<b onmouseover=alert('reason')>debris</b>"}],
        "text": (
            "A fire destroyed part of the covered market in Tessaly on Thursday night, the fire service said.\n"
            "<script>alert('xss')</script> <img src=x onerror=\"alert('img')\"> "
            "<a href=\"javascript:alert('link')\">click here</a>\n"
            "Broken markup follows: <div><b>unclosed <i>tags </table> ]]></script><!-- "
            "<iframe src=\"https://evil.example/\"></iframe> {{7*7}} ${alert('tpl')}\n"
            "Stallholders said about 40 stalls were lost, and \u201c<b>nobody</b> was hurt\u201d, "
            "according to market manager <u onclick=alert('speaker')>Ines Roth</u>.\n"
            "Odd characters \u2028 and emoji \U0001F525 sit before this aligned sentence: the fire "
            "service said the blaze started in a storage room."
        ),
    },
    "a_gazette": {
        "path": "inbox/gazette-fire.txt",
        "source": "Tessaly Gazette",
        "title": "Fire guts market hall in Tessaly",
        "published": "2026-04-03",
        "url": "http://tessaly-gazette.example/fire",
        "removed": [],
        "text": (
            "A fire destroyed part of the covered market in Tessaly on Thursday night, the fire service said.\n"
            "About 40 stalls were lost. The fire service said the blaze started in a storage room.\n"
            "The market will stay closed for at least two weeks."
        ),
    },
    "a_harbour": {
        "path": "inbox/harbour.txt",
        "source": "Harbour Times",
        "title": "Port strike enters second week",
        "published": None,
        "url": None,
        "removed": [],
        "text": (
            "Dock workers at the port of Brenn extended their strike into a second week on Monday.\n"
            "The union said 1,800 members had stopped work over pay and shift patterns.\n"
            "Shipping agents said 23 vessels were waiting to unload."
        ),
    },
}


def span(aid: str, words: str, nth: int = 0) -> dict:
    """The span of the ``nth`` occurrence of ``words`` in article ``aid``."""
    text = ARTICLES[aid]["text"]
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"article_id": aid, "start": start, "end": start + len(words)}


def sentence(aid: str, words: str) -> dict:
    """The span of the whole line of ``aid`` that contains ``words``."""
    text = ARTICLES[aid]["text"]
    at = text.index(words)
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return {"article_id": aid, "start": start, "end": len(text) if end < 0 else end}


def align(kind: str, score: float, a: dict, b: dict) -> dict:
    return {"kind": kind, "score": score, "a": a, "b": b}


def report(aid: str, words: str, value, qualifier="exact", low=None, high=None, unit=None,
           attributed_to=None, as_of=None, key=None) -> dict:
    s = span(aid, words)
    return {"article_id": aid, "start": s["start"], "end": s["end"], "value": value, "low": low,
            "high": high, "qualifier": qualifier, "unit": unit, "predicate": None, "key": key,
            "currency": None, "attributed_to": attributed_to, "as_of": as_of}


def cite(*spans: dict) -> list[dict]:
    return list(spans)


def dam_story() -> dict:
    C, W, D, T = "a_courier", "a_wire", "a_digest", "a_tribune"
    return {
        "id": "s_5d1f0c2a9b7e4410",
        "title": "Dam breach floods Korvana; death toll rises",
        "article_ids": [C, W, D, T],
        "alignments": [
            align("paraphrase", 0.81, sentence(C, "At least 12 people"), sentence(W, "An earthen dam collapsed")),
            align("verbatim", 1.0, sentence(C, "The breach sent"), sentence(W, "The breach sent")),
            align("shared_quote", 0.97, sentence(C, "The water came"), sentence(W, "The water came")),
            align("related", 0.58, sentence(C, "More than 4,000"), sentence(W, "Some 4,200")),
            align("paraphrase", 0.72, sentence(C, "Vessel Hydro, denied"), sentence(W, "Vessel Hydro said")),
            align("paraphrase", 0.88, sentence(W, "An earthen dam collapsed"), sentence(D, "An earthen barrier")),
            align("near_verbatim", 0.86, sentence(W, "The breach sent"), sentence(D, "The rupture sent")),
            align("verbatim", 1.0, sentence(W, "Some 4,200"), sentence(D, "Some 4,200")),
            align("near_verbatim", 0.84, sentence(W, "Residents\u2019 groups"), sentence(D, "Residents\u2019 groups")),
            align("near_verbatim", 0.9, sentence(W, "Vessel Hydro said"), sentence(D, "Vessel Hydro said")),
            align("paraphrase", 0.83, sentence(W, "A government commission"), sentence(D, "A government commission")),
            align("verbatim", 0.97,
                  span(W, "Residents\u2019 groups accused the operator of ignoring repeated warnings about cracks in the dam wall"),
                  span(T, "Residents\u2019 groups accused the operator of ignoring repeated warnings about cracks in the dam wall")),
            align("paraphrase", 0.79, sentence(W, "Rail services"), sentence(D, "Train services")),
            align("paraphrase", 0.77, sentence(W, "The dam, built"), sentence(D, "The barrier, constructed")),
            align("near_verbatim", 0.85, sentence(W, "Heavy rain"), sentence(D, "Torrential rain")),
            align("related", 0.6, sentence(W, "Neighbouring regions"), sentence(D, "Neighbouring regions")),
            align("related", 0.55, sentence(W, "An earthen dam collapsed"), sentence(T, "has risen to 19")),
            align("related", 0.52, sentence(C, "At least 12 people"), sentence(T, "has risen to 19")),
            align("related", 0.61, sentence(C, "Rescue teams"), sentence(T, "Rescuers recovered")),
        ],
        "derivations": [
            {"derived_id": D, "source_id": W, "relation": "rewrite", "share": 0.83,
             "signals": ["same sentence order as the earlier wire report",
                         "systematic synonym substitution (collapsed \u2192 failed, homes \u2192 residences)",
                         "published 2 h 35 min later"]},
            {"derived_id": T, "source_id": W, "relation": "partial_reuse", "share": 0.14,
             "signals": ["one sentence reused verbatim"]},
        ],
        "figures": [
            {"id": "f_killed", "label": "people killed", "unit": "people", "status": "updated",
             "order": "dated", "independent_sources": 3,
             "current": {"value": 19, "low": None, "high": None, "qualifier": "exact"},
             "reports": [
                 report(C, "At least 12", 12, "at_least", low=12, unit="people",
                        attributed_to="regional officials", as_of="2026-03-14", key="killed"),
                 report(W, "at least 12", 12, "at_least", low=12, unit="people",
                        attributed_to="officials", as_of="2026-03-14", key="killed"),
                 report(D, "at least 12", 12, "at_least", low=12, unit="people",
                        attributed_to="officials", as_of="2026-03-14", key="killed"),
                 report(T, "19", 19, unit="people", attributed_to="the regional emergency service",
                        as_of="2026-03-15", key="killed"),
             ],
             "note": "latest report supersedes earlier ones (running total grows)"},
            {"id": "f_evacuated", "label": "people evacuated", "unit": "people", "status": "corroborated",
             "order": "dated", "independent_sources": 2,
             "current": {"value": 4200, "low": None, "high": None, "qualifier": "about"},
             "reports": [
                 report(C, "More than 4,000", 4000, "more_than", low=4000, unit="people",
                        attributed_to="the regional emergency service", as_of="2026-03-14", key="evacuated"),
                 report(W, "Some 4,200", 4200, "about", unit="people",
                        attributed_to="the regional emergency service", as_of="2026-03-14", key="evacuated"),
                 report(D, "Some 4,200", 4200, "about", unit="people",
                        attributed_to="the regional emergency service", as_of="2026-03-14", key="evacuated"),
             ],
             "note": None},
            {"id": "f_reservoir", "label": "reservoir volume", "unit": "cubic metres", "status": "conflicting",
             "order": "dated", "independent_sources": 2, "current": None,
             "reports": [
                 report(C, "about 9 million cubic metres", 9_000_000, "about", unit="cubic metres",
                        attributed_to="the dam\u2019s operator", as_of="2026-03-14", key="reservoir volume"),
                 report(W, "12 million cubic metres", 12_000_000, unit="cubic metres",
                        attributed_to="a regional water authority spokesman", as_of="2026-03-14",
                        key="reservoir volume"),
             ],
             "note": "independent sources give incompatible values for the same time"},
            {"id": "f_bodies", "label": "bodies recovered overnight", "unit": "bodies", "status": "single_source",
             "order": "dated", "independent_sources": 1,
             "current": {"value": 7, "low": None, "high": None, "qualifier": "exact"},
             "reports": [report(T, "seven more bodies", 7, unit="bodies", attributed_to="a spokesman",
                                as_of="2026-03-15", key="recovered")],
             "note": None},
            {"id": "f_sheltered", "label": "people in emergency shelters", "unit": "people",
             "status": "single_source", "order": "dated", "independent_sources": 1,
             "current": {"value": 4000, "low": None, "high": None, "qualifier": "about"},
             "reports": [report(T, "About 4,000", 4000, "about", unit="people", as_of="2026-03-15",
                                key="sheltered")],
             "note": None},
        ],
        "quotes": [
            {"id": "q_faster", "text": "The water came faster than anyone could run", "speaker": "Marta Ilves",
             "kind": "direct",
             "occurrences": [span(C, "The water came faster than anyone could run"),
                             span(W, "The water came faster than anyone could run")]},
            {"id": "q_rejects", "text": "categorically rejects", "speaker": "Vessel Hydro", "kind": "partial",
             "occurrences": [span(W, "categorically rejects"), span(D, "categorically rejects")]},
            {"id": "q_stop", "text": "We will not stop until every house has been searched",
             "speaker": "Marta Ilves", "kind": "direct",
             "occurrences": [span(T, "We will not stop until every house has been searched")]},
        ],
        "disputes": [
            {"id": "d_negligence", "topic": "Did the operator neglect the dam?",
             "sides": [
                 {"speaker": "Residents\u2019 groups",
                  "claim": "The operator ignored repeated warnings about cracks in the dam wall.",
                  "citations": cite(sentence(W, "Residents\u2019 groups"), sentence(D, "Residents\u2019 groups"),
                                    sentence(T, "Residents\u2019 groups"))},
                 {"speaker": "Vessel Hydro",
                  "claim": "Denies neglect; says the dam passed its last inspection.",
                  "citations": cite(sentence(C, "Vessel Hydro, denied"), sentence(W, "Vessel Hydro said"),
                                    sentence(D, "Vessel Hydro said"))},
             ]},
        ],
        "brief": [
            {"text": ARTICLES[C]["text"].split("\n")[0], "section": "summary",
             "citations": cite(sentence(C, "At least 12 people"), sentence(W, "An earthen dam collapsed"))},
            {"text": "The breach sent a wall of water down the Vessel valley shortly before dawn, flooding "
                     "the lower districts of the town.", "section": "summary",
             "citations": cite(sentence(C, "The breach sent"), sentence(W, "The breach sent"))},
            {"text": "The number of people killed by the dam collapse above Korvana has risen to 19, the "
                     "regional emergency service said on Saturday.", "section": "figures",
             "citations": cite(sentence(T, "has risen to 19"))},
            {"text": "Some 4,200 people were evacuated overnight, the regional emergency service said in a "
                     "statement.", "section": "figures",
             "citations": cite(sentence(W, "Some 4,200"), sentence(D, "Some 4,200"))},
            {"text": "Residents\u2019 groups accused the operator of ignoring repeated warnings about cracks "
                     "in the dam wall.", "section": "disputes",
             "citations": cite(sentence(W, "Residents\u2019 groups"), sentence(T, "Residents\u2019 groups"))},
            {"text": "The operator, Vessel Hydro, denied that maintenance had been neglected and said the dam "
                     "had passed its last inspection.", "section": "disputes",
             "citations": cite(sentence(C, "Vessel Hydro, denied"))},
            {"text": "Independent engineer Piotr Salk said satellite images showed water spilling over the "
                     "crest for hours before the breach.", "section": "single_source",
             "citations": cite(sentence(T, "Piotr Salk"))},
        ],
        "timeline": [
            {"date": "2026-03-14", "text": "Dam gives way above Korvana before dawn; at least 12 killed.",
             "citations": cite(sentence(C, "At least 12 people")), "figure_id": None},
            {"date": "2026-03-14", "text": "Some 4,200 people evacuated overnight.",
             "citations": cite(sentence(W, "Some 4,200")), "figure_id": "f_evacuated"},
            {"date": "2026-03-15", "text": "Death toll rises from at least 12 to 19.",
             "citations": cite(sentence(T, "has risen to 19")), "figure_id": "f_killed"},
        ],
    }


def fire_story() -> dict:
    H, G = "h<1>\"'&x", "a_gazette"
    return {
        "id": "s_0a7c33e1d2b94f58",
        "title": "<script>alert('story')</script>Market fire in Tessaly",
        "article_ids": [H, G],
        "alignments": [
            align("verbatim", 1.0, sentence(H, "A fire destroyed"), sentence(G, "A fire destroyed")),
            align("paraphrase", 0.74, span(H, "the fire service said the blaze started in a storage room"),
                  span(G, "The fire service said the blaze started in a storage room")),
            align("related", 0.5, span(H, "<script>alert('xss')</script>"), span(G, "About 40 stalls were lost.")),
        ],
        "derivations": [
            {"derived_id": G, "source_id": H, "relation": "common_lineage", "share": 0.3,
             "signals": ["<img src=x onerror=alert('signal')>"]},
        ],
        "figures": [
            {"id": "f_stalls", "label": "<svg onload=alert('label')>stalls lost", "unit": "stalls",
             "status": "corroborated", "order": "dated", "independent_sources": 2,
             "current": {"value": 40, "low": None, "high": None, "qualifier": "about"},
             "reports": [report(H, "about 40 stalls", 40, "about", unit="stalls", as_of="2026-04-02",
                                attributed_to="<i onclick=alert('attr')>Stallholders</i>"),
                         report(G, "About 40 stalls", 40, "about", unit="stalls", as_of="2026-04-03")],
             "note": "</td></tr></table><script>alert('note')</script>"},
        ],
        "quotes": [
            {"id": "q_hurt", "text": "<b>nobody</b> was hurt", "speaker": "<u onclick=alert('speaker')>Ines Roth</u>",
             "kind": "direct", "occurrences": [span(H, "<b>nobody</b> was hurt")]},
        ],
        "disputes": [
            {"id": "d_cause", "topic": "<img src=x onerror=alert('topic')>Cause of the fire",
             "sides": [{"speaker": "javascript:alert('side')", "claim": "</script><script>alert('claim')</script>",
                        "citations": cite(span(H, "<script>alert('xss')</script>"))},
                       {"speaker": None, "claim": "Started in a storage room.",
                        "citations": cite(sentence(G, "storage room"))}]},
        ],
        "brief": [
            {"text": ARTICLES[H]["text"].split("\n")[1], "section": "summary",
             "citations": cite(sentence(H, "<script>alert('xss')</script>"))},
            {"text": "A fire destroyed part of the covered market in Tessaly on Thursday night, the fire "
                     "service said.", "section": "summary",
             "citations": cite(sentence(H, "A fire destroyed"), sentence(G, "A fire destroyed"))},
        ],
        "timeline": [
            {"date": "2026-04-02", "text": "<marquee>Fire</marquee> at the market.",
             "citations": cite(sentence(H, "A fire destroyed")), "figure_id": None},
        ],
    }


def harbour_story() -> dict:
    P = "a_harbour"
    return {
        "id": "s_93b1e6c0a4d2f7e5",
        "title": "Port strike enters second week",
        "article_ids": [P],
        "alignments": [],
        "derivations": [],
        "figures": [
            {"id": "f_strikers", "label": "union members on strike", "unit": "people",
             "status": "single_source", "order": "unknown", "independent_sources": 1,
             "current": {"value": 1800, "low": None, "high": None, "qualifier": "exact"},
             "reports": [report(P, "1,800", 1800, unit="people", attributed_to="The union")],
             "note": None},
        ],
        "quotes": [],
        "disputes": [],
        "brief": [
            {"text": ARTICLES[P]["text"].split("\n")[0], "section": "summary",
             "citations": cite(sentence(P, "Dock workers"))},
        ],
        "timeline": [],
    }


def build() -> dict:
    """The whole fixture document."""
    from storyledger.present import anchor_story  # every citation carries its W3C selectors and url

    articles = [{"id": aid, **{k: a[k] for k in ("path", "source", "title", "published", "url", "text")},
                 "removed": a["removed"]} for aid, a in ARTICLES.items()]
    by_id = {a["id"]: a for a in articles}
    return {
        "schema_version": 1,
        "articles": articles,
        "skipped": [
            {"input": "inbox/broken-feed.xml", "reason": "malformed feed: mismatched tag at line 3"},
            {"input": "inbox/<script>alert('skip')</script>.bin", "reason": "binary file, not an article"},
        ],
        "stories": [anchor_story(s, by_id) for s in (dam_story(), fire_story(), harbour_story())],
    }


if __name__ == "__main__":
    out = HERE / "web_report.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
