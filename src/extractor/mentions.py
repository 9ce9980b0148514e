"""Stage 4, mentions: officials, ministries, initiatives and places found in a parsed doc.

Every detector emits :class:`Mention` objects of one shape (label, token span, source,
score, attributes); :func:`find_mentions` resolves overlaps and links officials into
document-level :class:`Person` entries (title + name, surname-only and "the ambassador"
mentions resolved to the full name, pronouns to the most recent subject).

Why custom code and not only a SpanRuler: an office title is an open-ended composition
("Federal Minister for Fisheries and Trade of the Republic of Chile") whose right edge
depends on a portfolio vocabulary and on where the person's name starts, and binding a
title to a name needs the parse; token patterns cannot say that. The vocabularies
themselves are data (``resources/lexicon.json``, ``countries.tsv``, ``cities.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extractor.lexicon import country_code, lexicon, place_country

NAME_PARTICLES = frozenset(
    [
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "ul",
        "ud",
        "ur",
        "de",
        "da",
        "van",
        "von",
        "der",
        "di",
        "du",
        "la",
        "le",
        "abu",
    ]
)
PRONOUNS_SINGULAR = frozenset(["he", "his", "him", "she", "her", "hers"])


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
    """All mentions of a doc, with the people they refer to."""

    officials: list[Mention]
    ministries: list[Mention]
    initiatives: list[Mention]
    places: list[Mention]
    persons: dict[int, Person]
    host_country: str | None
    dateline: Mention | None


# --------------------------------------------------------------------------------------
# Lexicon matching helpers


def _phrase_index(phrases: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """First word -> phrases (as word tuples), longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(re.findall(r"[\w'.&()]+|-", phrase.lower()))
        index.setdefault(words[0], []).append(words)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


_INDEX_CACHE: dict[str, dict[str, list[tuple[str, ...]]]] = {}


def _index(name: str) -> dict[str, list[tuple[str, ...]]]:
    if name not in _INDEX_CACHE:
        _INDEX_CACHE[name] = _phrase_index(getattr(lexicon(), name))
    return _INDEX_CACHE[name]


_NUMBERED = re.compile(r"^(.+?)-\d+$")


def _word(token: Token) -> str:
    """Lower-cased token, without a numeric suffix ("Expo-2030" -> "expo")."""
    m = _NUMBERED.match(token.lower_)
    return m.group(1) if m else token.lower_


_WORDS_KEY = "extractor.words"


def doc_words(doc: Doc) -> list[str]:
    """Every token's :func:`_word`, computed once per doc (a Token is rebuilt per access)."""
    words = doc.user_data.get(_WORDS_KEY)
    if words is None or len(words) != len(doc):
        words = [_word(t) for t in doc]
        doc.user_data[_WORDS_KEY] = words
    return words


def match_phrase(doc: Doc, i: int, name: str, limit: int | None = None) -> int:
    """End token index of the longest lexicon phrase starting at token i, or i if none."""
    if i >= len(doc):
        return i
    words = doc_words(doc)
    for phrase in _index(name).get(words[i], ()):
        end = i + len(phrase)
        if end <= (limit or len(doc)) and words[i:end] == list(phrase):
            return end
    return i
    for words in _index(name).get(_word(doc[i]), ()):
        end = i + len(words)
        if end <= (limit or len(doc)) and all(_word(doc[i + k]) == w for k, w in enumerate(words)):
            return end
    return i


def _is_name_token(token: Token) -> bool:
    text = token.text
    if token.lower_ in NAME_PARTICLES:
        return True
    if not text[:1].isupper() or token.is_punct:
        return False
    if token.lower_ in lexicon().honorifics:
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB") or token.ent_type_ == "PERSON"


def country_at(doc: Doc, i: int) -> tuple[int, str | None]:
    """A country name, short form or demonym starting at token i: (end, alpha3)."""
    for length in (4, 3, 2, 1):
        end = i + length
        if end > len(doc):
            continue
        span = doc[i:end]
        if not span[0].text[:1].isupper() or any(t.is_punct and t.text != "." for t in span):
            continue
        code = country_code(span.text)
        if code:
            return end, code
    return i, None


# --------------------------------------------------------------------------------------
# Titles and officials


@dataclass
class Title:
    start: int
    end: int
    office: str  # lower-cased head, e.g. "federal minister" -> "minister"
    country: str | None
    host: str | None  # "to Pakistan"
    portfolio: str | None
    definite: bool


def _skip_honorifics(doc: Doc, i: int, limit: int) -> int:
    while i < limit:
        end = match_phrase(doc, i, "honorifics", limit)
        if end == i:
            # "Dr" followed by "." is two tokens in some tokenizations
            break
        i = end
        if i < limit and doc[i].text == ".":
            i += 1
    return i


