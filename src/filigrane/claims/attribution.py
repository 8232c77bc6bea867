"""`filigrane_attribution`: who reports what, per paragraph, as plain frames.

A frame is one holder, one cue and one content span: indirect speech (reporting verb with its
`que` clause, colon, object, or inverted incise "…, a estimé le sénateur X"), according-to frames
("selon X", "d'après X", "à en croire X", "de source X", "Pour X,") and direct quotations (speaker
after, before a colon, inside an incise, or the frame the quotation sits in). Everything stored on
the Doc is plain data so it survives `Doc.to_bytes` between worker processes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from filigrane.claims.denying import CARRYING
from filigrane.claims.holders import actor_noun, is_outlet, outlet_extent, person_noun, person_word, text_noun
from filigrane.claims.lexicons import denials, holder_cues, reporting_verbs
from filigrane.claims.polarity import QUALIFYING, REFUSING, calls_false, read_polarity
from filigrane.claims.quotes import quote_spans
from filigrane.claims.tokens import (
    CLOSING,
    NE,
    NO_ONE,
    OF,
    OPENING,
    QUE,
    acronym,
    common_noun,
    holder_info,
    introduced_by,
    lemma_spellings,
    named,
    negators,
    reporting_lemma,
    span_of,
    tokens_in,
    untagged_participle,
)
from filigrane.provenance.origins import catalogue_for

Doc.set_extension("filigrane_frames", default=None, force=True)

#: Words opening a leading subordinate segment that is not part of an inverted incise's content.
LEADING = frozenset(
    [
        "bien",
        "malgré",
        "si",
        "alors",
        "même",
        "quoique",
        "tandis",
        "selon",
        "après",
        "avant",
        "face",
        "contrairement",
        "outre",
        "comme",
        "en",
        "pour",
        "dès",
        "depuis",
        "lors",
        "puisque",
    ]
)
SPEECH_NOUNS = frozenset(
    ["déclaration", "propos", "affirmation", "annonce", "parole", "hypothèse", "thèse", "accusation", "avis"]
)
#: The preposition of a passive's agent.
BY = frozenset(["par"])
#: Words joining two content clauses, each with its own `que` ("que P et que Q").
COORDINATORS = frozenset(["et", "mais", "ou"])
#: The words an according-to frame turns on ("selon", "d'après", "à en croire", "Pour X,", "se réfère à").
ACCORDING_WORDS = frozenset(["selon", "après", "croire", "pour", "réfère", "reporte"])
#: Tokens that end a sentence: a parser's sentence ending on anything else may have been cut short.
ENDS = frozenset([".", "!", "?", "…", ":", ";", "»", '"', "”"])
#: Verbs of wish and demand: a report in their `que` clause is wanted, not made.
VOLITION = frozenset(["vouloir", "souhaiter", "exiger", "demander", "falloir", "espérer", "attendre", "désirer"])
#: Words before what a qualification calls its object ("qualifie de mensonge", "dénonce comme des fake news").
CALLED = OF | {"comme"}
#: Prepositions of what one believes in ("croire à la thèse", "croire en sa bonne foi").
BELIEVED_IN = frozenset(["à", "au", "aux", "en"])
#: Nouns of an announcement whose author and object make a stance ("l'annonce par X de Y").
NOMINAL_CUES = frozenset(["annonce", "déclaration", "affirmation"])
#: Prepositions after a nominal denial that introduce what is denied ("Démenti de X sur …").
ABOUT = frozenset(["sur", "concernant"])
#: Nouns heading a clause that announces someone's words before a colon ("Commentaires de X :").
COMMENT_NOUNS = frozenset(["commentaire", "déclaration", "réaction", "propos", "message", "citation", "explication"])
NEUTER = frozenset(["c'", "c’", "ce", "cela", "ça", "ceci"])
#: The clitic of "comme l'indique X", "comme le rappelle X", "comme en a averti X".
AS_SAID_CLITICS = frozenset(["le", "l'", "l’", "en"])
#: Object clitics that take up a noun phrase set before the clause.
OBJECT_CLITICS = frozenset(["le", "la", "les", "l'", "l’"])
#: The reflexive clitic of a pronominal verb ("s'est félicité", "se dit").
REFLEXIVE = frozenset(["s'", "s’", "se"])
#: Personal pronouns that stand for an actor named before ("elle a constaté", "selon eux").
PERSONAL = frozenset(["il", "elle", "ils", "elles", "eux", "lui"])
RELATIVES = frozenset(["qui", "laquelle", "lequel", "lesquelles", "lesquels"])
SUBJECTS = ("nsubj", "nsubj:pass", "expl:subj")
#: Definite determiners: a closing incise names a known speaker ("…, corrige la ministre").
DEFINITE = frozenset(["le", "la", "les", "l'", "l’"])
#: Verbs of saying whose bare infinitive is what was said, in any tense ("disent combattre les
#: terroristes", "a indiqué pilonner les forces ukrainiennes"); others only tell a past act so
#: ("explique avoir agi seul", not "sait nager").
SAYS_INFINITIVE = frozenset(
    {
        *("dire", "indiquer", "préciser", "écrire", "ajouter", "répondre", "confier", "expliquer", "affirmer"),
        *("assurer", "déclarer", "estimer", "prétendre", "soutenir", "jurer", "certifier", "reconnaître"),
        *("admettre", "avouer"),
    }
)
#: Prepositions of the addressee between an inverted verb and its subject ("a expliqué à l'AFP X").
ADDRESSEE = frozenset({"à", "au", "aux"})
#: The subject clitics of an inverted verb ("a-t-il estimé", "affirme-t-on"); not any word after a
#: hyphen ("affirment -à tort- que").
INVERTED = frozenset(
    ["-t", "-il", "-elle", "-ils", "-elles", "-on", "-je", "-tu", "-nous", "-vous", "-ce", "-t-il", "-t-elle", "-t-on"]
)
#: Tokens an incise between a verb and its `que` may hold ("a déclaré, lors d'une conférence de presse
#: à Paris, que"; "s'accorde à dire, notamment autour d'analyses publiées dans le rapport, que").
INCISE_TOKENS = 30
#: Carriers a negation leaves carrying: "ne permet pas d'affirmer", "ne vient étayer", a denial the
#: polarity reads; "se refuse à admettre que", a refusal it reads as a negated frame.
NEGATED_CARRIERS = CARRYING | {REFUSING}
#: The denial lemma standing for the object phrase "s'inscrire en faux contre" (`denials.yaml`).
DENYING_PHRASE = "inscrire-en-faux"
#: Tokens a verb's `que` or colon may lie after it, through adjuncts without a verb or punctuation
#: ("expliquait dans un article dans l'Almanach militaro-historique ukrainien que").
CLAUSE_REACH = 14
#: Words of a bare quotation before it counts as speech rather than a scare quote.
MIN_BARE_WORDS = 6
#: Marks after a quotation before the name that signs it: "« … » (Albert Bourla)", "« … » – Donald Trump".
SIGNING_MARKS = frozenset(["(", "-", "–", "—"])
#: Tokens a signature after a quotation may run to (a name and a short role).
SIGNATURE_TOKENS = 14
#: Share of a frame's content a quotation must cover for the frame to be that quotation.
QUOTE_COVER = 0.85
#: "par" in a participle's words: an agent, even glued to a quotation mark ('de "gourou"par un dirigeant').
AGENT = re.compile(r"\bpar\b")


class Attribution:
    """Stores `doc._.filigrane_frames`, a list of plain dicts (see the module docstring).

    Each holder mention says whether it names an outlet of the catalogue (the packaged one plus the
    user's `outlet_files`, given through the component's config).
    """

    def __init__(self, outlet_files: tuple[str, ...] = ()) -> None:
        self.catalogue = catalogue_for(outlet_files)

    def __call__(self, doc: Doc) -> Doc:
        quotes = quote_spans(doc)
        quoted = {t.i for q in quotes for t in tokens_in(doc, _quoted_span(doc, q))}
        frames: list[dict[str, Any]] = []
        before: dict[int, dict[str, Any]] = {}
        verbs = reporting_verbs()
        for sent in _sentences(doc):
            for token in sent:
                if token.i in quoted:
                    continue
                frame = (
                    _verb_frame(doc, sent, token, before)
                    or _misread_verb(doc, sent, token)
                    or _opening_denial(doc, sent, token)
                )
                if frame is None:
                    frame = _according_frame(doc, sent, token)
                if frame is None and token.pos_ == "NOUN" and token.lemma_.lower() in NOMINAL_CUES:
                    frame = _nominal_frame(doc, sent, token)
                if frame is None and token.lower_ in ABOUT:
                    frame = _denial_heading(doc, sent, token)
                if frame is None and (token.lower_ in QUE or token.text == ":"):
                    frame = (
                        _phrase_frame(doc, sent, token, before, verbs.phrases)
                        or _noun_frame(doc, sent, token)
                        or _emerges_frame(doc, sent, token)
                        or _denial_heading(doc, sent, token)
                    )
                elif frame is None and _near_object_key(doc, sent, token.i, verbs.object_keys):
                    frame = _phrase_frame(doc, sent, token, before, verbs.object_phrases)
                if frame is not None and frame["kind"] == "indirect":
                    *earlier, frame = _coordinated_clauses(doc, frame)  # "a admis que P et que Q"
                    frames.extend(f for f in earlier if not any(_same_stance(f, g) for g in frames))
                if frame is not None and not any(_same_stance(frame, f) for f in frames):
                    frames.append(frame)
        _clip_nested(doc, frames)
        frames.extend(_direct_frames(doc, quotes, frames, before))
        kept = [f for f in frames if f["kind"] != "echo"]
        text = doc.text
        for frame in kept:
            if frame["holder"] is not None:
                outlet_extent(frame["holder"], text, self.catalogue)
                frame["holder"]["outlet"] = is_outlet(frame["holder"], self.catalogue)
        doc._.filigrane_frames = kept
        return doc


def _same_stance(frame: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two frames of one holder on one content: "rejette l'hypothèse que P" is read by the verb and
    by its noun; the first reading stands."""
    holders = [(f["holder"] or {}).get("start") for f in (frame, other)]
    return bool(frame["content"] == other["content"] and holders[0] == holders[1])


def _coordinated_clauses(doc: Doc, frame: dict[str, Any]) -> list[dict[str, Any]]:
    """An indirect frame whose content is coordinated clauses, each with its own `que` ("a admis que P et
    que Q", "que P, mais que Q", "que P, que Q"), as one frame per clause: a fact-checker checks P
    and Q apart (GUIDE §3). A clause holding a `que` of its own before the next one ("étant donné que
    A et que B") is one frame: its later `que` may be that nested clause's."""
    start, end = frame["content"]
    tokens = tokens_in(doc, (start, end))
    if not tokens or tokens[0].i == 0 or doc[tokens[0].i - 1].lower_ not in QUE:
        return [frame]  # (not 'explique "P" et que Q': only clauses that each open on `que`)
    parts: list[tuple[int, int]] = []
    first = 0
    for k, token in enumerate(tokens):
        if k < 2 or token.lower_ not in QUE or token.dep_ != "mark":
            continue
        joined = tokens[k - 1].lower_ in COORDINATORS or (tokens[k - 1].text == "," and token.head.dep_ == "conj")
        if not joined or any(t.lower_ in QUE and t.dep_ == "mark" for t in tokens[first:k]):
            continue
        cut = k - 2 if tokens[k - 1].text != "," and tokens[k - 2].text in (",", "–", "-") else k - 1
        span = _tokens_span(doc, tokens[first].i, tokens[cut - 1].i) if cut > first else None
        if span is None or not _has_predicate(tokens[first:cut]):
            continue
        parts.append(span)
        first = k + 1
    if not parts or first >= len(tokens):
        return [frame]
    parts.append((tokens[first].idx, end))
    cue = (frame["cue"][0], frame["cue"][1])
    verb = None if frame["verb"] is None else doc[frame["verb"]]
    return [_frame("indirect", cue, frame["holder"], part, frame["lemma"], doc, verb) for part in parts]


def _sentences(doc: Doc) -> list[Any]:
    """The parser's sentences, one that opens on a comma joined to the sentence before it: the
    parser sometimes ends a sentence before an inverted incise ("Les crues seront plus fréquentes,
    | est-il écrit dans le rapport"), whose content is then the clause before the comma; so is one
    that opens in lower case after no final stop (a cut inside "le conflit russo-ukrainien"), or that
    follows a stop inside parentheses ("avec cette double (triple !) casquette")."""
    spans: list[Any] = []
    for sent in doc.sents:
        opening = next((t.text for t in sent if not t.is_punct), "").lstrip("-")
        cut = spans and spans[-1][-1].text not in ENDS and (not opening or opening[:1].islower())  # "russo|-|ukrainien"
        bracketed = spans and any(t.text == ")" for t in sent) and _opens(spans[-1])  # it closes here
        if spans and (sent[0].text == "," or cut or bracketed):
            spans[-1] = doc[spans[-1].start : sent.end]
        else:
            spans.append(sent)
    return spans


def _opens(span: Any) -> bool:
    """Whether a span leaves a parenthesis open."""
    return bool(sum((t.text == "(") - (t.text == ")") for t in span) > 0)


