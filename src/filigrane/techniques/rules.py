"""`filigrane_techniques` (French, on the parse) and `filigrane_techniques_en` (light English).

Both read a lexicon named in their config (`data/lexicons/techniques.yaml`, `techniques_en.yaml`)
and leave plain dicts on the paragraph's Doc (`doc._.filigrane_techniques`): technique, span,
cues, target and score, character offsets into the paragraph. Lexicon cues mark a span as wide as
their technique's scope (the cue, its noun phrase, its sentence), a word cue written as a name
("Les Patriotes") excepted; parse-based rules add terms held at arm's length ("la coalition dite
antiterroriste", "la « grande » loi", "cette « grande évasion »"), negative rhetorical questions
("n'a-t-il pas …?"), short exclamations and first-plural imperatives in the writer's voice, and
frames: two kinds of word in one sentence (a threat and the reader, a value and its weight). Without
a parser (English), the noun phrase is the cue and the target the capitalised words next to it.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from filigrane.claims.quotes import quote_spans
from filigrane.techniques.lexicon import Cues, Lexicon, Rule, load

Doc.set_extension("filigrane_techniques", default=None, force=True)

#: Longest noun phrase taken as a `phrase` span, in tokens.
MAX_PHRASE_TOKENS = 10
#: Longest target, in tokens.
MAX_TARGET_TOKENS = 6
#: Shortest exclamation taken for a slogan, in words ("Imparable !" is a cry; "Non à la casse !" a call).
MIN_SLOGAN_WORDS = 3
NOUNS = frozenset({"NOUN", "PROPN"})
#: Words that join the parts of a name ("Ministry of Truth").
CONNECTORS = frozenset({"of", "the", "de", "du", "des", "la", "le"})


class TechniqueRules:
    """Finds technique spans in one paragraph; see the module docstring."""

    def __init__(self, nlp: Language, lexicon: str) -> None:
        self.lexicon: Lexicon = load(lexicon)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        self.by_key: dict[str, Cues] = {}
        for cues in self.lexicon.cues:
            self.by_key[cues.technique] = cues
            self.phrases.add(cues.technique, [nlp.make_doc(phrase) for phrase in cues.phrases])
            if cues.lemmas:  # one pattern per attribute, whatever the list's length
                words = list(cues.lemmas)
                self.tokens.add(cues.technique, [[{"LEMMA": {"IN": words}}], [{"LOWER": {"IN": words}}]])
            for pattern in cues.patterns:
                self.tokens.add(cues.technique, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        quotes = [(q["start"], q["end"]) for q in quote_spans(doc) if "continued" not in q]
        found: list[dict[str, Any]] = []
        phrases = self.phrases(doc)
        for match_id, start, end in [*phrases, *(m for m in self.tokens(doc) if not _a_name(doc[m[1] : m[2]]))]:
            cues = self.by_key[doc.vocab.strings[match_id]]
            if cues.unless_named and _names_an_event(doc, end):
                continue
            if cues.nominal and end - start == 1 and doc[start].pos_ in ("VERB", "AUX"):
                continue  # "il a vendu": a verb, not the label "un vendu"
            found.append(_found(cues.technique, _scope(doc[start:end], cues.scope), doc[start:end], cues.score))
        found += self._scare_words(doc)
        found += self._scare_quotes(doc, quotes)
        found += self._sentences(doc, quotes)
        found += self._frames(doc)
        doc._.filigrane_techniques = found
        return doc

    def _scare_words(self, doc: Doc) -> list[dict[str, Any]]:
        """ "la coalition dite antiterroriste": a word holding its noun at arm's length."""
        rule, found = self.lexicon.scare_words, []
        for token in doc:
            if token.lower_ not in rule.words or not _describes(doc, token):
                continue
            noun = token.head if token.head.pos_ in NOUNS and token.head is not token else _next_noun(doc, token)
            if noun is None:
                continue
            first, last = min(token.i, noun.i), max(token.i, noun.i)
            while last + 1 < len(doc) and doc[last + 1].head.i in (token.i, noun.i) and doc[last + 1].pos_ == "ADJ":
                last += 1
            span = doc[first : last + 1]
            found += [_found(name, span, doc[token.i : token.i + 1], rule.score) for name in rule.techniques]
        return found

    def _scare_quotes(self, doc: Doc, quotes: list[tuple[int, int]]) -> list[dict[str, Any]]:
        """A quotation of a few words inside a sentence (not a sentence quoted whole), its first word
        not a name: a term held at arm's length, in the writer's words or a speaker's (quotations count)."""
        rule, found = self.lexicon.scare_quotes, []
        for start, end in quotes:
            span = doc.char_span(start, end, alignment_mode="expand")
            words = [t for t in span if t.is_alpha] if span is not None else []
            if span is None or not 0 < len(words) <= rule.limit or _name_word(words[0]):
                continue  # a quoted name ("Micra", "ATM") is a name, not a term held at arm's length
            before = _previous_word(doc, span.start)
            if before is None or before.lower_.rstrip("'’") not in rule.also:
                continue  # not a designation ("cette « grande évasion »"): a title, a term discussed
            if any(t.lower_ in rule.words for t in doc[max(0, span.start - 3) : span.start]):
                continue  # a named thing ("le programme « … »")
            sentence = span.sent
            if sentence.start == span.start and sentence.end <= span.end + 1:  # a quotation alone: speech
                continue
            single = self.lexicon.quoted_word
            if len(words) == 1:  # the target's own word held up: "la « grande » loi", "ces « raisons »"
                if words[0].pos_ == "ADJ" or before.lower_ in single.also:
                    found += [_found(name, span, span, single.score) for name in single.techniques]
            elif any(t.lower_ in rule.marks for t in words):  # the writer's label: "cette « grande évasion »"
                found += [_found(name, span, span, rule.score) for name in rule.techniques]
        return found

    def _sentences(self, doc: Doc, quotes: list[tuple[int, int]]) -> list[dict[str, Any]]:
        """Questions and short exclamations of the writer's (outside quotations)."""
        found = []
        for sentence in doc.sents:
            trimmed = _trimmed(sentence)
            text, last = trimmed.text, trimmed[-1]
            if not text or any(a <= last.idx <= b for a, b in quotes):
                continue
            words = sum(1 for t in sentence if t.is_alpha)
            questions, first = self.lexicon.questions, _first_word(trimmed)
            cue = doc[last.i : last.i + 1]
            exclamations, calls = self.lexicon.exclamations, self.lexicon.calls
            if text.endswith("?") and words >= questions.limit and _negative_question(trimmed, questions):
                rule = questions
            elif (
                text.endswith("!")
                and MIN_SLOGAN_WORDS <= words <= exclamations.limit
                and first is not None
                and first.lower_.rstrip("'’") not in exclamations.words  # "Quel gâchis !": a cry, no call
                and (text.isupper() or not _names(trimmed))
            ):
                rule = exclamations
            elif first is not None and not text.endswith("?") and words <= calls.limit and _imperative(first):
                rule, cue = calls, doc[first.i : first.i + 1]  # "Faisons vivre la solidarité"
            else:
                continue
            found += [_found(name, trimmed, cue, rule.score) for name in rule.techniques]
        return found

    def _frames(self, doc: Doc) -> list[dict[str, Any]]:
        """A sentence holding a word of each of a frame's two sets: a threat and the reader or the
        writer's group ("on pourra couper votre ballon", "la menace qui pèse sur nos enfants"), a value
        and its weight ("un instrument démocratique essentiel"). A threat described, no one addressed,
        is a fact reported; a value named without weight is a topic."""
        found: list[dict[str, Any]] = []
        if not self.lexicon.frames:
            return found
        keys = [(t.lower_, t.lemma_.lower()) for t in doc]
        for sentence in doc.sents:
            for rule in self.lexicon.frames:
                cues = [i for i in range(sentence.start, sentence.end) if not rule.words.isdisjoint(keys[i])]
                also = (
                    [i for i in range(sentence.start, sentence.end) if not rule.also.isdisjoint(keys[i])]
                    if cues
                    else []
                )
                cue = next((i for i in cues if any(_near(i, j, rule.limit) for j in also)), None)
                if cue is not None:
                    span = _trimmed(sentence)
                    found += [_found(name, span, doc[cue : cue + 1], rule.score) for name in rule.techniques]
        return found