def _portfolio_run(doc: Doc, i: int, limit: int) -> int:
    """Portfolios joined by 'and', ',' or '&' starting at i; returns the end (i if none)."""
    end = i
    j = i
    while j < limit:
        k = match_phrase(doc, j, "portfolios", limit)
        if k == j:
            break
        end = k
        j = k
        if j < limit and doc[j].lower_ in (",", "and", "&"):
            nxt = j + 1
            if nxt < limit and doc[nxt].lower_ == "and":
                nxt += 1
            if match_phrase(doc, nxt, "portfolios", limit) > nxt:
                j = nxt
                continue
        break
    return end


def _find_titles(doc: Doc, sent: Span) -> list[Title]:
    titles: list[Title] = []
    lex = lexicon()
    i = sent.start
    limit = sent.end
    while i < limit:
        head_end = match_phrase(doc, i, "office_heads", limit)
        if head_end == i:
            i += 1
            continue
        office = " ".join(t.lower_ for t in doc[i:head_end])
        # "the President's House": a place, not an official
        if (
            head_end + 1 < limit
            and doc[head_end].text in ("'s", "'")
            and doc[head_end + 1].lower_ in lex.facility_heads
        ):
            i = head_end + 2
            continue
        start = i
        country = host = portfolio = None
        # left modifiers: "Federal", "former", "Saudi", "Pakistan's", "Foreign"
        j = i - 1
        while j >= sent.start:
            tok = doc[j]
            if tok.lower_ in lex.office_modifiers or tok.lower_ in lex.portfolio_adjectives:
                if tok.lower_ in lex.portfolio_adjectives and tok.lower_ != "foreign":
                    portfolio = portfolio or lex.portfolio_adjectives[tok.lower_]
                if tok.lower_ == "foreign":
                    portfolio = portfolio or "Foreign Affairs"
                start = j
                j -= 1
                continue
            if tok.text in ("'s", "'") and j - 1 >= sent.start:
                # "Pakistan's Federal Minister": a possessive country
                owner = None
                for s in range(max(sent.start, j - 4), j):
                    end, code = country_at(doc, s)
                    if code and end in (j, j + 1):  # the match may take the "'s" with it
                        owner = (s, code)
                        break
                if owner is None:
                    break
                start, country = owner
                j = start - 1
                continue
            found = False
            for s in range(max(sent.start, j - 3), j + 1):
                end, code = country_at(doc, s)
                if code and end == j + 1:
                    start, country, found = s, code, True
                    break
            if found:
                j = start - 1
                continue
            break
        # right complements
        k = head_end
        if office in ("secretary",):
            pend = _portfolio_run(doc, k, limit)
            if pend > k:
                portfolio = doc[k:pend].text
                k = pend
        while k < limit:
            word = doc[k].lower_
            if word in ("for", "on") and k + 1 < limit:
                pend = _portfolio_run(doc, k + 1, limit)
                if pend > k + 1:
                    portfolio = doc[k + 1 : pend].text
                    k = pend
                    continue
            if word == "of" and k + 1 < limit:
                pend = _portfolio_run(doc, k + 1, limit)
                if pend > k + 1:
                    portfolio = doc[k + 1 : pend].text
                    k = pend
                    continue
                m = k + 1
                if doc[m].lower_ == "the":
                    m += 1
                end, code = country_at(doc, m)
                if code is None and doc[m : m + 2].text.lower() == "republic of":
                    end, code = country_at(doc, m + 2)
                if code:
                    country = code if office not in ("special assistant", "adviser") else country
                    k = end
                    continue
                # "Chairwoman of the Federation Council"
                if doc[k + 1].lower_ == "the":
                    e = k + 2
                    body = None
                    while e < limit and doc[e].text[:1].isupper() and not doc[e].is_punct:
                        if doc[e].lower_ in (
                            "council",
                            "senate",
                            "assembly",
                            "parliament",
                            "commission",
                            "committee",
                            "duma",
                            "board",
                        ):
                            body = e + 1  # the body's name ends at its head noun
                        e += 1
                    if body is not None:
                        k = body
                        continue
            if word == "to" and k + 1 < limit:
                m = k + 1
                if doc[m].lower_ == "the":
                    m += 1
                end, code = country_at(doc, m)
                if code:
                    host = code
                    k = end
                    continue
                hend = match_phrase(doc, m, "office_heads", limit)
                if hend > m:  # "Special Assistant to the Prime Minister"
                    k = hend
                    continue
            break
        while start < i and doc[start].lower_ in ("and", "or"):
            start += 1
        definite = start > sent.start and doc[start - 1].lower_ in ("the", "this", "that")
        titles.append(Title(start, k, office, country, host, portfolio, definite))
        i = k
    return titles