@Language.factory("filigrane_attribution", default_config={"outlet_files": []})
def make_attribution(nlp: Language, name: str, outlet_files: list[str]) -> Attribution:
    return Attribution(tuple(outlet_files))


def frames_of(doc: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] | None = doc._.filigrane_frames
    return found or []


# ----------------------------------------------------------------------------------------------
# Indirect speech


def _clause_report(verb: Any) -> str | None:
    """The lemma of a verb no lexicon lists that reports all the same: a `que` clause in the
    indicative or conditional as its complement and a noun for its subject ("la Commission a
    découvert que", "Un article atteste que"). The verbs of `not_reports` (decisions, plans, promises,
    wishes, being) and pronominal uses ("il s'avère que") report nothing."""
    if verb.pos_ != "VERB":
        return None
    doc = verb.doc
    following = next((t for t in doc[verb.i + 1 : verb.i + 4] if t.pos_ != "ADV"), None)
    if following is not None and [t.lower_ for t in doc[following.i : following.i + 2]] == ["le", "fait"]:
        following = doc[following.i + 2] if following.i + 2 < len(doc) else None  # "a salué le fait que"
    if following is None or following.lower_ not in QUE:
        return None  # the common case, settled before the lexicon and the subtree are read
    if any(spelling in reporting_verbs().not_reports for spelling in lemma_spellings(verb)) or any(
        c.lower_ in REFLEXIVE or c.lower_ in NE
        for c in verb.children  # "ne conserve que 25 positions"
    ):
        return None
    clauses = [c for c in verb.subtree if c.dep_ == "ccomp" and c.i > verb.i]
    finite = [t for c in clauses for t in (c, *c.children) if t is c or t.dep_.startswith("aux")]  # head, auxiliaries
    moods = [mood for t in finite for mood in t.morph.get("Mood", [])]
    nominal = any(s.pos_ in ("NOUN", "PROPN") for s in _subjects(verb))
    return verb.lemma_.lower() if clauses and "Sub" not in moods and nominal else None


def _closing_incise(doc: Doc, sent: Any, verb: Any) -> str | None:
    """The lemma of any verb that closes its sentence as an inverted incise after a comma, its subject
    after it ("Il n'est pas vrai que P, corrige la ministre.", "P, tranche le rapport."): the incise
    makes it a verb of saying, as after a quotation."""
    present_form = verb.lower_.endswith(("e", "ent"))  # "corrige" tagged as an infinitive is not one
    if verb.pos_ != "VERB" or ("Fin" not in verb.morph.get("VerbForm", []) and not present_form):
        return None
    first, last, clitic = _cue(doc, verb)
    if first <= sent.start or doc[first - 1].text != "," or clitic is not None or _subjects(verb):
        return None
    return verb.lemma_.lower() if _closing_speaker(doc, sent, verb, last) else None


def _speaker(token: Any) -> bool:
    """Whether a noun names someone who speaks: a person entity, a person noun or a body."""
    lemma = token.lemma_.lower()
    gender = next(iter(token.morph.get("Gender")), "")
    return bool(token.ent_type_ == "PER" or person_word(lemma, gender, token.text) or actor_noun(lemma))


def _closing_speaker(doc: Doc, sent: Any, verb: Any, last: int) -> bool:
    """Whether a definite person or body after the verb group closes the sentence: the speaker of
    an inverted incise ("…, rectifie la présidente."), whatever the parser made of it (an object)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "obj") and c.i > last), None)
    if subject is None or not _subject_after(doc, verb, last):
        return False
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in subject.children)
    named_body = any(c.dep_ in ("nmod", "flat:name", "appos") and named(c) for c in subject.children)
    # "…, créent une entreprise commune": an object, not a speaker
    if not (definite and (_speaker(subject) or named_body)):
        return False
    after = subject.right_edge.i + 1
    return after >= sent.end or doc[after].text in ENDS


def _cue(doc: Doc, verb: Any) -> tuple[int, int, Any]:
    """(first token, last token, inverted clitic or None) of the verb group: "a-t-il estimé"."""
    first = min([c.i for c in verb.children if c.dep_.startswith("aux") and verb.i - 4 <= c.i < verb.i] + [verb.i])
    if first > 0 and doc[first - 1].lower_ in REFLEXIVE and doc[first - 1].head.i == verb.i:
        first -= 1  # "s'est félicitée": the reflexive clitic belongs to the verb group
    carrier = verb.head
    if carrier.i < first and _carried(verb) and all(t.pos_ in ("ADP", "ADV") for t in doc[carrier.i + 1 : first]):
        first = _cue(doc, carrier)[0]  # "a tenu à préciser", "vient d'annoncer": the carrier's group too
    last = verb.i
    while last + 1 < len(doc) and doc[last + 1].lower_ in INVERTED:
        last += 1
    clitics = [doc[i] for i in range(first, last + 1) if doc[i].lower_ in INVERTED and doc[i].lower_ != "-t"]
    return first, last, clitics[-1] if clitics else None


def _verb_frame(doc: Doc, sent: Any, verb: Any, before: dict[int, dict[str, Any]]) -> dict[str, Any] | None:
    if verb.pos_ != "VERB" and not untagged_participle(verb):
        return None  # (first: this runs on every token)
    lemma = reporting_lemma(verb) or _clause_report(verb) or _text_report(verb)
    closing = _closing_incise(doc, sent, verb) if lemma is None else None
    lemma = lemma or closing
    if lemma is None:
        return None
    # (a listed verb: "n'a dû payer que 51 millions" has a "que" but reports nothing)
    carried = (_carried(verb) and reporting_lemma(verb) is not None) or closing is not None
    if "Inf" in verb.morph.get("VerbForm") and not (verb.dep_ == "xcomp" and lemma in denials().verbs) and not carried:
        return None  # an infinitive reports nothing, but "a tenu à démentir X" denies X, "vient de déclarer" reports
    if any(c.lower_ == "si" for c in verb.children):  # a hypothesis: "si la Commission estime que"
        return None
    subordinate = any(c.dep_ == "mark" and c.lower_ in QUE for c in verb.children)
    wished = subordinate and verb.head.lemma_.lower() in VOLITION  # "Nous voulons que les magistrats sachent"
    if (
        wished
        or ("Sub" in verb.morph.get("Mood", []) and subordinate)
        or ("Imp" in verb.morph.get("Mood", []) and not _subjects(verb))
    ):  # "pour que les magistrats sachent que", "Dites-lui que": a wish or an order, not a report
        return None
    reflexive = any(c.lower_ in REFLEXIVE for c in verb.children)
    if reflexive and lemma not in reporting_verbs().pronominal:
        return None  # "se rappeler", "s'assurer": a pronominal use that reports nothing
    if "Fut" in verb.morph.get("Tense") or any(
        c.dep_ == "aux" and "Fut" in c.morph.get("Tense") and c.lemma_ != "avoir" for c in verb.children
    ):
        return None  # "M. Liikanen assurera le suivi", "seront poursuivis": a plan, not a stance
    passive = not reflexive and any(c.dep_ == "aux:pass" and c.lemma_ == "être" for c in verb.children)
    # (the parser may hang the agent on a time noun before it: "démenties dimanche par le gouvernement")
    agents = (
        [c for c in verb.subtree if c.dep_ == "obl:agent" and verb.i in (c.head.i, c.head.head.i)] if passive else []
    )
    if passive and not agents and lemma in denials().verbs:  # as an oblique: "démenties samedi par la préfecture"
        agents = [c for c in verb.children if c.dep_.startswith("obl") and c.i > verb.i and introduced_by(c, BY)]
    # (one with a subject of its own is a finite verb the tagger misread: "…, le milieu conteste avoir")
    bare_participle = not any(c.dep_.startswith("aux") or c.dep_ in SUBJECTS for c in verb.children)
    if (
        verb.dep_ in ("acl", "advcl")
        and bare_participle
        and "Part" in verb.morph.get("VerbForm")
        and not AGENT.search(doc[verb.left_edge.i : verb.right_edge.i + 1].text.lower())  # one the parser missed
        and "Past" in verb.morph.get("Tense")
    ):  # "un rapport, publié en août", "Accusé d'avoir menti, le sénateur nie": it describes, it reports nothing
        return None
    first, last, clitic = _cue(doc, verb)
    written_in = clitic is not None and clitic.lower_ == "-il" and _read_source(verb) is not None
    if passive and not agents and lemma not in reporting_verbs().reception and not written_in:
        return None  # agentless reports: "il est estimé que", "il a été observé que" (GUIDE §7)
    cue = (doc[first].idx, doc[last].idx + len(doc[last].text))
    content, inverted = _content(doc, sent, verb, first, last, lemma)
    if passive and agents and lemma in denials().verbs:  # "Cette rumeur a été démentie par la mairie"
        content = _passive_subject(doc, sent, verb, first) or content
    if content is None and not passive:
        content = _dislocated(doc, sent, verb, first, lemma)  # "Cette hypothèse, la PDG l'a écartée"
    if content is None:
        if content is None and inverted is not None:  # colon then a quotation: the speaker of that quotation
            speaker = _holder(doc, verb, clitic, False)
            if speaker is not None and inverted >= 0:
                before[inverted] = {"cue": cue, "holder": speaker, "lemma": lemma}
                denied = [c for c in verb.children if c.dep_ == "obj" and verb.i < c.i and c.idx < inverted]
                if denied and lemma in denials().verbs:  # "a démenti tout lien : « … »": the object is denied
                    colon = _token_at_or_before(doc, inverted - 1)
                    span = _tokens_span(doc, denied[0].left_edge.i, colon - 1)
                    return _frame("indirect", cue, speaker, span, lemma, doc, verb) if span else None
            elif speaker is not None:  # "… a averti:" ending the paragraph: the next quotation is theirs
                return {"kind": "announce", "cue": list(cue), "holder": speaker, "content": list(cue)}
        allegation = _allegation(doc, sent, first) if lemma in denials().verbs else None
        if allegation is not None:  # "Interrogé sur X, le club a démenti, affirmant que Y": X is denied
            speaker = _holder(doc, verb, clitic, False)
            return _frame("indirect", cue, speaker, allegation, lemma, doc, verb) if speaker is not None else None
        return None
    # a passive with its agent: "était considéré comme dangereux par l'ANSM"
    holder = _mention(doc, agents[0], verb) if passive and agents else _holder(doc, verb, clitic, inverted is not None)
    if holder is None:
        return None
    return _frame("indirect", cue, holder, content, lemma, doc, verb)


def _passive_subject(doc: Doc, sent: Any, verb: Any, cue_first: int) -> tuple[int, int] | None:
    """What a passive denial denies: its subject, before the verb group ("L'information selon
    laquelle les soldats seraient morts a été démentie par …" -> "les soldats seraient morts"; "Cette
    rumeur a été démentie" -> "Cette rumeur"). The clause after "selon laquelle" or after a speech
    noun's "que" is the proposition itself; the parser often hangs its words on the main verb, so the
    span runs from the clause start to the verb group."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubj") and c.i < cue_first]
    if not subjects:
        return None
    start = max(sent.start, min(c.left_edge.i for c in subjects))  # "Contre toute raison, X est balayée": X
    while start < cue_first and (doc[start].is_punct or doc[start].pos_ == "CCONJ"):
        start += 1
    for token in doc[start:cue_first]:
        if token.lower_ in RELATIVES and token.i > start and doc[token.i - 1].lower_ == "selon":
            start = token.i + 1  # "l'information selon laquelle P": P is what is denied
            break
        if token.lower_ in QUE and token.i > start and doc[token.i - 1].lemma_.lower() in SPEECH_NOUNS:
            start = token.i + 1  # "l'affirmation que P"
            break
    return _tokens_span(doc, start, cue_first - 1)


def _dislocated(doc: Doc, sent: Any, verb: Any, cue_first: int, lemma: str) -> tuple[int, int] | None:
    """The object a clitic takes up from the head of its sentence ("L'hypothèse d'une fusion, la PDG
    l'a écartée", "Cette information, le ministère ne l'a pas confirmée"): the noun phrase before the
    comma that precedes the subject is what the verb takes."""
    clitics = [c for c in verb.children if c.dep_ == "obj" and c.pos_ == "PRON" and c.lower_ in OBJECT_CLITICS]
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.i < cue_first]
    if not clitics or clitics[0].i > verb.i or not subjects:
        return None
    start = sent.start
    while start < cue_first and doc[start].is_punct:
        start += 1
    comma = subjects[0].left_edge.i - 1
    if comma <= start or doc[comma].text != "," or any(t.text == "," for t in doc[start:comma]):
        return None
    head = next((t for t in doc[start:comma] if t.pos_ == "NOUN" and t.head.i not in range(start, comma)), None)
    if head is None:
        return None
    verbs = reporting_verbs().object_content | denials().verification
    taken = lemma in verbs or (lemma in denials().verbs and head.lemma_.lower() in denials().allegations)
    return _tokens_span(doc, start, comma - 1) if taken else None