def _near(cue: int, other: int, limit: int) -> bool:
    """Another token than the cue, within `limit` tokens of it (anywhere when `limit` is 0)."""
    return other != cue and (not limit or abs(other - cue) <= limit)


def _negative_question(sentence: Span, rule: Rule) -> bool:
    """A question that suggests its answer by its form: negation around an inverted subject, "n'a-t-il
    pas", "ne sont-ils pas", "n'est-ce pas" (a question merely holding a negation elsewhere asks)."""
    for token in sentence:
        if not token.text.startswith("-") or token.lower_ == "-t" or token.i + 1 >= sentence.end:
            continue
        after = token.doc[token.i + 1]
        before = token.doc[max(sentence.start, token.i - 4) : token.i]
        if after.lower_ in rule.words and any(t.lower_.rstrip("'’") in rule.also for t in before):
            return True
    return False


def _imperative(token: Any) -> bool:
    """A sentence's first word an imperative: tagged so, or a first person plural with no subject
    before it ("Soutenons ensemble …", "Faisons vivre …": the tagger reads these as indicative)."""
    if "Imp" in token.morph.get("Mood"):
        return True
    word = token.lower_
    return bool(
        token.doc.has_annotation("DEP")  # French, parsed
        and word.endswith("ons")
        and not word.endswith("ions")  # "Actions", "Questions": nouns, never a first plural imperative
        and len(word) > 5
        and token.pos_ not in ("NOUN", "DET", "PRON")
        and not token.ent_type_
        and not token.dep_.startswith("nsubj")
    )


