"""The initiatives of a trigger: its sentence's, unless nearer another trigger; what a
launch, agreement or proposal acts on when no initiative is named."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractor.nlp.events.base import (
    Candidate,
    EventType,
    proposed_under,
    tree_distance,
)
from extractor.nlp.events.checks import is_hosted, named_gathering
from extractor.nlp.mentions.base import DocMentions, Mention, first_conjunct
from extractor.vocab import words


def _object_span(n: Token) -> Span:
    """The noun phrase of an object head, cut at a date or a place inside it."""
    left = n.left_edge.i
    right = n.i + 1
    # keep "from X to Y" and "on X" modifiers, not relative clauses or dates
    for c in n.rights:
        if c.dep_ == "prep" and c.lower_ in words("object_preps"):
            right = c.right_edge.i + 1
        else:
            break
    span = n.doc[left:right]
    # a date, a place or a further listed document inside the phrase ends it ("agreement
    # on visa exemption on 12 May", "terminal in Oslo", "an MoU on X and an accord on Y")
    for t in span:
        if t.ent_type_ in ("DATE", "TIME") or (
            t.dep_ == "prep" and t.lower_ in words("location_preps") and t.i > n.i
        ):
            span = n.doc[left : t.i]
            break
        if _listed_document(t) and t.i > n.i:
            span = n.doc[left : t.left_edge.i]
            break
    # "... for the 2025-2027 period" cut at its date leaves "for the": drop it
    while len(span) and (
        span[-1].dep_ in ("prep", "cc") or span[-1].pos_ in ("DET", "CCONJ", "PUNCT")
    ):
        span = span[:-1]
    while len(span) and span[0].pos_ in ("DET", "PRON", "CCONJ", "PUNCT"):
        span = span[1:]
    return span


def object_chunks(token: Token) -> list[Span]:
    """Noun phrases the trigger acts on: dobj, 'of'-objects, passive subjects, conjuncts."""
    heads: list[Token] = []
    # "agreed to establish a joint business council": the undertaking's object
    verbs = [token] + [
        c
        for c in token.children
        if c.dep_ in ("xcomp", "ccomp", "acl") and c.lemma_ in words("undertaking_verbs")
    ]  # "suggested that they set up X", "a proposal to create X"
    if token.lower_ == "opening" and token.head.lower_ in words("ceremony_nouns"):
        verbs.append(token.head)  # "the opening ceremony of the new consulate"
    for c in (c for v in verbs for c in v.children):
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            heads.append(_ceremonial_object(c))
        # "flagged off the first bus service": the particle parsed as a preposition
        particle = c.i == token.i + 1 and c.lower_ in words("launch_particles")
        if c.dep_ == "prep" and (c.lower_ in words("complement_preps") or particle):
            heads.extend(
                g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
            )
    # not "a call, during which they agreed to X": the call is the setting
    if (
        token.dep_ in ("acl", "relcl")
        and token.head.pos_ in ("NOUN", "PROPN")
        and not _relative_setting(token)
    ):
        heads.append(token.head)
    # "the signing of an MoU on X, and an agreement on Y": the parse joins Y to "signing"
    heads += [c for c in token.conjuncts if c.lower_ in words("document_heads")]
    out = []
    for h in heads:
        nested = [t for t in h.subtree if t.i > h.i and _listed_document(t)]
        for n in dict.fromkeys((h, *(c for c in h.conjuncts if c.i != token.i), *nested)):
            span = _object_span(n)
            if len(span):
                out.append(span)
    return out


def _ceremonial_object(head: Token) -> Token:
    """ "laid the foundation stone of the X Harbour", "cut the ribbon of the new terminal",
    "launched the second phase of the Y Project", "unveiled a plaque marking the opening of
    the Z Centre": the thing launched, not the object of the gesture or its stage."""
    lemma = head.lemma_.lower()
    if lemma not in words("ceremonial_objects") | words("part_objects"):
        return head
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            return pobj
    marked = [g for c in head.children if c.dep_ == "acl" for g in c.children if g.dep_ == "dobj"]
    for obj in marked:  # "a plaque marking the opening of X"
        return _of_object(obj) if obj.lemma_.lower() in words("undertaking_nouns") else obj
    return head


def _of_object(noun: Token) -> Token:
    """The noun's "of"-object, or the noun."""
    objs = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return next((g for g in objs if g.dep_ == "pobj"), noun)


def _relative_setting(verb: Token) -> bool:
    """ "the call, during which they agreed ...": the antecedent is where the act took
    place, not what it acted on."""
    return any(
        c.dep_ == "prep" and any(g.tag_ in ("WDT", "WP") for g in c.children) for c in verb.children
    )


def _listed_document(t: Token) -> bool:
    """A document named next in a list ("an MoU on X, an accord on Y and a treaty on Z"),
    or a body with its own determiner ("a committee on trade and a business council")."""
    if t.dep_ not in ("conj", "appos"):
        return False
    return t.lemma_.lower() in words("document_heads") or (
        t.lemma_.lower() in words("initiative_heads") and any(c.dep_ == "det" for c in t.children)
    )