def _allegation(doc: Doc, sent: Any, cue_first: int) -> tuple[int, int] | None:
    """The allegation an objectless denial answers, named by a participle opening the sentence
    ("Interrogé sur le départ de l'entraîneur, le club a démenti", "Accusé d'avoir menti, il nie en
    bloc"): the participle's complement, up to its comma (GUIDE.md: the allegation named nearby)."""
    start = sent.start
    while start < cue_first and doc[start].is_punct:
        start += 1
    opening = doc[start]
    if not ("Part" in opening.morph.get("VerbForm") and "Past" in opening.morph.get("Tense")):
        return None
    if start + 1 >= cue_first or doc[start + 1].pos_ != "ADP":
        return None
    comma = next((t.i for t in doc[start + 2 : cue_first] if t.text == ","), None)
    return _tokens_span(doc, start + 2, comma - 1) if comma is not None and comma > start + 2 else None


def _misread_verb(doc: Doc, sent: Any, token: Any) -> dict[str, Any] | None:
    """A denial verb the tagger took for an adjective or adverb ("Le Kremlin dément avoir interféré"),
    or a verb of saying it took for a noun before `que` ("Le rapport de l'observatoire note que"):
    its subject is the noun phrase just before it, its content all that follows."""
    lemma = denials().misread_forms.get(token.lower_) or _misread_report(doc, token)
    if lemma is None or token.pos_ in ("VERB", "AUX") or token.i == sent.start or token.i + 1 >= sent.end - 1:
        return None
    subject = doc[token.i - 1]
    relative = subject.lower_ == "qui" and token.i - 2 > sent.start  # "Moscou, qui dément toute exaction,"
    if relative:
        subject = doc[token.i - 3] if doc[token.i - 2].text == "," else doc[token.i - 2]
    inverted = doc[token.i + 1].lower_ in INVERTED  # "…, dément-il, …": an incise, its subject after it
    if subject.text == "," and token.i - 2 > sent.start and not inverted:  # "L'Amicale, une association, doute"
        subject = doc[token.i - 2]
    while subject.dep_ in ("flat:name", "amod", "nmod", "flat", "appos") and subject.head.i < subject.i:
        subject = subject.head  # (and the role before an apposed name: "Le colonel Marc Augier doute")
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    # where the noun phrase opens: its determiner and adjectives, not what the parser hung on it
    opening = min([c.i for c in subject.children if c.dep_ in ("det", "amod") and c.i < subject.i] + [subject.i])
    if subject.dep_ not in SUBJECTS and not (opening == sent.start or doc[opening - 1].is_punct):
        return None  # "Par ailleurs, Moscou dément être…": a noun phrase opening its clause, wherever it is hung
    end = sent.end - 1
    if relative:  # the relative clause ends at its comma
        end = next((t.i - 1 for t in doc[token.i + 1 : sent.end] if t.text == ","), end)
    start = token.i + 1
    while start < sent.end - 1 and (
        doc[start].pos_ == "ADV" or doc[start].lower_ in QUE or doc[start].lower_ in denials().false_words
    ):  # "dément aussi fermement que …", "juge infondées les rumeurs": the manner, the subordinator
        start += 1  # and the qualification are the cue's
    content = _tokens_span(doc, start, end)
    if content is None:
        return None
    cue = (token.idx, token.idx + len(token.text))
    return _frame("indirect", cue, _mention(doc, subject, token), content, lemma, doc, None)


def _opening_denial(doc: Doc, sent: Any, token: Any) -> dict[str, Any] | None:
    """A denial participle opening its sentence that no verb frame read, whatever the parser made of
    it ("Démentant toute réunion secrète, le ministère a publié l'agenda", read as a subject of
    "réunion"): what it denies runs to the first comma, its holder is the subject after that comma."""
    if token.i != sent.start or not token.lower_.endswith("ant") or token.lemma_.lower() not in denials().verbs:
        return None
    comma = next((t.i for t in doc[token.i + 1 : sent.end] if t.text == ","), None)
    if comma is None or comma == token.i + 1 or doc[token.i + 1].pos_ in ("ADP", "ADV"):
        return None  # "Niant en bloc, …": a manner, nothing denied
    if not any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in doc[token.i + 1 : comma]):
        return None
    subject = next((t for t in doc[comma + 1 : sent.end] if t.dep_ in SUBJECTS and t.head.i > comma), None)
    content = _tokens_span(doc, token.i + 1, comma - 1)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or content is None:
        return None
    cue = (token.idx, token.idx + len(token.text))
    return _frame("indirect", cue, _mention(doc, subject, subject.head), content, token.lemma_.lower(), doc, None)


def _misread_report(doc: Doc, token: Any) -> str | None:
    """The lemma of a verb of saying in the present the tagger read as a noun or an adjective: a bare
    word (no determiner) right before `que` whose form is that verb's ("note", "souligne")."""
    if token.pos_ not in ("NOUN", "ADJ") or any(c.dep_ == "det" for c in token.children):
        return None
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ not in QUE:
        return None
    forms = (token.lower_ + "r", token.lower_[:-1] + "r") if token.lower_.endswith("e") else ()
    return next((form for form in forms if form in reporting_verbs().affirms), None)


def _phrase_frame(
    doc: Doc, sent: Any, mark: Any, before: dict[int, dict[str, Any]], phrases: tuple[str, ...]
) -> dict[str, Any] | None:
    """Multi-word cues before `que` or a colon ("ont fait valoir que", "est, en outre, d'avis que"),
    or before their object (`phrases` then holds the object phrases: "a mis en évidence l'inégalité")."""
    first = _phrase_start(doc, sent, mark, phrases)
    if first is None:
        return None
    # "s'inscrit en faux contre les affirmations": a phrase that denies its object
    lemma = DENYING_PHRASE if _phrase_words(doc, first, mark.i) in denials().object_phrases else ""
    while first > sent.start and (
        _verb_group(doc[first - 1]) or (doc[first - 1].dep_ == "det" and doc[first - 1].head.i >= first)
    ):  # "a fait la déclaration suivante :": the verb group and the phrase noun's determiner
        first -= 1
    while first < mark.i and doc[first].is_punct:
        first += 1
    opening = mark.lower_ in QUE or mark.text == ":"
    if not opening and doc[first].pos_ not in ("AUX", "VERB"):
        return None  # an object phrase is a verb's: "remet en question les chiffres", not "les aides en question"
    subjects = [t for t in doc[sent.start : first] if t.dep_ in SUBJECTS and t.head.i >= first - 1]
    if not subjects and doc[first].pos_ in ("AUX", "VERB"):  # "a rejeté toute faute et a fait savoir que"
        verb = doc[first].head if doc[first].dep_.startswith("aux") else doc[first]
        subjects = _subjects(verb) if verb.dep_ == "conj" else []
    if not subjects:
        return None
    holder = _mention(
        doc, _antecedent(doc[subjects[-1].i - 1]) if subjects[-1].lower_ == "qui" else subjects[-1], doc[first]
    )
    cue = (doc[first].idx, doc[mark.i - 1].idx + len(doc[mark.i - 1].text))
    if mark.text == ":":
        nxt = doc[mark.i + 1] if mark.i + 1 < sent.end else None
        if nxt is not None and nxt.text in OPENING:
            before[nxt.idx] = {"cue": cue, "holder": holder, "lemma": ""}
            return None
        if mark.i + 1 >= len(doc):  # "a fait la déclaration suivante :" ending the paragraph
            return {"kind": "announce", "cue": list(cue), "holder": holder, "content": list(cue)}
    content = _tokens_span(doc, mark.i + 1 if opening else mark.i, sent.end - 1)
    if content is None:
        return None
    return _frame("indirect", cue, holder, content, lemma, doc, doc[first])


def _noun_frame(doc: Doc, sent: Any, mark: Any) -> dict[str, Any] | None:
    """A speech or belief noun before `que`: "reflète la conviction de la Commission que …" (the owner
    holds it), "a exprimé la crainte que …" (the subject of the verb holds it)."""
    if mark.lower_ not in QUE or mark.pos_ != "SCONJ":
        return None
    cue_nouns = reporting_verbs().cue_nouns
    noun = next(
        (t for t in doc[max(sent.start, mark.i - 6) : mark.i] if t.pos_ == "NOUN" and t.lemma_.lower() in cue_nouns),
        None,
    )
    if noun is None:
        return None
    owners = [c for c in noun.children if c.dep_ == "nmod" and noun.i < c.i < mark.i]
    first, lemma = noun.left_edge.i, ""
    if owners:
        holder = _mention(doc, owners[0], noun)
    elif noun.dep_ == "obj" and noun.head.pos_ == "VERB" and _subjects(noun.head):
        verb = noun.head
        holder = _mention(doc, _subjects(verb)[-1], verb)
        first = _cue(doc, verb)[0]
        dismissed = next((s for s in lemma_spellings(verb) if s in denials().verbs), None)
        lemma = dismissed or ""  # "a écarté la crainte que P", "rejette l'hypothèse que P": P is denied
    else:
        return None
    content = _tokens_span(doc, mark.i + 1, sent.end - 1)
    if content is None:
        return None
    cue = (doc[first].idx, noun.idx + len(noun.text))
    return _frame("indirect", cue, holder, content, lemma, doc, doc[first])


def _nominal_frame(doc: Doc, sent: Any, noun: Any) -> dict[str, Any] | None:
    """An announcement as a noun, with its author and what it announces: "après l'annonce par
    Vladimir Poutine d'une intervention militaire" (the agent of `par`), "Le ministère a fait une
    annonce d'arrestation de supporters" (the subject of `faire`)."""
    agents = [c for c in noun.children if c.dep_ == "obl:agent" and c.i > noun.i]
    if agents:
        agent, first = agents[0], noun.i
        holder, after = _mention(doc, agent, noun), agent.right_edge.i + 1
        hung = next(  # the parser hangs "d'une intervention" on the name: the agent stops before it
            (t for t in doc[agent.i + 1 : agent.right_edge.i + 1] if t.lower_ in OF and _determined_noun(t.head)),
            None,
        )
        if hung is not None:
            start = _token_at_or_before(doc, holder["start"] + 1)
            holder, after = holder_info(doc, start, hung.i - 1, agent), hung.i
    elif noun.dep_ == "obj" and noun.head.lemma_ == "faire" and _subjects(noun.head):
        holder, after = _mention(doc, _subjects(noun.head)[-1], noun.head), noun.i + 1
        first = _cue(doc, noun.head)[0]
    else:
        return None
    announced = [t for t in doc[after : min(sent.end, after + 2)] if t.lower_ in OF]
    if not announced:
        return None
    thing = announced[0].head  # "d'une intervention militaire": the noun "d'" introduces
    if thing.i <= announced[0].i or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    content = _tokens_span(doc, announced[0].i + 1, min(thing.right_edge.i, sent.end - 1))
    if content is None:
        return None
    cue = (doc[first].idx, noun.idx + len(noun.text))
    return _frame("indirect", cue, holder, content, "annoncer", doc, noun)


def _determined_noun(token: Any) -> bool:
    """A common noun with its determiner ("une intervention"), not a name ("du Kremlin")."""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" for c in token.children)


def _emerges_frame(doc: Doc, sent: Any, mark: Any) -> dict[str, Any] | None:
    """ "Il ressort de l'enquête que P", "De notre étude, il ressort que P", "Il ressort du rapport
    que P": the text P comes out of states it."""
    if mark.lower_ not in QUE:
        return None
    verb = next((t for t in doc[max(sent.start, mark.i - 12) : mark.i] if t.lemma_.lower() == "ressortir"), None)
    if verb is None or not any(c.dep_ == "expl:subj" or c.lower_ == "il" for c in verb.children):
        return None
    sources = [
        c
        for c in (*verb.children, *(t for t in doc[sent.start : verb.i] if t.dep_.startswith("obl")))
        if c.pos_ in ("NOUN", "PROPN") and any(k.lower_ in OF for k in c.children) and c.i < mark.i
    ]
    content = _tokens_span(doc, mark.i + 1, sent.end - 1)
    if not sources or content is None:
        return None
    first = min(verb.i - 1, sources[0].left_edge.i)
    cue = (doc[first].idx, verb.idx + len(verb.text))
    return _frame("indirect", cue, _mention(doc, sources[0], verb), content, "", doc, verb)


def _denial_heading(doc: Doc, sent: Any, colon: Any) -> dict[str, Any] | None:
    """A nominal denial opening its sentence: "Démenti du ministère des Armées : aucun soldat n'a
    été déployé" (the owner denies the allegation; what follows the colon is their account), or
    "Démenti de l'Élysée sur un remaniement" (what follows "sur" is denied). The tagger often
    reads the noun as a participle, so the words are matched, not the parse."""
    if colon.text != ":" and not (colon.lower_ in ABOUT and ":" not in sent.text):
        return None
    first = sent.start
    while first < colon.i and doc[first].is_punct:
        first += 1
    if doc[first].lower_ not in denials().nouns:
        return None
    at = first + 1
    # "Démenti formel du Kremlin", "Démenti très ferme", "Démenti cinglant" (tagged a participle)
    while at < colon.i and (doc[at].pos_ in ("ADJ", "ADV") or "Part" in doc[at].morph.get("VerbForm")):
        at += 1
    if at + 1 >= colon.i or doc[at].lower_ not in OF:
        return None
    owner = doc[at + 1 : colon.i]
    head = next((t for t in owner if t.head.i < owner.start or t.head.i >= owner.end), owner[0])
    content = _tokens_span(doc, colon.i + 1, sent.end - 1)
    if content is None:
        return None
    holder = holder_info(doc, owner.start, owner.end - 1, head)
    cue = (doc[first].idx, doc[at - 1].idx + len(doc[at - 1].text))
    return _frame("indirect", cue, holder, content, "démentir", doc, None)


