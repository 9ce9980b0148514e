"""What the event rules share: :class:`EventType` (codes, context role and required slots
from ``vocab/event_types.json``), the :class:`Candidate` being assembled, the
:class:`EventInputs` the events component reads from the Doc, and small parse helpers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from spacy.tokens import Span, Token

from extractor.nlp.mentions.base import DocMentions
from extractor.vocab import EventTypeSpec, event_types, words


class EventType(str, Enum):
    """The contract's event types (EVENTS.md 2); their data is in ``event_types.json``."""

    MEETING = "MEETING"
    CALL = "CALL"
    VISIT = "VISIT"
    AGREEMENT = "AGREEMENT"
    PROPOSAL = "PROPOSAL"
    INVITATION = "INVITATION"
    HOSTED_EVENT = "HOSTED_EVENT"
    LAUNCH = "LAUNCH"
    APPOINTMENT = "APPOINTMENT"

    @property
    def spec(self) -> EventTypeSpec:
        return event_types()[self.value]

    @property
    def codes(self) -> dict | None:
        """``{"cameo", "plover"}`` or None when the type has no CAMEO code."""
        spec = self.spec
        return {"cameo": spec.cameo, "plover": spec.plover} if spec.cameo else None

    @property
    def is_context(self) -> bool:
        """Records made at an event of this type copy its date, officials and place."""
        return self.spec.context_role == "context"

    @property
    def is_sub_event(self) -> bool:
        """An event of this type made at a meeting belongs to it."""
        return self.spec.context_role == "sub"


@dataclass
class EventInputs:
    """What the events component reads from the Doc (stored by earlier components)."""

    triggers: list[Span]
    mentions: DocMentions
    dates: list[Span]
    doc_id: str


@dataclass
class Candidate:
    """An event being assembled."""

    type: EventType
    trigger: Span
    sent: Span
    status: str = "occurred"
    date_span: Span | None = None
    date: dict | None = None
    persons: list[int] = field(default_factory=list)
    ministries: list[tuple[str, str | None]] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    location: dict | None = None
    inherit: str | None = None  # "meanwhile" | "also" | None
    context: Candidate | None = None  # the meeting this record was made at
    score: float = 0.5
    twins: list[Candidate] = field(default_factory=list)  # same-type triggers merged in
    legs: list[dict] = field(default_factory=list)  # a tour's places, one VISIT each
    sites: bool = False  # the tour's places are all named sites (buildings, institutions)
    hosts: Candidate | None = None  # the act a ceremony (HOSTED_EVENT) hosts
    separate: bool = False  # one of conjoined acts with counterparts of their own
    apart: bool = False  # a visit with a destination of its own beside another in its sentence
    counterparts: list[int] = field(default_factory=list)  # "meetings with A and B": one each
    # the trigger's root, found once (Span.root walks the span); a copy finds its own
    _root: Token | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def token(self) -> Token:
        if self._root is None:
            self._root = self.trigger.root
        return self._root

    def copy(self, **changes: object) -> Candidate:
        """Another record of the same act (a tour's leg, an envoy, a counterpart): its own
        lists of officials, ministries and initiatives, with ``changes`` applied."""
        lists = {
            "persons": list(self.persons),
            "ministries": list(self.ministries),
            "initiatives": list(self.initiatives),
        }
        return replace(self, **{**lists, **changes})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Small parse helpers


def ancestors(token: Token, limit: int = 6) -> list[Token]:
    """Up to ``limit`` heads above a token, nearest first."""
    out: list[Token] = []
    while token.head.i != token.i and len(out) < limit:
        token = token.head
        out.append(token)
    return out


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence (large if unrelated)."""
    pa = [a, *ancestors(a, 30)]
    pb = [b, *ancestors(b, 30)]
    index = {t.i: n for n, t in enumerate(pa)}
    for n, t in enumerate(pb):
        if t.i in index:
            return n + index[t.i]
    return 99


def in_subtree(token: Token, root: Token) -> bool:
    """Whether ``token`` is ``root`` or hangs below it."""
    return root.left_edge.i <= token.i <= root.right_edge.i and (
        token.i == root.i or root in token.ancestors
    )


def proposed_under(token: Token, proposal: Token) -> bool:
    """Whether ``token`` is part of what ``proposal`` proposes: below it, but not in a verb in
    the simple past conjoined inside it ("proposed X and invited Y", "renewed the offer to
    supply X and extended an invitation": the invitation is an act of its own)."""
    if not in_subtree(token, proposal):
        return False
    path = [token, *(a for a in token.ancestors if in_subtree(a, proposal) and a != proposal)]
    if path[-1].dep_ == "prep" and path[-1].lower_ in words("setting_preps") | {"in"}:
        return False  # "In a telephone conversation, X offered to mediate": the setting
    return not any(t.dep_ == "conj" and t.tag_ == "VBD" for t in path)


def visiting_guest(tok: Token) -> bool:
    """ "received visiting Deputy Prime Minister X in Hanoi on May 9", parsed with "visiting"
    as the verb of the rest: a guest's description; the date is the reception's."""
    return tok.lower_ == "visiting" and tok.dep_ in ("xcomp", "ccomp", "advcl")


def is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def clause_words(token: Token) -> set[str]:
    """Lower-cased words that modify the trigger's clause (aux, governing verbs, modifiers)."""
    found: set[str] = set()
    for t in [token, *ancestors(token, 3)]:
        found.add(t.lemma_.lower())
        found.add(t.lower_)
        for c in t.children:
            if c.dep_ in ("aux", "auxpass", "advmod", "amod", "neg", "acomp"):
                found.add(c.lower_)
                found.add(c.lemma_.lower())
        if (
            t.pos_ == "VERB"
            and t.i != token.i
            and t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "pcomp")
        ) or _own_past(t):
            break
    return found


def _own_past(t: Token) -> bool:
    """A conjoined verb in the simple past is a clause of its own: "is ready to help and
    proposed X" (the first conjunct's "ready" does not govern "proposed")."""
    return t.dep_ == "conj" and t.tag_ == "VBD"