def _a_name(cue: Span) -> bool:
    """A word cue (lemma, pattern) that is, or qualifies, a name inside a sentence: "le mouvement Les
    Patriotes", "un Conseil européen extraordinaire" (the body's name, not the writer's word). Phrases
    are written whole and may be names ("prix Nobel")."""
    words = [t for t in cue if t.is_alpha]
    if not cue.doc.has_annotation("DEP") or not words:  # the English light pipeline: no parse to trust
        return False
    if not cue[0].is_sent_start and all(_name_word(t) for t in words):
        return True
    head = cue.root.head
    return bool(cue.root.pos_ == "ADJ" and head is not cue.root and _name_word(head) and not head.is_sent_start)


def _names_an_event(doc: Doc, end: int) -> bool:
    """Whether "de" (or "d'") and a name follow a cue ending at token `end`: "massacre de Boutcha"."""
    if end + 1 >= len(doc) or doc[end].lower_.rstrip("'’") not in ("de", "d", "of"):
        return False
    after = doc[end + 1]
    return bool(after.is_title and (after.pos_ == "PROPN" or after.ent_type_ or not doc.has_annotation("TAG")))


def _describes(doc: Doc, token: Any) -> bool:
    """Whether a scare word describes a designation rather than reports speech ("dit M. Dupont"):
    without a parse, always; with one, no verb of its own with a subject, and no name right after."""
    if not doc.has_annotation("DEP"):
        return True
    if any(child.dep_.startswith("nsubj") for child in token.children):
        return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and following.is_alpha and not _name_word(following)  # "dites NMC": a name


def _previous_word(doc: Doc, index: int) -> Any:
    """The last word before token `index`, skipping quotation marks and spaces."""
    for token in reversed(doc[max(0, index - 3) : index]):
        if not (token.is_punct or token.is_space or token.is_quote):
            return token
    return None


def _names(sentence: Span) -> bool:
    """Whether a sentence names someone or something (an exclamation about a goal, not a slogan)."""
    if sentence.doc.has_annotation("ENT_IOB") and sentence.doc.has_annotation("DEP"):
        return any(t.ent_type_ or t.pos_ == "PROPN" for t in sentence)
    return any(_name_word(t) for t in list(sentence)[1:])


def _first_word(sentence: Span) -> Any:
    return next((t for t in sentence if t.is_alpha), None)


