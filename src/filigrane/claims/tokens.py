"""Small helpers over spaCy tokens shared by the claim components."""

from __future__ import annotations

from typing import Any

from filigrane.claims.kin import akin
from filigrane.claims.lexicons import holder_cues, reporting_verbs

QUE = frozenset({"que", "qu'", "qu’"})
CLOSING = frozenset({"»", "”", '"'})
OPENING = frozenset({"«", "“", '"', "„"})
TRAILING = frozenset(".,;:!?…")


def reporting_lemma(token: Any) -> str | None:
    """The reporting-verb lemma of `token`, tolerant of lemmatiser slips ("glisse", "estime")."""
    if token.pos_ not in ("VERB", "AUX") and not untagged_participle(token):
        return None
    verbs = reporting_verbs()
    return next((spelling for spelling in lemma_spellings(token) if verbs.polarity(spelling)), None)


def untagged_participle(token: Any) -> bool:
    """A word the tagger left untagged (X) after its auxiliary: a participle ("a nié, dimanche, que")."""
    return token.pos_ == "X" and any(c.dep_ == "aux:tense" for c in token.children)


def lemma_spellings(token: Any) -> list[str]:
    """The lemma of a verb and the spellings its form may stand for when the lemmatiser slips
    ("glisse" -> "glisser", "demande" -> "demander", "répètent" -> "répéter")."""
    lower = token.lower_
    candidates = (token.lemma_.lower(), lower + "r", lower[:-1] + "r", lower[:-2] + "er")
    # "répètent" -> "répèter": the stem's grave accent of the present tense is acute in the lemma
    return [spelling for candidate in candidates for spelling in (candidate, _acute_stem(candidate))]


def _acute_stem(lemma: str) -> str:
    """ "répèter" -> "répéter", "suggèrer" -> "suggérer": the last è of the stem written é."""
    at = lemma.rfind("è")
    return lemma[:at] + "é" + lemma[at + 1 :] if at >= 0 and lemma.endswith("er") else lemma


def is_pronoun(token: Any) -> bool:
    return bool(token.pos_ == "PRON")