def _near_object_key(doc: Doc, sent: Any, index: int, keys: frozenset[str]) -> bool:
    """Whether one of the two words before `index`, or three with an adjective among them ("démenti
    formel à"), is the key word of an object phrase ("évidence")."""
    if index - 1 >= sent.start and doc[index - 1].lower_ in keys:
        return True
    if index - 2 >= sent.start and doc[index - 2].lower_ in keys:
        return True
    third = index - 3  # (checked last: this runs on every token)
    return (
        third >= sent.start and doc[third].lower_ in keys and doc[index - 2].pos_ == "ADJ" and doc[third].pos_ == "NOUN"
    )


def _phrase_start(doc: Doc, sent: Any, mark: Any, phrases: tuple[str, ...]) -> int | None:
    """The first token of a lexicon phrase ending just before `mark` (spaces ignored: "d' avis")."""
    for first in range(mark.i - 1, max(sent.start, mark.i - 6) - 1, -1):
        if _phrase_words(doc, first, mark.i) in phrases:
            return first
    return None


def _phrase_words(doc: Doc, first: int, end: int) -> str:
    """The words of a phrase from `first` to before `end`, squeezed, an adjective after one of its
    nouns left out: it is the manner ("a opposé un démenti formel à l'annonce"; not the "faux" of
    "s'inscrit en faux contre")."""
    manner = [t for t in doc[first + 1 : end] if t.pos_ == "ADJ" and doc[t.i - 1].pos_ == "NOUN"]
    return _squeeze(" ".join(t.text for t in doc[first:end] if t not in manner))


def _squeeze(text: str) -> str:
    return "".join(text.lower().replace("’", "'").split())


def _verb_group(token: Any) -> bool:
    """Tokens of a verb group before a multi-word cue: auxiliaries, verbs, adverbs, incise commas."""
    if token.dep_ in SUBJECTS:
        return False
    return bool(
        token.pos_ in ("AUX", "VERB", "ADV")
        or token.text == ","
        or (token.pos_ == "ADP" and token.dep_ in ("fixed", "advmod"))
    )


def _clip_nested(doc: Doc, frames: list[dict[str, Any]]) -> None:
    """A frame's content stops where another holder's inverted frame begins.

    "Bien que Washington nie l'évacuation…, la probabilité … est presque 100%, a estimé le sénateur":
    the senator's content and cue are his, so Washington's content ends before them and his markers
    ("presque 100%") are not Washington's.
    """
    for frame in frames:
        for other in frames:
            if other is frame or other["holder"] is None or frame["holder"] is None:
                continue
            if (other["holder"]["start"], other["holder"]["end"]) == (frame["holder"]["start"], frame["holder"]["end"]):
                continue
            start, end = frame["content"]
            inverted = other["content"][0] < other["cue"][0]
            frames_me = (
                other["content"][0] <= frame["cue"][0] < other["content"][1]
                and "," not in doc.text[other["cue"][0] : end]
            )  # "P, selon un communiqué." closing P; not "qui, selon les mesures en vigueur, devrait"
            if inverted and frames_me and start < other["cue"][0] < end:
                # "Le groupe a démenti P, selon un communiqué": P stops before the frame around its own cue
                frame["content"] = _cut_before(doc, start, other["cue"][0])
            elif inverted and start < other["content"][0] < end and other["cue"][0] <= end + 3:
                cut = other["content"][0]
                while cut > start and (doc.text[cut - 1].isspace() or doc.text[cut - 1] in ",;:"):
                    cut -= 1
                if cut > start:
                    frame["content"] = [start, cut]
            elif (
                other["kind"] == "indirect"
                and start < other["holder"]["start"] < other["cue"][0] < other["content"][0] < end
            ):
                # "Washington a dénoncé une attaque, tandis que Damas a affirmé que …": two holders, two claims;
                # "P, d'après la vidéo d'un chimiste qui avance que Q": P stops before its own cue
                own_cue = frame["cue"][0] if start < frame["cue"][0] < other["holder"]["start"] else end
                frame["content"] = _cut_before(doc, start, min(other["holder"]["start"], own_cue))


def _content(
    doc: Doc, sent: Any, verb: Any, first: int, last: int, lemma: str
) -> tuple[tuple[int, int] | None, int | None]:
    """The content span, and for an inverted incise its flag (for a colon+quote, the quote's offset)."""
    after = last + 1
    if [t.lower_ for t in doc[after : after + 3]] == ["ce", "qui", "suit"]:
        after += 3  # "a déclaré ce qui suit :": the words announce what follows the colon
    if doc[after : after + 1].text == ",":  # "raconte, sous couvert d'anonymat, que": past the incise
        closing = next((t.i for t in doc[after + 1 : min(sent.end, after + INCISE_TOKENS)] if t.text == ","), None)
        sourced = closing is not None and any(t.lower_ in ("selon", "après") for t in doc[after:closing])
        if closing is not None and not sourced and closing + 1 < sent.end and doc[closing + 1].lower_ in QUE:
            after = closing + 1  # (not ", selon le Comité, que": the incise names the holder)
    following = [t for t in doc[after : min(sent.end, after + CLAUSE_REACH)]]
    for token in following:
        if token.lower_ in QUE and _relative_on_object(doc, verb, token):
            break  # "a rappelé l'engagement que la France a pris": the object, not a clause, is said
        if token.lower_ in QUE:
            if token.i + 2 == len(doc) and doc[token.i + 1].text == ":":
                return None, -2  # "souligne que :" ending the paragraph: the next one is what is said
            if not _has_predicate(doc[token.i + 1 : sent.end]):  # "a déclaré qu'à tout": a fragment
                return None, None
            end = sent.end - 1
            participle = "Part" in verb.morph.get("VerbForm", [])
            if participle and (verb.dep_ == "acl" or (verb.dep_ == "advcl" and verb.i < verb.head.i)):
                end = min(end, verb.right_edge.i)  # "Un communiqué précisant que P a été publié": P only
            return _tokens_span(doc, token.i + 1, end), None
        if token.text in OPENING and token.i == after and _says_words(lemma):
            return None, token.idx  # 'a indiqué " ne sniffer que du café "': the quotation is what was said
        if token.text == ":":
            nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
            if nxt is not None and nxt.text in OPENING:
                return None, nxt.idx
            if token.i + 1 >= len(doc):
                return None, -2  # the paragraph ends on the colon
            return (_tokens_span(doc, token.i + 1, sent.end - 1) if token.i + 1 < sent.end else None), None
        if token.is_punct or token.pos_ == "VERB":
            break
    if _as_said(verb):
        clause = _main_clause(doc, sent, verb)
        return (clause, -1) if clause is not None else (None, None)
    previous = doc[first - 1] if first > sent.start else None
    if previous is not None and previous.text == "," and _inverted(doc, verb, first, last):
        start = _clause_start(doc, sent, first - 1)
        quoted = first - 2 >= sent.start and doc[first - 2].text in CLOSING
        if quoted and not _quote_inside_clause(doc, start, first - 2):
            return None, None  # "« … », a dit X": the quotation is the content (a direct frame)
        if start < first - 1 and _has_predicate(doc[start : first - 1]):
            return _tokens_span(doc, start, first - 2), -1
        return None, None
    text_of = lemma in reporting_verbs().text_of and _text_subject(verb)  # "L'article parlait de vingt morts"
    text_says = text_of or (lemma in reporting_verbs().text_object and _text_subject(verb))
    if not text_says and (
        lemma in reporting_verbs().clause_only or (lemma in reporting_verbs().pronominal and lemma != "dire")
    ):
        # but "disent combattre les terroristes", "explique avoir agi seul": an infinitive account, and
        # "s'est félicité d'avoir réduit …": a past act a pronominal verb of saying tells after "de"
        reflexive = any(c.lower_ in REFLEXIVE for c in verb.children)
        pronominal = reflexive and lemma in reporting_verbs().pronominal
        told = [
            c
            for c in verb.children
            if c.i > verb.i
            and (
                (_infinitive_clause(c) and (lemma in SAYS_INFINITIVE or _past(c)))
                or _copular_infinitive(c)
                or (pronominal and _past(c) and _of_infinitive(c))
            )
        ]
        if told and (not reflexive or pronominal):
            start = told[0].left_edge.i
            return _tokens_span(doc, start + (doc[start].lower_ in OF), sent.end - 1), None
        return None, None
    # "Commentant ce document", "en assurant le suivi": a circumstance, not a report; but "le parti lui
    # reprochant de …" has its own subject, and "Réfutant les conclusions de l'audit, X" denies all the same
    circumstance = "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")
    subjectless = not any(c.dep_ in SUBJECTS for c in verb.children)
    # (but "Qualifiant de « fake news » la vidéo, la commission …" denies the video: read last, only
    # for the participles that would be dropped)
    if (
        circumstance
        and subjectless
        and lemma not in denials().verbs
        and not (lemma in QUALIFYING and calls_false(doc, span_of(list(verb.subtree))))
    ):
        return None, None
    objects = [
        c
        for c in verb.children
        if c.i > verb.i and c.pos_ != "PRON" and (c.dep_ in ("obj", "xcomp") or _infinitive_clause(c))
    ]
    objects = objects or _addressee_infinitive(verb)
    if text_of:
        objects = [
            c
            for c in verb.children
            if (c.dep_ == "obj" or c.dep_.startswith("obl")) and c.i > verb.i and introduced_by(c, OF)
        ]
    if not objects and lemma in denials().verbs:  # 'a rejeté "catégoriquement" toutes les accusations':
        objects = [  # an adverb before the object makes the parser read it as a bare oblique
            c
            for c in verb.children
            if c.dep_.startswith("obl")
            and c.i > verb.i
            and c.pos_ == "NOUN"
            and not any(k.dep_ == "case" for k in c.children)
        ]
    if lemma in reporting_verbs().person_object:  # "a qualifié de « fake news » les informations":
        called = [o for o in objects if introduced_by(o, CALLED)]
        objects = [o for o in objects if o not in called] or objects  # the qualification is no object
        objects = objects or _object_after_qualification(verb)
    # "n'a pas confirmé la libération des otages": a verification refused denies its object
    refused = lemma in denials().verification and bool(negators(verb))
    believed = _belief_object(verb) if lemma == "croire" else None  # "ne croit pas à la thèse d'une panne"
    if believed is not None:
        objects = [believed]
    elif lemma in denials().verbs and any(o.lemma_.lower() in denials().allegations for o in objects):
        pass  # "écarte l'hypothèse d'un remaniement": a proposition dismissed, whatever the verb
    elif lemma not in reporting_verbs().object_content and not text_says and not refused:  # "garantir l'accès"
        # unless the object quotes the holder's words ("croit pouvoir « distraire l'armée »") or is a
        # bare infinitive clause, a proposition about the holder ("assure avoir vu", "disent combattre")
        objects = [
            o
            for o in objects
            if any(t.text in OPENING for t in doc[o.left_edge.i : o.right_edge.i + 5])
            or _infinitive_clause(o)
            or o.dep_ == "acl"  # the past infinitive hung on the addressee
        ]
    if lemma not in reporting_verbs().person_object:  # "a déclaré Mario Monti": an inverted subject
        objects = [o for o in objects if o.pos_ != "PROPN" and o.ent_type_ != "PER"]
    if objects:
        # to the sentence end, but a subordinate clause before its main clause stops at its own end:
        # "Bien que Washington nie X, [main clause]" stops at X
        leading = verb.dep_ in ("advcl", "csubj") and verb.i < verb.head.i
        last = min(verb.right_edge.i, sent.end - 1) if leading else sent.end - 1
        # "a rejeté toute faute et a fait savoir que …": a verb coordinated after the object is a
        # clause of its own (its own frame, if it reports), not part of what the object says
        joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > objects[0].i]
        if joined:
            cut = min([joined[0].left_edge.i, *(c.i for c in joined[0].children if c.dep_ in ("cc", "aux:tense"))])
            last = min(last, cut - 1)
        # "a rejeté les accusations, assurant que …": a participle after a comma says something else
        apart = next((t.i for t in doc[objects[0].i + 1 : last] if t.text == "," and _says_apart(doc[t.i + 1])), None)
        if apart is not None:
            last = apart - 1
        start = objects[0].left_edge.i
        while start < objects[0].i and (
            (doc[start].pos_ == "ADV" and doc[start].lower_ not in NE) or doc[start].is_punct
        ):  # (but "n'avoir jamais publié" keeps its negation)
            start += 1  # 'a rejeté "catégoriquement" toutes les accusations': the manner is no part of it
        if believed is not None and doc[start].lower_ in BELIEVED_IN:
            start += 1  # "croit à la thèse": the thesis
        if doc[start].lower_ in OF and objects[0].pos_ == "VERB" and doc[start].dep_ == "mark":
            start += 1  # "lui reprochant de n'avoir rien fait": what was done, not its "de"
        elif doc[start].lower_ in OF and text_of:
            start += 1  # "parlait de plus de vingt morts": what is spoken of, not its "de"
        elif doc[start].lower_ in OF:  # "a qualifié de « fake news » les informations": the object proper
            start = max([c.i for c in objects[0].children if c.dep_ == "det" and c.i > start] + [start])
        return _tokens_span(doc, start, last), None
    return None, None


