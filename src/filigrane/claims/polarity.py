"""Polarity is the holder's stance: a denial predicate, a denying phrase or a negated frame.

A holder `denies` a proposition only through a denial verb ("a démenti toute ingérence"), a
denying phrase before the clause ("il est faux que", "aucune preuve que"), a qualification as false
("qualifie ces informations de mensonges", « C'est un mensonge »), a negated reporting or belief
frame ("n'a pas confirmé que", "ne croit pas que", "n'a jamais reconnu les faits") or a negated
verification of an allegation ("n'ont jamais été démontrés"). A negation anywhere else in the proposition
stays in it: the holder affirms a negative proposition (`negated`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from filigrane.claims.denying import CARRYING, denying_opening
from filigrane.claims.lexicons import denials
from filigrane.claims.tokens import HUNG_NEGATORS, NE, NOT_ONLY, negation, negators, predicate, tokens_in

#: Lemmas whose object is called something ("qualifier X de mensonge", "juger X infondé").
QUALIFYING = frozenset({"qualifier", "juger", "traiter", "dénoncer"})
#: Words that say a thing lacks what follows ("sans fondement", "dénué de tout fondement").
PRIVATIVE = ("sans", "dénué", "dépourvu")
#: Words a qualification placed before its object may hold besides the false words ("a qualifié de
#: « pure invention » l'idée", "juge sans aucun fondement les critiques").
QUALIFICATION_WORDS = frozenset(
    {"de", "d'", "d’", "«", "»", '"', "sans", "aucun", "tout", "toute", "fondement", "pur", "pure", "totalement"}
)
#: The verb that ranks its subject in a category ("Ces chiffres relèvent du fantasme"): false when
#: the category is.
RANKS = "relever"
#: The verb whose infinitive is refused: "se refuse à admettre que P" does not admit P.
REFUSING = "refuser"
#: What a thing is called when it is true: negated, it is called false.
TRUE_WORDS = frozenset({"vrai", "vraie", "vrais", "vraies", "exact", "exacte", "exacts", "exactes"})
#: The verb that, negated, says an idea fails ("L'idée que P ne tient pas").
HOLDS = "tenir"
#: Words of a content that only calls something false ("C'est un mensonge").
MAX_CALLED_FALSE = 5
#: Words of a verdict read on its words alone (« Absolument rien de tout cela n'est vrai »).
MAX_VERDICT_WORDS = 8
#: First-person subjects: the speaker's own denial inside their words.
FIRST_PERSON = frozenset({"je", "j'", "j’", "nous"})
#: Words of a quotation its own denial must open ("Nous démentons formellement", "Je le démens": not
#: "Je ne démens pas", where "ne" stands between).
OWN_DENIAL_TOKENS = 3


@dataclass(slots=True)
class Polarity:
    """The stance's polarity, its `denial` marker span, whether the content is negative, and the
    content span (a denying phrase at its start is the cue's, not the proposition's)."""

    polarity: str
    denial: tuple[int, int] | None
    negated: bool
    content: tuple[int, int]


def read_polarity(
    doc: Any, content: tuple[int, int], lemma: str = "", verb: Any = None, cue: tuple[int, int] | None = None
) -> Polarity:
    """The polarity of a stance whose cue (span `cue`) has `lemma` (its verb `verb`) on `content`."""
    lexicon = denials()
    frame_negation = _negated_verb(verb) if verb is not None else None
    if lemma in lexicon.verbs:
        if frame_negation is not None:  # "n'a pas nié que": no denial
            return _content_polarity(doc, content)
        return Polarity("denies", cue, False, content)
    if frame_negation is not None and lemma:  # "n'a pas confirmé que", "ne croit pas que", "n'a jamais reconnu"
        return Polarity("denies", frame_negation, False, content)
    phrase = denying_opening(doc, content)
    if phrase is not None:
        (start, end), rest = phrase
        return Polarity("denies", (start, end), False, rest)
    qualified = (cue[1], content[0]) if cue is not None and cue[1] < content[0] else None
    if lemma in QUALIFYING and (calls_false(doc, content) or (qualified and calls_false(doc, qualified))):
        # "qualifie ces propos de mensonges", "a qualifié de mensonge l'idée que …": the clause is called false
        return Polarity("denies", cue, False, _after_qualification(doc, content))
    called = _called_false(doc, content) or _own_denial(doc, content)
    if called is not None:
        return Polarity("denies", called, False, content)
    return _content_polarity(doc, content)


def _content_polarity(doc: Any, content: tuple[int, int]) -> Polarity:
    """A negated main predicate: a denial when it is a verification or a past act ("n'a jamais"), else
    a negative proposition the holder affirms."""
    head = predicate(doc, content)
    found = negation(head) if head is not None else None
    while head is not None and found is None and _complement(head, content) is not None:
        head = _complement(head, content)  # "il apparaît que les subventions ne sont pas conformes"
        found = negation(head)
    if head is not None and found is None:  # "Ne cédez pas à la panique, il y a …": the opening clause
        opening = _opening_verb(doc, content)
        found = negation(opening) if opening is not None and opening is not head else None
        head = opening if found is not None else head
    if found is None:  # the parser hung the negation off the predicate it chose: read the words
        surface = _surface_negation(doc, content)
        return Polarity("affirms", None, surface is not None, content)
    if head is None:
        return Polarity("affirms", None, False, content)
    if head.lemma_.lower() in denials().verification or _fails(head):
        return Polarity("denies", found, False, content)
    return Polarity("affirms", None, True, content)


def _complement(head: Any, content: tuple[int, int]) -> Any:
    """The `que` clause of a frame inside the content ("il semble que …", "a montré que …",
    "maintient que …"): the proposition the frame presents, where its negation lies."""
    clauses = [c for c in head.children if c.dep_ == "ccomp" and content[0] <= c.idx < content[1]]
    return next(
        (c for c in clauses if any(m.dep_ == "mark" and m.lower_ in ("que", "qu'", "qu’") for m in c.children)), None
    )


def _surface_negation(doc: Any, content: tuple[int, int]) -> tuple[int, int] | None:
    """A "ne" before the first finite verb of the content's opening clause and a negator just after
    it ("son équipe n'était plus en mesure", "le tableau n'avait subi aucun dommage"), read on the
    words when the parse hung them elsewhere; a relative or subordinate clause before it ("qui n'a pas
    été restauré") stops the reading, and "ne … que" restricts without negating."""
    tokens = [t for t in tokens_in(doc, content) if t.idx < content[1]]
    for at, token in enumerate(tokens):
        if (
            token.text in (",", ";", ":", ".", "!", "?")
            or token.dep_ == "mark"
            or token.pos_ == "CCONJ"
            or "Rel" in token.morph.get("PronType")
        ):
            return None  # past the opening clause
        if token.lower_ not in NE:
            continue
        verb = next((at + 1 + k for k, t in enumerate(tokens[at + 1 : at + 4]) if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or "Fin" not in tokens[verb].morph.get("VerbForm"):
            return None
        negator = next((t for t in tokens[verb + 1 : verb + 4] if t.lower_ in HUNG_NEGATORS), None)
        if negator is None or any(
            t.lower_ == "doute" or t.lower_ in NOT_ONLY for t in doc[negator.i + 1 : negator.i + 3]
        ):
            return None  # "ne fait pas de doute" is a certainty, "n'est pas juste un tuyau" a restriction
        return token.idx, negator.idx + len(negator.text)
    return None


def _opening_verb(doc: Any, content: tuple[int, int]) -> Any:
    """The verb of a main clause opening the content before a comma (no subordinator before it)."""
    for token in tokens_in(doc, content):
        if token.idx >= content[1] or token.text in (",", ";", ":") or token.dep_ == "mark":
            return None
        if (
            token.pos_ in ("VERB", "AUX")
            and not token.dep_.startswith("aux")
            and token.dep_ not in ("acl", "acl:relcl")
        ):
            return None if any(c.dep_ == "mark" for c in token.children) else token
    return None


def _called_false(doc: Any, content: tuple[int, int]) -> tuple[int, int] | None:
    """A content that only calls something false: "C'est un mensonge", "C'est faux", "Absurde.", or
    that says a named thing is false ("Les accusations de travail dissimulé sont totalement infondées")."""
    head = predicate(doc, content)
    baseless = head is not None and head.lower_ == "fondement" and any(c.lower_ == "sans" for c in head.children)
    ranked = _ranked_false(doc, content) or _short_verdict(doc, content)
    if ranked is not None:
        return ranked
    if head is not None and head.lower_ in TRUE_WORDS and negation(head) is not None:
        return negation(head)  # « Rien de tout cela n'est vrai », « Ce n'est pas exact »
    if head is None or negation(head) is not None or not (head.lower_ in denials().false_words or baseless):
        return None  # ("est « sans fondement »": baseless is false)
    words = [t for t in tokens_in(doc, content) if not t.is_punct]
    named = any(c.dep_ in ("cop", "aux:pass") for c in head.children) and any(  # "infondées" read as a passive
        c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ == "NOUN" for c in head.children
    )
    if len(words) > MAX_CALLED_FALSE and not named:
        return None
    return head.idx, head.idx + len(head.text)


def _short_verdict(doc: Any, content: tuple[int, int]) -> tuple[int, int] | None:
    """A short verdict read on its words, whatever the parse: « C'est de la pure fantaisie » (ends on
    a false word), « Rien de tout cela n'est vrai » (a truth word under "ne"); no verb but "être"."""
    words = [t for t in tokens_in(doc, content) if not t.is_punct]
    if not words or len(words) > MAX_VERDICT_WORDS or any(t.lower_ in ("que", "qu'", "qu’") for t in words):
        return None
    if any(t.pos_ == "VERB" and t.lemma_ != "être" for t in words):  # "retirer de la désinformation": an act
        return None
    core = list(words)
    while len(core) > 1 and core[-1].pos_ in ("ADJ", "CCONJ", "ADV") and core[-1].lower_ not in denials().false_words:
        core.pop()  # « C'est un mensonge pur et simple »: the false word before its intensifiers
    if len(core) <= MAX_CALLED_FALSE and core[-1].lower_ in denials().false_words:
        return core[-1].idx, core[-1].idx + len(core[-1].text)
    if _baseless(words[-3:]):  # « C'est une rumeur sans fondement »
        return words[-2].idx, words[-1].idx + len(words[-1].text)
    for at, token in enumerate(words):
        if token.lower_ in TRUE_WORDS and any(t.lower_ in ("ne", "n'", "n’") for t in words[:at]):
            return words[0].idx, token.idx + len(token.text)
    return None


def _ranked_false(doc: Any, content: tuple[int, int]) -> tuple[int, int] | None:
    """ "X relève du (pur) fantasme": the verb that ranks its subject and the false category, read on
    the words (the parser often takes "relève" for an adjective there), unless negated."""
    tokens = tokens_in(doc, content)
    for at, token in enumerate(tokens):
        if token.lemma_.lower() != RANKS and not token.lower_.startswith("relève"):
            continue
        if at > 0 and tokens[at - 1].lower_ in ("ne", "n'", "n’"):
            return None
        for after in tokens[at + 1 : at + 5]:
            if after.lower_ in denials().false_words:
                return token.idx, after.idx + len(after.text)
            if after.pos_ not in ("ADP", "DET", "ADJ") and after.text not in ("«", '"'):
                break  # (quotation marks may hold the category: "relèvent du « fantasme »")
    return None


def _fails(head: Any) -> bool:
    """A negated "tenir" whose subject is a proposition: "L'idée que P ne tient pas" rejects it."""
    return (
        head.lemma_.lower() == HOLDS
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in denials().allegations for c in head.children)
        and not any(c.dep_ in ("obj", "obl:arg") for c in head.children)
    )


def _after_qualification(doc: Any, content: tuple[int, int]) -> tuple[int, int]:
    """The content less a qualification before its object ("de « fantasme » l'hypothèse d'une hausse",
    "sans fondement les critiques"): the object is what is called false."""
    tokens = tokens_in(doc, content)
    words = denials().false_words | QUALIFICATION_WORDS
    opening = 0
    while opening < len(tokens) and (
        tokens[opening].lower_ in words or tokens[opening].pos_ == "ADV" or tokens[opening].lower_.startswith(PRIVATIVE)
    ):
        opening += 1
    called = any(t.lower_ in denials().false_words for t in tokens[:opening]) or _baseless(tokens[:opening])
    return (tokens[opening].idx, content[1]) if called and 0 < opening < len(tokens) else content


def _own_denial(doc: Any, content: tuple[int, int]) -> tuple[int, int] | None:
    """Words that open on the holder's own denial, in the first person: « Nous démentons toute
    fuite », « Je démens avoir reçu ces cadeaux »: the speaker denies what their denial verb takes."""
    words = [t for t in tokens_in(doc, content) if not t.is_punct][:OWN_DENIAL_TOKENS]
    for before, verb in pairwise(words):  # the parser may hang the verb on its object
        if before.lower_ in FIRST_PERSON and verb.lemma_.lower() in denials().verbs:
            return before.idx, verb.idx + len(verb.text)
    return None


def _negated_verb(verb: Any) -> tuple[int, int] | None:
    """The negation of a frame's verb itself ("n'a pas confirmé", "ne croit pas")."""
    head = verb.head if verb.dep_.startswith("aux") else verb
    found = negators(head)
    if not found and head.dep_ == "xcomp" and head.head.lemma_.lower() in CARRYING:
        head = head.head  # "Les données ne permettent pas d'affirmer que": the carrier is negated
        found = negators(head)
    if not found and head.dep_ == "xcomp" and head.head.lemma_.lower() == REFUSING:
        refusal = head.head  # "se refuse à admettre que": a refusal negates what it refuses
        return refusal.idx, head.idx + len(head.text)
    if not found:
        return None
    tokens = [*found, head]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def calls_false(doc: Any, content: tuple[int, int]) -> bool:
    """Whether a qualification's content calls its object false ("de « fake news »", "d'infondées")."""
    false_words = denials().false_words
    tokens = tokens_in(doc, content)
    return any(t.lower_ in false_words for t in tokens) or _baseless(tokens)


def _baseless(tokens: list[Any]) -> bool:
    """ "sans fondement", "dénuées de tout fondement", "dépourvu de fondement": called baseless."""
    return any(
        token.lower_ == "fondement" and any(p.lower_.startswith(PRIVATIVE) for p in tokens[max(0, at - 3) : at])
        for at, token in enumerate(tokens)
    )