def _name_run(doc: Doc, i: int, limit: int) -> int:
    """End of a personal-name run starting at i (i if there is none)."""
    j = i
    while j < limit:
        tok = doc[j]
        if tok.text == "-" and j > i and j + 1 < limit and doc[j + 1].text[:1].isupper():
            j += 2
            continue
        if not _is_name_token(tok):
            break
        hyphenated = j + 2 < limit and doc[j + 1].text == "-" and doc[j + 2].text[:1].isupper()
        if (
            tok.lower_ in NAME_PARTICLES
            and not hyphenated
            and (j == i or j + 1 >= limit or not doc[j + 1].text[:1].isupper())
        ):
            break
        if any(ch.isdigit() for ch in tok.text):
            break
        # stop before another title or a country/demonym that is not part of a PERSON
        if match_phrase(doc, j, "office_heads", limit) > j and tok.ent_type_ != "PERSON":
            break
        if (
            j > i
            and tok.ent_type_ in ("GPE", "NORP")
            and doc[j - 1].ent_type_ == "PERSON"
            and tok.ent_iob_ == "B"
        ):
            break
        j += 1
    # drop a trailing particle
    while j > i and doc[j - 1].lower_ in NAME_PARTICLES:
        j -= 1
    return j


def _clean_name(span: Span) -> str | None:
    """Name as written, without honorifics and possessive."""
    tokens = list(span)
    lex = lexicon()
    while tokens and (tokens[0].lower_ in lex.honorifics or tokens[0].text == "."):
        tokens.pop(0)
    while tokens and tokens[-1].text in ("'s", "'", ".", ","):
        tokens.pop()
    if not tokens:
        return None
    text = "".join(t.text_with_ws for t in tokens).strip()
    text = re.sub(r"\s*-\s*", "-", text)
    return text or None


def _title_text(doc: Doc, title: Title) -> str:
    span = doc[title.start : title.end]
    text = span.text
    if span[0].lower_ in ("the",):
        text = span[1:].text
    return re.sub(r"\s+'s", "'s", text)


def _ministry_for(title: Title) -> str | None:
    if title.office == "foreign minister":
        return "Ministry of Foreign Affairs"
    if title.portfolio is None:
        return None
    if "minister" not in title.office:
        return None
    if title.office in ("prime minister", "chief minister", "deputy prime minister"):
        return None
    portfolio = title.portfolio
    if portfolio.lower() in ("foreign", "foreign affairs", "external affairs"):
        portfolio = "Foreign Affairs"
    return f"Ministry of {portfolio}"


def _office_of(office: str) -> str:
    """The office kind used to resolve 'the minister' / 'the ambassador'."""
    for kind in (
        "prime minister",
        "vice president",
        "president",
        "ambassador",
        "envoy",
        "foreign minister",
        "minister",
        "secretary",
        "adviser",
        "advisor",
        "special assistant",
        "chairman",
        "chairwoman",
        "governor",
        "commissioner",
    ):
        if kind in office:
            return "ambassador" if kind == "envoy" else kind
    return office


class _Registry:
    """Document-level people: merges mentions into :class:`Person` entries."""

    def __init__(self) -> None:
        self.persons: dict[int, Person] = {}

    def _new(self, **kwargs) -> Person:
        person = Person(key=len(self.persons), **kwargs)
        self.persons[person.key] = person
        return person

    def by_name(self, name: str) -> Person | None:
        """The person whose full name contains all of ``name``'s tokens (longest wins)."""
        tokens = set(name.casefold().replace("-", " ").split())
        best = None
        for person in self.persons.values():
            if not person.name:
                continue
            ptoks = set(person.name.casefold().replace("-", " ").split())
            if tokens <= ptoks and (best is None or len(person.name) > len(best.name)):
                best = person
        return best

    def add_named(self, name: str, title: Title | None, title_text: str | None) -> Person:
        person = self.by_name(name)
        if person is None:
            # an earlier, shorter mention of the same person ("Roe" before "Jane
            # Roe"): extend it
            tokens = set(name.casefold().replace("-", " ").split())
            for other in self.persons.values():
                if other.name and set(other.name.casefold().replace("-", " ").split()) < tokens:
                    other.name = name
                    person = other
                    break
        if person is None:
            person = self._new(name=name, title=None, country=None)
        former = (title_text or "").lower().startswith(("former", "the former"))
        if (
            title is not None
            and not (former and person.title)
            and (person.title is None or len(title_text or "") > len(person.title))
        ):
            person.title = title_text
            person.office = _office_of(title.office)
            person.ministry = _ministry_for(title) or person.ministry
            person.country = title.country or person.country
        return person

    def by_title(self, title: Title, title_text: str, recent: list[Person]) -> Person | None:
        office = _office_of(title.office)
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
        ]
        if title.country:
            candidates = [p for p in candidates if p.country in (None, title.country)]
        if title.portfolio:
            candidates = [
                p for p in candidates if p.ministry is None or _ministry_for(title) == p.ministry
            ]
        return candidates[-1] if candidates else None