def _found(technique: str, span: Span, cue: Span, score: float) -> dict[str, Any]:
    return {
        "technique": technique,
        "start": span.start_char,
        "end": span.end_char,
        "cues": [(cue.start_char, cue.end_char)],
        "target": _target(cue),
        "score": score,
    }


def _scope(cue: Span, scope: str) -> Span:
    """The span a cue marks: itself, its noun phrase (when parsed), or its sentence."""
    if scope == "sentence":
        return _trimmed(cue.sent)
    if scope == "phrase" and cue.doc.has_annotation("DEP"):
        root = cue.root
        noun = root.head if root.pos_ not in NOUNS and root.dep_ in ("amod", "acl") else root
        if noun.pos_ in NOUNS:
            first = min(noun.left_edge.i, cue.start)
            last = max(noun.right_edge.i, cue.end - 1)
            if last - first < MAX_PHRASE_TOKENS:
                while first < cue.start and (cue.doc[first].is_punct or cue.doc[first].pos_ in ("ADP", "CCONJ")):
                    first += 1
                while last >= cue.end and cue.doc[last].is_punct:
                    last -= 1
                return cue.doc[first : last + 1]
    return cue


def _trimmed(sentence: Span) -> Span:
    last = sentence.end
    while last > sentence.start + 1 and sentence.doc[last - 1].is_space:
        last -= 1
    return sentence.doc[sentence.start : last]


def _next_noun(doc: Doc, token: Any) -> Any:
    """ "la soi-disant opposition": the noun right after the word (or after one adjective)."""
    for candidate in doc[token.i + 1 : token.i + 3]:
        if candidate.pos_ in NOUNS or (not doc.has_annotation("DEP") and candidate.is_alpha):
            return candidate
    return None


def _target(cue: Span) -> str | None:
    """The actor or entity a cue works on: an entity in its noun phrase, else the sentence's subject.

    Without a parse (English), the capitalised words right after the cue, else right before it.
    """
    doc = cue.doc
    if not doc.has_annotation("DEP"):
        return _capitalised(doc, cue)
    root = cue.root
    noun = root.head if root.dep_ in ("amod", "acl", "advmod") else root
    for token in noun.subtree:
        if token.ent_type_ and token.ent_type_ != "MISC":
            return _entity(token)
    subjects = [t for t in cue.sent.root.children if t.dep_ in ("nsubj", "nsubj:pass")]
    for subject in subjects:
        if subject.ent_type_ or subject.pos_ == "PROPN":
            return _entity(subject) if subject.ent_type_ else subject.text
    return None


def _entity(token: Any) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    return str(token.text)


def _capitalised(doc: Doc, cue: Span) -> str | None:
    """Capitalised words right after the cue (joined by "of", "the"), else right before it."""
    after = doc[cue.end : cue.end + MAX_TARGET_TOKENS]
    before = doc[max(0, cue.start - 3) : cue.start]
    for tokens in (after, before):
        words = [t for t in tokens]
        first = next((k for k, t in enumerate(words) if _name_word(t)), None)
        if first is None or (tokens is after and first > 1):
            continue
        last = first
        for k in range(first + 1, len(words)):
            if _name_word(words[k]):
                last = k
            elif not (words[k].lower_ in CONNECTORS and k + 1 < len(words) and _name_word(words[k + 1])):
                break
        return str(doc[words[first].i : words[last].i + 1].text)
    return None


def _name_word(token: Any) -> bool:
    return bool(token.is_title or (token.is_upper and len(token) > 1))


@Language.factory("filigrane_techniques", default_config={"lexicon": "techniques.yaml"})
def make_techniques(nlp: Language, name: str, lexicon: str) -> TechniqueRules:
    return TechniqueRules(nlp, lexicon)


@Language.factory("filigrane_techniques_en", default_config={"lexicon": "techniques_en.yaml"})
def make_techniques_en(nlp: Language, name: str, lexicon: str) -> TechniqueRules:
    return TechniqueRules(nlp, lexicon)


def techniques_of(doc: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] | None = doc._.filigrane_techniques
    return found or []