def _belief_object(verb: Any) -> Any:
    """What "croire à / en" takes: the first noun after the verb introduced by "à" or "en", which the
    parser may hang on an adverbial noun ("ne croit pas un instant à la thèse")."""
    for token in verb.subtree:
        if token.i > verb.i and token.pos_ == "NOUN" and any(c.lower_ in BELIEVED_IN for c in token.children):
            return token
    return None


def _says_words(lemma: str) -> bool:
    """Whether a quotation right after the verb is the words said: a verb of saying that takes no
    object ("a indiqué « … »", "a déclaré « … »"), not one whose object may be quoted ("a dénoncé
    « une erreur »", "a démenti « toute ingérence »")."""
    verbs = reporting_verbs()
    return lemma in verbs.clause_only or (lemma in verbs.speech_only and lemma not in verbs.denies)


def _relative_on_object(doc: Doc, verb: Any, que: Any) -> bool:
    """Whether a `que` right after the verb's object noun opens a relative clause on it: the noun
    is neither a person ("a informé le ministre que P") nor a noun a clause completes ("le fait que")."""
    noun = doc[que.i - 1]
    if noun.pos_ != "NOUN" or noun.head.i != verb.i or noun.dep_ != "obj":
        return False
    lemma, verbs = noun.lemma_.lower(), reporting_verbs()
    return lemma not in verbs.clause_nouns and lemma not in verbs.cue_nouns and not person_noun(lemma)


def _has_predicate(tokens: Any) -> bool:
    """Whether the words before an incise make a proposition: a verb or an adjective, or a quotation.
    "Plus tôt dans la journée, le ministre X, a-t-il …" or a name alone are fragments, not claims."""
    return any(
        t.pos_ in ("VERB", "AUX", "ADJ")
        or t.text in OPENING
        or t.text in CLOSING
        or any(c.dep_ in SUBJECTS for c in t.children)  # "que la vidéo date de": a verb tagged as a noun
        for t in tokens
    )


def _object_after_qualification(verb: Any) -> list[Any]:
    """The object of "a qualifié de mensonge la prétendue fermeture": the parser hangs the noun
    phrase after the qualification on it; its first determiner after the qualifying noun opens it."""
    called = [c for c in verb.children if c.dep_.startswith("obl") and any(k.lower_ in OF for k in c.children)]
    if not called or called[0].i < verb.i:
        return []
    after = [t for t in called[0].subtree if t.i > called[0].i and t.pos_ == "DET" and t.head.pos_ == "NOUN"]
    return [after[0].head] if after and after[0].head.i > called[0].i else []


def _text_subject(verb: Any) -> bool:
    """Whether the verb's subject is a text or an outlet ("Un document officiel, récemment
    déclassifié, prouve …", "l'étude", "le journal"), by its head noun."""
    pictures = holder_cues()["visuals"]  # "La photo montre deux enfants": it depicts them
    return any(
        s.pos_ == "NOUN" and text_noun(s.lemma_.lower()) and s.lemma_.lower() not in pictures for s in _subjects(verb)
    )


def _as_said(verb: Any) -> bool:
    """ "…, comme l'indiquent les agences", "Comme l'a souligné le ministre, …", "comme en a averti M.
    X": a reporting verb in a `comme` clause whose object is the clitic standing for the main clause;
    also with the subject before the clitic, "…, comme les publications virales l'affirment"."""
    children = list(verb.children)
    return (
        verb.dep_ == "advcl"
        and verb.head.i != verb.i
        and any(c.dep_ == "mark" and c.lower_ == "comme" for c in children)
        and any(c.i < verb.i and c.lower_ in AS_SAID_CLITICS for c in children)
    ) or _comme_subject(verb) is not None


def _comme_subject(verb: Any) -> Any:
    """The subject of "comme X l'affirment" when the parser hung X on the main clause (a `comme`
    read as a preposition): the first noun between "comme" and the clitic before the verb."""
    doc = verb.doc
    clitic = next((c for c in verb.children if c.i < verb.i and c.lower_ in AS_SAID_CLITICS), None)
    if clitic is None or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    start = clitic.i - 1
    while start > verb.sent.start and not doc[start].is_punct and doc[start].lower_ != "comme":
        start -= 1
    if doc[start].lower_ != "comme" or clitic.i - start > MAX_COMME_WORDS:
        return None
    return next((t for t in doc[start + 1 : clitic.i] if t.pos_ in ("NOUN", "PROPN")), None)


#: Words a "comme X l'affirment" incise may hold between "comme" and the clitic.
MAX_COMME_WORDS = 8


def _main_clause(doc: Doc, sent: Any, verb: Any) -> tuple[int, int] | None:
    """The clause a `comme` incise scopes over: before it ("P, comme le dit X") or after it ("Comme
    le dit X, P"), without the incise and its commas."""
    left, right = verb.left_edge.i, verb.right_edge.i
    subject = _comme_subject(verb)
    if subject is not None:  # "…, comme les publications l'affirment": the incise opens on "comme"
        left = next(t.i for t in reversed(doc[sent.start : subject.i]) if t.lower_ == "comme")
    if left > sent.start:  # the incise follows (or interrupts) the main clause: what comes before it
        end = left - 1
        while end > sent.start and (doc[end].is_punct and doc[end].text not in CLOSING):
            end -= 1
        start = _clause_start(doc, sent, left)
        if subject is None:
            start = max(start, verb.head.left_edge.i)  # the clause the incise hangs on
        if doc[end].text in CLOSING and not _quote_inside_clause(doc, start, end):
            return None  # "« … », comme l'a dit X": the quotation is the content (a direct frame)
        return _tokens_span(doc, start, end)
    start = right + 1
    while start < sent.end and doc[start].is_punct:
        start += 1
    return _tokens_span(doc, start, sent.end - 1) if start < sent.end - 1 else None


def _quote_inside_clause(doc: Doc, start: int, closing: int) -> bool:
    """Whether the quotation closing at `closing` ends a clause that opens outside it, with a verb of
    its own (finite) before the opening mark: "X rend « impossible la fin de la guerre », a déclaré Y" and
    "X avait fait les travaux « sans autorisation », écrit Y" report the whole clause."""
    opening = next((t.i for t in reversed(doc[start:closing]) if t.text in OPENING), None)
    if opening is None or opening == start:
        return False
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in doc[start:opening])


def _inverted(doc: Doc, verb: Any, first: int, last: int) -> bool:
    """Whether a verb after a comma is an inverted incise ("…, a estimé le sénateur", "…, a-t-il dit"):
    it has a clitic subject or none before it. "Un médecin, qui a requis l'anonymat, assure …" and
    "Le porte-parole, Dmitri Peskov, a démenti …" have their subject before: they are not incises."""
    if any(doc[i].lower_ in INVERTED and doc[i].lower_ != "-t" for i in range(first, last + 1)):
        return True
    before = [s for s in _subjects(verb) if s.i < first]
    closing = _closing_speaker(doc, verb.sent, verb, last)
    if closing and (verb.dep_ == "conj" or not any(_speaker(s) for s in before)):
        # "Il est inexact que P, a précisé la métropole.", "L'information selon laquelle P est une
        # rumeur, a indiqué la direction.": the parser's subject before names no speaker
        return True
    return not before or (_subject_after(doc, verb, last) and _own_verb_between(doc, before[-1].i, first))


def _subject_after(doc: Doc, verb: Any, last: int) -> bool:
    """Whether a noun phrase follows the verb group as the verb's dependent: "…, indique une source"."""
    if last + 1 >= verb.sent.end:
        return False
    head = doc[last + 1]
    if head.lower_ in ADDRESSEE and head.head.i > head.i and head.head.right_edge.i + 1 < verb.sent.end:
        head = doc[head.head.right_edge.i + 1]  # "…, a expliqué à l'AFP une conseillère": past the addressee
    while head.dep_ in ("det", "amod", "nummod") and head.head.i > head.i:
        head = head.head
    return head.head.i == verb.i and head.dep_ in ("obj", "nsubj") and head.pos_ in ("NOUN", "PROPN")


def _own_verb_between(doc: Doc, subject: int, comma: int) -> bool:
    """A finite verb, not in a relative clause, between a subject and the comma of an incise: the
    subject is that verb's ("Les enquêteurs privilégient la piste, indique une source": the parser
    hangs "Les enquêteurs" on "indique"); "Un médecin, qui a requis l'anonymat, assure" has none."""
    between = doc[subject + 1 : comma]
    if any(t.lower_ in RELATIVES or t.lower_ in ("que", "qu'", "qu’", "dont", "où") for t in between):
        return False
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in between)


def _clause_start(doc: Doc, sent: Any, comma: int) -> int:
    """Start of the clause before an inverted incise, past a leading subordinate segment."""
    start: int = sent.start
    while start < comma and (doc[start].is_punct or doc[start].lower_ in ("mais", "et", "or", "donc")):
        start += 1
    if doc[start].lower_ in LEADING or doc[start].lower_ in ("d'", "d’", "à"):
        commas = [t.i for t in doc[start:comma] if t.text == ","]
        if commas:
            start = commas[0] + 1
    return start


def _addressee_infinitive(verb: Any) -> list[Any]:
    """A past infinitive after the addressee, which the parser hangs on it: "ont assuré à l'AFP avoir
    vu", "a confirmé auprès de l'AFP n'avoir jamais publié" (the infinitive is what was said)."""
    near = [verb, *(c for c in verb.children if c.pos_ == "ADV" and c.i > verb.i)]  # "auprès de l'AFP"
    return [
        clause
        for head in near
        for addressee in head.children
        if addressee.dep_ == "obl:arg" and addressee.i > verb.i
        for clause in addressee.children
        if clause.dep_ == "acl"
        and clause.pos_ == "VERB"
        and any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in clause.children)
    ][:1]


def _infinitive_clause(token: Any) -> bool:
    """A bare infinitive complement ("avoir vu", "combattre"), with no preposition before it."""
    verb = token.head if token.dep_.startswith("aux") else token
    infinitive = "Inf" in token.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children
    )
    return bool(
        token.dep_ in ("xcomp", "ccomp")  # "affirme ne pas avoir été consulté": read as a clause at times
        and token.pos_ == "VERB"
        and infinitive
        and not any(c.dep_ == "mark" for c in token.children)
    )


def _of_infinitive(token: Any) -> bool:
    """An infinitive complement after "de" ("d'avoir obtenu la réouverture")."""
    infinitive = any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in token.children)
    marked = any(c.dep_ == "mark" and c.lower_ in OF for c in token.children)
    return token.pos_ == "VERB" and token.dep_ == "xcomp" and infinitive and marked


def _copular_infinitive(token: Any) -> bool:
    """A state the holder says they are in: "a indiqué être très heureuses", "explique être victime"."""
    return token.dep_ == "xcomp" and any(c.dep_ == "cop" and "Inf" in c.morph.get("VerbForm") for c in token.children)


#: Words joining a clause to the one before it, left out where a content stops before that clause.
JOINERS = frozenset(["tandis", "alors", "pendant", "que", "qu'", "qu’", "et", "mais", "or", "quand", "lorsque"])


def _cut_before(doc: Doc, start: int, char: int) -> list[int]:
    """The content span from `start` to the clause beginning at `char`, its joining words left out."""
    tokens = [t for t in doc if start <= t.idx < char]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].lower_ in JOINERS):
        tokens.pop()
    return list(span_of(tokens)) if tokens else [start, char]


def _past(verb: Any) -> bool:
    """A past infinitive ("avoir vu", "être allé"): an account of a fact, not a plan."""
    return any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children)


