"""`filigrane_techniques` (French, on the parse) and `filigrane_techniques_en` (light English).

Both read a lexicon named in their config (`data/lexicons/techniques.yaml`, `techniques_en.yaml`)
and leave plain dicts on the paragraph's Doc (`doc._.filigrane_techniques`): technique, span,
cues, target and score, character offsets into the paragraph. Lexicon cues mark a span as wide as
their technique's scope (the cue, its noun phrase, its sentence); parse-based rules add terms held
at arm's length ("la coalition dite antiterroriste", short quotations in the writer's voice),
questions and short exclamations in the writer's voice. Without a parser (English), the noun phrase
is the cue and the target the capitalised words next to it.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from filigrane.claims.quotes import quote_spans
from filigrane.techniques.lexicon import Cues, Lexicon, load

Doc.set_extension("filigrane_techniques", default=None, force=True)

#: Longest noun phrase taken as a `phrase` span, in tokens.
MAX_PHRASE_TOKENS = 10
#: Longest target, in tokens.
MAX_TARGET_TOKENS = 6
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
        for match_id, start, end in [*self.phrases(doc), *self.tokens(doc)]:
            cues = self.by_key[doc.vocab.strings[match_id]]
            if cues.unless_named and _names_an_event(doc, end):
                continue
            found.append(_found(cues.technique, _scope(doc[start:end], cues.scope), doc[start:end], cues.score))
        found += self._scare_words(doc)
        found += self._scare_quotes(doc, quotes)
        found += self._sentences(doc, quotes)
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
            lowered = {t.lower_.rstrip("'’") for t in sentence}
            if (
                text.endswith("?")
                and words >= questions.limit
                and lowered & questions.words
                and lowered & questions.also
            ):
                rule = questions
            elif (
                text.endswith("!")
                and words <= self.lexicon.exclamations.limit
                and (text.isupper() or not _names(trimmed))
            ):
                rule = self.lexicon.exclamations
            elif first is not None and "Imp" in first.morph.get("Mood") and words <= self.lexicon.calls.limit:
                rule, cue = self.lexicon.calls, doc[first.i : first.i + 1]  # "Faisons vivre la solidarité"
            else:
                continue
            found += [_found(name, trimmed, cue, rule.score) for name in rule.techniques]
        return found


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
    return following is not None and following.is_alpha and not following.is_title


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
