"""What every mention family shares: the :class:`Mention` shape, document-level
:class:`Person` entries and their :class:`Registry`, personal-name helpers, and the
conversion of mentions to and from a ``doc.spans`` group.

Each family's component writes its mentions to ``doc.spans[key]`` (one span per mention,
in order) and each span's attributes to ``span._.extractor_<family>``; later stages read
them back with :func:`read_mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from spacy.tokens import Doc, Span, SpanGroup, Token

from extractor.nlp.words import match_phrase
from extractor.vocab import table, word_list, words

# Mention families; each has a read-only Span extension ``extractor_<family>``.
FAMILIES = ("official", "ministry", "initiative", "place", "dateline")
# Doc extension: spans key -> [family, [mention data per span]]. Plain JSON-like data only,
# so ``doc.to_bytes()`` and ``DocBin(store_user_data=True)`` keep working.
_ATTRS = "extractor_mention_data"


def _getter(family: str) -> Callable[[Span], dict | None]:
    def get(span: Span) -> dict | None:
        """The mention data of a span written by :func:`write_mentions` (else None)."""
        key, sep, n = span.id_.rpartition("#")
        table = span.doc._.get(_ATTRS) or {}
        if not sep or key not in table or table[key][0] != family:
            return None
        data = table[key][1][int(n)]
        return {"source": data["source"], "score": data["score"], "attrs": _typed(data["attrs"])}

    return get


def _register_extensions() -> None:
    if not Doc.has_extension(_ATTRS):
        Doc.set_extension(_ATTRS, default=None)
    for family in FAMILIES:
        if not Span.has_extension(f"extractor_{family}"):
            Span.set_extension(f"extractor_{family}", getter=_getter(family))


_register_extensions()


@dataclass
class Mention:
    """One detected span: the shape every detector emits."""

    label: str  # OFFICIAL | MINISTRY | INITIATIVE | PLACE
    start: int  # token index
    end: int  # token index, exclusive
    source: str  # which rule found it
    score: float = 1.0
    attrs: dict = field(default_factory=dict)

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass
class Title:
    """An office title found in a sentence ("Federal Minister for Railways of Chile")."""

    start: int
    end: int
    office: str  # lower-cased head, e.g. "federal minister" -> "minister"
    country: str | None
    host: str | None  # "to Pakistan"
    portfolio: str | None
    definite: bool


@dataclass
class Person:
    """An official of the document, merged over all its mentions."""

    key: int
    name: str | None
    title: str | None
    country: str | None
    ministry: str | None = None
    office: str | None = None  # the office head, e.g. "ambassador"

    def as_official(self) -> dict:
        return {"name": self.name, "title": self.title, "country": self.country}


@dataclass
class DocMentions:
    """All mentions of a doc, with the people they refer to (as stored on the Doc)."""

    officials: list[Mention]
    ministries: list[Mention]
    initiatives: list[Mention]
    places: list[Mention]
    persons: dict[int, Person]
    host_country: str | None
    dateline: Mention | None


# --------------------------------------------------------------------------------------
# Mentions on the Doc


def _plain(attrs: dict) -> dict:
    """Attributes as plain data (an official's :class:`Title` as a dict)."""
    title = attrs.get("title")
    return {**attrs, "title": asdict(title)} if isinstance(title, Title) else dict(attrs)


def _typed(attrs: dict) -> dict:
    title = attrs.get("title")
    return {**attrs, "title": Title(**title)} if isinstance(title, dict) else dict(attrs)


def _mention(data: dict) -> Mention:
    return Mention(
        data["label"],
        data["start"],
        data["end"],
        data["source"],
        data["score"],
        _typed(data["attrs"]),
    )


def write_persons(doc: Doc, persons: dict[int, Person]) -> None:
    """Store the document's people in ``doc._.extractor_persons`` (a list by key)."""
    doc._.extractor_persons = [asdict(p) for p in sorted(persons.values(), key=lambda p: p.key)]


def read_persons(doc: Doc) -> dict[int, Person]:
    """The people stored by :func:`write_persons`, by key."""
    return {d["key"]: Person(**d) for d in doc._.extractor_persons or []}


def write_mentions(doc: Doc, key: str, family: str, mentions: list[Mention]) -> None:
    """Store mentions as ``doc.spans[key]``, their data in ``span._.extractor_<family>``.

    A span's ``id_`` is ``<key>#<index>``: spaCy keys span extension values by character
    offsets only, and two mentions may cover the same tokens ("Foreign Ministries" is both
    an adjective ministry and a plural one), so the data is kept per index on the Doc.
    """
    spans = [
        Span(doc, m.start, m.end, label=m.label, span_id=f"{key}#{n}")
        for n, m in enumerate(mentions)
    ]
    table = doc._.get(_ATTRS)
    if table is None:
        table = {}
        doc._.set(_ATTRS, table)
    data = [
        {
            "label": m.label,
            "start": m.start,
            "end": m.end,
            "source": m.source,
            "score": m.score,
            "attrs": _plain(m.attrs),
        }
        for m in mentions
    ]
    table[key] = [family, data]
    doc.spans[key] = SpanGroup(doc, name=key, spans=spans)


def read_mentions(doc: Doc, key: str, family: str) -> list[Mention]:
    """The mentions a component stored with :func:`write_mentions` (empty if none).

    While the span group is the one written (same length), the mentions are rebuilt from the
    stored data without a Span per mention; a group edited since is read span by span.
    """
    if key not in doc.spans:
        return []
    group = doc.spans[key]
    stored = (doc._.get(_ATTRS) or {}).get(key)
    if stored is not None and stored[0] == family and len(stored[1]) == len(group):
        return [_mention(d) for d in stored[1]]
    out = []
    for span in group:
        data = span._.get(f"extractor_{family}")
        if data is not None:
            out.append(
                Mention(
                    span.label_, span.start, span.end, data["source"], data["score"], data["attrs"]
                )
            )
    return out


def tokens_of(mentions: list[Mention]) -> set[int]:
    """Token indices covered by the mentions."""
    return {t for m in mentions for t in range(m.start, m.end)}


# --------------------------------------------------------------------------------------
# Personal names


def first_conjunct(tok: Token) -> Token:
    """The first of conjoined words ("visited" in "visited X and signed Y", "port" in
    "the port and the museum")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def is_name_token(token: Token) -> bool:
    """A token that can stand in a personal name."""
    text = token.text
    if token.lower_ in words("name_particles"):
        return True
    if not text[:1].isupper() or token.is_punct:
        return False
    if token.lower_ in words("honorifics"):
        return False
    if token.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB") or token.ent_type_ == "PERSON":
        return True
    # "Do Hung Viet": a capitalised word mid-sentence before a name is no auxiliary
    nxt = token.i + 1
    return (
        not token.is_sent_start
        and nxt < len(token.doc)
        and token.doc[nxt].ent_iob_ == "B"
        and token.doc[nxt].ent_type_ == "PERSON"
    )


def skip_honorifics(doc: Doc, i: int, limit: int) -> int:
    """The first token at or after i that is not an honorific ("H.E.", "Dr.")."""
    while i < limit:
        end = match_phrase(doc, i, "honorifics", limit)
        if end == i:
            break
        i = end
        if i < limit and doc[i].text == ".":
            i += 1  # "Dr" followed by "." is two tokens in some tokenizations
    return i


def _name_stops(doc: Doc, i: int, j: int, limit: int) -> bool:
    """Whether the name run starting at i ends before token j."""
    tok = doc[j]
    particles = words("name_particles")
    hyphenated = j + 2 < limit and doc[j + 1].text == "-" and doc[j + 2].text[:1].isupper()
    # "van der Berg": a particle needs a capitalized word after it (or another particle)
    k = j
    while k + 1 < limit and doc[k + 1].lower_ in particles:
        k += 1
    # a capitalised particle opens a name before a capitalised word ("Le Hoai Nam")
    opens = j == i and tok.text[:1].isupper()
    if (
        tok.lower_ in particles
        and not hyphenated
        and (j == i and not opens or k + 1 >= limit or not doc[k + 1].text[:1].isupper())
    ):
        return True
    if any(ch.isdigit() for ch in tok.text):
        return True
    if j > i and tok.lower_ in words("headline_verbs"):
        return True  # "Minister Rivera Holds Talks with ...": a headline's verb
    if j > i and tok.ent_type_ in ("DATE", "TIME") and doc[j - 1].ent_type_ not in ("DATE", "TIME"):
        return True  # "Prime Minister Ana Lind Friday received ...": the day is no name
    # stop before another title or a country/demonym that is not part of a PERSON
    if match_phrase(doc, j, "office_heads", limit) > j and tok.ent_type_ != "PERSON":
        return True
    return (
        j > i
        and tok.ent_type_ in ("GPE", "NORP")
        and doc[j - 1].ent_type_ == "PERSON"
        and tok.ent_iob_ == "B"
    )


def _hyphen_joins(doc: Doc, j: int) -> bool:
    """ "Okonjo-Iweala", "Park Min-jun": a hyphen inside one name word."""
    after = doc[j + 1]
    if after.text[:1].isupper():
        return True
    return not doc[j - 1].whitespace_ and not doc[j].whitespace_ and after.is_alpha


def name_run(doc: Doc, i: int, limit: int) -> int:
    """End of a personal-name run starting at i (i if there is none)."""
    j = i
    while j < limit:
        tok = doc[j]
        if tok.text == "-" and j > i and j + 1 < limit and _hyphen_joins(doc, j):
            j += 2
            continue
        if not is_name_token(tok) or _name_stops(doc, i, j, limit):
            break
        j += 1
    while j > i and doc[j - 1].lower_ in words("name_particles"):
        j -= 1  # drop a trailing particle
    return j


def clean_name(span: Span) -> str | None:
    """Name as written, without honorifics and possessive."""
    tokens = list(span)
    honorifics = words("honorifics")
    while tokens and (tokens[0].lower_ in honorifics or tokens[0].text == "."):
        tokens.pop(0)
    while tokens and tokens[-1].text in ("'s", "'", ".", ","):
        tokens.pop()
    if not tokens:
        return None
    text = "".join(t.text_with_ws for t in tokens).strip()
    text = re.sub(r"\s*-\s*", "-", text)
    return text or None


# --------------------------------------------------------------------------------------
# Offices


def ministry_for(title: Title) -> str | None:
    """The ministry a minister's title implies ("Energy Minister" -> "Ministry of Energy")."""
    if title.office.endswith(("foreign minister", "foreign secretary")):  # deputies too
        return "Ministry of Foreign Affairs"
    if title.portfolio is None and title.office in words("foreign_affairs_offices"):
        return "Ministry of Foreign Affairs"
    portfolio = (title.portfolio or "").lower()
    foreign = portfolio in words("foreign_affairs_names")
    if foreign and title.office.endswith("secretary"):  # "Secretary of Foreign Affairs"
        return "Ministry of Foreign Affairs"
    if title.portfolio is None or not any(k in title.office for k in words("ministry_offices")):
        return None
    if title.office in words("head_of_government_offices"):
        return None
    portfolio = title.portfolio
    if portfolio.lower() in words("foreign_affairs_names"):
        portfolio = "Foreign Affairs"
    return f"Ministry of {portfolio}"


def office_of(office: str) -> str:
    """The office kind used to resolve 'the minister' / 'the ambassador'."""
    office = table("office_styles").get(office, office)  # "the Holy Father": the pope
    for kind in word_list("office_kinds"):
        if kind in office:
            return "ambassador" if kind in words("envoy_offices") else kind
    return office


def _token_set(name: str) -> set[str]:
    return set(name.casefold().replace("-", " ").split())


def _part_of(short: str, full: str) -> bool:
    """Whether ``short`` names the person called ``full`` ("Roe" of "Jane Roe"), not the
    father named in a patronymic ("Abdullah II" in "Hussein bin Abdullah II")."""
    part = _token_set(short)
    if not part <= _token_set(full):
        return False
    tokens = full.casefold().replace("-", " ").split()
    first = next(n for n, t in enumerate(tokens) if t in part)
    return not (first > 0 and tokens[first - 1] in words("patronymic_particles"))


class Registry:
    """Document-level people: merges mentions into :class:`Person` entries."""

    def __init__(self) -> None:
        self.persons: dict[int, Person] = {}

    def new(self, **kwargs) -> Person:
        """A new person with the next key."""
        person = Person(key=len(self.persons), **kwargs)
        self.persons[person.key] = person
        return person

    def by_name(self, name: str) -> Person | None:
        """The person whose full name contains all of ``name``'s tokens (longest wins)."""
        best = None
        for person in self.persons.values():
            if not person.name:
                continue
            if _part_of(name, person.name) and (
                best is None or len(person.name) > len(best.name or "")
            ):
                best = person
        return best

    def add_named(self, name: str, title: Title | None, title_text: str | None) -> Person:
        """The person called ``name`` (new, or merged with an earlier mention)."""
        person = self.by_name(name)
        if person is None:
            # an earlier, shorter mention of the same person ("Roe" before "Jane Roe")
            tokens = _token_set(name)
            for other in self.persons.values():
                if other.name and _token_set(other.name) < tokens and _part_of(other.name, name):
                    other.name = name
                    person = other
                    break
        if person is None:
            person = self.new(name=name, title=None, country=None)
        former = (title_text or "").lower().startswith(("former", "the former"))
        if (
            title is not None
            and not (former and person.title)
            and (person.title is None or len(title_text or "") > len(person.title))
        ):
            person.title = title_text
            person.office = office_of(title.office)
            person.ministry = ministry_for(title) or person.ministry
            person.country = title.country or person.country
        return person

    def by_title(self, title: Title, recent: list[Person]) -> Person | None:
        """The most recent person holding this title's office (anaphora)."""
        office = office_of(title.office)
        candidates = [
            p
            for p in recent
            if p.office == office
            or (
                office == "minister"
                and p.office
                and "minister" in p.office
                and p.office != "prime minister"
            )
            # "the Foreign Minister" after "External Affairs Minister X"
            or (office == "foreign minister" and p.ministry == "Ministry of Foreign Affairs")
        ]
        if title.country:
            candidates = [p for p in candidates if p.country in (None, title.country)]
        if title.portfolio:
            candidates = [
                p for p in candidates if p.ministry is None or ministry_for(title) == p.ministry
            ]
        return candidates[-1] if candidates else None


def site_after_at(ent: Span) -> bool:
    """ "received the envoy at Wisma Putra": a name the tagger calls a person, right after
    "at", is the place of the act (a person is met "with", not "at")."""
    root = ent.root
    return (
        ent.label_ == "PERSON"
        and root.dep_ == "pobj"
        and root.head.lower_ == "at"
        and ent.start == root.head.i + 1
    )
