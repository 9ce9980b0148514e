"""Gatherings the text does not name: "delivered a keynote at an international conference on
hydrogen", "hosted a reception", "took part in a meeting of the foreign ministers of the
five Central Asian states", "a trilateral meeting". A new gathering an official attends,
addresses or hosts, and a meeting of more than two states, is a HOSTED_EVENT (EVENTS.md 3.6).
"""

from __future__ import annotations

from spacy.tokens import Token

from extractor.nlp.mentions.gatherings import holds_states, regional
from extractor.nlp.words import country_code
from extractor.vocab import words

_TWO = frozenset({"two", "2", "both"})


def _is_new(noun: Token) -> bool:
    """ "an international forum", "the graduation ceremony of X": a gathering new to the
    text, not "the forum" / "the opening ceremony" that refer back to one."""
    if noun.tag_ in ("NNS", "NNPS"):
        return False  # "takes part in seminars and roundtables": a habit, no one gathering
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    if mods & (words("gathering_parts") | words("act_ceremony_modifiers")):
        return False  # "the opening ceremony", "the signing ceremony": reported otherwise
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    if not dets & (words("anaphoric_dets") | {"its"}):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ in words("participant_preps") | {"on"}
        or c.dep_ == "amod"
        and c.lower_ in words("new_event_adjectives")
        # "the reception marking the 30th anniversary of X": its occasion makes it new
        or c.dep_ in ("acl", "relcl")
        and c.lemma_.lower() in words("occasion_words")
        for c in noun.children
    )


def _held_nouns(verb: Token) -> list[Token]:
    """The nouns a verb holds as its object or as the object of "in" / "at" ("took part in
    X", "spoke at X", "delivered an address at X")."""
    out: list[Token] = [verb.head] if verb.dep_ == "acl" else []  # "a forum held in X"
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.append(c)
            out += [
                g
                for p in c.children
                if p.lower_ in words("held_gathering_preps")
                for g in p.children
            ]
        elif c.dep_ == "prep" and c.lower_ in words("held_gathering_preps"):
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "nsubj" and verb.lemma_ in words("gathering_verbs"):
            out.append(c)  # "a regional workshop began in X"
    # "a business roundtable" parsed with the head as a modifier on the right
    return out + [g for n in out for g in n.children if g.dep_ == "amod" and g.i == n.i + 1]


def _has_occasion(verb: Token, noun: Token) -> bool:
    """ "hosted a reception to mark X / in honour of X / on the occasion of X"."""
    return any(
        t.lemma_.lower() in words("occasion_words") and t.dep_ in ("advcl", "acl", "xcomp", "pobj")
        for head in (verb, noun)
        for c in head.children
        if c.dep_ not in ("nsubj", "nsubjpass", "dobj")
        for t in c.subtree
    )


def unnamed_gathering(verb: Token) -> Token | None:
    """The new, unnamed gathering an attending or hosting verb holds (module doc), or None."""
    if verb.pos_ != "VERB":
        return None
    for noun in _held_nouns(verb):
        lemma = noun.lemma_.lower()
        social = lemma in words("occasion_gathering_nouns") and _has_occasion(verb, noun)
        if (social or lemma in words("generic_gathering_nouns")) and _is_new(noun):
            return noun
        if _body_of_states(noun):
            return noun
    return None


def _body_of_states(noun: Token) -> bool:
    """ "addressed the UN General Assembly", "spoke at the X Council": a named body of
    states that sits as a gathering (its head a gathering noun)."""
    if noun.lower_ not in words("gathering_heads") or not noun.text[:1].isupper():
        return False
    return holds_states(noun.doc[noun.left_edge.i : noun.i + 1])


def _own_words(tok: Token) -> list[Token]:
    """A phrase's words without its clauses and its phrases other than "of" ("of the
    ministers of A, B and C", not "... on the situation in D")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("acl", "relcl", "advcl", "xcomp") or (c.dep_ == "prep" and c.lower_ != "of"):
            continue
        out += _own_words(c)
    return out


def _states_of(noun: Token) -> bool:
    """ "of the five Central Asian states", "of member countries", "of Russia, India and
    China": more than two states."""
    own = _own_words(noun)
    if len({code for t in own if (code := country_code(t.text))}) > 2:
        return True
    if holds_states(noun.doc[min(t.i for t in own) : max(t.i for t in own) + 1]):
        return True  # "of the ministers of the Gulf Cooperation Council"
    for t in noun.subtree:
        if t.lower_ not in words("state_nouns") or t.i <= noun.i:
            continue
        counts = {c.lower_ for c in t.children if c.dep_ in ("nummod", "det")}
        return not counts & _TWO
    return False


def several_states_meeting(noun: Token) -> bool:
    """A meeting noun for a meeting of more than two states ("a trilateral meeting", "a
    meeting of the ministers of the five X states")."""
    adjectives = words("multilateral_meeting_adjectives")
    if any(c.dep_ == "amod" and c.lower_ in adjectives for c in noun.children):
        return True
    before = noun.doc[noun.left_edge.i : noun.i]
    if len(before) and (holds_states(before) or regional(before)):
        return True  # "the Quad foreign ministers' meeting", "an Arab ministerial meeting"
    return any(c.dep_ == "prep" and c.lower_ == "of" and _states_of(c) for c in noun.children)


def body_members_meet(verb: Token) -> bool:
    """ "The BRICS foreign ministers met", "Leaders of the Arab League met", "the prime
    ministers of A, B and C met / held talks": the members of an organisation, or the
    office holders of more than two states, meeting as such."""
    held = words("plural_meeting_nouns") | words("meeting_nouns")
    if verb.pos_ == "NOUN" and verb.lower_ in held and verb.dep_ == "dobj":
        verb = verb.head  # "held talks", "held a meeting"
    elif verb.lemma_ != "meet":
        return False
    if verb.pos_ != "VERB":
        return False
    return any(
        subj.dep_ == "nsubj" and _office_holders_of_states(subj) for subj in verb.children
    )


def _office_holders_of_states(subj: Token) -> bool:
    """ "the BRICS foreign ministers", "the prime ministers of A, B and C"."""
    if subj.lower_ not in words("office_holder_plurals"):
        return False
    own = [t for t in _own_words(subj) if t.i != subj.i and t.dep_ != "det"]
    span = subj.doc[min(t.i for t in own) : max(t.i for t in own) + 1] if own else None
    if span is not None and (holds_states(span) or regional(span)):
        return True  # "the BRICS foreign ministers", "the Nordic foreign ministers"
    return any(c.dep_ == "prep" and c.lower_ == "of" and _states_of(c) for c in subj.children)


def hosted_for_gathering(verb: Token) -> bool:
    """ "hosted X and Y for a trilateral summit": the guests came for a gathering of more
    than two states, which the host holds."""
    return verb.lemma_ in words("hosting_lemmas") and any(
        c.dep_ == "prep" and c.lower_ == "for" and several_states_meeting(g)
        for c in verb.children
        for g in c.children
    )


def hosted_office_holders(verb: Token) -> bool:
    """ "hosted the presidents of the five X states", "hosted the BRICS leaders": the office
    holders of more than two states, gathered by one host (EVENTS.md 3.6)."""
    return verb.lemma_ in words("hosting_lemmas") and any(
        c.dep_ == "dobj" and _office_holders_of_states(c) for c in verb.children
    )
