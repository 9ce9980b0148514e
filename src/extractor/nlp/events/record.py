"""Record building: candidates in evidence order become event dicts shaped as
:class:`~extractor.models.Event` (validated by the caller), with ids and confidence.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.models import SCHEMA_VERSION
from extractor.nlp.events.base import Candidate, EventInputs
from extractor.nlp.events.candidates import apply_echoes, candidates
from extractor.nlp.events.context import (
    apply_context,
    at_the_visitors_place,
    ceremony_of_act,
    during_a_stay,
    during_a_visit,
    extended_invitations,
    inherit,
    merge_duplicates,
    named_next,
    occasion_of_act,
    place_at_dateline,
    rehost_ceremonies,
    resolve_dates,
    resolve_delegation,
    resolve_parties,
    share_occasion,
    sign_at_occasion,
    split_appointments,
    split_counterparts,
    split_tours,
    without_homecomings,
)
from extractor.nlp.mentions.base import DocMentions


def confidence(cand: Candidate) -> float:
    """How well anchored a record is: officials, a date value, an initiative, a place."""
    score = 0.45
    score += 0.15 if len(cand.persons) >= 1 else 0.0
    score += 0.1 if len(cand.persons) >= 2 else 0.0
    score += 0.1 if cand.date and cand.date.get("value") else 0.0
    score += 0.1 if cand.initiatives or cand.ministries else 0.0
    score += 0.05 if cand.location else 0.0
    return round(min(score, 0.95), 2)


def _ministries(cand: Candidate, mentions: DocMentions) -> list[dict]:
    """The officials' implied ministries, then the sentence's named ones, without repeats."""
    out: list[dict] = []
    for key in cand.persons:
        person = mentions.persons[key]
        if person.ministry and (person.ministry, person.country) not in cand.ministries:
            out.append({"name": person.ministry, "country": person.country})
    for name, code in cand.ministries:
        entry = {"name": name, "country": code}
        if entry not in out:
            out.append(entry)
    return out


def record(cand: Candidate, mentions: DocMentions, doc_id: str, n: int, text: str) -> dict:
    """One event dict; ``text`` is ``doc.text``, built once per document (it is O(n))."""
    start = cand.sent.start_char
    end = cand.sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc_id,
        "event_id": f"{doc_id}#{n}",
        "type": cand.type.value,
        "status": cand.status,
        "date": cand.date,
        "officials": [mentions.persons[key].as_official() for key in cand.persons],
        "ministries": _ministries(cand, mentions),
        "initiatives": [{"name": name} for name in cand.initiatives],
        "location": cand.location,
        "trigger": {
            "text": cand.trigger.text,
            "start": cand.trigger.start_char,
            "end": cand.trigger.end_char,
        },
        "evidence": {"text": text[start:end], "start": start, "end": end},
        "confidence": confidence(cand),
        "codes": cand.type.codes,
    }


def build_events(doc: Doc, inputs: EventInputs) -> tuple[list[Candidate], list[dict]]:
    """Event records of one annotated doc, in evidence order (with their candidates)."""
    echoes: list[Candidate] = []
    cands = candidates(doc, inputs, echoes)
    cands.sort(key=lambda c: (c.sent.start, c.trigger.start))
    apply_echoes(cands, echoes)
    resolve_parties(cands)
    resolve_delegation(cands)
    named_next(cands, inputs.mentions)
    extended_invitations(cands)
    inherit(cands)
    resolve_dates(cands, inputs.dates)
    occasion_of_act(cands)
    during_a_visit(cands)
    at_the_visitors_place(cands)
    apply_context(cands)
    cands = rehost_ceremonies(cands)
    ceremony_of_act(cands)
    during_a_stay(cands)
    place_at_dateline(cands, inputs.mentions)
    cands = without_homecomings(cands, inputs.mentions)
    cands = split_appointments(cands, inputs.mentions)
    cands = split_tours(cands)
    cands = split_counterparts(cands)
    cands = merge_duplicates(cands)
    share_occasion(cands, inputs.mentions)
    sign_at_occasion(cands)
    cands.sort(key=lambda c: (c.sent.start_char, c.trigger.start_char))
    text = doc.text
    records = [record(c, inputs.mentions, inputs.doc_id, n, text) for n, c in enumerate(cands, 1)]
    return cands, records