def span_of(tokens: list[Any]) -> tuple[int, int]:
    """Character span of a run of tokens, trailing punctuation left out."""
    while len(tokens) > 1 and (tokens[-1].text in TRAILING or tokens[-1].text in OPENING):
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[0].is_punct and tokens[0].text not in OPENING:
        tokens = tokens[1:]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def holder_info(doc: Any, first: int, last: int, head: Any) -> dict[str, Any]:
    """Plain description of a holder mention (tokens `first`..`last` inclusive) for kind resolution."""
    tokens = [doc[i] for i in range(first, last + 1)]
    clause = [
        t
        for t in tokens
        if t.i > head.i
        and ((t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")) or "Rel" in t.morph.get("PronType"))
    ]
    if clause:  # a holder is a noun phrase, never the clause after it ("la députée à ceux qui l'accusent")
        tokens = [t for t in tokens if t.i < clause[0].i]
        while len(tokens) > 1 and tokens[-1].i > head.i and tokens[-1].pos_ in ("ADP", "DET", "PRON", "CCONJ", "PUNCT"):
            tokens.pop()
    tokens = _before_addressee(_before_adjunct(tokens, head), head)
    while len(tokens) > 1 and tokens[-1].lower_ in INTENSIFIERS:  # "le Premier ministre lui-même"
        tokens = tokens[:-1]
    start, end = span_of(tokens)
    owner = _owner(head)
    naming = [t for t in tokens if t.i not in owner]  # "un porte-parole d'Elvéa" names no person
    propn = [t for t in naming if named(t)]
    name = _joint_name(tokens, head) or _name(naming)
    text = doc[tokens[0].i : tokens[-1].i + 1].text  # (`doc.text` rebuilds the whole paragraph)
    at = tokens[0].idx
    return {
        "name": text[name[0] - at : name[1] - at] if name else "",
        "name_start": name[0] if name else None,
        "words": any(char.isalpha() for t in tokens for char in t.text),
        "anonymous": _anonymous(doc, tokens[0].i, tokens[-1].i),
        "start": start,
        "end": end,
        "text": text[start - at : end - at],
        "head": head.lemma_.lower(),
        "head_text": head.text,
        "head_pos": head.pos_,
        "head_ent": head.ent_type_,
        "per": any(t.ent_type_ == "PER" and not t.text[:1].islower() for t in naming),
        # a joint holder ("Emmanuel Macron et Olaf Scholz") is no later mention of one of its members
        "key": (text[name[0] - at : name[1] - at].lower() if name and _joint_name(tokens, head) else "")
        or (text[name[0] - at : name[1] - at].split()[-1].lower() if name and propn else "")  # the surname
        or (propn[-1].text.lower() if propn else ""),
        "first": tokens[0].lower_,
        "ents": [[t.ent_type_, t.text] for t in tokens if t.ent_type_],
        # the entity right after a common noun head names it: "la firme Triumph"
        "named_by": _named_by(doc, head, tokens[-1].i),
        # the common noun right before the name says what it names: "le tabloïd Blesk"
        "described_as": _described_as(doc, name[0] if name else None, tokens[0].i),
        # a named body the head belongs to: "le Grand quartier général de l'Otan"
        "part_of_body": any(c.dep_ == "nmod" and c.ent_type_ == "ORG" for c in head.children),
        # a name the common-noun head is of: "la métropole de Grenoble", "le porte-parole d'Elvéa"
        "of_name": bool(owner),
        # the noun a quantity heads: "un certain nombre de fabricants" -> "fabricant"
        "of": next((c.lemma_.lower() for c in head.children if c.dep_ == "nmod" and c.pos_ == "NOUN"), ""),
        "gender": gender(tokens, head),
        "plural": "Plur" in head.morph.get("Number"),
        # the kind of actor a common noun no lexicon lists is akin to: "le syndic" is a person
        "akin": akin(head) if head.pos_ == "NOUN" else None,
    }


def _described_as(doc: Any, name_start: int | None, first: int) -> str:
    """The lemma of the common noun just before a name inside its mention ("le tabloïd Blesk" ->
    "tabloïd"), or ""."""
    if name_start is None:
        return ""
    before = doc[first : doc.char_span(name_start, name_start + 1, alignment_mode="expand").start]
    return before[-1].lemma_.lower() if len(before) and common_noun(before[-1]) else ""


def common_noun(token: Any) -> bool:
    """A common noun, or a lower-case word the tagger took for a proper noun ("le tabloïd Blesk")."""
    return bool(token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text[:1].islower()))


#: Pronouns that stress a noun phrase, no part of whom it names.
INTENSIFIERS = frozenset({"lui-même", "elle-même", "eux-mêmes", "elles-mêmes"})
#: Parts of speech opening a circumstance after a holder's comma ("par l'intermédiaire de…").
ADJUNCT_OPENERS = frozenset({"ADP", "ADV", "SCONJ"})


def _before_adjunct(tokens: list[Any], head: Any) -> list[Any]:
    """A mention without an adjunct set off by commas after its head ("Le ministère de l'Intérieur,
    par l'intermédiaire de son porte-parole,"): a preposition or an adverb after the comma starts
    a circumstance, not a description; an apposed name or role ("…, Dmitri Peskov") stays."""
    for at, token in enumerate(tokens):
        if token.i > head.i and token.text == "," and at + 1 < len(tokens) and tokens[at + 1].pos_ in ADJUNCT_OPENERS:
            return tokens[:at]
    return tokens


def _before_addressee(tokens: list[Any], head: Any) -> list[Any]:
    """A mention without the addressee after it ("la ministre aux accusations", "le maire à
    l'opposition"): "à" before a common noun in lower case; a title keeps its capital ("la
    ministre aux Sports", "le secrétaire d'État aux Transports")."""
    for at, token in enumerate(tokens):
        addressed = token.head
        if (
            token.i > head.i
            and token.lower_ in ("à", "au", "aux")
            and token.dep_ == "case"
            and addressed.pos_ == "NOUN"
            and addressed.text[:1].islower()
        ):
            return tokens[:at] or tokens
    return tokens


def _joint_name(tokens: list[Any], head: Any) -> tuple[int, int] | None:
    """The span of a joint holder made of names joined by "et" ("Emmanuel Macron et Olaf Scholz",
    "la Russie et l'Iran"): one holder of its members, never only the last one (GUIDE §4)."""
    if not named(head):
        return None
    members = [
        c
        for c in head.children
        if c.dep_ == "conj" and named(c) and any(k.dep_ == "cc" and k.lower_ == "et" for k in c.children)
    ]
    inside = {t.i for t in tokens}
    if not members or members[-1].right_edge.i not in inside:
        return None
    first = head.left_edge.i if head.left_edge.i in inside else head.i
    while first < head.i and head.doc[first].pos_ == "DET":
        first += 1
    last = head.doc[members[-1].right_edge.i]
    return head.doc[first].idx, last.idx + len(last.text)


def named(token: Any) -> bool:
    """A proper noun or a word of a person entity, capitalised: the tagger takes "anti-Covid" for a name."""
    return bool((token.pos_ == "PROPN" or token.ent_type_ == "PER") and not token.text[:1].islower())


def acronym(text: str) -> bool:
    """An all-capital word of two letters or more ("OTAN", "WHO"): a name, whatever word it spells."""
    return len(text) >= 2 and text.isupper() and text.isalpha()


#: Prepositions of a possessor: "le porte-parole d'Elvéa", "l'avocat de Jean Morel".
OF = frozenset({"de", "d'", "d’", "du", "des"})


def _owner(head: Any) -> set[int]:
    """Token indices of a name the common-noun head belongs to ("un porte-parole d'Elvéa", "l'avocat
    de Jean Morel"): that name is whose role it is, not the holder's own name. Only the name right
    after the preposition (with its flat parts), so a name in apposition further on still names the
    holder ("le porte-parole du Kremlin, Dmitri Peskov")."""
    if head.pos_ != "NOUN":
        return set()
    owned: set[int] = set()
    for child in head.children:
        named = child.pos_ == "PROPN" or child.ent_type_ == "PER"
        if child.dep_ == "nmod" and child.i > head.i and named and introduced_by(child, OF):
            owned |= {child.i} | {k.i for k in child.children if k.dep_.startswith("flat")}
    return owned


def _named_by(doc: Any, head: Any, last: int) -> str:
    """The entity type of a name right after a common noun head, past its adjectives: "la firme
    Triumph", "le réseau social Picto" name an organisation."""
    at = head.i + 1
    while at <= last and doc[at].pos_ == "ADJ":
        at += 1
    return str(doc[at].ent_type_) if at <= last else ""


def _name(tokens: list[Any]) -> tuple[int, int] | None:
    """The character span of the person's name in a mention: its longest run of person-entity
    tokens (else of proper nouns), honorifics left out ("M. Frants Klintsevitch" -> "Frants Klintsevitch")."""
    cues = holder_cues()
    titles = cues["titles"] | cues["persons"]  # "Commissaire Monti": the role noun is no part of the name
    runs: list[list[Any]] = []
    for attribute, value in (("ent_type_", "PER"), ("pos_", "PROPN")):
        run: list[Any] = []
        for token in tokens:
            # a role word opens no name, but a capitalised one inside it is the name's ("Bruno Le Maire")
            in_name = token.lower_ not in titles or (run and token.text[:1].isupper())
            if getattr(token, attribute) == value and in_name and token.text not in ("(", ")", ","):
                run.append(token)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        if runs:
            break
    # the articles and prepositions of a title the NER tagged PER ("de la Commission") name no one
    runs = [kept for run in runs if (kept := [t for t in run if t.pos_ not in ("ADP", "DET")])]
    runs = [run for run in runs if not run[0].text[:1].islower()]  # "des internautes anti-Covid": no name
    if not runs:
        return None
    bodies = cues["organisation"] | cues["government"]
    people = [run for run in runs if not any(t.lower_ in bodies for t in run)]  # not "Commission européenne"
    best = max(people or runs, key=lambda r: (len(r), r[0].i))
    return best[0].idx, best[-1].idx + len(best[-1].text)


def _anonymous(doc: Any, first: int, last: int) -> bool:
    """An anonymity cue in or just after the mention ("qui a requis l'anonymat", "sous couvert d'anonymat")."""
    cues = holder_cues()["anonymity"]
    sent_end = doc[last].sent.end
    return any(t.lower_ in cues for t in doc[first : min(sent_end, last + ANONYMITY_WINDOW)])


#: Tokens after a mention where an anonymity cue still describes it.
ANONYMITY_WINDOW = 10

#: Honorifics and clitics that tell a mention's grammatical gender.
MASCULINE = frozenset({"m.", "m", "monsieur", "il", "-il", "ils", "-ils", "lui", "eux", "le", "un"})
FEMININE = frozenset({"mme", "mlle", "madame", "elle", "-elle", "elles", "-elles", "la", "une"})


def gender(tokens: list[Any], head: Any) -> str:
    """ "Masc", "Fem" or "" for a holder mention: its head's morphology, else its first word."""
    first = tokens[0].lower_
    if first in MASCULINE:
        return "Masc"
    if first in FEMININE:
        return "Fem"
    found = head.morph.get("Gender") or [g for t in tokens if t.pos_ in ("DET", "NOUN") for g in t.morph.get("Gender")]
    return str(found[0]) if found else ""


NE = frozenset({"ne", "n'", "n’"})
#: Verbs negated by "ne" alone in formal French ("ne peut", "ne saurait", "n'ose").
LITERARY_NE = frozenset({"pouvoir", "savoir", "oser"})
#: Negative determiners: a mention under them names no one ("aucun expert", "aucune preuve").
NO_ONE = frozenset({"aucun", "aucune", "nul", "nulle"})
#: Words that negate a predicate besides the `Polarity=Neg` adverbs ("ne", "pas", "plus").
NEGATORS = frozenset({"jamais", "aucun", "aucune", "rien", "nullement", "aucunement", "guère", "nul", "nulle"})
#: Words after `pas` that bound a quantity or a restriction, not the proposition: "pas plus de
#: deux", "n'est pas juste un tuyau", "pas seulement".
NOT_ONLY = frozenset({"plus", "moins", "juste", "seulement", "uniquement", "simplement"})
#: The second words of `ne … X` looked for when the parser hung them on another word than the verb.
HUNG_NEGATORS = NEGATORS | {"pas", "plus", "point", "personne", "ni"}
#: Tokens after the verb where a hung negation word is looked for ("n'y a plus", "ne répond à aucune").
NEGATION_WINDOW = 4


def negators(head: Any) -> list[Any]:
    """The negation words attached to a predicate (`ne … pas/plus/jamais/aucun/rien`, a subject or
    object under `aucun`: "n'avaient fait aucune victime"), restrictive `ne … que` and quantity
    bounds ("pas plus de deux") left out; empty when there is none."""
    ne = [c for c in head.children if c.lower_ in NE]
    negs = [
        c
        for c in head.children
        if (c.morph.get("Polarity") == ["Neg"] or c.lower_ in NEGATORS or (ne and c.lower_ in ("plus", "point")))
        and not _quoted_apart(c, head)
    ]
    if ne:
        negs += [
            d
            for c in head.children
            if c.dep_ in ("obj", "nsubj", "nsubj:pass") or c.dep_.startswith("obl")  # "Nulle part … ne fait état"
            for d in c.children
            if (d.dep_ == "det" and d.lower_ in NEGATORS) or (d.dep_ == "cc" and d.lower_ == "ni")  # "ni X ni Y ne"
        ]
    if ne and not [t for t in negs if t.lower_ not in NE]:
        negs += _hung_elsewhere(head, ne[0])
    negs = sorted(set(negs), key=lambda t: t.i)
    words = [t for t in negs if t.lower_ not in NE]
    if ne and not words and head.lemma_ in LITERARY_NE:  # "ne peut être versée", "ne saurait": no "pas"
        following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        return [] if following is not None and following.lower_ in ("que", "qu'", "qu’") else ne
    if not words:
        return []
    last = max(words, key=lambda t: t.i)
    following = head.doc[last.i + 1] if last.i + 1 < len(head.doc) else None
    if following is not None and (
        following.lower_ in NOT_ONLY or (following.lower_ == "que" and following.dep_ != "mark")
    ):
        return []
    return negs


def _quoted_apart(word: Any, head: Any) -> bool:
    """Whether a quotation mark stands between a word and its head: a word of a quotation does not
    negate the verb outside it that the parser hung it on (« Une affabulation, rien de plus » : le
    sélectionneur balaie la rumeur)."""
    low, high = sorted((word.i, head.i))
    return any(t.text in OPENING or t.text in CLOSING for t in word.doc[low + 1 : high])


#: Marks that end the clause a subject belongs to.
CLAUSE_BREAKS = frozenset([":", ";", "«", "»", '"', "(", ")"])


def _hung_elsewhere(head: Any, ne: Any) -> list[Any]:
    """The second word of a `ne` the parser hung on another word: just after the verb ("n'y a
    plus de temps", "ne répond à aucune des urgences", "n'était ni prête ni concentrée") or as a
    bare subject ("personne ne se trouvait", "rien ne justifie")."""
    doc = head.doc
    window = [t for t in doc[ne.i + 1 : min(len(doc), head.i + NEGATION_WINDOW)] if t.i != head.i]
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < ne.i]
    return [
        t for t in [*window, *subjects] if t.lower_ in HUNG_NEGATORS and not any(c.dep_ == "det" for c in t.children)
    ] + _neither_before(ne)