def _tokens_span(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    if last < first:
        return None
    return span_of([doc[i] for i in range(first, last + 1)])


def _holder(doc: Doc, verb: Any, clitic: Any, inverted: bool) -> dict[str, Any] | None:
    impersonal = (clitic is not None and clitic.lower_ == "-on") or any(
        c.dep_ in SUBJECTS and c.lower_ == "on" for c in verb.children
    )
    if clitic is not None and clitic.lower_ == "-il" and any(c.dep_ == "aux:pass" for c in verb.children):
        impersonal = True  # "est-il écrit dans le rapport": the text it is written in, not a person
    if impersonal:  # "on lit sur Le Point que", "peut-on lire dans Les Échos": the source read is the holder
        verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        source = _read_source(verb)
        if source is not None:
            return _mention(doc, source, verb)
        if any(v.lemma_ in reporting_verbs().reception for v in verbs):  # "peut-on lire": the outlet just cited
            token = clitic if clitic is not None else verb
            return holder_info(doc, token.i, token.i, token) | {"read": True}
    if clitic is not None:
        return holder_info(doc, clitic.i, clitic.i, clitic) | {"start": clitic.idx + 1, "text": clitic.text[1:]}
    subjects = _subjects(verb)
    cue_first = _cue(doc, verb)[0]
    if not subjects and not inverted:
        subjects = _name_before(doc, cue_first)
    if not subjects and not inverted and cue_first > 0 and doc[cue_first - 1].text == ",":
        apposed = _apposed_subject(doc, verb, cue_first)  # "Commentant X, Margot Wallström, …, a déclaré"
        opening = doc[verb.sent.start]
        if apposed is None and opening.ent_type_ == "PER":
            apposed = opening  # "Loyola de Palacio, vice-présidente…, s'est félicitée": a name the parser left out
        if apposed is not None:
            return _mention(doc, apposed, verb)
    adjunct = (
        verb.dep_ == "advcl"
        and "Part" in verb.morph.get("VerbForm")
        and "Pres" in verb.morph.get("Tense")
        and verb.head.i > verb.i
    )
    if adjunct and not subjects and _subjects(verb.head):  # "Réfutant les conclusions, le président a …"
        return _mention(doc, _subjects(verb.head)[-1], verb.head)
    controller = _controller(verb) if not subjects and not inverted else None
    if controller is not None:  # "Le ministre veut démentir ces rumeurs": never the object after it
        return _mention(doc, controller, verb.head)
    if inverted or not subjects:
        group = [verb, verb.head] if _carried(verb) else [verb]  # "…, a tenu à préciser la directrice"
        roles = ("obj", "nsubj", "nsubj:pass", "appos", "dep")
        after = [c for v in group for c in v.children if c.i > verb.i and c.dep_ in roles]
        after = [c for c in after if (c.pos_ in ("NOUN", "PROPN", "PRON") or _name_start(c)) and c.lower_ not in QUE]
        if after and (inverted or not subjects):
            return _mention(doc, after[0], verb)
    if subjects:
        subject = subjects[-1]
        if subject.lower_ == "qui" and subject.i > 0:
            return _mention(doc, _relative_antecedent(verb, subject), verb)
        mention = _mention(doc, subject, verb)
        name = _name_before_role(doc, subject)
        if name is not None:  # "Daria Driuchenko, une productrice de films, a précisé": the name the role describes
            return holder_info(doc, name.start, _token_at_or_before(doc, mention["end"] - 1), doc[name.end - 1])
        if len(subjects) > 1 and common_noun(subjects[-2]) and subjects[-2].right_edge.i + 1 == subject.i:
            # "Le tabloïd Blesk", parsed as two subjects: one mention, the noun saying what the name is
            return holder_info(doc, subjects[-2].left_edge.i, _token_at_or_before(doc, mention["end"] - 1), subject)
        if len(subjects) > 1 and _apposed(doc, subjects[-2], subject):  # "Le porte-parole du Kremlin, Dmitri Peskov,"
            earlier = _mention(doc, subjects[-2], verb)
            name = subject if named(subject) else subjects[-2]
            first = _token_at_or_before(doc, earlier["start"])
            return holder_info(doc, first, _token_at_or_before(doc, mention["end"] - 1), name)
        return mention
    if ("Part" in verb.morph.get("VerbForm") or verb.dep_ == "xcomp") and verb.head.i != verb.i:
        # "en affirmant que", "a tenu à démentir": the subject of the verb it depends on
        heads = _subjects(verb.head)
        if heads:
            return _mention(doc, heads[-1], verb)
        governor = _clause_governor(verb) if doc[verb.i - 1].text == "," else None
        if governor is not None:  # "a rejeté les accusations d'un massacre, assurant que": the participle
            return _mention(doc, _subjects(governor)[-1], governor)  # after a comma is the clause subject's
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ == "NOUN":  # "a publié un tweet affirmant que": the
            noun = verb.head  # publisher, else the text itself ("un communiqué précisant que")
            publishing = _publishing_verb(noun)
            publishers = _subjects(publishing) if publishing is not None else []
            if publishers:
                return _mention(doc, publishers[-1], noun.head)
            if text_noun(noun.lemma_.lower()):
                return _mention(doc, noun, verb)
    return None


def _name_before(doc: Doc, cue_first: int) -> list[Any]:
    """The name just before a verb group the parser gave no subject, past its object clitics: "Bien
    que Washington nie" (folded into the mark), "Macron l'a avoué :" (the surname read as an adverb)."""
    index = cue_first - 1
    while index > 0 and doc[index].lower_ in OBJECT_CLITICS:
        index -= 1
    token = doc[index] if index >= 0 else None
    return [token] if token is not None and (token.pos_ == "PROPN" or token.ent_type_ in ("PER", "ORG")) else []


def _text_report(verb: Any) -> str | None:
    """The lemma of a verb that reports only when a text says it ("L'article parlait de …")."""
    lemma = verb.lemma_.lower()
    return lemma if lemma in reporting_verbs().text_of and _text_subject(verb) else None


def _says_apart(token: Any) -> bool:
    """A present participle of a verb of saying ("…, assurant que", "…, ajoutant que")."""
    return "Pres" in token.morph.get("Tense") and "Part" in token.morph.get("VerbForm") and bool(reporting_lemma(token))


def _name_before_role(doc: Doc, subject: Any) -> Any:
    """The person's name opening the sentence before a role noun the parser took for the subject
    ("Daria Driuchenko, une productrice de films ukrainienne, a précisé", the unknown first name
    read as an adverb): a PER entity from the sentence's start to the comma before the role."""
    comma = subject.left_edge.i - 1
    if subject.pos_ != "NOUN" or comma <= subject.sent.start or doc[comma].text != ",":
        return None
    return next((e for e in doc.ents if e.label_ == "PER" and e.start == subject.sent.start and e.end == comma), None)


def _clause_governor(participle: Any) -> Any:
    """The verb with a subject whose clause a present participle set off by a comma belongs to, up
    from the noun the parser hung it on ("a rejeté toutes les accusations d'un massacre, assurant")."""
    if "Pres" not in participle.morph.get("Tense") or participle.dep_ not in ("acl", "amod"):
        return None
    token = participle.head
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and _subjects(token):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _publishing_verb(noun: Any) -> Any:
    """The verb whose object holds the noun a participle describes: "a publié un tweet affirmant",
    "a publié un tweet sur son compte alertant" (the participle hung on the nearest noun)."""
    for _ in range(2):
        if noun.dep_ == "obj" and noun.head.pos_ == "VERB":
            return noun.head
        if not (noun.dep_ == "nmod" or noun.dep_.startswith("obl")) or noun.head.pos_ not in ("NOUN", "VERB"):
            return None
        noun = noun.head
    return None


def _read_source(verb: Any) -> Any:
    """The text or outlet a verb of reading or writing names ("dans le rapport", "sur Le Point",
    "via l'AFP"), on the verb or on its infinitive ("peut-on lire dans"), or None."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    sources = [
        c
        for v in verbs
        for c in v.children
        if c.dep_.startswith("obl") and any(k.lower_ in ("dans", "sur", "via", "par") for k in c.children)
    ]
    return sources[0] if sources else None


def _subjects(verb: Any) -> list[Any]:
    """Subjects before `verb`, or those of the verb it is coordinated with ("a rejeté … et a fait savoir")
    or whose infinitive it is ("vient de déclarer").

    A neuter "c'" beside a personal subject ("c'est ainsi qu'il a qualifié") is left out.
    """
    found = [c for c in verb.children if c.dep_ in SUBJECTS and c.i < verb.i]
    carried = _carried(verb)  # "La France vient d'annoncer"
    if not found and (carried or verb.dep_ == "conj") and verb.head.i < verb.i:
        found = [c for c in verb.head.children if c.dep_ in SUBJECTS and c.i < verb.head.i]
    if not found and not any(c.dep_.startswith("aux") for c in verb.children):
        auxiliary = _torn_auxiliary(verb)  # "La Commission a, par conséquent, conclu que"
        found = [c for c in auxiliary.children if c.dep_ in SUBJECTS] if auxiliary is not None else []
    if not found:
        subject = _comme_subject(verb)
        found = [subject] if subject is not None else []
    personal = [c for c in found if c.lower_ not in NEUTER]
    return personal or found


def _carried(verb: Any) -> bool:
    """Whether a complement of a verb reports for that verb's subject: an implicative carrier ("vient
    de déclarer", "a tenu à rappeler", "a fini par reconnaître"), a modal in a compound past ("a dû
    reconnaître"), or a refusal. Negated, only the carriers the polarity reads ("ne permet pas
    d'affirmer"): "n'a pas pu confirmer" or "n'a pas réussi à prouver" is no stance of its own."""
    if verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return False
    governor = verb.head
    lemma = governor.lemma_.lower()
    verbs = reporting_verbs()
    compound_modal = lemma in verbs.past_modals and any(c.dep_ == "aux:tense" for c in governor.children)
    if not (lemma in verbs.implicative or lemma == REFUSING or compound_modal):
        return False
    return lemma in NEGATED_CARRIERS or not negators(governor)


def _controller(verb: Any) -> Any:
    """The subject of the verb an infinitive complements ("Le ministre veut démentir ces rumeurs"),
    unless that verb has an object, which would be the infinitive's subject ("a demandé au ministre
    de démentir"); None when there is none before it."""
    if verb.dep_ != "xcomp" or "Inf" not in verb.morph.get("VerbForm") or verb.head.i == verb.i:
        return None
    governor = verb.head
    if any(c.dep_ in ("obj", "iobj", "obl:arg") and c.i < verb.i for c in governor.children):
        return None
    found = _subjects(governor)
    return found[-1] if found else None


def _torn_auxiliary(verb: Any) -> Any:
    """The auxiliary an adjunct tore from its participle, which the parser then reads as the main
    verb with the subject ("La Russie a pour sa part affirmé", "La Commission a, par conséquent,
    conclu"): the nearest "avoir" or "être" before, with a subject, and no other verb between."""
    if "Inf" in verb.morph.get("VerbForm"):
        return None
    for token in reversed(verb.doc[max(verb.sent.start, verb.i - 8) : verb.i]):
        if token.lemma_ in ("avoir", "être") and any(c.dep_ in SUBJECTS for c in token.children):
            return token
        if token.pos_ in ("VERB", "AUX") or token.lower_ in QUE:
            return None
    return None


def _apposed(doc: Doc, role: Any, name: Any) -> bool:
    """Two subjects in apposition, a description and a name in either order: "Le porte-parole du
    Kremlin, Dmitri Peskov", "Roman Prymula, le ministre de la Santé"."""
    between = doc[role.right_edge.i + 1 : name.i]
    return bool(between) and all(t.text == "," for t in between) and (named(name) or named(role))


def _name_start(token: Any) -> bool:
    """A first name the tagger took for a determiner ("Ana Sofia Cardenal"): it heads a name."""
    return bool(token.pos_ == "DET" and token.dep_ == "nsubj" and any(c.dep_ == "flat:name" for c in token.children))


def _apposed_subject(doc: Doc, verb: Any, cue_first: int) -> Any:
    """A subject the parser hung as an apposition on an earlier noun: the top of the nearest chain."""
    start = verb.sent.start
    for token in reversed(doc[start : cue_first - 1]):
        if _name_head(token) and token.dep_ in ("obj", "appos", "nsubj") and doc[token.i - 1].text == ",":
            # "Commentant X, Madame Margot Wallström, commissaire…,": a title heading a name (or the
            # subject of a word the parser misread as a verb: "Dans le discours …, M. Franz FISCHLER, …")
            return token
        if token.dep_ == "appos" and token.pos_ == "PROPN":
            while token.head.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN") and token.head.i < token.i:
                token = token.head
            return token
    return None


def _name_head(token: Any) -> bool:
    """A common noun heading a person's name ("Madame Margot Wallström", "le commissaire Franz Fischler")."""
    return token.pos_ == "NOUN" and any(c.dep_ == "flat:name" and c.pos_ == "PROPN" for c in token.children)


def _relative_antecedent(verb: Any, relative: Any) -> Any:
    """The noun a relative `qui` subject stands for: the one the parser hangs the relative clause on,
    or else the noun just before, when it names a speaker ("la vidéo d'un chimiste allemand qui avance
    que": the chemist, not the video); else the word before, climbed out of its modifiers."""
    nearest = verb.doc[relative.i - 1]
    while nearest.dep_ in ("amod", "flat", "flat:name") and nearest.head.i < nearest.i:
        nearest = nearest.head  # "un chimiste allemand qui": the noun, not its adjective
    hung = [verb.head] if verb.dep_ == "acl:relcl" and verb.head.i < relative.i else []
    candidates = (*hung, nearest)
    people = [h for h in candidates if h.ent_type_ == "PER" or (h.pos_ == "NOUN" and person_noun(h.lemma_.lower()))]
    bodies = [h for h in candidates if h.ent_type_ == "ORG" or (h.pos_ == "NOUN" and actor_noun(h.lemma_.lower()))]
    return (people or bodies or [_antecedent(nearest)])[0]


def _antecedent(token: Any) -> Any:
    """The noun a relative `qui` refers to: the word before it (past a comma), climbed out of its modifiers."""
    while token.is_punct and token.i > token.sent.start:
        token = token.doc[token.i - 1]
    while token.dep_ in ("nmod", "amod", "flat", "flat:name") and token.head.i < token.i:
        token = token.head
    return token


def _mention(doc: Doc, head: Any, verb: Any) -> dict[str, Any]:
    """The holder noun phrase of `head`: its subtree, relative clauses and the cue left out."""
    if head.lemma_.lower() in SPEECH_NOUNS:  # "les déclarations d'un commandant": the commandant
        nested = [c for c in head.children if c.dep_ == "nmod"]
        if nested:
            head = nested[0]
    first, last = head.left_edge.i, head.right_edge.i
    entity = next((e for e in doc.ents if e.start <= head.i < e.end and e.label_ in ("PER", "ORG")), None)
    if entity is not None and (verb.i == head.i or not entity.start <= verb.i < entity.end):  # "Macron" read
        last = max(last, entity.end - 1)  # as an adverb in "Emmanuel Macron": the name stays whole
    # (but a name apposed after the clause is the person it describes: "Le commissaire européen
    # chargé du commerce, M. Lamy, a salué")
    named_after = [c for c in head.children if c.dep_ == "appos" and c.i > head.i and _names(c)]
    for child in head.children:
        if child.dep_ in ("acl:relcl", "acl") and child.i > head.i and child.pos_ == "VERB":
            if any(n.i > child.right_edge.i for n in named_after):
                continue
            last = min(last, child.left_edge.i - 1)
        if child.dep_ == "appos" and child.pos_ == "PRON" and child.i > head.i:  # "Les agriculteurs, eux,"
            last = min(last, child.left_edge.i - 1)
    if first < verb.i <= last:
        last = min(last, verb.i - 1) if head.i < verb.i else last
        first = max(first, verb.i + 1) if head.i > verb.i else first
    while last > head.i and (doc[last].is_punct or doc[last].lower_ in ("qui", "que")):
        last -= 1
    opened = sum((t.text == "(") - (t.text == ")") for t in doc[first : last + 1])
    if opened > 0 and last + 1 < len(doc) and doc[last + 1].text == ")":
        last += 1  # "de l'Otan (SHAPE)": the parenthesis closes inside the name
    while first < head.i and (
        doc[first].is_punct
        or doc[first].pos_ == "CCONJ"  # "et le Premier ministre lui-même": the conjunction joins, it names no one
        or (doc[first].dep_ in ("case", "fixed") and doc[first].head.i in (head.i, first + 1))
        or (doc[first].dep_ == "fixed" and doc[first].head.i == first - 1)  # "d'après le blog": "après"
    ):
        first += 1  # "Selon M. Nielson", "d'un des hauts commandants": the frame word is not the holder
    info = holder_info(doc, first, last, head)
    group = _pronoun_antecedent(doc, head)
    if group is not None:
        info["antecedent"] = _mention(doc, group, group)
    return info


def _names(token: Any) -> bool:
    """Whether a noun phrase is a person's name or holds one ("M. Lamy", "Dmitri Peskov")."""
    return any(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in token.subtree)


def _pronoun_antecedent(doc: Doc, pronoun: Any) -> Any:
    """The actor a personal pronoun ("selon eux", "Elle a constaté que", "ont-ils dit") most likely
    stands for: the nearest subject of the same number (and gender, when both say) naming people or
    a body, in this sentence or the two before ("La Commission européenne a ouvert une procédure.
    Elle a constaté que …"; "Les agriculteurs, eux, réclament de l'eau. Selon eux, …"). The
    resolver prefers an actor already speaking, unless this one is nearer."""
    if pronoun.pos_ != "PRON" or pronoun.i == 0 or pronoun.lower_.lstrip("-") not in PERSONAL:
        return None
    number, gender = pronoun.morph.get("Number", []), pronoun.morph.get("Gender", [])
    sentences = [s for s in doc.sents if s.start <= pronoun.i]
    start = sentences[-3].start if len(sentences) >= 3 else 0
    for token in reversed(doc[start : pronoun.i]):
        if token.dep_ not in SUBJECTS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if number and token.morph.get("Number", []) and token.morph.get("Number", []) != number:
            continue
        if gender and token.morph.get("Gender", []) and token.morph.get("Gender", []) != gender:
            continue
        lemma = token.lemma_.lower()
        if person_noun(lemma) or actor_noun(lemma) or token.ent_type_ in ("PER", "ORG"):
            return token
    return None


# ----------------------------------------------------------------------------------------------
# According-to frames


def _according_frame(doc: Doc, sent: Any, token: Any) -> dict[str, Any] | None:
    lower = token.lower_
    if lower not in ACCORDING_WORDS:
        return None  # (first: this runs on every token)
    prev = doc[token.i - 1] if token.i > sent.start else None
    if lower == "selon":
        cue_first = token.i
    elif lower == "après" and prev is not None and prev.lower_ in ("d'", "d’"):
        cue_first = prev.i
    elif (
        lower == "croire"
        and token.i - 2 >= sent.start
        and doc[token.i - 2].lower_ == "à"
        and prev is not None
        and prev.lower_ == "en"
    ):
        cue_first = token.i - 2
    elif lower == "pour" and _leads(doc, sent, token.i) and _pour_holder(doc, sent, token):
        cue_first = token.i
    elif lower in ("réfère", "reporte") and _referring(doc, sent, token) is not None:
        cue_first = _referring(doc, sent, token) or token.i
    else:
        return None
    if token.i + 1 >= sent.end or doc[token.i + 1].lower_ in QUE:  # "selon que": a condition
        return None
    head = _frame_head(doc, sent, token)
    if head is None:
        return None
    if head.lower_ in RELATIVES:  # "selon qui", "les accusations selon lesquelles": the antecedent
        relative = head.head.dep_ == "acl:relcl"
        antecedent = head.head.head if relative else _antecedent(doc[max(sent.start, cue_first - 1)])
        holder = _mention(doc, antecedent, head.head if relative else doc[token.i])
        start = token.i + 2
        end = sent.end - 1
        governor = antecedent.head
        if _none_of(antecedent):
            return None  # "Il n'y a aucune trace de message selon lequel P": no text holds P
        if reporting_lemma(governor) in denials().verbs:
            return None  # "L'information selon laquelle P a été démentie par Y": Y's denial holds P, no one affirms it
        if antecedent.dep_ in SUBJECTS and governor.i > start:  # "L'idée selon laquelle P est répandue": P only
            verb_first = _cue(doc, governor)[0]
            if any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in doc[start:verb_first]):
                end = verb_first - 1  # only when P has its own verb before the main one
        content = _tokens_span(doc, start, end)
    else:
        holder = _mention(doc, head, doc[token.i])
        holder_end = _token_at_or_before(doc, holder["end"])
        comma = _leading_comma(doc, sent, cue_first, token.i)
        if comma is not None and comma - 1 != holder_end:  # the frame's noun phrase runs to its comma
            first = _token_at_or_before(doc, holder["start"] + 1)
            holder, holder_end = holder_info(doc, first, comma - 1, head), comma - 1
        content = _around(doc, sent, cue_first, holder_end)
    if content is None:
        return None
    cue = (doc[cue_first].idx, token.idx + len(token.text))
    return _frame("according-to", cue, holder, content, "", doc, None)