def _official_mentions(doc: Doc, reg: _Registry) -> list[Mention]:
    """Title+name, name+title, title alone and name alone; in document order."""
    mentions: list[Mention] = []
    used: set[int] = set()
    pending_titles: list[tuple[Title, str]] = []
    for sent in doc.sents:
        titles = _find_titles(doc, sent)
        for title in titles:
            text = _title_text(doc, title)
            k = title.end
            if k < sent.end and doc[k].text == ",":
                k += 1
            k = _skip_honorifics(doc, k, sent.end)
            end = _name_run(doc, k, sent.end)
            run = doc[k:end]
            # right after a title, a run of capitalized words is a name even where NER
            # calls it ORG/GPE ("Chairwoman of the Council Jane Roe"), unless it is a place
            if (
                end > k
                and not (len(run) == 1 and run[0].ent_type_ in ("ORG", "GPE", "NORP"))
                and not place_country(run.text)
            ):
                name = _clean_name(run)
                if name and (
                    end - k >= 2 or doc[k].ent_type_ == "PERSON" or doc[k].pos_ == "PROPN"
                ):
                    person = reg.add_named(name, title, text)
                    mentions.append(
                        Mention(
                            "OFFICIAL",
                            title.start,
                            end,
                            "title+name",
                            0.9,
                            {"person": person.key, "title": title},
                        )
                    )
                    used.update(range(title.start, end))
                    continue
            # apposition: "NAME, Title"
            s = title.start
            if s - 3 >= sent.start and doc[s - 1].lower_ == "the" and doc[s - 2].text == ",":
                s -= 1  # "Roe, the former mayor of ..."
            if s - 2 >= sent.start and doc[s - 1].text == ",":
                e = s - 1
                b = e
                while b - 1 >= sent.start and (
                    _is_name_token(doc[b - 1]) or doc[b - 1].text == "-"
                ):
                    b -= 1
                b = _skip_honorifics(doc, b, e)
                # "the Palace, the President ...": a determiner before it, so no name
                determined = b > sent.start and doc[b - 1].pos_ == "DET"
                if (
                    e > b
                    and not determined
                    and (
                        any(doc[t].ent_type_ == "PERSON" for t in range(b, e))
                        or reg.by_name(doc[b:e].text) is not None
                        or e - b >= 2
                        and all(doc[t].pos_ == "PROPN" for t in range(b, e))
                    )
                ):
                    name = _clean_name(doc[b:e])
                    if name:
                        person = reg.add_named(name, title, text)
                        mentions.append(
                            Mention(
                                "OFFICIAL",
                                b,
                                title.end,
                                "name,title",
                                0.85,
                                {"person": person.key, "title": title},
                            )
                        )
                        used.update(range(b, title.end))
                        continue
            pending_titles.append((title, text))
            mentions.append(
                Mention(
                    "OFFICIAL",
                    title.start,
                    title.end,
                    "title",
                    0.6,
                    {"person": None, "title": title},
                )
            )
            used.update(range(title.start, title.end))
    # names without a title (PERSON entities and runs around them)
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t in used for t in range(ent.start, ent.end)):
            continue
        b = ent.start
        while (
            b - 1 >= 0
            and b - 1 not in used
            and _is_name_token(doc[b - 1])
            and doc[b - 1].sent == ent.sent
            and doc[b - 1].ent_type_ in ("GPE", "PERSON", "")
        ):
            b -= 1
        e = _name_run(doc, ent.start, ent.sent.end)
        e = max(e, ent.end)
        while any(t in used for t in range(b, e)):
            b += 1
        b = _skip_honorifics(doc, b, e)
        if b >= e:
            continue
        name = _clean_name(doc[b:e])
        if (
            not name
            or country_code(name)
            or place_country(name)
            or any(ch.isdigit() for ch in name)
        ):
            continue
        person = reg.add_named(name, None, None)
        mentions.append(Mention("OFFICIAL", b, e, "name", 0.7, {"person": person.key}))
        used.update(range(b, e))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _resolve_officials(doc: Doc, mentions: list[Mention], reg: _Registry) -> list[Mention]:
    """Give title-only mentions a person (anaphora) and add pronoun mentions."""
    recent: list[Person] = []
    last_subject: Person | None = None
    out: list[Mention] = []
    pronouns = [t for t in doc if t.lower_ in PRONOUNS_SINGULAR and t.pos_ == "PRON"]
    events = sorted(
        [(m.start, "m", m) for m in mentions] + [(t.i, "p", t) for t in pronouns],
        key=lambda x: (x[0], x[1]),
    )
    # a later full-title mention may name an early title-only one
    # ("the Secretary" before "Secretary Jane Roe")
    for _start, kind, item in events:
        if kind == "p":
            token: Token = item  # type: ignore[assignment]
            target = last_subject or (recent[-1] if recent else None)
            root = token.sent.root
            if token.dep_ == "poss" and token.i < root.i:
                # "On his first tour, the minister met ...": the possessive points forward
                for c in root.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        ahead = next(
                            (
                                m
                                for m in mentions
                                if c.left_edge.i <= m.start <= c.i
                                and m.attrs.get("person") is not None
                            ),
                            None,
                        )
                        if ahead is not None:
                            target = reg.persons[ahead.attrs["person"]]
            if target is not None and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                out.append(
                    Mention(
                        "OFFICIAL",
                        token.i,
                        token.i + 1,
                        "pronoun",
                        0.5,
                        {"person": target.key, "pronoun": True},
                    )
                )
            continue
        mention: Mention = item  # type: ignore[assignment]
        if mention.attrs.get("person") is None:
            title: Title = mention.attrs["title"]
            text = _title_text(doc, title)
            person = (
                reg.by_title(title, text, recent)
                if (
                    title.definite
                    or title.start == 0
                    or doc[title.start].is_sent_start
                    or title.country is None
                )
                else None
            )
            if person is None:
                # a named person with exactly this title elsewhere in the document
                person = next(
                    (
                        p
                        for p in reg.persons.values()
                        if p.title and p.title.lower() == text.lower() and p.name
                    ),
                    None,
                )
            if person is None:
                person = next(
                    (
                        p
                        for p in reg.persons.values()
                        if p.name is None and p.title and p.title.lower() == text.lower()
                    ),
                    None,
                )
            if person is None:
                person = reg._new(
                    name=None,
                    title=text,
                    country=title.country,
                    ministry=_ministry_for(title),
                    office=_office_of(title.office),
                )
            mention.attrs["person"] = person.key
        person = reg.persons[mention.attrs["person"]]
        if person in recent:
            recent.remove(person)
        recent.append(person)
        root = mention.span(doc).root
        if root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass")
        ):
            last_subject = person
        out.append(mention)
    out.sort(key=lambda m: m.start)
    return out


