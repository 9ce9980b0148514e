"""Table tests for the mention stage (the mention components of ``extractor.nlp.components``, read back
with ``stored_mentions``) and the country lookups (``extractor.nlp.words``).

Sentences are invented in the genre; people and initiatives are fictitious, countries and
cities are real (world knowledge). Each table is one rule family of EVENTS.md 3.1-3.5.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extractor.nlp.components import stored_mentions as find_mentions
from extractor.nlp.mentions import DocMentions, Person
from extractor.nlp.words import country_code, place_country

_PARSED: dict[str, tuple[Doc, DocMentions]] = {}


@pytest.fixture
def mentions(nlp: Language):
    """``mentions(text) -> (doc, DocMentions)``, each text parsed once per session."""

    def run(text: str) -> tuple[Doc, DocMentions]:
        if text not in _PARSED:
            doc = nlp(text)
            _PARSED[text] = (doc, find_mentions(doc))
        return _PARSED[text]

    return run


def _officials(found: DocMentions) -> list[tuple[str | None, str | None, str | None]]:
    return [(p.name, p.title, p.country) for p in found.persons.values()]


def _person_at(doc: Doc, found: DocMentions, text: str, locator: str) -> Person:
    """The person of the official mention that starts where ``locator`` starts in ``text``."""
    start = text.index(locator)
    for mention in found.officials:
        if mention.span(doc).start_char == start:
            return found.persons[mention.attrs["person"]]
    raise AssertionError(f"no official mention at {locator!r}")


# --------------------------------------------------------------------------- officials

# (sentence, (name, title, country))
OFFICIALS = [
    pytest.param(
        "Federal Minister for Climate Change Dr. Jane Roe met the delegation in Islamabad.",
        ("Jane Roe", "Federal Minister for Climate Change", None),
        id="title+name-drops-dr",
    ),
    pytest.param(
        "Minister for Railways Mr. Karim Aslanov inspected the new depot.",
        ("Karim Aslanov", "Minister for Railways", None),
        id="title+name-drops-mr",
    ),
    # NER reads "Railways Karim Aslanov" as one ORG: the name still follows the title.
    pytest.param(
        "Minister for Railways Karim Aslanov inspected the new depot.",
        ("Karim Aslanov", "Minister for Railways", None),
        id="title+name-inside-ner-org",
    ),
    pytest.param(
        "Federal Minister for Railways Karim Aslanov met the Ambassador.",
        ("Karim Aslanov", "Federal Minister for Railways", None),
        id="title+name-no-honorific",
    ),
    pytest.param(
        "Federal Minister for Industry and Trade Mr. Tomas Varga met the press.",
        ("Tomas Varga", "Federal Minister for Industry and Trade", None),
        id="title-with-joined-portfolios",
    ),
    pytest.param(
        "Senator Lena Brekke met the press.",
        ("Lena Brekke", "Senator", None),
        id="senator-not-in-name",
    ),
    pytest.param(
        "Prime Minister Ingrid Solvik and President Ana Belen Rojas held talks.",
        ("Ana Belen Rojas", "President", None),
        id="and-between-two-officials-not-in-title",
    ),
    pytest.param(
        "Dr. Jane Roe, Federal Minister for Climate Change, met the delegation.",
        ("Jane Roe", "Federal Minister for Climate Change", None),
        id="name-comma-title",
    ),
    pytest.param(
        "Mr. Tomas Varga, Minister of Energy of Hungary, addressed the forum.",
        ("Tomas Varga", "Minister of Energy of Hungary", "HUN"),
        id="name-comma-title-of-country",
    ),
    pytest.param(
        "H.E. Halvard Stenbakk, Ambassador of Norway to Chile, met the press.",
        ("Halvard Stenbakk", "Ambassador of Norway to Chile", "NOR"),
        id="he-name-comma-ambassador",
    ),
    pytest.param(
        "Chilean Ambassador Rodrigo Altamirano called on the minister.",
        ("Rodrigo Altamirano", "Chilean Ambassador", "CHL"),
        id="demonym-country",
    ),
    pytest.param(
        "Chilean Ambassador to Kenya Mr. Rodrigo Altamirano called on the minister.",
        ("Rodrigo Altamirano", "Chilean Ambassador to Kenya", "CHL"),
        id="demonym-ambassador-to-host",
    ),
    # NER reads "Kenya Rodrigo Altamirano" as one ORG: the name still follows the title.
    pytest.param(
        "Chilean Ambassador to Kenya Rodrigo Altamirano called on the Foreign Minister.",
        ("Rodrigo Altamirano", "Chilean Ambassador to Kenya", "CHL"),
        id="demonym-ambassador-to-host-name-inside-ner-org",
    ),
    pytest.param(
        "Ambassador of Chile to Kenya Rodrigo Altamirano called on the Foreign Minister.",
        ("Rodrigo Altamirano", "Ambassador of Chile to Kenya", "CHL"),
        id="ambassador-of-x-to-y",
    ),
    pytest.param(
        "The Ambassador of Chile to Kenya, Rodrigo Altamirano, called on the Foreign Minister.",
        ("Rodrigo Altamirano", "Ambassador of Chile to Kenya", "CHL"),
        id="ambassador-of-x-to-y-apposition",
    ),
    pytest.param(
        "Ambassador of the Republic of Chile to Kenya Mr. Rodrigo Altamirano met the press.",
        ("Rodrigo Altamirano", "Ambassador of the Republic of Chile to Kenya", "CHL"),
        id="ambassador-of-the-republic-of-x",
    ),
    pytest.param(
        "The Federal Minister for Petroleum chaired the session.",
        (None, "Federal Minister for Petroleum", None),
        id="title-only-name-null",
    ),
    pytest.param(
        "Ambassador of Chile to Kenya Rodrigo Altamirano called on the Foreign Minister.",
        (None, "Foreign Minister", "KEN"),
        id="host-country-of-the-envoy-implied",
    ),
    pytest.param(
        "OSLO: Prime Minister Ingrid Solvik met the delegation.",
        ("Ingrid Solvik", "Prime Minister", "NOR"),
        id="dateline-country-implied-for-head-of-government",
    ),
]


@pytest.mark.parametrize(("text", "official"), OFFICIALS)
def test_official_name_title_country(mentions, text: str, official: tuple) -> None:
    _, found = mentions(text)
    assert official in _officials(found)


def test_title_only_official_stays_unnamed_without_a_name_in_the_doc(mentions) -> None:
    _, found = mentions("The Federal Minister for Petroleum chaired the session.")
    assert [p.name for p in found.persons.values()] == [None]


# (text, locator: where the mention starts, the full name it resolves to)
ANAPHORA = [
    pytest.param(
        "Ambassador Rodrigo Altamirano met the Governor. Altamirano praised the hospitality.",
        "Altamirano praised",
        "Rodrigo Altamirano",
        id="surname-after-full-name",
    ),
    pytest.param(
        "Altamirano praised the hospitality. Ambassador Rodrigo Altamirano met the Governor.",
        "Altamirano praised",
        "Rodrigo Altamirano",
        id="surname-before-full-name",
    ),
    pytest.param(
        "Ambassador Rodrigo Altamirano arrived in Nairobi. The ambassador met the Governor.",
        "ambassador met",
        "Rodrigo Altamirano",
        id="the-ambassador-after-full-name",
    ),
    pytest.param(
        "The ambassador arrived in Nairobi on Monday. "
        "Ambassador Rodrigo Altamirano then met Governor Peter Mwangi.",
        "ambassador arrived",
        "Rodrigo Altamirano",
        id="the-ambassador-before-full-name",
    ),
    pytest.param(
        "Ambassador Rodrigo Altamirano met the press. He later visited the port.",
        "He later",
        "Rodrigo Altamirano",
        id="pronoun-subject",
    ),
    pytest.param(
        "Minister Tomas Varga met the Ambassador. He said trade had doubled.",
        "He said",
        "Tomas Varga",
        id="pronoun-subject-resolves-to-last-subject",
    ),
]


@pytest.mark.parametrize(("text", "locator", "name"), ANAPHORA)
def test_later_and_earlier_mentions_resolve_to_full_name(
    mentions, text: str, locator: str, name: str
) -> None:
    doc, found = mentions(text)
    assert _person_at(doc, found, text, locator).name == name
    surname = name.split()[-1]
    same = [p for p in found.persons.values() if p.name and surname in p.name]
    assert len(same) == 1, "one person, not one per mention"


# --------------------------------------------------------------------------- ministries

# (sentence, title of the official, implied ministry or None)
IMPLIED_MINISTRIES = [
    pytest.param(
        "Minister for Railways Mr. Karim Aslanov inspected the new depot.",
        "Minister for Railways",
        "Ministry of Railways",
        id="minister-for-x",
    ),
    pytest.param(
        "Federal Minister for Climate Change Dr. Jane Roe met the delegation in Islamabad.",
        "Federal Minister for Climate Change",
        "Ministry of Climate Change",
        id="federal-minister-for-x",
    ),
    pytest.param(
        "Mr. Tomas Varga, Minister of Energy of Hungary, addressed the forum.",
        "Minister of Energy of Hungary",
        "Ministry of Energy",
        id="minister-of-x-of-country",
    ),
    pytest.param(
        "Federal Minister for Information and Broadcasting Ms. Lena Brekke met the press.",
        "Federal Minister for Information and Broadcasting",
        "Ministry of Information and Broadcasting",
        id="joined-portfolio",
    ),
    pytest.param(
        "Foreign Minister Maren Dahl met Ambassador Rodrigo Altamirano in Oslo.",
        "Foreign Minister",
        "Ministry of Foreign Affairs",
        id="foreign-minister",
    ),
    pytest.param(
        "Finance Minister Mr. Tomas Varga met the press.",
        "Finance Minister",
        "Ministry of Finance",
        id="x-minister",
    ),
    pytest.param(
        "The Federal Minister for Petroleum chaired the session.",
        "Federal Minister for Petroleum",
        "Ministry of Petroleum",
        id="title-only-still-implies-ministry",
    ),
    pytest.param(
        "Prime Minister Ingrid Solvik inaugurated the terminal.",
        "Prime Minister",
        None,
        id="prime-minister-none",
    ),
    pytest.param(
        "Chilean Ambassador Rodrigo Altamirano called on the minister.",
        "Chilean Ambassador",
        None,
        id="ambassador-none",
    ),
    pytest.param(
        "Senator Lena Brekke met the press.",
        "Senator",
        None,
        id="senator-none",
    ),
]


@pytest.mark.parametrize(("text", "title", "ministry"), IMPLIED_MINISTRIES)
def test_ministry_implied_by_portfolio(
    mentions, text: str, title: str, ministry: str | None
) -> None:
    _, found = mentions(text)
    person = next(p for p in found.persons.values() if p.title == title)
    assert person.ministry == ministry


# (sentence, [(ministry name, countries)])
MINISTRY_MENTIONS = [
    pytest.param(
        "Officials of the Ministry of Foreign Affairs attended.",
        [("Ministry of Foreign Affairs", None)],
        id="ministry-of-x",
    ),
    pytest.param(
        "The Ministry of Industry and Trade hosted the talks.",
        [("Ministry of Industry and Trade", None)],
        id="ministry-of-joined-portfolios",
    ),
    pytest.param(
        "The Foreign Office issued a statement.",
        [("Ministry of Foreign Affairs", None)],
        id="foreign-office",
    ),
    pytest.param(
        "The Energy Ministry sent a note.", [("Ministry of Energy", None)], id="x-ministry"
    ),
    pytest.param(
        "Officials from the foreign ministries of Norway and Chile attended.",
        [("Ministry of Foreign Affairs", ["NOR", "CHL"])],
        id="foreign-ministries-of-two-countries",
    ),
    pytest.param("The Norwegian Embassy hosted a reception.", [], id="embassy-is-not-a-ministry"),
]


@pytest.mark.parametrize(("text", "expected"), MINISTRY_MENTIONS)
def test_ministry_mentions(mentions, text: str, expected: list) -> None:
    _, found = mentions(text)
    assert [(m.attrs["name"], m.attrs.get("countries")) for m in found.ministries] == expected


# --------------------------------------------------------------------------- initiatives

# (sentence, initiative names in order)
INITIATIVES = [
    pytest.param(
        "The two sides agreed to form a Joint Working Group (JWG) for fisheries cooperation.",
        ["Joint Working Group (JWG) for fisheries cooperation"],
        id="working-group-with-abbreviation-and-subject",
    ),
    pytest.param(
        "They discussed progress on the Alpha-Beta Energy Corridor.",
        ["Alpha-Beta Energy Corridor"],
        id="hyphenated-corridor-without-the",
    ),
    pytest.param(
        'The embassy will organize a "Made in Chile" exhibition in Nairobi.',
        ["Made in Chile exhibition"],
        id="quoted-name-before-common-head",
    ),
    pytest.param(
        "The Norway-Chile Business Forum-2024 was held in Oslo.",
        ["Norway-Chile Business Forum-2024"],
        id="forum-with-year-suffix",
    ),
    pytest.param(
        "The ministers reviewed the Trans-Andean Railway Project and the Green Corridor.",
        ["Trans-Andean Railway Project", "Green Corridor"],
        id="two-initiatives",
    ),
    pytest.param(
        "The two sides agreed to set up a bilateral working group on climate change.",
        ["bilateral working group on climate change"],
        id="lowercase-bilateral-working-group",
    ),
    pytest.param(
        "The two sides signed a Memorandum of Understanding on Maritime Cooperation.",
        ["Memorandum of Understanding on Maritime Cooperation"],
        id="mou-with-capitalized-subject",
    ),
    pytest.param("Forum participants praised the event.", [], id="bare-head-at-sentence-start"),
    pytest.param("The project will create jobs.", [], id="lowercase-generic-head"),
    pytest.param("They discussed cooperation in energy and trade.", [], id="no-head"),
]


@pytest.mark.parametrize(("text", "names"), INITIATIVES)
def test_initiative_names(mentions, text: str, names: list[str]) -> None:
    _, found = mentions(text)
    assert [m.attrs["name"] for m in found.initiatives if m.source != "abbreviation"] == names


def test_abbreviation_reuse_refers_to_the_full_initiative(mentions) -> None:
    text = (
        "The two sides agreed to form a Joint Working Group (JWG) for fisheries cooperation. "
        "The JWG will meet twice a year."
    )
    doc, found = mentions(text)
    full = "Joint Working Group (JWG) for fisheries cooperation"
    defining = [m for m in found.initiatives if m.source != "abbreviation"]
    assert [(m.attrs["name"], m.attrs["abbrev"]) for m in defining] == [(full, "JWG")]
    reused = [m for m in found.initiatives if m.source == "abbreviation"]
    assert [(m.span(doc).text, m.span(doc).start_char, m.attrs["name"]) for m in reused] == [
        ("JWG", text.index("JWG will"), full)
    ]


# --------------------------------------------------------------------------- places

# (sentence, (name, country, kind) that must be among the places)
PLACES = [
    pytest.param("The minister arrived in Oslo.", ("Oslo", "NOR", "city"), id="city"),
    pytest.param("Trade between Norway and Chile grew.", ("Chile", "CHL", "country"), id="country"),
    pytest.param(
        "The Ambassador visited the Kenyatta International Convention Centre.",
        ("Kenyatta International Convention Centre", None, "facility"),
        id="facility-centre",
    ),
    pytest.param(
        "The talks were held at the Prime Minister's House in Nairobi.",
        ("Prime Minister's House", None, "facility"),
        id="facility-office-house",
    ),
    pytest.param(
        "The talks were held at the Prime Minister's House in Nairobi.",
        ("Nairobi", "KEN", "city"),
        id="city-after-facility",
    ),
    pytest.param(
        "The delegation toured the Karachi Port Trust.",
        ("Karachi Port Trust", None, "facility"),
        id="facility-port-trust",
    ),
]


@pytest.mark.parametrize(("text", "place"), PLACES)
def test_places(mentions, text: str, place: tuple) -> None:
    _, found = mentions(text)
    got = [(m.attrs["name"], m.attrs["country"], m.attrs["kind"]) for m in found.places]
    assert place in got


def test_office_in_a_facility_name_is_not_an_official(mentions) -> None:
    _, found = mentions("The talks were held at the Prime Minister's House in Nairobi.")
    assert found.officials == []


# (text, dateline (name, country) or None)
DATELINES = [
    pytest.param("OSLO: The two sides met.", ("Oslo", "NOR"), id="city-colon"),
    pytest.param("NAIROBI, May 13 (APP): The two sides met.", ("Nairobi", "KEN"), id="city-date"),
    pytest.param("Nairobi is a large city.", None, id="not-a-dateline"),
    pytest.param("TRADE: The two sides met.", None, id="capitals-but-not-a-place"),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline(mentions, text: str, expected: tuple | None) -> None:
    _, found = mentions(text)
    got = found.dateline and (found.dateline.attrs["name"], found.dateline.attrs["country"])
    assert got == expected


# --------------------------------------------------------------------------- lexicon

COUNTRY_CODES = [
    ("Norway", "NOR"),
    ("Norwegian", "NOR"),
    ("Chile", "CHL"),
    ("Chilean", "CHL"),
    ("Republic of Kenya", "KEN"),
    ("Kenyan", "KEN"),
    ("the Netherlands", "NLD"),
    ("Dutch", "NLD"),
    ("Russian Federation", "RUS"),
    ("Russia", "RUS"),
    ("Türkiye", "TUR"),
    ("Turkey", "TUR"),
    ("Uzbek", "UZB"),
    ("Pakistani", "PAK"),
    ("Emirati", "ARE"),
    ("UAE", "ARE"),
    ("Saudi", "SAU"),
    ("US", "USA"),
    ("USA", "USA"),
    ("the United States", "USA"),
    ("UK", "GBR"),
    ("British", "GBR"),
    ("Norway's", "NOR"),
    # Two- and three-letter codes collide with words: only listed short forms count.
    ("IT", None),
    ("MAR", None),
    ("IND", None),
    # Lower case is a word, not a name.
    ("iran", None),
    ("Trade", None),
    ("Minister", None),
    # A city is not a country.
    ("Oslo", None),
]


@pytest.mark.parametrize(("text", "code"), COUNTRY_CODES)
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


PLACE_COUNTRIES = [
    ("Oslo", "NOR"),
    ("Nairobi", "KEN"),
    ("Tashkent", "UZB"),
    ("Karachi", "PAK"),
    ("Norway", "NOR"),
    ("Atlantis", None),
]


@pytest.mark.parametrize(("text", "code"), PLACE_COUNTRIES)
def test_place_country(text: str, code: str | None) -> None:
    assert place_country(text) == code