def _proposed_undertakings(token: Token) -> list[str]:
    """What a proposal names as its object when no initiative is: a noun phrase headed by
    an undertaking ("a joint business council", "direct flights"), through "the launch /
    establishment of" or a proposed clause ("proposed that they launch X")."""
    chunks = object_chunks(token) + [
        c for x in _proposed_clauses(token) for c in object_chunks(x)
    ]  # "offered to host the next round of talks", "proposed that the summit be held"
    for _ in range(2):  # "support for the development of X": X
        inner = [c for chunk in chunks for c in _undertaken(chunk.root)]
        chunks = inner or chunks
    heads = words("initiative_heads") | words("proposal_heads")
    named = [c for c in chunks if len(c) >= 2 and c.root.lower_ in heads]
    named = named or [c for c in chunks if _built(c) and _undertaking(c)]
    return list(dict.fromkeys(c.text.strip(" ,.") for c in named))


def _proposed_clauses(token: Token) -> list[Token]:
    """The verbs of what a proposal proposes: its clause ("offered to host X") or a gerund
    after its object ("offered assistance in establishing X", "made a proposal on
    establishing X", the gerund parsed on the verb)."""
    clauses = [x for x in token.children if x.dep_ in ("xcomp", "ccomp")]
    owners = [token, token.head] if token.pos_ == "NOUN" and token.dep_ == "dobj" else [token]
    return clauses + [
        g
        for o in owners
        for p in o.children
        if p.dep_ == "prep"
        for g in p.children
        if g.dep_ == "pcomp"
    ]


def _built(chunk: Span) -> bool:
    """Whether a phrase is what an undertaking verb or noun brings about ("establishing a
    joint tourism circuit", "the creation of a seed bank"): a concrete undertaking; so is
    one listed after it ("set up a committee on trade and a business council")."""
    root = _list_owner(chunk.root) if _listed_document(chunk.root) else chunk.root
    if root.dep_ in ("dobj", "nsubjpass"):
        return root.head.lemma_.lower() in words("undertaking_verbs")
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in words("undertaking_nouns")
    )


def _list_owner(item: Token) -> Token:
    """The phrase a listed item goes with: its first conjunct, or the noun whose
    complement it ends ("a committee on trade and a business council": "committee")."""
    first = first_conjunct(item)
    if first.dep_ == "pobj" and first.head.head.pos_ in ("NOUN", "PROPN"):
        return first.head.head
    return first


def _undertaken(head: Token) -> list[Span]:
    """What an undertaking or aid noun is about: "the establishment of X", "an initiative to
    create X", "technical support for X"."""
    if head.lemma_.lower() not in words("undertaking_nouns") | words("aid_nouns"):
        return []
    verbs = [head, *(g for g in head.children if g.dep_ in ("acl", "relcl"))]
    verbs += [  # "assistance in building X"
        g for p in head.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pcomp"
    ]
    return [c for v in verbs for c in object_chunks(v)]


def _gathering(m: Mention) -> bool:
    """A named gathering or body that meets: what an invitation in its sentence is to."""
    return bool(m.attrs.get("event_like") or m.attrs.get("body"))


def _proposed(other: Candidate, cand: Candidate) -> bool:
    """Whether ``other`` is what the proposal ``cand`` proposes ("proposed holding X")."""
    return (
        cand.type == EventType.PROPOSAL
        and proposed_under(other.token, cand.token)
        and not (other.type == cand.type and other.separate)  # "and Y proposed B"
    )


def fill_initiatives(
    cand: Candidate, local: list[Candidate], sent_initiatives: list[Mention], doc: Doc
) -> None:
    """The initiatives of a trigger: its sentence's, unless nearer another trigger; for a
    launch or an agreement without one, the noun phrase it acts on."""
    names: list[str] = []
    for m in sent_initiatives:
        root = m.span(doc).root
        nearer_other = _nearer_other(root, cand, local)
        if (cand.type == EventType.HOSTED_EVENT and is_hosted(m, cand.token)) or (
            cand.type in (EventType.INVITATION, EventType.VISIT)
            and _gathering(m)
            and not (nearer_other and nearer_other.type == EventType.PROPOSAL)
        ):  # a visit's gathering is what it is for ("arrived to attend the X Summit")
            if m.attrs["name"] not in names:
                names.append(m.attrs["name"])
            continue
        if nearer_other is not None or _visited_site(m, cand, doc):
            continue
        if m.attrs["name"] not in names:
            names.append(m.attrs["name"])
    gathering = named_gathering(cand.token) if cand.type == EventType.HOSTED_EVENT else None
    if not names and gathering:
        names = [gathering]
    if not names and cand.type == EventType.PROPOSAL:
        names = _proposed_gatherings(cand, local) or _proposed_undertakings(cand.token)
    if cand.type in (EventType.LAUNCH, EventType.AGREEMENT):
        names += _acted_on(cand.token, names)
    cand.initiatives = names