# --------------------------------------------------------------------------------------
# Ministries


def _ministry_mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        low = tok.lower_
        if low in ("ministry", "ministries") and tok.text[:1].isupper() or low == "ministry":
            # "Ministry of Foreign Affairs", "Ministry of Industry and Trade"
            if i + 1 < len(doc) and doc[i + 1].lower_ in ("of", "for"):
                end = _portfolio_run(doc, i + 2, len(doc))
                if end == i + 2:
                    end = i + 2
                    while end < len(doc) and doc[end].text[:1].isupper():
                        end += 1
                if end > i + 2:
                    portfolio = doc[i + 2 : end].text
                    out.append(
                        Mention(
                            "MINISTRY",
                            i,
                            end,
                            "ministry-of",
                            0.9,
                            {"name": f"Ministry of {_portfolio_name(portfolio)}"},
                        )
                    )
                    i = end
                    continue
            # "Foreign Ministry", "Energy Ministry"
            if i > 0 and doc[i - 1].lower_ in lexicon().portfolio_adjectives:
                portfolio = lexicon().portfolio_adjectives[doc[i - 1].lower_]
                out.append(
                    Mention(
                        "MINISTRY",
                        i - 1,
                        i + 1,
                        "x-ministry",
                        0.9,
                        {"name": f"Ministry of {portfolio}"},
                    )
                )
        if low in ("ministries",) and i > 0 and doc[i - 1].lower_ == "foreign":
            # "the foreign ministries of Chile and Norway": one per country
            codes = []
            j = i + 1
            if j < len(doc) and doc[j].lower_ == "of":
                j += 1
                while j < len(doc):
                    end, code = country_at(doc, j)
                    if code:
                        codes.append(code)
                        j = end
                        if j < len(doc) and doc[j].lower_ in ("and", ","):
                            j += 1
                            continue
                    break
            out.append(
                Mention(
                    "MINISTRY",
                    i - 1,
                    max(i + 1, j),
                    "foreign-ministries",
                    0.8,
                    {"name": "Ministry of Foreign Affairs", "countries": codes or [None, None]},
                )
            )
        if low == "office" and i > 0 and doc[i - 1].lower_ == "foreign" and tok.text[0].isupper():
            out.append(
                Mention(
                    "MINISTRY",
                    i - 1,
                    i + 1,
                    "foreign-office",
                    0.9,
                    {"name": "Ministry of Foreign Affairs"},
                )
            )
        i += 1
    return out