def _none_of(noun: Any) -> bool:
    """Whether a noun, or the noun it completes, is determined by "aucun" / "nul" ("aucune trace de
    message", "aucun document"): what it names does not exist."""
    for token in (noun, noun.head):
        if any(c.dep_ == "det" and c.lower_ in NO_ONE for c in token.children):
            return True
        if token.head.i == token.i or token.pos_ not in ("NOUN", "PROPN"):
            break
    return False


def _leading_comma(doc: Doc, sent: Any, cue_first: int, word: int) -> int | None:
    """The comma closing a sentence-initial frame ("Selon la firme Triumph, …"), when the words
    between hold no finite verb: the parser often ties the frame's noun to the clause after it,
    or the clause's first words to the noun, and the comma is the frame's end either way."""
    if not _leads(doc, sent, cue_first):
        return None
    depth = 0
    for t in doc[word + 1 : sent.end]:
        depth += (t.text == "(") - (t.text == ")")
        if t.text in (",", ":") and depth == 0:  # "Selon X : « … »" too
            return t.i if t.i > word + 1 else None
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []):
            return None
    return None


def _leads(doc: Doc, sent: Any, index: int) -> bool:
    """Whether only conjunctions, adverbs and punctuation come before `index` in its sentence."""
    return all(t.is_punct or t.pos_ in ("CCONJ", "ADV") for t in doc[sent.start : index])


def _pour_holder(doc: Doc, sent: Any, token: Any) -> bool:
    """ "Pour X, …" is an opinion frame when X is a person, a pronoun, a named actor or a noun
    naming people or a body ("Pour ses opposants,", "Pour les détracteurs du glyphosate,", "Pour l'ONG,")."""
    nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
    titled = nxt is not None and nxt.lower_ in holder_cues()["titles"]  # "Pour Mme Margot Wallström,"
    if nxt is None or not ((nxt.pos_ in ("PROPN", "PRON", "DET") or titled) and nxt.lower_ not in NEUTER):
        return False
    commas = [t.i for t in doc[token.i + 1 : min(sent.end, token.i + 10)] if t.text == ","]
    return bool(commas) and any(
        t.pos_ in ("PROPN", "PRON")
        or t.ent_type_
        or (t.pos_ == "NOUN" and (person_noun(t.lemma_.lower()) or actor_noun(t.lemma_.lower()) or acronym(t.text)))
        for t in doc[token.i + 1 : commas[0]]
    )


def _referring(doc: Doc, sent: Any, verb: Any) -> int | None:
    """The start of "si l'on se réfère à X" / "si on se reporte à X" ending at `verb`, if it is one."""
    words = [t.lower_.replace("’", "'") for t in doc[max(sent.start, verb.i - 4) : verb.i]]
    for pattern in (["si", "l'", "on", "se"], ["si", "on", "se"], ["si", "l'on", "se"]):
        if words[-len(pattern) :] == pattern:
            return int(verb.i - len(pattern))
    return None


def _frame_head(doc: Doc, sent: Any, token: Any) -> Any:
    if token.dep_ in ("case", "fixed") and token.head.i > token.i and token.head.i < sent.end:
        head = token.head
        if head.dep_ == "fixed" or head.lower_ == "après":
            head = head.head if head.head.i > token.i else doc[token.i + 1]
        return head
    for candidate in doc[token.i + 1 : min(sent.end, token.i + 6)]:
        if candidate.pos_ in ("NOUN", "PROPN", "PRON"):
            return candidate
    return None


def _token_at_or_before(doc: Doc, char: int) -> int:
    """The last token starting before `char` (0 if none), by bisection: a long paragraph stays linear."""
    return max(0, bisect_left(range(len(doc)), char, key=lambda i: doc[i].idx) - 1)


def _around(doc: Doc, sent: Any, first: int, last: int) -> tuple[int, int] | None:
    """The clause an according-to frame scopes over: after it, before it, or the whole sentence."""
    if first == sent.start and first > 0 and doc[first - 1].text == ",":  # the parser cut the sentence at the comma
        return _tokens_span(doc, doc[first - 1].sent.start, first - 2)
    lead = first == sent.start or all(t.is_punct or t.pos_ in ("CCONJ", "ADV") for t in doc[sent.start : first])
    if lead and last + 1 < sent.end and doc[last + 1].text in (",", ":"):  # "Selon X : « … »" too
        return _tokens_span(doc, last + 2, sent.end - 1)
    after = doc[last + 1] if last + 1 < sent.end else None
    if first > sent.start and doc[first - 1].text == "," and (last >= sent.end - 2 or (after and after.text == ":")):
        return _tokens_span(doc, sent.start, first - 2)  # "…, selon le naturopathe X : « … »"
    if first > sent.start + 1 and doc[first - 1 - (doc[first - 1].text == ",")].text in CLOSING:
        return _tokens_span(doc, sent.start, first - 1 - (doc[first - 1].text == ","))  # "« … » selon X, …"
    return _tokens_span(doc, sent.start, sent.end - 1)


# ----------------------------------------------------------------------------------------------
# Direct quotations


