"""Office titles: "Federal Minister for Fisheries and Trade of the Republic of Chile".

An office title is an open-ended composition whose right edge depends on a portfolio
vocabulary and on where the person's name starts, so it is found by code over the
``vocab/words`` lists (``office_heads``, ``office_modifiers``, ``portfolios``) and
``vocab/portfolio_adjectives.tsv``, not by token patterns.

Adding a title shape: an office head goes in ``office_heads.txt``, a word before it in
``office_modifiers.txt``, a portfolio in ``portfolios.txt``; a new complement ("X to Y")
is one ``_complement_*`` function here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from extractor.nlp.mentions.base import Title
from extractor.nlp.words import country_at, doc_words, match_phrase
from extractor.vocab import table, words


def _unlisted_portfolio(doc: Doc, i: int, limit: int) -> int:
    """ "European and International Affairs": capitalised words and joiners ending in a
    portfolio's last word; returns the end (i if none)."""
    end = i
    for j in range(i, min(limit, i + 8)):
        tok = doc[j]
        if tok.lower_ in words("portfolio_joiners") and j > i:
            continue
        ends = tok.lower_ in words("portfolio_ends")  # "and Expatriates", tagged a name
        if not tok.text[:1].isupper() or tok.ent_type_ == "PERSON" and not ends:
            break
        if ends:
            end = j + 1
    return end


def portfolio_run(doc: Doc, i: int, limit: int) -> int:
    """Portfolios joined by 'and', ',' or '&' starting at i, or a capitalised run ending in
    a portfolio's last word, whichever is longer; returns the end (i if none)."""
    return max(_unlisted_portfolio(doc, i, limit), _listed_portfolio_run(doc, i, limit))


def _listed_portfolio_run(doc: Doc, i: int, limit: int) -> int:
    """Listed portfolios joined by 'and', ',' or '&' from i; returns the end (i if none)."""
    end = i
    j = i
    while j < limit:
        k = match_phrase(doc, j, "portfolios", limit)
        if k == j:
            break
        end = k
        j = k
        if j < limit and doc[j].lower_ in words("portfolio_joiners"):
            nxt = j + 1
            if nxt < limit and doc[nxt].lower_ == "and":
                nxt += 1
            if match_phrase(doc, nxt, "portfolios", limit) > nxt:
                j = nxt
                continue
        break
    return end


@dataclass
class _Draft:
    """A title being built: its edges and what its modifiers and complements said."""

    start: int
    end: int
    office: str
    country: str | None = None
    host: str | None = None
    portfolio: str | None = None


def _possessive_owner(doc: Doc, sent: Span, j: int) -> tuple[int, str] | None:
    """ "Pakistan's Federal Minister": the country owning the title, before the "'s" at j."""
    for s in range(max(sent.start, j - 4), j):
        end, code = country_at(doc, s)
        if code and end in (j, j + 1):  # the match may take the "'s" with it
            return s, code
    return None


def _country_ending_at(doc: Doc, sent: Span, j: int) -> tuple[int, str] | None:
    """A country or demonym whose last token is j ("Saudi", "United Kingdom")."""
    for s in range(max(sent.start, j - 3), j + 1):
        end, code = country_at(doc, s)
        if code and end == j + 1:
            return s, code
    return None


def _portfolio_ending_at(doc: Doc, sent: Span, j: int) -> int | None:
    """ "External Affairs Minister": the start of a capitalized portfolio of two words or
    more ending at token j."""
    for s in range(max(sent.start, j - 3), j):
        if doc[s].text[:1].isupper() and match_phrase(doc, s, "portfolios", j + 1) == j + 1:
            return s
    return None


def _left_modifiers(doc: Doc, sent: Span, draft: _Draft) -> None:
    """Extend the title leftwards: "Federal", "former", "Saudi", "Pakistan's", "Foreign"."""
    adjectives = table("portfolio_adjectives")
    modifiers = words("office_modifiers")
    j = draft.start - 1
    while j >= sent.start:
        low = doc[j].lower_
        portfolio = _portfolio_ending_at(doc, sent, j)
        if portfolio is not None and low not in adjectives:
            draft.portfolio = draft.portfolio or doc[portfolio : j + 1].text
            draft.start = portfolio
            j = portfolio - 1
            continue
        if doc[j].text.isupper() and low in words("international_organisations"):
            draft.start = j  # "the EU High Representative", "the AU Special Envoy"
            j -= 1
            continue
        if low in modifiers or low in adjectives:
            if low == "foreign":
                draft.portfolio = draft.portfolio or "Foreign Affairs"
            elif low in adjectives:
                draft.portfolio = draft.portfolio or adjectives[low]
            draft.start = j
            j -= 1
            continue
        if doc[j].text in ("'s", "'") and j - 1 >= sent.start:
            owner = _possessive_owner(doc, sent, j)
        else:
            owner = _country_ending_at(doc, sent, j)
        if owner is None:
            break
        draft.start, draft.country = owner
        j = draft.start - 1


