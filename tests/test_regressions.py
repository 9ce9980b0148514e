"""Regression tables: behaviours once found wrong (by writing the correct expectation first),
now fixed. Each row names the rule family it guards; invented people, real places."""

from __future__ import annotations

import pytest
import spacy
from typer.testing import CliRunner

from extractor import __version__
from extractor.cli import app
from extractor.ingest.clean import clean_text
from extractor.nlp.components import stored_mentions as find_mentions
from extractor.pipeline import DEFAULT_MODEL, add_extractor_pipes

PUB = "2025-05-14"
AMB, PM, FM, PRES, TRADE = (
    "Rodrigo Altamirano",
    "Ingrid Solvik",
    "Maren Dahl",
    "Ana Belen Rojas",
    "Karim Aslanov",
)


def _summary(res):
    return [
        (
            e.type,
            e.status,
            e.date.value if e.date else None,
            frozenset(o.name for o in e.officials if o.name),
            frozenset(i.name for i in e.initiatives),
            e.location and (e.location.name, e.location.country),
        )
        for e in res.events
    ]


CASES = [
    pytest.param(
        f"Ambassador {AMB} met with Foreign Minister {FM} in Oslo on 12 May 2025.",
        [("MEETING", "occurred", "2025-05-12", frozenset({AMB, FM}), frozenset(), ("Oslo", "NOR"))],
        id="met-with-X-in-city-location",
    ),
    pytest.param(
        f"Foreign Minister {FM} held talks with her Chilean counterpart {PRES} in Oslo on 12 May 2025.",
        [
            (
                "MEETING",
                "occurred",
                "2025-05-12",
                frozenset({FM, PRES}),
                frozenset(),
                ("Oslo", "NOR"),
            )
        ],
        id="held-talks-with-X-in-city-location",
    ),
    pytest.param(
        f"Prime Minister {PM} received Ambassador {AMB} in Oslo on 12 May 2025.",
        [("MEETING", "occurred", "2025-05-12", frozenset({PM, AMB}), frozenset(), ("Oslo", "NOR"))],
        id="received-is-a-meeting",
    ),
    pytest.param(
        "The Norway-Chile Business Forum was held in Oslo on 3 May.",
        [
            (
                "HOSTED_EVENT",
                "occurred",
                "2025-05-03",
                frozenset(),
                frozenset({"Norway-Chile Business Forum"}),
                ("Oslo", "NOR"),
            )
        ],
        id="forum-was-held-main-clause",
    ),
    pytest.param(
        "The embassy hosted the Norway-Chile Business Forum in Oslo on 3 May.",
        [
            (
                "HOSTED_EVENT",
                "occurred",
                "2025-05-03",
                frozenset(),
                frozenset({"Norway-Chile Business Forum"}),
                ("Oslo", "NOR"),
            )
        ],
        id="embassy-hosted-forum",
    ),
    pytest.param(
        "The Norway-Chile Business Forum took place in Oslo on 3 May.",
        [
            (
                "HOSTED_EVENT",
                "occurred",
                "2025-05-03",
                frozenset(),
                frozenset({"Norway-Chile Business Forum"}),
                ("Oslo", "NOR"),
            )
        ],
        id="forum-took-place",
    ),
    pytest.param(
        f"President {PRES} accepted the invitation to visit Norway.",
        [("INVITATION", "occurred", None, frozenset({PRES}), frozenset(), None)],
        id="accepted-the-invitation",
    ),
    pytest.param(
        f"Prime Minister {PM} inaugurated the Bergen Fish Terminal on 12 May 2025.",
        [
            (
                "LAUNCH",
                "occurred",
                "2025-05-12",
                frozenset({PM}),
                frozenset({"Bergen Fish Terminal"}),
                None,
            )
        ],
        id="launch-date-not-an-initiative",
    ),
    pytest.param(
        f"Prime Minister {PM} inaugurated the new fish terminal in Oslo on Monday.",
        [
            (
                "LAUNCH",
                "occurred",
                "2025-05-12",
                frozenset({PM}),
                frozenset({"new fish terminal"}),
                ("Oslo", "NOR"),
            )
        ],
        id="launch-in-city-location",
    ),
    pytest.param(
        f"Ambassador {AMB} and Foreign Minister {FM} signed an MoU on Fisheries Cooperation in Oslo on 12 May 2025.",
        [
            (
                "AGREEMENT",
                "occurred",
                "2025-05-12",
                frozenset({AMB, FM}),
                frozenset({"MoU on Fisheries Cooperation"}),
                ("Oslo", "NOR"),
            )
        ],
        id="signed-in-city-location",
    ),
    pytest.param(
        "The two sides signed an MoU on fisheries cooperation on 12 May 2025.",
        [
            (
                "AGREEMENT",
                "occurred",
                "2025-05-12",
                frozenset(),
                frozenset({"MoU on fisheries cooperation"}),
                None,
            )
        ],
        id="mou-lowercase-subject",
    ),
    pytest.param(
        f"Ambassador {AMB} and Minister for Trade Mr. {TRADE} signed an agreement on visa exemption on 12 May 2025.",
        [
            (
                "AGREEMENT",
                "occurred",
                "2025-05-12",
                frozenset({AMB, TRADE}),
                frozenset({"agreement on visa exemption"}),
                None,
            )
        ],
        id="agreement-on-subject-then-date",
    ),
    pytest.param(
        f"Foreign Minister {FM} visited the Kenyatta International Convention Centre in Nairobi on Monday.",
        [
            (
                "VISIT",
                "occurred",
                "2025-05-12",
                frozenset({FM}),
                frozenset(),
                ("Kenyatta International Convention Centre", "KEN"),
            )
        ],
        id="facility-country-from-city",
    ),
    pytest.param(
        f"Ambassador {AMB} visited Bergen on Tuesday.",
        [("VISIT", "occurred", "2025-05-13", frozenset({AMB}), frozenset(), ("Bergen", "NOR"))],
        id="gazetteer-bergen",
    ),
    pytest.param(
        f"Foreign Minister {FM} will visit Santiago on 20 June 2025.",
        [("VISIT", "planned", "2025-06-20", frozenset({FM}), frozenset(), ("Santiago", "CHL"))],
        id="gazetteer-santiago",
    ),
    pytest.param(
        f"Minister for Trade Mr. {TRADE} addressed the Norway-Chile Business Forum held in Lagos on 3 May.",
        [
            (
                "HOSTED_EVENT",
                "occurred",
                "2025-05-03",
                frozenset({TRADE}),
                frozenset({"Norway-Chile Business Forum"}),
                ("Lagos", "NGA"),
            )
        ],
        id="gazetteer-lagos",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_events(extract, text, expected):
    assert _summary(extract(text, PUB)) == expected


def test_recently_gives_unresolved_date(extract):
    [e] = extract(f"Foreign Minister {FM} visited Oslo recently.", PUB).events
    assert (
        e.date is not None and e.date.text == "recently" and e.date.value is None and e.date.vague
    )


def _off(nlp, text):
    f = find_mentions(nlp(text))
    return f, [(p.name, p.title, p.country) for p in f.persons.values()]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param(
            "Norway's Minister for Trade held talks with the visiting delegation.",
            "NOR",
            id="possessive-sentence-start",
        ),
        pytest.param(
            "The delegation met Norway's Minister for Trade in Oslo.",
            "NOR",
            id="possessive-mid-sentence",
        ),
        pytest.param(
            "Pakistan's Federal Minister for Petroleum chaired the session.",
            "PAK",
            id="possessive-spec-example",
        ),
    ],
)
def test_possessive_country(nlp, text, country):
    f, offs = _off(nlp, text)
    assert [(n, c) for n, t, c in offs] == [(None, country)]


def test_portfolio_fisheries(nlp):
    f, offs = _off(nlp, "Norway's Minister of Fisheries held talks with the visiting delegation.")
    p = list(f.persons.values())[0]
    assert p.title.endswith("Minister of Fisheries") and p.ministry == "Ministry of Fisheries"


def test_heading_before_paragraph_starting_with_digit():
    raw = "Trade and Investment\n\n2024 was a record year for bilateral trade."
    assert clean_text(raw).text.split("\n\n") == [
        "Trade and Investment",
        "2024 was a record year for bilateral trade.",
    ]


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == __version__


def test_add_extractor_pipes_keeps_rules_before_a_preconfigured_events_component():
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("extractor_events", config={"min_confidence": 0.5})
    add_extractor_pipes(nlp)
    assert nlp.pipe_names.index("extractor_rules") < nlp.pipe_names.index("extractor_events")