def _portfolio_name(text: str) -> str:
    return "Foreign Affairs" if text.lower() in ("foreign", "external affairs") else text


# --------------------------------------------------------------------------------------
# Initiatives


def _is_modifier(token: Token) -> bool:
    """A token that can stand inside an initiative name before its head."""
    if token.text == "&":
        return True
    if token.text == "-":
        # a hyphen joins ("Pakistan-Russia"); a spaced dash separates ("ISLAMABAD - China")
        return not token.whitespace_ and not token.doc[token.i - 1].whitespace_
    if (
        token.is_upper
        and len(token) > 3
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text == "-"
        and token.doc[token.i + 1].whitespace_
    ):
        return False
    if token.like_num or re.fullmatch(r"\d+(st|nd|rd|th)", token.lower_):
        return True
    if not token.text[:1].isupper():
        return False
    return token.pos_ in ("PROPN", "ADJ", "NOUN", "NUM", "X", "VERB") or token.ent_type_ != ""


def _abbrev_after(doc: Doc, k: int) -> tuple[int, str | None]:
    if (
        k + 2 < len(doc)
        and doc[k].text == "("
        and doc[k + 2].text == ")"
        and re.fullmatch(r"[A-Z][A-Za-z0-9&-]{1,9}", doc[k + 1].text)
        and doc[k + 1].text[1:2].isupper()
    ):
        return k + 3, doc[k + 1].text
    return k, None