def _visited_site(m: Mention, cand: Candidate, doc: Doc) -> bool:
    """ "visited the X Special Economic Zone and the Y Dam": a site a visit goes to is its
    place, not an undertaking it is about (a gathering it attends is one, handled above)."""
    if cand.type != EventType.VISIT:
        return False
    root = first_conjunct(m.span(doc).root)
    return root.dep_ == "dobj" and root.head.i == cand.token.i


def _nearer_other(root: Token, cand: Candidate, local: list[Candidate]) -> Candidate | None:
    """Another trigger of the sentence nearer the initiative than ``cand`` (not one that
    ``cand`` proposes): the initiative is that trigger's."""
    mine = tree_distance(root, cand.token)
    return next(
        (
            o
            for o in local
            if o is not cand and tree_distance(root, o.token) < mine and not _proposed(o, cand)
        ),
        None,
    )


def _proposed_gatherings(cand: Candidate, local: list[Candidate]) -> list[str]:
    """ "proposed convening the Binational Cabinet": the named gathering of a hosting act
    the proposal governs."""
    acts = [o.token for o in local if o is not cand and _proposed(o, cand)]
    return [name for tok in acts if (name := named_gathering(tok)) is not None]


def _acted_on(token: Token, names: list[str]) -> list[str]:
    """What a launch or an agreement acts on when no initiative is named; beside named ones,
    an undertaking it brings about ("agreed to establish a bilateral maritime dialogue and
    to expand the X Programme")."""
    chunks = [c for c in object_chunks(token) if _undertaking(c)]
    if not names:
        return [chunk.text.strip(" ,.") for chunk in chunks]
    out = []
    for chunk in (c for c in chunks if _built(c)):
        # a document's subject belongs to its name ("an agreement on the X Expressway")
        document = chunk.root.lemma_.lower() in words("document_heads")
        text = chunk.text.strip(" ,.") if document else _before_names(chunk, names)
        if text and not any(text in n for n in names) and not _a_phase(text):
            out.append(text)
    return out


def _a_phase(text: str) -> bool:
    """ "Phase II", "the second stage": a part of the named initiative after it, not another."""
    said = text.lower().split()
    return any(w in words("part_objects") for w in said) and all(
        w in words("part_objects") or w in ("the", "a", "new") or _ordinal(w) for w in said
    )


def _ordinal(word: str) -> bool:
    """ "second", "ii", "3rd"."""
    return word in words("ordinal_words") or set(word) <= set("ivx") or word[:1].isdigit()


def _before_names(chunk: Span, names: list[str]) -> str:
    """A phrase up to the first named initiative inside it ("the X border post on the Y
    Corridor": "X border post"), without the words that introduced it."""
    words_ = chunk.text.strip(" ,.").split()
    for k in range(1, len(words_)):
        if any(" ".join(words_[k:]).startswith(n) for n in names):
            words_ = words_[:k]
            break
    while words_ and words_[-1].lower() in words("function_words"):
        words_.pop()
    return " ".join(words_)


def _undertaking(chunk: Span) -> bool:
    """Whether an object phrase names an undertaking: not a person (people after its head
    are whom it serves: "a programme for Sierra Leonean students"), not a generic noun
    ("specific measures"), not a thing launched that is no joint undertaking ("a book")."""
    head = chunk.root
    if len(chunk) < 2 or any(
        t.ent_type_ == "PERSON" and t.is_alpha for t in chunk[: head.i + 1 - chunk.start]
    ):
        return False
    if chunk.text.strip(" ,.").lower() in words("empty_objects") or _plural_documents(head):
        return False
    return head.lemma_.lower() not in words("generic_objects") | words(
        "vague_cooperation_objects"
    ) | words("non_undertakings")


def _plural_documents(head: Token) -> bool:
    """Documents signed as a set, not named one by one: "signed four agreements covering X
    and Y", "exchanged cooperation documents" (a counted or bare lower-case plural; "the
    agreements on X and on Y" name their subjects, and a document noun never names one)."""
    if head.tag_ != "NNS" or not head.is_lower:
        return False
    lemma = head.lemma_.lower()
    if lemma in words("document_nouns"):
        return True
    counted = any(c.dep_ == "nummod" or c.lower_ in words("counting_dets") for c in head.children)
    subject = any(c.dep_ == "prep" for c in head.children)
    return lemma in words("document_heads") and (counted or not subject)


def sentence_ministries(cand: Candidate, mentions: DocMentions) -> None:
    """Every ministry of the trigger's sentence (one per country it names); one named
    without a country that an official of the event already implies is that one ("the
    Foreign Minister will travel, the foreign ministry said")."""
    sent = cand.sent
    implied = {mentions.persons[k].ministry for k in cand.persons}
    for m in mentions.ministries:
        if sent.start <= m.start < sent.end:
            codes = m.attrs.get("countries") or [None]
            if codes == [None] and m.attrs["name"] in implied:
                continue
            for code in codes:
                cand.ministries.append((m.attrs["name"], code))