def _body_end(doc: Doc, k: int, limit: int) -> int | None:
    """ "Chairwoman of the Federation Council": the end of the body's name after "of the"."""
    e = k + 2
    body = None
    heads = words("assembly_heads")
    # "the Federation Council", "the parliamentary group": capitalized words, or a few
    # lower-case ones up to a head noun
    while e < limit and not doc[e].is_punct and e - k <= 8:
        tok = doc[e]
        if tok.text == "'s" and body is None:  # "the Chinese People's Political ... Conference"
            e += 1
            continue
        if not tok.text[:1].isupper() and (body is not None or tok.pos_ not in ("ADJ", "NOUN")):
            break
        if tok.lower_ in heads:
            body = e + 1  # the body's name ends at its head noun
        e += 1
    if body is not None and _joined_name_part(doc, body, limit):
        # "the Front for National Development X"
        body = _named_part_end(doc, body + 1, limit) or body
    return body


def _joined_name_part(doc: Doc, j: int, limit: int) -> bool:
    """ "for National Development" after a body's head: a joiner and a capitalised word."""
    return (
        j + 1 < limit
        and doc[j].lower_ in words("body_name_joiners") - {"and", "&", "-", "of", "to"}
        and doc[j + 1].text[:1].isupper()
    )


def _complement_of(doc: Doc, k: int, limit: int, draft: _Draft) -> int | None:
    """ "of Energy", "of (the Republic of) Chile", "of the Federation Council"."""
    pend = portfolio_run(doc, k + 1, limit)
    if pend > k + 1:
        draft.portfolio = doc[k + 1 : pend].text
        return pend
    m = k + 1
    if doc[m].lower_ == "the":
        m += 1
    end, code = country_at(doc, m)
    if code and m > k + 1 and end < limit and doc[end].text[:1].isupper():
        body = _body_end(doc, k, limit)  # "of the Lao Front for ...": the country names a body
        if body is not None:
            draft.country = code
            return body
    if code is None and doc[m : m + 2].text.lower() == "republic of":
        end, code = country_at(doc, m + 2)
    if code:
        if draft.office not in ("special assistant", "adviser"):
            draft.country = code
        return end
    if doc[k + 1].lower_ == "the":
        return _body_end(doc, k, limit)
    if any(o in draft.office for o in words("local_offices")):
        return _governed_place_end(doc, k + 1, limit)
    return None


def _governed_place_end(doc: Doc, m: int, limit: int) -> int | None:
    """ "Mayor of Porto, Rui Fonseca", "Governor of Ayacucho Luis Quispe": the city or
    province after a local office."""
    if m >= limit or not doc[m].text[:1].isupper() or doc[m].is_punct:
        return None
    return _run_before_name(doc, m, limit)


def _run_before_name(doc: Doc, m: int, limit: int) -> int:
    """The end of the capitalised run at m that a holder's name may follow: up to where the
    tagger starts a name; a run ended by punctuation is whole; ended by a lower-case word,
    its last two words are the name."""
    e = m
    while e < limit and e - m < 8 and doc[e].text[:1].isupper() and not doc[e].is_punct:
        if e > m and doc[e].ent_iob_ == "B" and doc[e].ent_type_ == "PERSON":
            return e  # the tagger starts the name here
        e += 1
    if e < limit and doc[e].is_punct:
        return e
    if e < limit and e - m >= 3:
        return e - 2
    return e if e < limit and e - m == 1 else m + 1


def _complement_to(doc: Doc, k: int, limit: int, draft: _Draft) -> int | None:
    """ "Ambassador to Pakistan" (the host), "Special Assistant to the Prime Minister"."""
    m = k + 1
    if doc[m].lower_ == "the":
        m += 1
    end, code = country_at(doc, m)
    if code:
        if not any(o in draft.office for o in words("posted_offices")):
            return None  # "the visit of the Minister to Chile": a destination
        draft.host = code
        return end
    if m > k + 1 and m < limit and doc[m].lower_ in words("host_nouns"):
        return m + 1  # "Ambassador to the country"
    hend = match_phrase(doc, m, "office_heads", limit)
    return hend if hend > m else None


def _lone_name_after(doc: Doc, e: int, limit: int) -> bool:
    """ "President Duma Boko": a bare body word followed by a single capitalised word is the
    name's first word (a name after a body has two words or more)."""
    one = e < limit and doc[e].text[:1].isupper() and not doc[e].is_punct
    return one and (e + 1 >= limit or not doc[e + 1].text[:1].isupper())