def _direct_frames(
    doc: Doc, quotes: list[dict[str, int]], frames: list[dict[str, Any]], before: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for quote in quotes:
        if quote["end"] - quote["start"] < 2:
            continue
        if quote.get("continued"):  # the rest of a quotation opened in an earlier paragraph
            found.append(_frame("continued", (0, 0), None, (quote["start"], quote["end"]), "", doc, None))
            speaker = _speaker_after(doc, quote)
            if speaker is not None:  # or a quotation whose opening mark is missing: '…", indique la page'
                found.append(_unopened(doc, quote, speaker))
            continue
        parts = _split_incise(doc, quote)
        speaker = (
            before.get(quote["open"])
            or _speaker_after(doc, quote)
            or _subject_speaker_after(doc, quote)
            or (parts[1] if parts else None)
            or _colon_speaker(doc, quote)
            or _signed_speaker(doc, quote)
        )
        framed = False
        if speaker is None:
            speaker = next(
                (
                    f
                    for f in frames
                    if (f["content"][0] <= quote["open"] and quote["close"] <= f["content"][1] + 1)
                    or _echoed(doc, quote, f)
                ),
                None,
            )
            framed = speaker is not None
            if speaker is not None and _echoed(doc, quote, speaker):
                speaker["kind"] = "echo"  # "Selon M. Nielson, « … »", 'que "P"': the quotation is the stance
        spans = parts[0] if parts else [(quote["start"], quote["end"])]
        if speaker is None:
            if len(doc.text[quote["start"] : quote["end"]].split()) < MIN_BARE_WORDS or _title(doc, quote):
                continue  # a title or a quoted name, not speech: "« Vers une stratégie européenne… »"
            speaker = {"cue": (quote["open"], quote["close"]), "holder": None, "lemma": "", "bare": True}
        elif framed and _mentioned_word(doc, quote):
            continue  # a quoted name or function word inside a frame is a mention ("un « mais »", "« Wali »")
        for start, end in spans:
            frame = _frame("direct", speaker["cue"], speaker["holder"], (start, end), speaker["lemma"], doc, None)
            frame["bare"] = bool(speaker.get("bare"))
            frame["open_ended"] = bool(quote.get("unclosed")) and end == quote["end"]
            found.append(frame)
    return found


def _quoted_span(doc: Doc, quote: dict[str, int]) -> tuple[int, int]:
    """The words a quotation holds, whose own reporting verbs are the speaker's account. A straight
    mark closing a quotation never opened in the paragraph holds only the sentence it ends: where it
    opened is unknown ('Un test a prouvé que P. … Q", conclut X': the test's stance is no quotation)."""
    if not quote.get("continued") or doc.text[quote["close"] - 1] != '"':
        return quote["start"], quote["end"]
    return _closed_sentence_start(doc, quote), quote["end"]


def _closed_sentence_start(doc: Doc, quote: dict[str, int]) -> int:
    """Where the sentence a quotation's closing mark ends begins (not before the quotation)."""
    closing = doc.char_span(quote["close"] - 1, quote["close"], alignment_mode="expand")
    return max(quote["start"], closing.sent.start_char) if closing is not None else quote["start"]


def _unopened(doc: Doc, quote: dict[str, int], speaker: dict[str, Any]) -> dict[str, Any]:
    """A direct frame over a quotation whose opening mark is missing, kept only when no earlier
    paragraph left one open (the extractor decides): where it opened is unknown, so it holds the
    sentence the closing mark ends, no more ("… P", conclut X: P)."""
    start = _closed_sentence_start(doc, quote)
    frame = _frame("direct", speaker["cue"], speaker["holder"], (start, quote["end"]), speaker["lemma"], doc, None)
    return frame | {"unopened": True}


def _mentioned_word(doc: Doc, quote: dict[str, int]) -> bool:
    """A one-word quotation that is mentioned, not said: a name ("« Wali »") or a function word ("un
    « mais »"). A quoted word of judgement is the holder's ("a dénoncé des « irrégularités »")."""
    span = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    if len(words) != 1:
        return not words
    word = words[0]
    return not word.text[:1].islower() or word.pos_ in ("CCONJ", "SCONJ", "ADP", "DET", "PRON")


def _colon_speaker(doc: Doc, quote: dict[str, int]) -> dict[str, Any] | None:
    """The speaker of a quotation opened right after a colon, when the clause before the colon says
    who speaks without a verb of speech: "Mario Monti, commissaire, a exprimé sa satisfaction: « … »",
    "Commentaires de Madame Margot Wallström: « … »". The subject (or the person a speech noun heading
    the clause names) is the holder, if it is a person; a colon after a thing ("Le programme : « … »")
    gives none."""
    colon = _token_at_or_before(doc, quote["open"] - 1)
    while colon > 0 and doc[colon].idx >= quote["open"]:
        colon -= 1
    if doc[colon].text != ":":
        return None
    clause = doc[doc[colon].sent.start : colon]
    verbs = [t for t in clause if t.pos_ == "VERB" and t.dep_ == "ROOT"]
    if verbs:
        first, last, clitic = _cue(doc, verbs[0])
        holder = _holder(doc, verbs[0], clitic, False)
    else:
        heads = [t for t in clause if t.pos_ == "NOUN" and t.lemma_.lower() in COMMENT_NOUNS]
        named_ = [c for c in heads[0].children if c.dep_ == "nmod"] if heads else []
        if not named_:
            # "Emmanuel Macron : « … »", "Albert Bourla, PDG de Pfizer : « … »": a name alone signs it
            return _signed(quote, _signature(doc, clause.start, colon))
        first = last = heads[0].i
        holder = _mention(doc, named_[0], heads[0])
    if holder is None or not (holder.get("per") or person_noun(holder["head"])):
        return None
    return {"cue": (doc[first].idx, doc[last].idx + len(doc[last].text)), "holder": holder, "lemma": ""}


def _signed_speaker(doc: Doc, quote: dict[str, int]) -> dict[str, Any] | None:
    """The person who signs a quotation after it, in parentheses or after a dash, ending the sentence:
    "« … » (Albert Bourla, PDG de Pfizer).", "« … » – Donald Trump"."""
    index = _after_quote(doc, quote)
    if index >= len(doc) or doc[index].text not in SIGNING_MARKS:
        return None
    end = index + 1
    closing = ")" if doc[index].text == "(" else None
    while end < len(doc) and end - index <= SIGNATURE_TOKENS and doc[end].text != (closing or "\n"):
        if closing is None and doc[end].is_sent_start:
            break
        end += 1
    last = end - 1
    while last > index and doc[last].is_punct:
        last -= 1
    if closing is not None and (end >= len(doc) or doc[end].text != ")"):
        return None
    return _signed(quote, _signature(doc, index + 1, last + 1))


def _signed(quote: dict[str, int], holder: dict[str, Any] | None) -> dict[str, Any] | None:
    """The speaker of a quotation a name signs, its marks the cue (None without a signature)."""
    return {"cue": (quote["open"], quote["close"]), "holder": holder, "lemma": ""} if holder else None


def _signature(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """A person's name opening `doc[start:end]`, with only a role after its comma: the mention of
    who signs words ("Albert Bourla, PDG de Pfizer"); None for anything else."""
    while start < end and doc[start].is_punct:
        start += 1
    entity = next((e for e in doc.ents if e.start == start and e.label_ == "PER" and e.end <= end), None)
    if entity is None or (entity.end < end and doc[entity.end].text != ","):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[entity.end : end]):
        return None  # a clause, not a role
    return holder_info(doc, start, end - 1, doc[entity.end - 1])


def _title(doc: Doc, quote: dict[str, int]) -> bool:
    """A capitalised quotation without a finite verb: the title of a text, a programme or a name.

    Speech holds a finite verb; a fragment woven into a sentence ("« la nécessité impérieuse de
    se réapproprier le langage »") starts in lower case.
    """
    if not doc.text[quote["start"] : quote["start"] + 1].isupper():
        return False
    return not any(
        quote["start"] <= t.idx < quote["end"] and t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", [])
        for t in doc
    )


def _echoed(doc: Doc, quote: dict[str, int], frame: dict[str, Any]) -> bool:
    """Whether a frame's content is the quotation, which then is the one stance: mostly, for an
    according-to frame ("Selon M. Nielson, « … »"); every word, for an indirect one ('explique que
    "HAARP n'est pas classifié" et que …'; but 'que seuls "…"' is both, GUIDE §3)."""
    if frame["kind"] == "according-to":
        return _mostly(quote, frame["content"])
    start, end = frame["content"]
    text = doc.text
    outside = text[start : min(quote["open"], end)] + text[max(quote["close"], start) : end]
    return frame["kind"] == "indirect" and start < quote["close"] and not any(c.isalnum() for c in outside)


def _mostly(quote: dict[str, int], content: list[int]) -> bool:
    inside = min(quote["end"], content[1]) - max(quote["start"], content[0])
    return inside >= QUOTE_COVER * (content[1] - content[0])


def _speaker_after(doc: Doc, quote: dict[str, int]) -> dict[str, Any] | None:
    """ "…», a écrit M. X" / "…», glisse-t-il": a verb group right after the closing mark."""
    index = _after_quote(doc, quote)
    window = doc[index : min(len(doc), index + 5)]
    for token in window:
        if token.pos_ == "VERB":
            # "a tenu à préciser la directrice": the carried infinitive is the verb of saying
            token = next((c for c in token.children if _carried(c) and reporting_lemma(c)), token)
            first, last, clitic = _cue(doc, token)
            # "« … », a tranché la directrice", "« … », s'est emporté le chauffeur": right after a
            # quotation and its comma, an inverted verb with its subject is a verb of saying
            incise = doc[index].text == "," and (clitic is not None or _subject_after(doc, token, last))
            if reporting_lemma(token) is None and not incise:
                return None
            holder = _holder(doc, token, clitic, True)
            if holder is None:
                return None
            lemma = reporting_lemma(token) or ""
            return {
                "cue": (doc[first].idx, doc[last].idx + len(doc[last].text)),
                "holder": holder,
                "lemma": lemma,
            }
        if not (
            token.is_punct
            or token.pos_ in ("AUX", "ADV")
            or token.text.startswith("-")
            or token.lower_ == "comme"  # "« … », comme l'a dit X"
            or (token.pos_ == "PRON" and token.lower_ in AS_SAID_CLITICS)
            or token.lower_ in REFLEXIVE  # "« … », s'est emporté le chauffeur"
        ):
            return None
    return None


def _after_quote(doc: Doc, quote: dict[str, int]) -> int:
    """The first token after a quotation's closing mark."""
    index = _token_at_or_before(doc, quote["close"])
    while index < len(doc) and doc[index].idx < quote["close"]:
        index += 1
    return index


def _subject_speaker_after(doc: Doc, quote: dict[str, int]) -> dict[str, Any] | None:
    """ "« … », un des résidents a déclaré.": after the quotation and its comma, a subject and its
    verb of saying in the usual order, ending the sentence (the order of speech translated from English)."""
    index = _after_quote(doc, quote)
    if index >= len(doc) or doc[index].text != ",":
        return None
    verb = next((t for t in doc[index + 1 : min(len(doc), index + 10)] if t.pos_ == "VERB"), None)
    if verb is None or reporting_lemma(verb) is None:
        return None
    first, last, clitic = _cue(doc, verb)
    subjects = [s for s in _subjects(verb) if index < s.i < first]
    if clitic is not None or not subjects or (last + 1 < len(doc) and doc[last + 1].text not in ENDS):
        return None
    holder = _holder(doc, verb, None, False)
    if holder is None:
        return None
    cue = (doc[first].idx, doc[last].idx + len(doc[last].text))
    return {"cue": cue, "holder": holder, "lemma": reporting_lemma(verb)}


def _split_incise(doc: Doc, quote: dict[str, int]) -> tuple[list[tuple[int, int]], dict[str, Any]] | None:
    """ "« A, affirme-t-elle. B »": the quotation split around its incise, with the incise's speaker."""
    for token in doc:
        if not (quote["start"] < token.idx < quote["end"]) or reporting_lemma(token) is None:
            continue
        first, last, clitic = _cue(doc, token)
        if first == 0 or doc[first - 1].text != ",":
            continue
        holder = _holder(doc, token, clitic, True)
        if holder is None:
            continue
        resume = next((t for t in doc[last + 1 :] if t.text in (",", ".") and t.idx >= holder["end"]), None)
        if resume is None or resume.idx >= quote["end"]:
            continue
        left = (quote["start"], doc[first - 1].idx)
        right_start = resume.idx + 1
        while right_start < quote["end"] and doc.text[right_start].isspace():
            right_start += 1
        cue = (doc[first].idx, doc[last].idx + len(doc[last].text))
        speaker = {"cue": cue, "holder": holder, "lemma": reporting_lemma(token) or ""}
        return [left, (right_start, quote["end"])], speaker
    return None


# ----------------------------------------------------------------------------------------------


def _frame(
    kind: str,
    cue: tuple[int, int],
    holder: dict[str, Any] | None,
    content: tuple[int, int] | None,
    lemma: str,
    doc: Doc,
    verb: Any,
) -> dict[str, Any]:
    """One frame; its polarity is the holder's stance (see `polarity.read_polarity`)."""
    assert content is not None
    if kind == "direct" and lemma in denials().verbs:
        lemma = ""  # «…», a démenti X: the quoted words are the holder's own, affirmed (the denial is their content)
    read = read_polarity(doc, content, lemma, verb, cue) if kind != "continued" else None
    past = verb is not None and (
        any(c.dep_.startswith("aux") for c in verb.children)
        or "Past" in verb.morph.get("Tense")
        or "Imp" in verb.morph.get("Tense")
    )
    return {
        "kind": kind,
        "cue": list(cue),
        "holder": holder,
        "content": list(read.content if read else content),
        "polarity": read.polarity if read else "affirms",
        "denial": list(read.denial) if read and read.denial else None,
        "negated": bool(read and read.negated),
        "past_cue": past,
        "lemma": lemma,
        "verb": None if verb is None else verb.i,
    } | ({"holder": holder | _speech(lemma)} if holder is not None else {})


def _speech(lemma: str) -> dict[str, bool]:
    """What the cue's verb says of its subject: an actor's act only (`speaks`, "la romancière dément")
    or an act of saying, which a text may do as well (`declares`, "le programme explique")."""
    verbs = reporting_verbs()
    saying = (lemma in verbs.affirms or lemma in denials().verbs) and lemma not in verbs.text_object
    return {"speaks": lemma in verbs.speech_only, "declares": saying} if saying else {}