def _initiative_mentions(doc: Doc, headings: set[int], blocked: set[int]) -> list[Mention]:
    lex = lexicon()
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        head_end = match_phrase(doc, i, "initiative_heads")
        if head_end == i or i in blocked:
            i += 1
            continue
        capital_head = doc[i].text[:1].isupper()
        head = " ".join(_word(t) for t in doc[i:head_end])
        sent = doc[i].sent
        # left edge
        b = i
        while (
            b - 1 >= sent.start
            and b - 1 not in blocked
            and (
                _is_modifier(doc[b - 1])
                or (doc[b - 1].text == ")" and b - 3 >= sent.start and doc[b - 3].text == "(")
            )
        ):
            if doc[b - 1].text == ")":
                b -= 3
                continue
            if doc[b - 1].is_sent_start and doc[b - 1].pos_ in (
                "ADP",
                "DET",
                "ADV",
                "PRON",
                "SCONJ",
                "CCONJ",
            ):
                break
            b -= 1
        while b < i and doc[b].text in ("-", "&", ")"):
            b += 1
        quoted = False
        if b == i and i - 1 >= sent.start and doc[i - 1].text == '"':
            # '"Made in Chile" exhibition': a quoted name before a common-noun head
            q = i - 2
            while q >= sent.start and doc[q].text != '"':
                q -= 1
            if q >= sent.start and i - 1 - q <= 8:
                b, quoted = q, True
        modifiers = doc[b:i]
        has_code = any(t.text.isupper() and len(t.text) >= 2 for t in modifiers)
        chain = sum(1 for t in modifiers if country_code(t.text)) >= 2
        lower_ok = head in lex.lowercase_initiatives and (quoted or has_code or chain)
        if not capital_head and not lower_ok:
            # "bilateral working group on climate change"
            if head in ("working group", "joint working group", "working groups") and (
                i - 1 >= sent.start and doc[i - 1].lower_ in ("bilateral", "joint", "trilateral")
            ):
                b = i - 1
            else:
                i = head_end
                continue
        if (
            capital_head
            and b == i
            and head_end - i == 1
            and head not in ("mou", "memorandum of understanding")
        ):
            # a bare capitalized head ("Forum", "Committee") at sentence start names nothing
            i = head_end
            continue
        # right edge: "-2025", "(JWG)", "on Trade and Technical Cooperation", "for IT and
        # telecom cooperation", "of the SCO Foreign Ministers"
        k = head_end
        if k + 1 < len(doc) and doc[k].text == "-" and (doc[k + 1].like_num):
            k += 2
        k, abbrev = _abbrev_after(doc, k)
        if k < sent.end and doc[k].lower_ in ("on", "for", "of") and k + 1 < sent.end:
            m = k + 1
            if doc[m].lower_ == "the":
                m += 1
            e = m
            nested = False
            while e < sent.end and (
                doc[e].text[:1].isupper()
                or doc[e].lower_ in ("and", ",", "&", "-")
                or doc[e].like_num
            ):
                if (
                    match_phrase(doc, e, "initiative_heads") > e
                    and e > m
                    and doc[e].lower_ not in ("cooperation",)
                ):
                    # "Agreement on the X Pipeline Project": the complement is an initiative
                    # of its own, found on its own
                    nested = True
                    break
                e += 1
            while e > m and doc[e - 1].lower_ in ("and", ",", "&", "-"):
                e -= 1
            if nested:
                pass
            elif e > m and not any(
                match_phrase(doc, x, "initiative_heads") > x for x in range(m, e)
            ):
                if not (
                    doc[e - 1].ent_type_ in ("GPE",) and e - m == 1 and head in lex.event_heads
                ):
                    k = e
                    # "for IT and telecom cooperation": a lower-case tail that closes the scope
                    if k < sent.end and doc[k].lower_ == "and":
                        for x in range(k + 1, min(k + 5, sent.end)):
                            if doc[x].is_punct:
                                break
                            if doc[x].lower_ in ("cooperation", "collaboration", "development"):
                                k = x + 1
                                break
            elif (
                head
                in (
                    "mou",
                    "mous",
                    "memorandum of understanding",
                    "memorandum",
                    "agreement",
                    "accord",
                    "treaty",
                )
                and doc[m].is_lower
            ):
                # "an MoU on fisheries cooperation on 12 May": the subject, up to a date,
                # a place or the end of the phrase
                e = m
                while (
                    e < sent.end
                    and e - m < 6
                    and not doc[e].is_punct
                    and doc[e].ent_type_ not in ("DATE", "TIME", "GPE")
                    and not (e > m and doc[e].pos_ in ("ADP", "VERB", "AUX"))
                ):
                    e += 1
                if e > m:
                    k = e
            elif not capital_head or head in ("working group", "joint working group"):
                # lower-case complement ending in "cooperation" / a short noun phrase
                e = m
                while e < sent.end and e - m < 6 and not doc[e].is_punct:
                    e += 1
                    if doc[e - 1].lower_ in ("cooperation", "change", "security", "trade"):
                        k = e
                        break
            elif doc[m].lower_ in ("it",) or doc[m].text.isupper():
                e = m
                while e < sent.end and e - m < 6 and not doc[e].is_punct:
                    e += 1
                    if doc[e - 1].lower_ == "cooperation":
                        k = e
                        break
        if any(t in headings for t in range(b, k)):
            i = head_end
            continue
        span = doc[b:k]
        name = re.sub(r"\s*-\s*", "-", span.text.strip('"')).replace('" ', " ").replace('"', "")
        name = re.sub(r"\s+", " ", name).strip()
        if name.lower().startswith("the "):
            name = name[4:]
        out.append(
            Mention(
                "INITIATIVE",
                b,
                k,
                "initiative-head",
                0.8,
                {
                    "name": name,
                    "head": head,
                    "abbrev": abbrev,
                    "event_like": head in lex.event_heads,
                    "body": head in lex.meeting_bodies,
                },
            )
        )
        i = max(k, head_end)
    return out


def _abbreviation_mentions(
    doc: Doc, initiatives: list[Mention], blocked: set[int]
) -> list[Mention]:
    """Standalone uses of an initiative's abbreviation refer to it ("JWG" after "Joint Working
    Group (JWG)")."""
    abbrevs = {m.attrs["abbrev"]: m for m in initiatives if m.attrs.get("abbrev")}
    covered = {t for m in initiatives for t in range(m.start, m.end)}
    out = []
    for tok in doc:
        if tok.text in abbrevs and tok.i not in covered and tok.i not in blocked:
            source = abbrevs[tok.text]
            out.append(
                Mention(
                    "INITIATIVE",
                    tok.i,
                    tok.i + 1,
                    "abbreviation",
                    0.7,
                    {**source.attrs, "head": "abbrev", "abbrev": None},
                )
            )
    return out


# --------------------------------------------------------------------------------------
# Places


