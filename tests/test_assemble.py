"""Table tests for event assembly (``extractor.assemble``), run through the whole pipeline.

Each table is one rule family of EVENTS.md 2.1 and 3.6. A row is a short article, its
publication date and the events expected from it, in order, as
``Ev(type, status, date value, official names, initiatives subset, location name)``.
People and initiatives are invented; countries and cities are real. Every text is processed
once per session (module cache), and every event of every row is also checked for offsets.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from extractor.pipeline import DocumentResult

PUB = "2025-05-14"  # a Wednesday


class Ev(NamedTuple):
    type: str
    status: str
    date: str | None
    officials: frozenset[str] = frozenset()
    initiatives: frozenset[str] = frozenset()  # must be among the event's initiatives
    location: str | None = None


def ev(type_: str, status: str, date: str | None, officials=(), initiatives=(), location=None):
    return Ev(type_, status, date, frozenset(officials), frozenset(initiatives), location)


AMB = "Rodrigo Altamirano"
PM = "Ingrid Solvik"
FM = "Maren Dahl"
PRES = "Ana Belen Rojas"
TRADE = "Karim Aslanov"
GOV = "Peter Mwangi"

MEET = f"Ambassador {AMB} met Prime Minister {PM} on 12 May 2025."
MEETING_12 = ev("MEETING", "occurred", "2025-05-12", {AMB, PM})

_RESULTS: dict[tuple[str, str | None], DocumentResult] = {}


@pytest.fixture
def run(extract):
    """``run(text, published) -> DocumentResult``, each input processed once per session."""

    def process(text: str, published: str | None = PUB) -> DocumentResult:
        key = (text, published)
        if key not in _RESULTS:
            _RESULTS[key] = extract(text, published)
        return _RESULTS[key]

    return process


def _check(result: DocumentResult, expected: list[Ev]) -> None:
    got = [
        Ev(
            e.type,
            e.status,
            e.date.value if e.date else None,
            frozenset(o.name for o in e.officials if o.name),
            frozenset(i.name for i in e.initiatives),
            e.location.name if e.location else None,
        )
        for e in result.events
    ]
    # initiatives are compared as "expected is a subset", the rest exactly
    assert [g._replace(initiatives=frozenset()) for g in got] == [
        x._replace(initiatives=frozenset()) for x in expected
    ]
    for g, x in zip(got, expected, strict=True):
        assert x.initiatives <= g.initiatives, (g.type, g.initiatives)


# --------------------------------------------------------------------------- tables

MEETINGS = [
    pytest.param(
        f"Ambassador {AMB} met with Foreign Minister {FM} on 12 May 2025.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-12", {AMB, FM})],
        id="met-with",
    ),
    pytest.param(
        f"Prime Minister {PM} met Ambassador {AMB} in Oslo on 12 May 2025.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-12", {PM, AMB}, location="Oslo")],
        id="met-in-city",
    ),
    pytest.param(
        f"Ambassador {AMB} called on Prime Minister {PM} on 12 May 2025.",
        PUB,
        [MEETING_12],
        id="called-on",
    ),
    pytest.param(
        f"Foreign Minister {FM} held talks with her Chilean counterpart {PRES} on 12 May 2025.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-12", {FM, PRES})],
        id="held-talks-with",
    ),
    pytest.param(
        f"Ambassador {AMB} paid a courtesy call on Governor {GOV} on 12 May 2025.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-12", {AMB, GOV})],
        id="paid-a-courtesy-call-on",
    ),
    pytest.param(
        f"{MEET} During the meeting, the two sides discussed trade and energy.",
        PUB,
        [MEETING_12],
        id="during-the-meeting-is-the-same-meeting",
    ),
    pytest.param(
        f"{MEET} He also met Foreign Minister {FM}.",
        PUB,
        [MEETING_12, ev("MEETING", "occurred", "2025-05-12", {AMB, FM})],
        id="also-met-is-a-second-meeting-same-day",
    ),
]

CALLS = [
    pytest.param(
        f"Prime Minister {PM} and President {PRES} held a telephone call on 12 May 2025.",
        PUB,
        [ev("CALL", "occurred", "2025-05-12", {PM, PRES})],
        id="telephone-call",
    ),
    pytest.param(
        f"Prime Minister {PM} telephoned President {PRES} on Monday.",
        PUB,
        [ev("CALL", "occurred", "2025-05-12", {PM, PRES})],
        id="telephoned",
    ),
    pytest.param(
        f"Prime Minister {PM} spoke by telephone with President {PRES} on Monday.",
        PUB,
        [ev("CALL", "occurred", "2025-05-12", {PM, PRES})],
        id="spoke-by-telephone",
    ),
]

VISITS = [
    pytest.param(
        f"Foreign Minister {FM} visited Oslo on 12 May 2025.",
        PUB,
        [ev("VISIT", "occurred", "2025-05-12", {FM}, location="Oslo")],
        id="visited-city",
    ),
    pytest.param(
        f"Ambassador {AMB} arrived in Nairobi on Monday.",
        PUB,
        [ev("VISIT", "occurred", "2025-05-12", {AMB}, location="Nairobi")],
        id="arrived-in",
    ),
    pytest.param(
        f"Foreign Minister {FM} will visit Oslo on 20 June 2025.",
        PUB,
        [ev("VISIT", "planned", "2025-06-20", {FM}, location="Oslo")],
        id="will-visit-planned",
    ),
    pytest.param(
        f"Foreign Minister {FM} will visit Oslo next month.",
        PUB,
        [ev("VISIT", "planned", "2025-06", {FM}, location="Oslo")],
        id="will-visit-next-month",
    ),
    pytest.param(
        f"Foreign Minister {FM} is expected to visit Oslo in June.",
        PUB,
        [],
        id="is-expected-to-visit-is-speculation",
    ),
    pytest.param(
        f"Prime Minister {PM} said that President {PRES} may visit Oslo next year.",
        PUB,
        [],
        id="may-visit-is-speculation",
    ),
    pytest.param(
        f"At the invitation of Prime Minister {PM}, President {PRES} visited Oslo on 12 May 2025.",
        PUB,
        [ev("VISIT", "occurred", "2025-05-12", {PRES}, location="Oslo")],
        id="at-the-invitation-of-is-background",
    ),
]

AGREEMENTS = [
    pytest.param(
        f"Minister for Trade Mr. {TRADE} and Ambassador {AMB} signed an MoU on Fisheries "
        "Cooperation on 12 May 2025.",
        PUB,
        [ev("AGREEMENT", "occurred", "2025-05-12", {TRADE, AMB}, {"MoU on Fisheries Cooperation"})],
        id="signed-an-mou-on",
    ),
    pytest.param(
        f"{MEET} The two sides agreed to form a Joint Working Group on fisheries cooperation.",
        PUB,
        [
            MEETING_12,
            ev(
                "AGREEMENT",
                "occurred",
                "2025-05-12",
                {AMB, PM},
                {"Joint Working Group on fisheries cooperation"},
            ),
        ],
        id="agreed-to-form-a-jwg-copies-meeting",
    ),
    pytest.param(
        f"{MEET} The two sides agreed to further enhance cooperation in trade and energy.",
        PUB,
        [MEETING_12],
        id="agreed-to-enhance-cooperation-is-sentiment",
    ),
]

PROPOSALS = [
    pytest.param(
        f"{MEET} The Ambassador proposed the creation of a Green Shipping Corridor between "
        "the two countries.",
        PUB,
        [
            MEETING_12,
            ev("PROPOSAL", "proposed", "2025-05-12", {AMB, PM}, {"Green Shipping Corridor"}),
        ],
        id="proposed-an-initiative-at-a-meeting",
    ),
    pytest.param(
        f"Ambassador {AMB} proposed the establishment of a bilateral working group on "
        "climate change.",
        PUB,
        [
            ev(
                "PROPOSAL",
                "proposed",
                None,
                {AMB},
                {"bilateral working group on climate change"},
            )
        ],
        id="proposed-lowercase-working-group",
    ),
    pytest.param(
        f"{MEET} The Ambassador stressed the need to expand trade between the two countries.",
        PUB,
        [MEETING_12],
        id="stressed-the-need-to-is-sentiment",
    ),
    pytest.param(
        f"Ambassador {AMB} suggested enhancing cooperation in trade.",
        PUB,
        [],
        id="suggested-without-undertaking-is-sentiment",
    ),
]

INVITATIONS = [
    pytest.param(
        f"{MEET} The Prime Minister invited President {PRES} to visit Norway.",
        PUB,
        [MEETING_12, ev("INVITATION", "occurred", "2025-05-12", {AMB, PM, PRES})],
        id="invited-to-visit-at-a-meeting",
    ),
    pytest.param(
        f"President {PRES} accepted Prime Minister {PM}'s invitation to visit Norway.",
        PUB,
        [ev("INVITATION", "occurred", None, {PRES, PM})],
        id="accepted-the-possessive-invitation",
    ),
    pytest.param(
        f"President {PRES} accepted an invitation from Prime Minister {PM} to visit Norway.",
        PUB,
        [ev("INVITATION", "occurred", None, {PRES, PM})],
        id="accepted-an-invitation-from",
    ),
]

HOSTED_EVENTS = [
    pytest.param(
        f"Minister for Trade Mr. {TRADE} addressed the Norway-Chile Business Forum held in "
        "Lagos on 3 May.",
        PUB,
        [
            ev(
                "HOSTED_EVENT",
                "occurred",
                "2025-05-03",
                {TRADE},
                {"Norway-Chile Business Forum"},
                "Lagos",
            )
        ],
        id="forum-held-in-city-on-date",
    ),
    pytest.param(
        "The Norway-Chile Business Forum held in Lagos on 3 May attracted 200 companies.",
        PUB,
        [
            ev(
                "HOSTED_EVENT",
                "occurred",
                "2025-05-03",
                (),
                {"Norway-Chile Business Forum"},
                "Lagos",
            )
        ],
        id="forum-without-officials",
    ),
]

LAUNCHES = [
    pytest.param(
        f"Prime Minister {PM} inaugurated the Bergen Fish Terminal on 12 May 2025.",
        PUB,
        [ev("LAUNCH", "occurred", "2025-05-12", {PM}, {"Bergen Fish Terminal"})],
        id="inaugurated",
    ),
]

APPOINTMENTS = [
    pytest.param(
        f"Ambassador {AMB} presented his credentials to President {PRES} on 12 May 2025.",
        PUB,
        [ev("APPOINTMENT", "occurred", "2025-05-12", {AMB, PRES})],
        id="presented-credentials",
    ),
    pytest.param(
        f"Ambassador {AMB} assumed office in October 2024.",
        PUB,
        [ev("APPOINTMENT", "occurred", "2024-10", {AMB})],
        id="assumed-office",
    ),
    pytest.param(
        f"Since assuming office in October 2024, Ambassador {AMB} has expanded trade.",
        PUB,
        [ev("APPOINTMENT", "occurred", "2024-10", {AMB})],
        id="since-assuming-office",
    ),
]

# Publication date 2025-05-14 is a Wednesday.
DATES = [
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on Monday.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-12", {AMB, PM})],
        id="weekday-before-publication",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on Wednesday.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-14", {AMB, PM})],
        id="weekday-of-publication",
    ),
    pytest.param(
        f"Foreign Minister {FM} will visit Oslo on Friday.",
        PUB,
        [ev("VISIT", "planned", "2025-05-16", {FM}, location="Oslo")],
        id="weekday-planned-after-publication",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} today.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-14", {AMB, PM})],
        id="today",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} yesterday.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-13", {AMB, PM})],
        id="yesterday",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on 2 May.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-02", {AMB, PM})],
        id="yearless-occurred-this-year",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on 20 June.",
        PUB,
        [ev("MEETING", "occurred", "2024-06-20", {AMB, PM})],
        id="yearless-occurred-after-publication-day-is-last-year",
    ),
    pytest.param(
        f"Foreign Minister {FM} will visit Oslo on 20 June.",
        PUB,
        [ev("VISIT", "planned", "2025-06-20", {FM}, location="Oslo")],
        id="yearless-planned-this-year",
    ),
    pytest.param(
        f"Foreign Minister {FM} will visit Oslo on 2 May.",
        PUB,
        [ev("VISIT", "planned", "2026-05-02", {FM}, location="Oslo")],
        id="yearless-planned-before-publication-day-is-next-year",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on Monday.",
        None,
        [ev("MEETING", "occurred", None, {AMB, PM})],
        id="weekday-without-publication-date-unresolved",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on 12 May 2025.",
        None,
        [MEETING_12],
        id="full-date-without-publication-date",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on Monday. Meanwhile, Foreign Minister "
        f"{FM} held talks with Minister for Trade Mr. {TRADE}.",
        PUB,
        [
            ev("MEETING", "occurred", "2025-05-12", {AMB, PM}),
            ev("MEETING", "occurred", "2025-05-12", {FM, TRADE}),
        ],
        id="meanwhile-copies-the-previous-date",
    ),
    pytest.param(
        f"Ambassador {AMB} met Prime Minister {PM} on Monday. Foreign Minister {FM} held "
        f"talks with Minister for Trade Mr. {TRADE}.",
        PUB,
        [
            ev("MEETING", "occurred", "2025-05-12", {AMB, PM}),
            ev("MEETING", "occurred", None, {FM, TRADE}),
        ],
        id="without-meanwhile-no-date-is-copied",
    ),
]

DATELINES = [
    pytest.param(
        f"OSLO: Ambassador {AMB} met Prime Minister {PM} on Monday.",
        PUB,
        [ev("MEETING", "occurred", "2025-05-12", {AMB, PM}, location="Oslo")],
        id="dateline-city-is-the-meeting-location",
    ),
    pytest.param(
        f"OSLO, May 13: Ambassador {AMB} met Prime Minister {PM}.",
        PUB,
        [ev("MEETING", "occurred", None, {AMB, PM}, location="Oslo")],
        id="dateline-date-never-dates-the-event",
    ),
    pytest.param(
        f"OSLO: Ambassador {AMB} met Prime Minister {PM} on Monday. Later, Ambassador "
        "Altamirano visited Tashkent on Tuesday.",
        PUB,
        [
            ev("MEETING", "occurred", "2025-05-12", {AMB, PM}, location="Oslo"),
            ev("VISIT", "occurred", "2025-05-13", {AMB}, location="Tashkent"),
        ],
        id="dateline-only-for-the-main-meeting",
    ),
    pytest.param(
        f"OSLO: Ambassador {AMB} met Prime Minister {PM} on Monday. The two sides agreed to "
        "establish a Joint Working Group (JWG) on Fisheries. The Ambassador proposed a Green "
        "Shipping Corridor.",
        PUB,
        [
            ev("MEETING", "occurred", "2025-05-12", {AMB, PM}, location="Oslo"),
            ev(
                "AGREEMENT",
                "occurred",
                "2025-05-12",
                {AMB, PM},
                {"Joint Working Group (JWG) on Fisheries"},
                "Oslo",
            ),
            ev(
                "PROPOSAL",
                "proposed",
                "2025-05-12",
                {AMB, PM},
                {"Green Shipping Corridor"},
                "Oslo",
            ),
        ],
        id="records-at-the-meeting-copy-date-participants-place",
    ),
]

ORDER_TEXT = (
    f"Ambassador {AMB} assumed office in October 2024. He met Prime Minister {PM} on "
    f"3 March 2025. Foreign Minister {FM} will visit Oslo on 20 June 2025."
)
ORDER = [
    pytest.param(
        ORDER_TEXT,
        PUB,
        [
            ev("APPOINTMENT", "occurred", "2024-10", {AMB}),
            ev("MEETING", "occurred", "2025-03-03", {AMB, PM}),
            ev("VISIT", "planned", "2025-06-20", {FM}, location="Oslo"),
        ],
        id="three-events-pronoun-subject",
    ),
]

TABLES = {
    "meeting": MEETINGS,
    "call": CALLS,
    "visit": VISITS,
    "agreement": AGREEMENTS,
    "proposal": PROPOSALS,
    "invitation": INVITATIONS,
    "hosted_event": HOSTED_EVENTS,
    "launch": LAUNCHES,
    "appointment": APPOINTMENTS,
    "dates": DATES,
    "datelines": DATELINES,
    "order": ORDER,
}
ALL_ROWS = [
    pytest.param(*p.values, id=f"{family}-{p.id}")
    for family, table in TABLES.items()
    for p in table
]


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize(("text", "published", "expected"), MEETINGS)
def test_meeting(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), CALLS)
def test_call(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), VISITS)
def test_visit(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), AGREEMENTS)
def test_agreement(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), PROPOSALS)
def test_proposal(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), INVITATIONS)
def test_invitation(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), HOSTED_EVENTS)
def test_hosted_event(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), LAUNCHES)
def test_launch(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), APPOINTMENTS)
def test_appointment(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), DATES)
def test_dates(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), DATELINES)
def test_datelines_and_context(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), ORDER)
def test_event_order(run, text, published, expected) -> None:
    _check(run(text, published), expected)


@pytest.mark.parametrize(("text", "published", "expected"), ALL_ROWS)
def test_offsets_point_into_cleaned_text(run, text, published, expected) -> None:
    result = run(text, published)
    cleaned = result.record.text
    for event in result.events:
        trigger, evidence = event.trigger, event.evidence
        assert cleaned[trigger.start : trigger.end] == trigger.text
        assert cleaned[evidence.start : evidence.end] == evidence.text
        assert evidence.start <= trigger.start and trigger.end <= evidence.end


@pytest.mark.parametrize(("text", "published", "expected"), ALL_ROWS)
def test_event_ids_count_in_evidence_order(run, text, published, expected) -> None:
    events = run(text, published).events
    assert [e.event_id for e in events] == [f"t#{n}" for n in range(1, len(events) + 1)]
    starts = [(e.evidence.start, e.trigger.start) for e in events]
    assert starts == sorted(starts)
    assert all(e.doc_id == "t" for e in events)


# EVENTS.md 2.1: CAMEO / PLOVER per type ("—" is no code).
CODES = {
    "MEETING": ("04", "CONSULT"),
    "CALL": ("040", "CONSULT"),
    "VISIT": ("042", "CONSULT"),
    "AGREEMENT": ("057", "AGREE"),
    "PROPOSAL": ("03", "COOPERATE"),
    "INVITATION": ("036", "CONSULT"),
    "LAUNCH": ("061", "COOPERATE"),
}


@pytest.mark.parametrize(("text", "published", "expected"), ALL_ROWS)
def test_codes_follow_the_type_table(run, text, published, expected) -> None:
    for event in run(text, published).events:
        if event.type in CODES:
            cameo, plover = CODES[event.type]
            assert event.codes is not None
            assert event.codes.cameo.startswith(cameo) and event.codes.plover == plover
        else:
            assert event.codes is None or event.codes.cameo is None


def test_same_input_gives_byte_identical_output(extract) -> None:
    text = ALL_ROWS[-1].values[0] + " " + DATELINES[-1].values[0].removeprefix("OSLO: ")

    def jsonl() -> bytes:
        events = extract(text, PUB, doc_id="twice").events
        lines = [json.dumps(e.model_dump(mode="json"), ensure_ascii=False) for e in events]
        return "\n".join(lines).encode("utf-8")

    first, second = jsonl(), jsonl()
    assert first and first == second
