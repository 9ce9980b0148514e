"""Slot attachment: which date, officials, initiatives and place of its sentence belong to
a trigger, through the parse where several events share a sentence (one module per slot)."""

from __future__ import annotations

from extractor.nlp.events.slots.dates import (
    act_verb,
    announced_on,
    pick_date,
    statement_date,
)
from extractor.nlp.events.slots.initiatives import (
    fill_initiatives,
    object_chunks,
    sentence_ministries,
)
from extractor.nlp.events.slots.officials import (
    act_persons,
    agent_of,
    attendees,
    nested_persons,
    officials_for,
    own_counterparts,
    participants,
    plural_counterparts,
    twin_persons,
)
from extractor.nlp.events.slots.places import (
    dateline_place,
    destination_country,
    host_country,
    own_destination,
    place_for,
    place_within,
    tour_legs,
)

__all__ = [
    "agent_of",
    "act_persons",
    "act_verb",
    "announced_on",
    "attendees",
    "dateline_place",
    "fill_initiatives",
    "nested_persons",
    "object_chunks",
    "officials_for",
    "own_counterparts",
    "participants",
    "pick_date",
    "destination_country",
    "host_country",
    "own_destination",
    "place_for",
    "place_within",
    "plural_counterparts",
    "sentence_ministries",
    "statement_date",
    "tour_legs",
    "twin_persons",
]
