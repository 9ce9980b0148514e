"""Ministries: "Ministry of Industry and Trade", "Energy Ministry", "the Foreign Office",
"the foreign ministries of Chile and Norway" (one per country).

Portfolios come from ``vocab/words/portfolios.txt`` and
``vocab/portfolio_adjectives.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.nlp.mentions.base import Mention
from extractor.nlp.mentions.titles import portfolio_run
from extractor.nlp.words import country_at, match_phrase
from extractor.vocab import table, words


def _portfolio_name(text: str) -> str:
    return "Foreign Affairs" if text.lower() in words("foreign_affairs_names") else text


def _ministry_of(doc: Doc, i: int) -> Mention | None:
    """ "Ministry of Foreign Affairs", "Ministry for Industry and Trade"."""
    if not (i + 1 < len(doc) and doc[i + 1].lower_ in words("ministry_preps")):
        return None
    end = portfolio_run(doc, i + 2, len(doc))
    if end == i + 2:
        while end < len(doc) and doc[end].text[:1].isupper():
            end += 1
    if end == i + 2:
        return None
    name = f"Ministry of {_portfolio_name(doc[i + 2 : end].text)}"
    return Mention("MINISTRY", i, end, "ministry-of", 0.9, {"name": name})


def _adjective_ministry(doc: Doc, i: int) -> Mention | None:
    """ "Foreign Ministry", "Energy Ministry"."""
    adjectives = table("portfolio_adjectives")
    if i > 0 and doc[i - 1].lower_ in adjectives:
        name = f"Ministry of {adjectives[doc[i - 1].lower_]}"
        return Mention("MINISTRY", i - 1, i + 1, "x-ministry", 0.9, {"name": name})
    return None


def _foreign_ministries(doc: Doc, i: int) -> Mention:
    """ "the foreign ministries of Chile and Norway": one ministry per country."""
    codes: list[str | None] = []
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1
        while j < len(doc):
            end, code = country_at(doc, j)
            if not code:
                break
            codes.append(code)
            j = end
            if not (j < len(doc) and doc[j].lower_ in words("list_joiners")):
                break
            j += 1
    attrs = {"name": "Ministry of Foreign Affairs", "countries": codes or [None, None]}
    return Mention("MINISTRY", i - 1, max(i + 1, j), "foreign-ministries", 0.8, attrs)


def _named_foreign_ministries(doc: Doc, taken: set[int]) -> list[Mention]:
    """Foreign ministries named in their country's style ("State Department", "DFA",
    "Foreign, Commonwealth & Development Office"), normalized per EVENTS.md 3.3."""
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        end = match_phrase(doc, i, "foreign_ministry_names")
        if end > i and doc[i].text[:1].isupper() and not set(range(i, end)) & taken:
            attrs = {"name": "Ministry of Foreign Affairs"}
            out.append(Mention("MINISTRY", i, end, "foreign-ministry-name", 0.85, attrs))
            i = end
            continue
        i += 1
    return out


def find_ministries(doc: Doc) -> list[Mention]:
    """Every ministry mention of a doc, in order."""
    out = _styled_ministries(doc)
    out += _named_foreign_ministries(doc, {t for m in out for t in range(m.start, m.end)})
    return sorted(out, key=lambda m: m.start)


def _department_of(doc: Doc, i: int) -> Mention | None:
    """ "Department of Trade and Industry": a ministry by another name."""
    if not (doc[i].text[:1].isupper() and i + 1 < len(doc)):
        return None
    if doc[i + 1].lower_ not in words("ministry_preps"):
        return None
    end = portfolio_run(doc, i + 2, len(doc))
    if end == i + 2:
        return None
    name = f"Ministry of {_portfolio_name(doc[i + 2 : end].text)}"
    return Mention("MINISTRY", i, end, "department-of", 0.8, {"name": name})


def _executive_office(doc: Doc, i: int) -> Mention | None:
    """ "Office of the President", "the Prime Minister's Office"."""
    if not doc[i].text[:1].isupper():
        return None
    if i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ == "the":
        end = match_phrase(doc, i + 3, "executive_offices")
        if end > i + 3:
            name = f"Office of the {doc[i + 3 : end].text}"
            return Mention("MINISTRY", i, end, "executive-office", 0.8, {"name": name})
    if i >= 2 and doc[i - 1].text in ("'s", "’s"):
        for s in range(max(0, i - 3), i - 1):
            if match_phrase(doc, s, "executive_offices") == i - 1:
                name = f"Office of the {doc[s : i - 1].text}"
                return Mention("MINISTRY", s, i + 1, "executive-office", 0.8, {"name": name})
    return None


def _styled_ministries(doc: Doc) -> list[Mention]:
    """ "Ministry of X", "X Ministry", "the foreign ministries of A and B", "Foreign Office"."""
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        low = tok.lower_
        if low == "ministry" or (low == "ministries" and tok.text[:1].isupper()):
            found = _ministry_of(doc, i)
            if found is not None:
                out.append(found)
                i = found.end
                continue
            adjective = _adjective_ministry(doc, i)
            if adjective is not None:
                out.append(adjective)
        if low == "ministries" and i > 0 and doc[i - 1].lower_ == "foreign":
            out.append(_foreign_ministries(doc, i))
        other = (
            _department_of(doc, i)
            if low == "department"
            else _executive_office(doc, i)
            if low == "office"
            else None
        )
        if other is not None:
            out.append(other)
            i = max(i, other.end - 1) + 1
            continue
        if low == "office" and i > 0 and doc[i - 1].lower_ == "foreign" and tok.text[0].isupper():
            attrs = {"name": "Ministry of Foreign Affairs"}
            out.append(Mention("MINISTRY", i - 1, i + 1, "foreign-office", 0.9, attrs))
        i += 1
    return out