def _direct_body_end(doc: Doc, k: int, limit: int) -> int:
    """ "Speaker National Assembly X", "Chairman Senate X": a legislative body named right
    after the office, without "of"; the end of the body (k if none)."""
    heads = words("direct_body_heads")
    for e in range(k, min(limit, k + 3)):
        tok = doc[e]
        if tok.lower_ in heads and tok.text[:1].isupper():  # the tagger may take it in a name
            return k if e == k and _lone_name_after(doc, e + 1, limit) else e + 1
        if not tok.text[:1].isupper() or tok.ent_type_ == "PERSON":
            return k
    return k


def _mandate_end(doc: Doc, m: int, limit: int, draft: _Draft) -> int | None:
    """ "Special Envoy for North Korean Human Rights Julie Turner": an envoy's capitalised
    mandate after "for" (the name may follow it)."""
    if not any(o in draft.office for o in words("posted_offices")):
        return None
    if doc[m].ent_type_ == "PERSON":
        return None
    return _named_part_end(doc, m, limit)


def _named_part_end(doc: Doc, m: int, limit: int) -> int | None:
    """The end of a capitalised part of a title at m ("North Korean Human Rights") before
    a name; None where it goes on past the capitals ("Antarctic affairs", "Foreign Affairs
    and Security Policy") or is too short to hold both."""
    if m >= limit or not doc[m].text[:1].isupper() or doc[m].is_punct:
        return None
    j = m
    while j < limit and doc[j].text[:1].isupper() and not doc[j].is_punct:
        j += 1
    if j >= limit or doc[j].pos_ == "NOUN" or doc[j].lower_ in words("body_name_joiners"):
        return None
    if not doc[j].is_punct and j - m < 3:
        return None
    return _run_before_name(doc, m, limit)


def _right_complements(doc: Doc, limit: int, draft: _Draft) -> None:
    """Extend the title rightwards over portfolios, countries, bodies and hosts."""
    k = draft.end
    if draft.office == "secretary":
        pend = portfolio_run(doc, k, limit)
        if pend > k:
            draft.portfolio = doc[k:pend].text
            k = pend
    k = _direct_body_end(doc, k, limit)
    while k < limit:
        low = doc[k].lower_
        nxt: int | None = None
        if low == "and" and draft.office.endswith("of state") and draft.portfolio is None:
            pend = portfolio_run(doc, k + 1, limit)  # "Minister of State and Foreign Affairs"
            if pend > k + 1:
                draft.portfolio = doc[k + 1 : pend].text
                nxt = pend
        elif low in words("complement_preps") and k + 1 < limit:
            pend = portfolio_run(doc, k + 1, limit)
            if pend > k + 1:
                draft.portfolio = doc[k + 1 : pend].text
                nxt = pend
            elif low == "of":
                nxt = _complement_of(doc, k, limit, draft)
            elif low == "for":
                nxt = _mandate_end(doc, k + 1, limit, draft)
        elif low == "to" and k + 1 < limit:
            nxt = _complement_to(doc, k, limit, draft)
        if nxt is None:
            break
        k = nxt
    draft.end = k


def _owned_by_a_building(doc: Doc, i: int, sent: Span) -> bool:
    """ "the Office of the Prime Minister", "the Residence of the Ambassador": the title
    names whose building it is."""
    j = i - 1
    if j >= sent.start and doc[j].lower_ == "the":
        j -= 1
    return (
        j - 1 >= sent.start
        and doc[j].lower_ == "of"
        and doc[j - 1].text[:1].isupper()
        and doc[j - 1].lower_ in words("facility_heads") | {"residence"}
    )


def find_titles(doc: Doc, sent: Span) -> list[Title]:
    """Every office title of a sentence, left to right."""
    titles: list[Title] = []
    facilities = words("facility_heads")
    i = sent.start
    limit = sent.end
    while i < limit:
        head_end = match_phrase(doc, i, "office_heads", limit)
        if head_end == i:
            i += 1
            continue
        # "the President's House": a place, not an official
        if (
            head_end + 1 < limit
            and doc[head_end].text in ("'s", "'")
            and doc[head_end + 1].lower_ in facilities | words("event_heads")
        ):  # "the President's House", "the G7 Trade Minister's Meeting"
            i = head_end + 2
            continue
        if _owned_by_a_building(doc, i, sent):
            i = head_end  # "at the Office of the Prime Minister": a place
            continue
        office = " ".join(t.lower_ for t in doc[i:head_end])
        if (
            office in words("verb_like_offices")
            and i > sent.start
            and doc[i - 1].lower_ in words("verb_markers")
        ):
            i = head_end  # "the two ministers will co-chair the commission"
            continue
        abbreviations = table("office_abbreviations")
        if office in abbreviations:
            if not doc[i].text.isupper():
                i = head_end  # "4 pm" is a time
                continue
            office = abbreviations[office]  # "FM Roe": the foreign minister
        draft = _Draft(i, head_end, office)
        _left_modifiers(doc, sent, draft)
        _right_complements(doc, limit, draft)
        start = draft.start
        while start < i and doc[start].lower_ in words("title_coordinators"):
            start += 1
        definite = start > sent.start and doc[start - 1].lower_ in words("definite_dets")
        titles.append(
            Title(
                start, draft.end, draft.office, draft.country, draft.host, draft.portfolio, definite
            )
        )
        i = draft.end
    return titles