def _place_mentions(doc: Doc, blocked: set[int]) -> list[Mention]:
    lex = lexicon()
    out: list[Mention] = []
    for ent in doc.ents:
        if any(t in blocked for t in range(ent.start, ent.end)):
            continue
        text = ent.text
        start = ent.start
        if ent[0].lower_ == "the":
            start += 1
            text = doc[start : ent.end].text
        last = ent[-1].lower_
        if ent.label_ in ("GPE", "LOC") or (ent.label_ == "ORG" and place_country(text)):
            code = place_country(text)
            kind = "country" if country_code(text) else "city"
            out.append(
                Mention(
                    "PLACE",
                    start,
                    ent.end,
                    ent.label_.lower(),
                    0.8,
                    {"name": text, "country": code, "kind": kind},
                )
            )
        elif ent.label_ in ("FAC", "ORG") and (
            last in lex.facility_heads
            or doc[ent.end - 2 : ent.end].text.lower() in lex.facility_heads
        ):
            out.append(
                Mention(
                    "PLACE",
                    start,
                    ent.end,
                    "facility",
                    0.8,
                    {"name": text, "country": None, "kind": "facility"},
                )
            )
    # "the President's House": office + 's + facility head
    for i in range(len(doc) - 2):
        if (
            doc[i + 1].text == "'s"
            and doc[i + 2].lower_ in lex.facility_heads
            and doc[i + 2].text[:1].isupper()
        ):
            b = i
            while b - 1 >= 0 and doc[b - 1].text[:1].isupper() and not doc[b - 1].is_sent_start:
                b -= 1
            if doc[b].text[:1].isupper():
                name = re.sub(r"\s+'s", "'s", doc[b : i + 3].text)
                out.append(
                    Mention(
                        "PLACE",
                        b,
                        i + 3,
                        "facility",
                        0.8,
                        {"name": name, "country": None, "kind": "facility"},
                    )
                )
    out.sort(key=lambda m: (m.start, -m.end))
    dedup: list[Mention] = []
    for m in out:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    return dedup


_DATELINE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)?)\s*(?:[,:(–-]|\.\s+[A-Z]{3,})")


def _dateline(doc: Doc) -> Mention | None:
    """ "ISLAMABAD:" / "MOSCOW. KAZINFORM -" / "ISLAMABAD, Apr 06 (APP):" at the start."""
    m = _DATELINE.match(doc[:40].text)  # doc.text would rebuild the whole text
    if not m:
        return None
    city = m.group(1).strip(".").title()
    code = place_country(city)
    if code is None:
        return None
    span = doc.char_span(0, len(m.group(1).rstrip(".")), alignment_mode="expand")
    if span is None:
        return None
    return Mention(
        "PLACE",
        span.start,
        span.end,
        "dateline",
        0.7,
        {"name": city, "country": code, "kind": "city"},
    )


def _headings(doc: Doc) -> set[int]:
    """Tokens of paragraphs that are headings (short, no final punctuation)."""
    out: set[int] = set()
    for sent in doc.sents:
        text = sent.text.strip()
        if not text or text[-1] in ".!?:;\"'" or len(text.split()) > 12:
            continue
        prev_break = sent.start == 0 or "\n" in doc[sent.start - 1].text
        next_break = (
            sent.end >= len(doc)
            or "\n" in doc[sent.end - 1].text_with_ws
            or (sent.end < len(doc) and doc[sent.end].is_space)
        )
        if prev_break and next_break:
            out.update(range(sent.start, sent.end))
    return out


def find_mentions(doc: Doc) -> DocMentions:
    """Detect and resolve every mention in a parsed doc."""
    reg = _Registry()
    headings = _headings(doc)
    officials = _official_mentions(doc, reg)
    # ambassador hosts: "Ambassador of X to Y"
    host = None
    dateline = _dateline(doc)
    if dateline is not None:
        host = dateline.attrs["country"]
    else:
        for m in officials:
            title = m.attrs.get("title")
            if title is not None and title.host:
                host = title.host
                break
    officials = _resolve_officials(doc, officials, reg)
    for person in reg.persons.values():
        if (
            person.country is None
            and person.office is not None
            and host is not None
            and person.office
            in (
                "prime minister",
                "minister",
                "foreign minister",
                "secretary",
                "special assistant",
                "adviser",
                "advisor",
            )
        ):
            person.country = host
    title_tokens = {t for m in officials if m.attrs.get("title") for t in range(m.start, m.end)}
    initiatives = _initiative_mentions(doc, headings, title_tokens)
    initiatives += _abbreviation_mentions(doc, initiatives, title_tokens)
    initiatives.sort(key=lambda m: m.start)
    blocked = title_tokens | {t for m in initiatives for t in range(m.start, m.end)}
    places = _place_mentions(
        doc,
        blocked
        - {t for m in initiatives if m.attrs["head"] == "abbrev" for t in range(m.start, m.end)},
    )
    ministries = _ministry_mentions(doc)
    return DocMentions(
        officials=officials,
        ministries=ministries,
        initiatives=initiatives,
        places=places,
        persons=reg.persons,
        host_country=host,
        dateline=dateline,
    )