def _neither_before(ne: Any) -> list[Any]:
    """The "ni" of a subject "ni X ni Y" before a `ne`, however the parser hung it ("que ni la grêle ni
    le gel n'ont touché", "Ni la police ni les secours ne sont arrivés"): back to the clause's start."""
    found = []
    for token in reversed(ne.doc[ne.sent.start : ne.i]):
        if token.pos_ in ("VERB", "AUX") or token.lower_ in QUE or token.text in CLAUSE_BREAKS:
            break
        if token.lower_ == "ni":
            found.append(token)
    return found


def negation(head: Any) -> tuple[int, int] | None:
    """The span of the negation around a predicate, from its first word to the predicate or the last word."""
    negs = negators(head)
    if not negs:  # (a negated norm is negated content too: "ne doit pas servir de prétexte", GUIDE §5)
        return None
    words = [t for t in negs if t.lower_ not in NE] or negs
    last = max(words, key=lambda t: t.i)
    first = min([*negs, head], key=lambda t: t.i)
    end_token = max([last, head], key=lambda t: t.i)
    return first.idx, end_token.idx + len(end_token.text)


def predicate(doc: Any, content: tuple[int, int]) -> Any:
    """The main predicate of a content span: its first sentence's root within the span, or None."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    tokens = [t for t in span if content[0] <= t.idx < content[1]] if span is not None else []
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    sentence_end = tokens[0].sent.end
    roots = [t for t in tokens if t.i < sentence_end and (t.head.i not in inside or t.head.i == t.i)]
    predicates = [t for t in roots if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN")]
    return predicates[0] if predicates else None


def negated_noun(token: Any) -> bool:
    """Whether a noun is in a negation's scope: "aucune preuve", "sans preuve", "pas de preuve",
    "n'apporte pas de preuves" (a booster or evidence word there asserts nothing)."""
    noun = token if token.pos_ in ("NOUN", "PROPN") else token.head
    if any(c.lower_ in NEGATORS or c.lower_ in ("nul", "nulle", "sans") for c in noun.children):
        return True
    before = [t.lower_ for t in token.doc[max(0, noun.left_edge.i - 2) : noun.i]]
    if "sans" in before or before[-2:] == ["pas", "de"] or before[-2:] == ["pas", "d'"]:
        return True
    return noun.dep_ in ("obj", "nsubj") and bool(negators(noun.head))


def introduced_by(token: Any, words: frozenset[str]) -> bool:
    """Whether a noun phrase opens on one of `words` (its "case" word, whatever label the parser gave
    the phrase: "par" for an agent, "de" for an owner or what a text speaks of)."""
    return any(c.dep_ == "case" and c.lower_ in words for c in token.children)


def tokens_in(doc: Any, content: tuple[int, int]) -> list[Any]:
    """The tokens starting inside a character span (a slice of the doc, never a walk over all of it)."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    return [t for t in span if content[0] <= t.idx < content[1]] if span is not None else []