# --------------------------------------------------------------------------------------
# Plural titles ("the foreign ministers of Chile and Norway")


@dataclass
class PluralTitle:
    """An office head in the plural, shared by the people named after it."""

    start: int
    end: int  # after the countries, if any
    office: str  # singular, lower-cased ("foreign minister")
    text: str  # singular, as a title ("Foreign Minister")
    portfolio: str | None
    countries: list[tuple[str, str]]  # (code, as written)


def _singular(word: str) -> str | None:
    """ "ministers" -> "minister", "secretaries" -> "secretary", "chairmen" -> "chairman"."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


@cache
def _head_lasts() -> frozenset[str]:
    """The last word of every office head ("minister", "secretary")."""
    return frozenset(h.split()[-1] for h in words("office_heads"))


def plural_ends(doc: Doc) -> set[int]:
    """Indices of the tokens that are the plural of an office head's last word."""
    lasts = _head_lasts()
    return {i for i, w in enumerate(doc_words(doc)) if _singular(w) in lasts}


def plural_head(
    doc: Doc, i: int, limit: int, ends: set[int] | None = None
) -> tuple[int, str] | None:
    """A plural office head at i: its end and its singular phrase (``ends``: the doc's
    :func:`plural_ends`, when the caller has them)."""
    if ends is not None and not ends & {i, i + 1, i + 2}:
        return None
    heads = words("office_heads")
    lasts = _head_lasts()
    lowered = doc_words(doc)
    for n in (3, 2, 1):
        end = i + n
        if end > limit:
            continue
        one = _singular(lowered[end - 1])
        if one is None or one not in lasts:
            continue  # the cheap test first: most tokens end no plural office
        phrase = " ".join([*lowered[i : end - 1], one])
        if phrase in heads:
            return end, phrase
    return None


def _country_list(doc: Doc, j: int, limit: int) -> tuple[int, list[tuple[str, str]]]:
    """ "of Chile and Norway": the end and the countries (j and none if absent)."""
    if not (j + 1 < limit and doc[j].lower_ == "of"):
        return j, []
    codes: list[tuple[str, str]] = []
    k = j + 1
    end = j
    while k < limit:
        at = k + 1 if doc[k].lower_ == "the" else k
        stop, code = country_at(doc, at)
        if not code:
            break
        codes.append((code, doc[at:stop].text))
        end = stop
        k = stop
        if not (k < limit and doc[k].lower_ in words("list_joiners")):
            break
        k += 1
        if k < limit and doc[k].lower_ == "and":
            k += 1
    return (end, codes) if len(codes) >= 2 else (j, [])


def _singular_text(doc: Doc, draft: _Draft, head_end: int) -> str:
    """ "the Chilean trade ministers" -> "Trade Minister": the office words, capitalized."""
    keep = words("office_modifiers") | set(table("portfolio_adjectives"))
    keep |= set(draft.office.split())
    parts = [t.lower_ for t in doc[draft.start : head_end - 1] if t.lower_ in keep]
    parts.append(draft.office.split()[-1])
    return " ".join(w[:1].upper() + w[1:] for w in parts if w != "and")


def find_plural_titles(doc: Doc, sent: Span, ends: set[int] | None = None) -> list[PluralTitle]:
    """Plural office titles of a sentence: "Foreign Ministers", "the foreign ministers of A
    and B", "Presidents"."""
    out: list[PluralTitle] = []
    ends = plural_ends(doc) if ends is None else ends
    i = sent.start
    while i < sent.end:
        found = plural_head(doc, i, sent.end, ends)
        if found is None:
            i += 1
            continue
        head_end, office = found
        draft = _Draft(i, head_end, office)
        _left_modifiers(doc, sent, draft)
        k = head_end
        if k + 1 < sent.end and doc[k].lower_ in words("complement_preps"):
            pend = portfolio_run(doc, k + 1, sent.end)  # "Ministers of Foreign Affairs"
            if pend > k + 1:
                draft.portfolio = doc[k + 1 : pend].text
                k = pend
        end, codes = _country_list(doc, k, sent.end)
        end = max(end, k)
        text = _singular_text(doc, draft, head_end)
        if k > head_end:
            text = f"{text} {doc[head_end:k].text}"
        out.append(PluralTitle(draft.start, end, office, text, draft.portfolio, codes))
        i = end
    return out
