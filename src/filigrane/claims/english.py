"""Light English claims: `filigrane_attribution_en` and `filigrane_certainty_en`.

No English model is installed, so these components read a blank tokenizer's tokens and the
sentencizer's sentences, with word forms from `data/lexicons/claims_en.yaml`: quotations with
their speaker before or after ("…," said X / X told Reuters: "…"), reporting verbs with their
content ("X said that …", "…, X said."), "according to X", modal hedges, boosters and evidence
nouns. They leave the same plain frames and markers as the French components, so the one
`ClaimExtractor` (and its holder resolution) serves both languages.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from filigrane.claims.certainty import markers_of
from filigrane.claims.holders import is_outlet, person_noun
from filigrane.claims.lexicons import holder_cues, words
from filigrane.claims.polarity import Polarity
from filigrane.claims.quotes import quote_spans
from filigrane.claims.tokens import acronym
from filigrane.clean.lexicon import load_yaml
from filigrane.provenance.origins import catalogue_for

#: Longest holder mention read on either side of a reporting verb, in tokens.
MAX_HOLDER_TOKENS = 10
#: Words of a quotation without a speaker before it counts as speech rather than a scare quote.
MIN_BARE_WORDS = 6
NEGATIONS = frozenset(["not", "n't", "never", "no", "nobody", "nothing", "neither", "none", "cannot", "nowhere"])
#: Forms of "be" that make a verification word passive: "was never proven" denies, "had not shown any
#: benefit" is a negative finding the holder affirms.
BE_FORMS = frozenset(["be", "been", "being", "is", "are", "was", "were", "'s", "’s"])
MASCULINE = frozenset(["he", "him", "mr", "mr."])
FEMININE = frozenset(["she", "her", "mrs", "mrs.", "ms", "ms."])
QUOTE_MARKS = frozenset(['"', "“", "”", "«", "»", "‘", "’"])
#: Capitalised words that never name a holder ("The ministry" is not a name).
FUNCTION_WORDS = frozenset(["the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"])


@dataclass(frozen=True)
class EnglishLexicon:
    affirms: frozenset[str]
    denies: frozenset[str]
    addressee: frozenset[str]
    verb_group: frozenset[str]
    subject_stops: frozenset[str]
    hedges: tuple[str, ...]
    boosters: tuple[str, ...]
    evidence: frozenset[str]
    clause_starts: frozenset[str]
    trailing_time: frozenset[str]
    #: Words a date phrase ends on ("on Tuesday", "last week").
    time_words: frozenset[str]
    verification: frozenset[str]
    #: Denying phrases as tuples of lower-case words ("there", "is", "no", "evidence", "that").
    denial_phrases: tuple[tuple[str, ...], ...]
    #: What a denial calls its object ("dismissed as false …").
    false_words: frozenset[str]
    #: Reporting verbs that report only before "that" ("the report found that").
    that_only: frozenset[str]
    #: Verbs whose "to" + reporting verb negates the report ("declined to confirm").
    refusals: frozenset[str]
    #: Verbs that qualify an object ("called the plan "a disaster"", "described X as fake").
    qualifying: frozenset[str]

    def polarity(self, word: str) -> str | None:
        if word in self.denies:
            return "denies"
        return "affirms" if word in self.affirms else None


@cache
def english() -> EnglishLexicon:
    table: dict[str, Any] = load_yaml("claims_en.yaml")
    affirms, denies, addressee, verb_group, stops, evidence, starts, times = (
        words(table[key])
        for key in (
            "affirms",
            "denies",
            "addressee",
            "verb_group",
            "subject_stops",
            "evidence",
            "clause_starts",
            "trailing_time",
        )
    )
    hedges, boosters = tuple(table["hedges"]), tuple(table["boosters"])
    phrases = tuple(tuple(phrase.lower().replace("'s", " 's").split()) for phrase in table["denial_phrases"])
    return EnglishLexicon(
        affirms,
        denies,
        addressee,
        verb_group,
        stops,
        hedges,
        boosters,
        evidence,
        starts,
        times,
        words(table["time_words"]),
        words(table["verification"]),
        phrases,
        words(table["false_words"]),
        words(table["that_only"]),
        words(table["refusals"]),
        words(table["qualifying"]),
    )


# ----------------------------------------------------------------------------------------------
# Certainty


class EnglishCertainty:
    """Stores `doc._.filigrane_markers` (hedges, boosters, evidence) like `filigrane_certainty`."""

    def __init__(self, nlp: Language) -> None:
        lexicon = english()
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("hedge", [nlp.make_doc(p) for p in lexicon.hedges])
        self.phrases.add("booster", [nlp.make_doc(p) for p in lexicon.boosters])
        self.evidence = lexicon.evidence

    def __call__(self, doc: Doc) -> Doc:
        markers = [
            {"type": doc.vocab.strings[match_id], "start": doc[s].idx, "end": doc[e - 1].idx + len(doc[e - 1].text)}
            for match_id, s, e in self.phrases(doc)
            if not (doc.vocab.strings[match_id] == "hedge" and _unscoped_modal(doc, s))
            and not (doc.vocab.strings[match_id] == "booster" and _negated_word(doc, s))
        ]
        markers += [
            _evidence(doc, t.i)
            for t in doc
            if t.lower_ in self.evidence and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in self.evidence)
        ]
        doc._.filigrane_markers = sorted(markers, key=lambda m: (m["start"], m["type"]))
        return doc


#: Modals that hedge a claim, unless backshifted or inside a subordinate clause.
MODALS = frozenset(["may", "might", "could"])
#: Words opening a clause that a modal inside it does not make the main claim's hedge.
SUBORDINATORS = frozenset(["because", "if", "when", "whether", "although", "though", "unless", "while", "since"])
#: Past forms of reporting verbs whose "could" is the past of "can" ("said they could now access").
PAST_REPORTS = frozenset(["said", "told", "added", "wrote", "explained", "announced", "confirmed", "stated", "noted"])


def _negated_word(doc: Doc, index: int) -> bool:
    """Whether a negation stands just before a word ("was never proven", "not clearly"): a negated
    booster asserts nothing with certainty."""
    return any(t.lower_ in NEGATIONS for t in doc[max(doc[index].sent.start, index - 2) : index])


def _unscoped_modal(doc: Doc, index: int) -> bool:
    """Whether a modal hedges no claim of its own: "could" after a past reporting verb is the past of
    "can" ("said customers could now access music": ability, GUIDE §16), and a modal in a clause
    opened by "because", "if", "when"… is not the main claim's ("threats … because they may disagree")."""
    word = doc[index].lower_
    if word not in MODALS:
        return False
    sent = doc[index].sent
    for token in reversed(doc[sent.start : index]):
        if token.lower_ in SUBORDINATORS:
            return True
        if word == "could" and token.lower_ in PAST_REPORTS:
            return True
        if token.text in (";", ":") or token.text in QUOTE_MARKS:
            return False
    return False


@Language.factory("filigrane_certainty_en")
def make_english_certainty(nlp: Language, name: str) -> EnglishCertainty:
    return EnglishCertainty(nlp)


def _modifier(token: Any) -> bool:
    """A word that may stand before an evidence noun in its phrase: not a verb-like or function word."""
    lexicon = english()
    lower = token.lower_
    return not (
        token.is_punct
        or lower in lexicon.subject_stops
        or lower in lexicon.verb_group
        or lower in lexicon.affirms
        or lower.endswith(("ed", "ing"))
    )


def _evidence(doc: Doc, noun: int) -> dict[str, Any]:
    """The evidence word with its determiners and modifiers before it and a short "of/from/by …" after."""
    sent = doc[noun].sent
    first = noun
    while first > sent.start and noun - first < 3 and _modifier(doc[first - 1]):
        first -= 1
    last = noun
    if noun + 1 < sent.end and doc[noun + 1].lower_ in ("from", "by", "of", "published", "released", "obtained"):
        last = noun + 1
        while last + 1 < sent.end and not doc[last + 1].is_punct and last - noun < 5:
            if doc[last + 1].lower_.endswith("ly") or doc[last + 1].lower_ in english().affirms:
                break
            last += 1
    phrase = doc[first : last + 1]
    named = any(t.text[:1].isupper() or t.like_num for t in phrase if t.i > sent.start)
    return {"type": "evidence", "start": phrase.start_char, "end": phrase.end_char, "specified": named}


# ----------------------------------------------------------------------------------------------
# Attribution


class EnglishAttribution:
    """Stores `doc._.filigrane_frames` like `filigrane_attribution`, from word forms and punctuation."""

    def __init__(self, outlet_files: tuple[str, ...] = ()) -> None:
        self.catalogue = catalogue_for(outlet_files)

    def __call__(self, doc: Doc) -> Doc:
        quotes = quote_spans(doc)
        inside = [(q["open"], q["close"]) for q in quotes]
        frames: list[dict[str, Any]] = []
        for sent in doc.sents:
            for token in sent:
                if any(s <= token.idx < e for s, e in inside):
                    continue
                frame = _according(doc, sent, token) or _reported(doc, sent, token, inside)
                if frame is not None:
                    frames.append(frame)
        frames += _quoted(doc, quotes, frames)
        for frame in frames:
            if frame["holder"] is not None:
                holder = frame["holder"]
                holder["outlet"] = holder.get("outlet") or is_outlet(holder, self.catalogue)
        doc._.filigrane_frames = frames
        return doc


@Language.factory("filigrane_attribution_en", default_config={"outlet_files": []})
def make_english_attribution(nlp: Language, name: str, outlet_files: list[str]) -> EnglishAttribution:
    return EnglishAttribution(tuple(outlet_files))


def _reported(doc: Doc, sent: Any, verb: Any, inside: list[tuple[int, int]]) -> dict[str, Any] | None:
    """ "X said (that) …", "X told Reuters that …", "…, X said." and "…, said X."."""
    lexicon = english()
    polarity = lexicon.polarity(verb.lower_)
    if polarity is None and verb.lower_ in lexicon.qualifying and not verb.text[:1].isupper():
        return _qualification(doc, sent, verb, inside)
    if polarity is None or (verb.text[:1].isupper() and verb.i > sent.start):  # a headline in title case
        return None
    if verb.i > sent.start and doc[verb.i - 1].lower_ in DETERMINERS:  # "the claims", "a report": a noun
        return None
    if verb.i - 2 >= sent.start and _called_false(doc, verb.i - 2):  # "dismissed as false reports": a noun
        return None
    if polarity == "denies" and verb.i > sent.start and doc[verb.i - 1].lower_ in PASSIVE_AUXILIARIES:
        return _passive_denial(doc, sent, verb)
    if _passive(doc, sent, verb):  # "the claim was confirmed by police", "it is reported that": no holder
        return None
    following = doc[verb.i + 1] if verb.i + 1 < sent.end else None
    if verb.lower_ in lexicon.that_only and not (following is not None and following.lower_ == "that"):
        return None
    if following is not None and verb.lower_.endswith("s") and following.lower_ in ("of", "about"):
        return None  # "estimates of her net worth", "reports about": a noun
    if (
        following is not None
        and following.lower_ == "that"
        and verb.i + 2 < sent.end
        and _relative_verb(doc[verb.i + 2])
    ):
        return None  # "critical reports that depicted …": a noun and its relative clause
    if following is not None and following.like_num:  # "the Nasdaq added 20.72 points": no report
        return None
    refusal = verb.i - 2 >= sent.start and doc[verb.i - 1].lower_ == "to" and doc[verb.i - 2].lower_ in lexicon.refusals
    before = _subject(doc, sent, verb.i - 2 if refusal else verb.i)
    noun = verb.i + 1 < sent.end and doc[verb.i + 1].lower_ in NOUN_AFTER  # "and reports of abuse"
    if before is None and not noun and verb.i > sent.start and doc[verb.i - 1].lower_ in ("and", "but"):
        earlier = next(  # "denied any wrongdoing and said …": the subject of the first report
            (t.i for t in reversed(doc[sent.start : verb.i - 1]) if lexicon.polarity(t.lower_) is not None), None
        )
        before = _subject(doc, sent, earlier) if earlier is not None else None
        before = (verb.i, before[1]) if before is not None else None
    after = verb.i + 1
    if before is None or before[0] == 0:  # "…, said X." / "…," said X
        if verb.i - 1 >= sent.start and doc[verb.i - 1].text == "," and _clause_end(doc, sent, verb.i - 1):
            holder = _holder_after(doc, sent, verb.i)
            if holder is not None:
                return _frame(doc, verb.i, verb.i, holder, (sent.start, verb.i - 2), polarity)
        if before is None:
            return None
    first_cue, subject = before
    if _final(doc, sent, verb.i):
        if verb.i - len(subject) - 1 > sent.start and doc[subject[0] - 1].text == ",":  # "…, X said."
            return _frame(doc, first_cue, verb.i, _holder(doc, subject), (sent.start, subject[0] - 2), polarity)
        return None
    if verb.lower_ in lexicon.addressee:  # "told Reuters that …": the person told is not the content
        that = next((t.i for t in doc[after : min(sent.end, after + 6)] if t.lower_ in CLAUSE_SUBJECTS), None)
        if that is None:
            return None
        after = that  # "told the BBC he would never return": the clause starts at its subject
    after = _past_setting(doc, sent, after)  # "said in a statement that", "said on Twitter:"
    if polarity == "denies" and after + 1 < sent.end and _called_false(doc, after):
        after += 2  # "dismissed as false reports that …": what is called false is denied
    if doc[after].lower_ == "that" and after + 1 < sent.end and _complementiser(doc, sent, after):
        after += 1
    opening_quote = doc[after].text in QUOTE_MARKS or doc[after].text == "'"
    if (doc[after].is_punct and not opening_quote) or _quotation_to_the_end(doc, sent, after, inside):
        return None  # "said:" before a quotation: the quotation's own frame
    end = _coordinated_report(doc, sent, after) or sent.end
    if subject[0] > sent.start and doc[subject[0] - 1].lower_ in SUBORDINATORS | {"as"}:
        # "As NASA's scientists have confirmed that P, NASA believes …": P ends with its clause
        end = next((t.i for t in doc[after:end] if t.text == ","), end)
    return _frame(doc, first_cue, verb.i, _holder(doc, subject), (after, end - 1), polarity)


#: Prepositions opening where or how a thing was said ("in a statement", "on Twitter", "to reporters").
SETTINGS = frozenset(["in", "on", "to", "at", "during", "via", "through", "after", "before", "following"])


def _past_setting(doc: Doc, sent: Any, after: int) -> int:
    """The first token after a phrase saying where a thing was said ("said in a statement that …",
    "said in an interview: …"), when "that", a colon or a quotation follows it; else `after`."""
    if after >= sent.end or doc[after].lower_ not in SETTINGS:
        return after
    for index in range(after + 1, min(sent.end, after + MAX_HOLDER_TOKENS)):
        token = doc[index]
        if token.lower_ == "that" or token.text in (":", ",") or token.text in QUOTE_MARKS:
            return index if token.lower_ == "that" or token.text in QUOTE_MARKS else index + 1
        if token.is_punct or english().polarity(token.lower_) is not None:
            break
    return after


#: Words that open the clause an addressee verb reports ("told Reuters that …", "told the BBC he …").
CLAUSE_SUBJECTS = frozenset(["that", "he", "she", "it", "they", "we", "i", "there"])


def _passive(doc: Doc, sent: Any, verb: Any) -> bool:
    """Whether a reporting participle is passive ("was confirmed by", "is reported"), not progressive
    ("is saying") and not a perfect ("has said")."""
    if verb.lower_.endswith("ing"):
        return False
    index = verb.i - 1
    while index >= sent.start and doc[index].lower_ in NEGATIONS | ADVERBS_IN_GROUP:
        index -= 1
    return index >= sent.start and doc[index].lower_ in PASSIVE_AUXILIARIES


#: Adverbs between a passive auxiliary and its participle ("was also reported", "is widely believed").
ADVERBS_IN_GROUP = frozenset(["also", "widely", "previously", "later", "earlier", "reportedly", "first"])


def _quotation_to_the_end(doc: Doc, sent: Any, after: int, inside: list[tuple[int, int]]) -> bool:
    """Whether the content would open on a quotation that runs to the sentence end (the quotation's own
    frame reads it); a quoted word inside a longer content ("denied 'sensational' claims") does not."""
    start = doc[after].idx
    close = next((e for s, e in inside if s <= start < e), None)
    if close is None:
        return False
    rest = [t for t in doc[_first_token_from(doc, close) : sent.end] if not t.is_punct and t.text not in QUOTE_MARKS]
    return len(rest) < 2 or rest[0].lower_ in english().trailing_time


def _qualification(doc: Doc, sent: Any, verb: Any, inside: list[tuple[int, int]]) -> dict[str, Any] | None:
    """ "X called the plan "a disaster"", "described the report as fake news": a stance when the
    qualification is quoted or calls its object false (then X denies the object: "called the
    allegation that P a lie" denies "the allegation that P"); "called the police" is no stance."""
    if verb.i > sent.start and doc[verb.i - 1].lower_ in DETERMINERS | PASSIVE_AUXILIARIES:
        return None
    before = _subject(doc, sent, verb.i)
    if before is None or verb.i + 2 >= sent.end or doc[verb.i + 1].lower_ in SETTINGS:
        return None  # "the patient described in the case report": no object, no qualification
    words = doc[verb.i + 1 : sent.end]
    false = next((t for t in words if t.lower_ in english().false_words), None)
    quoted = next((t for t in words if any(s <= t.idx < e for s, e in inside)), None)
    if false is None and quoted is None:
        return None
    first_cue, subject = before
    if false is not None:  # what is called false is denied: the words before the qualification
        end = false.i - 1
        while end > verb.i and (doc[end].lower_ in QUALIFICATION_WORDS | {"as"} or doc[end].text in QUOTE_MARKS):
            end -= 1
        return _frame(doc, first_cue, verb.i, _holder(doc, subject), (verb.i + 1, end), "denies")
    return _frame(doc, first_cue, verb.i, _holder(doc, subject), (verb.i + 1, sent.end - 1), "affirms")


#: Words between a qualified object and the false word ("a complete lie", "as totally baseless").
QUALIFICATION_WORDS = frozenset(["a", "an", "the", "complete", "total", "totally", "completely", "utterly", "pure"])


def _coordinated_report(doc: Doc, sent: Any, start: int) -> int | None:
    """Where a second report of the same subject begins ("denied any wrongdoing and said …", "rejected
    the claims but added that …"): the index of its conjunction, which ends the first content."""
    for index in range(start + 1, sent.end - 1):
        word, following = doc[index + 1].lower_, doc[index + 2].lower_ if index + 2 < sent.end else ""
        if doc[index].lower_ in ("and", "but") and english().polarity(word) is not None and following not in NOUN_AFTER:
            return index  # (not "the claims and reports of abuse": a noun)
    return None


def _called_false(doc: Doc, at: int) -> bool:
    """Whether "as false" (or baseless, untrue…) starts at token `at`."""
    return bool(doc[at].lower_ == "as" and at + 1 < len(doc) and doc[at + 1].lower_ in english().false_words)


def _passive_denial(doc: Doc, sent: Any, verb: Any) -> dict[str, Any] | None:
    """ "The claim that soldiers died was denied by the ministry": the agent denies the subject, or
    the clause after a noun's "that" ("The claim that P" -> P)."""
    if verb.i + 2 >= sent.end or doc[verb.i + 1].lower_ != "by":
        return None
    agent = []
    for token in doc[verb.i + 2 : min(sent.end, verb.i + 2 + MAX_HOLDER_TOKENS)]:
        if token.is_punct or token.lower_ in english().trailing_time or token.lower_ in AGENT_STOPS:
            break
        agent.append(token.i)
    first = verb.i - 1
    while first - 1 >= sent.start and doc[first - 1].lower_ in PASSIVE_AUXILIARIES | english().verb_group:
        first -= 1
    start = next((t.i + 1 for t in doc[sent.start : first] if t.lower_ == "that" and t.i > sent.start), sent.start)
    if not agent or first - 1 < start:
        return None
    return _frame(doc, first, verb.i, _holder(doc, agent), (start, first - 1), "denies")


#: Words after a reporting word that make it a noun ("reports of abuse", "claims about").
NOUN_AFTER = frozenset(["of", "about", "on", "from", "by"])
#: Prepositions after a holder's head noun ("the head of the delegation", "a report in the Argus
#: Leader", "officials in Washington", "a spokesman for the ministry"); "for" after a capitalised
#: title is part of it ("Minister for Health Jane Doe" names her).
HEAD_PREPOSITIONS = frozenset(["of", "in", "from", "at", "for"])
#: Words before a verb form that make it a noun ("the claims", "a report").
DETERMINERS = frozenset(["the", "a", "an", "these", "those", "this", "its", "his", "their", "our", "my", "such"])
#: Words that end a passive's agent ("by the Ministry of Defence, which …").
AGENT_STOPS = frozenset(["that", "which", "who", "because", "after", "before", "while", "as"])
#: Auxiliaries of a passive ("was denied by").
PASSIVE_AUXILIARIES = frozenset(["was", "were", "been", "is", "are", "be", "being"])


def _complementiser(doc: Doc, sent: Any, that: int) -> bool:
    """Whether "that" after a reporting verb opens its clause: before a clause start ("said that the
    convoy…") or before a longer clause ("found that none of the wells…"), not as the determiner of a
    short object ("disputed that account.") nor as a relative before its verb ("reports that
    depicted …")."""
    following = doc[that + 1 : sent.end]
    if _relative_verb(following[0]):
        return False
    return _clause_start(following[0]) or (len(following) > 2 and not following[1].is_punct)


def _relative_verb(token: Any) -> bool:
    """A past verb straight after "that": the "that" is a relative pronoun, its noun no report's."""
    return token.lower_.endswith("ed") and token.text[:1].islower() and token.lower_ not in english().clause_starts


def _clause_start(token: Any) -> bool:
    """Whether a word after "that" starts a clause ("said that the convoy…"), not a noun ("that account")."""
    return bool(token.lower_ in english().clause_starts or token.text[:1].isupper() or token.like_num)


def _final(doc: Doc, sent: Any, verb: int) -> bool:
    """Whether a reporting verb ends its sentence, perhaps before a time ("said on Friday.")."""
    rest = [t for t in doc[verb + 1 : sent.end] if not t.is_punct]
    lexicon = english()
    if rest and doc[verb].lower_ in lexicon.addressee:  # "…, a source told Agence France-Presse."
        addressee = 0
        while addressee < len(rest) and (rest[addressee].text[:1].isupper() or rest[addressee].lower_ in ADDRESSEES):
            addressee += 1
        rest = rest[addressee:] if addressee else rest
    timed = bool(rest) and (rest[0].lower_ in lexicon.trailing_time or rest[0].lower_ in lexicon.time_words)
    # "said on Friday.", "tweeted Monday night.", "announced Wednesday at the Dubai Air Show."
    verbs = [t for t in rest if (lexicon.polarity(t.lower_) and not t.text[:1].isupper()) or t.lower_ in CLAUSE_WORDS]
    if not rest or (timed and len(rest) <= MAX_TRAILING_WORDS and not verbs):
        return True
    # "said Tuesday in a fireside chat with …", "said while visiting the conference": a setting, no clause
    setting = next((k for k, t in enumerate(rest) if not (t.lower_ in lexicon.time_words or t.like_num)), len(rest))
    opening = setting < len(rest) and (
        rest[setting].lower_ in CIRCUMSTANCES or (setting > 0 and rest[setting].lower_ in SETTINGS)
    )
    commas = any(t.text == "," for t in doc[verb + 1 : sent.end])
    return opening and not verbs and not commas


#: Words opening the circumstances of a saying that end a sentence ("…, Cook said while visiting X.").
CIRCUMSTANCES = frozenset(["while", "when", "as", "outside", "inside", "ahead"])


#: Words that make what follows a verb a clause, not a time or place ("said in a statement that …").
CLAUSE_WORDS = frozenset(["that", "would", "will", "could", "can", "had", "has", "have", "was", "were", "is", "are"])


#: Words of an addressee after "told" that ends a sentence ("…, she told reporters.").
ADDRESSEES = frozenset(["the", "reporters", "journalists", "media", "press", "a", "news", "conference", "agency"])
#: Words a time and place phrase after a sentence-final reporting verb may hold.
MAX_TRAILING_WORDS = 8


def _clause_end(doc: Doc, sent: Any, comma: int) -> bool:
    """Whether a comma closes a clause of reported content (at least three words before it)."""
    return bool(comma - sent.start >= 3)


def _subject(doc: Doc, sent: Any, verb: int) -> tuple[int, list[int]] | None:
    """(first token of the cue, subject tokens) left of a reporting verb, past "has also"-like words."""
    lexicon = english()
    index = verb - 1
    while index >= sent.start and doc[index].lower_ in lexicon.verb_group:
        index -= 1
    cue_first = index + 1
    if index > sent.start and doc[index].text in RELATIVES:  # "a blog post that said P" (not "the WHO said")
        antecedent = _antecedent(doc, sent, index)
        return (cue_first, antecedent) if antecedent else None
    tokens: list[int] = []
    while index >= sent.start and len(tokens) < MAX_HOLDER_TOKENS:
        token = doc[index]
        stop = token.lower_ in lexicon.subject_stops and not acronym(token.text)  # "the WHO said"
        if (token.is_punct and token.text not in (".", "'s", "’s")) or stop:
            break
        tokens.insert(0, index)
        index -= 1
    if not tokens and index > sent.start and doc[index].text == ",":
        tokens = _apposed(doc, sent, index)
    dated = next((k for k, i in enumerate(tokens) if k and _dated(doc, i)), None)
    if dated is not None:  # "Amnesty International on Tuesday said": the date is no part of the holder
        tokens = tokens[:dated]
    if not tokens or len(tokens) > MAX_HOLDER_TOKENS + 2:
        return None
    if len(tokens) == 1 and doc[tokens[0]].lower_ in holder_cues()["impersonal"]:
        return None  # "I think", "We found": the writer's own voice, no reported stance
    return cue_first, tokens


def _dated(doc: Doc, index: int) -> bool:
    """Whether a time phrase starts at `index` ("on Tuesday", "last week", "yesterday")."""
    word = doc[index].lower_
    following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    return word in ("yesterday", "today", "tonight") or (
        word in english().trailing_time and following in english().time_words
    )


#: Relative pronouns whose antecedent is the subject of the verb after them ("a post that said").
RELATIVES = frozenset(["that", "which", "who"])
#: Tokens an apposition or a relative clause between a subject and its verb may span.
MAX_APPOSITION_TOKENS = 30


def _apposed(doc: Doc, sent: Any, comma: int) -> list[int]:
    """ "Maria Lopez, a spokeswoman for the agency, said", "Fan Mengguang, deputy director of the
    disease control centre, told": the name and its apposition, as one mention. "The company, which
    is expected to lay off thousands, confirmed": the noun phrase before the relative clause."""
    low = max(sent.start, comma - MAX_APPOSITION_TOKENS)
    opening = next((i for i in range(comma - 1, low - 1, -1) if doc[i].text == ","), None)
    if opening is None or opening + 1 >= comma:
        return []
    start = opening
    while start > sent.start and not doc[start - 1].is_punct and opening - start < MAX_HOLDER_TOKENS:
        if doc[start - 1].lower_ in english().subject_stops:
            break
        start -= 1
    if start == opening:
        return []
    if doc[opening + 1].lower_ in RELATIVES:
        return list(range(start, opening))
    return list(range(start, comma)) if comma - start <= MAX_HOLDER_TOKENS + 2 else list(range(start, opening))


def _antecedent(doc: Doc, sent: Any, relative: int) -> list[int]:
    """The noun phrase a relative pronoun stands for, read back to a stop ("The company published a
    blog post that said": "a blog post", from its determiner)."""
    tokens: list[int] = []
    index = relative - 1
    while index >= sent.start and len(tokens) < MAX_HOLDER_TOKENS:
        token = doc[index]
        if token.is_punct or token.lower_ in english().subject_stops or english().polarity(token.lower_):
            break
        tokens.insert(0, index)
        if token.lower_ in DETERMINERS:
            break
        index -= 1
    return tokens


def _holder_after(doc: Doc, sent: Any, verb: int) -> dict[str, Any] | None:
    """The holder after an inverted verb ("said the minister"), to the next punctuation."""
    tokens = []
    for token in doc[verb + 1 : min(sent.end, verb + 1 + MAX_HOLDER_TOKENS)]:
        if token.is_punct and token.text != ".":
            break
        if token.is_punct and token.i == sent.end - 1:
            break
        tokens.append(token.i)
    return _holder(doc, tokens) if tokens else None


def _according(doc: Doc, sent: Any, token: Any) -> dict[str, Any] | None:
    """ "According to X, …" or "…, according to X." over the clause the frame scopes over."""
    per = token.lower_ == "per" and token.i == sent.start  # "Per the census data, …"
    if not per and (token.lower_ != "according" or token.i + 2 >= sent.end or doc[token.i + 1].lower_ != "to"):
        return None
    holder = []
    for candidate in doc[token.i + (1 if per else 2) : min(sent.end, token.i + 2 + MAX_HOLDER_TOKENS)]:
        if (candidate.is_punct and candidate.text not in (".", "'s", "’s")) or candidate.lower_ in ("that", "which"):
            break
        if candidate.is_punct and candidate.i == sent.end - 1:
            break
        holder.append(candidate.i)
    if not holder:
        return None
    after = holder[-1] + 1
    leading = all(t.is_punct or t.lower_ in ("but", "and", "yet") for t in doc[sent.start : token.i])
    if leading and after < sent.end and doc[after].text == ",":
        content = (after + 1, sent.end - 1)
    elif token.i - 1 > sent.start and doc[token.i - 1].text == ",":
        content = (sent.start, token.i - 2)
    else:
        content = (sent.start, sent.end - 1)
    if per and not (after < sent.end and doc[after].text == ","):
        return None
    frame = _frame(doc, token.i, token.i if per else token.i + 1, _holder(doc, holder), content, "affirms")
    if frame is not None:
        frame["kind"] = "according-to"
    return frame


def _quoted(doc: Doc, quotes: list[dict[str, int]], frames: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Direct quotations, with the speaker after, before a colon or comma, or of the frame around them."""
    found: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for quote in quotes:
        if quote["end"] - quote["start"] < 2:
            continue
        speaker = _speaker_after(doc, quote) or _speaker_before(doc, quote)
        if speaker is None and previous is not None and _only_speech_between(doc, previous["close"], quote["open"]):
            speaker = previous["speaker"]  # '"A," he said. "B."': the second part is his too
        if speaker is None:
            speaker = next(
                (f for f in frames if f["content"][0] <= quote["open"] and quote["close"] <= f["content"][1] + 1), None
            )
        text = doc.text[quote["start"] : quote["end"]]
        if speaker is None:
            if len(text.split()) < MIN_BARE_WORDS or _title_case(text):
                continue
            speaker = {"cue": [quote["open"], quote["close"]], "holder": None, "polarity": "affirms", "bare": True}
        frame = {
            "kind": "direct",
            "cue": list(speaker["cue"]),
            "holder": speaker["holder"],
            "content": [quote["start"], quote["end"]],
            "polarity": speaker["polarity"],
            "denial": None,
            "negated": False,
            "past_cue": False,
            "lemma": "",
            "bare": bool(speaker.get("bare")),
        }
        _negate(doc, frame)
        found.append(frame)
        previous = {"close": quote["close"], "speaker": speaker}
    return found


def _speaker_after(doc: Doc, quote: dict[str, int]) -> dict[str, Any] | None:
    """'"…," said X' / '"…," X said' / '"…," she told Reuters'."""
    index = _first_token_from(doc, quote["close"])
    if index == len(doc):
        return None
    while index < len(doc) and doc[index].text in (",", "—", "-"):
        index += 1
    sent_end = doc[index].sent.end if index < len(doc) else len(doc)
    lexicon = english()
    apposition: int | None = None  # '"…," Steve Clarke, deputy administrator, said': the comma after the name
    for verb in range(index, min(sent_end, index + MAX_APPOSITION_TOKENS)):
        polarity = lexicon.polarity(doc[verb].lower_)
        if polarity is None:
            if doc[verb].text == "," and apposition is None and verb > index:
                apposition = verb
                continue
            if (doc[verb].is_punct and doc[verb].text not in (".", ",")) or doc[verb].text in QUOTE_MARKS:
                return None
            if apposition is None and verb - index >= MAX_HOLDER_TOKENS:
                return None
            continue
        first = verb
        while first > index and doc[first - 1].lower_ in lexicon.verb_group:
            first -= 1
        if apposition is not None and doc[first - 1].text != ",":
            return None  # a verb inside the apposition's own clause, not the speaker's
        # '"…," said X' or '"…," X said'
        end = apposition if apposition is not None else first
        holder = _holder_after(doc, doc[verb].sent, verb) if first == index else _holder(doc, list(range(index, end)))
        if holder is None:
            return None
        return {"cue": [doc[first].idx, doc[verb].idx + len(doc[verb].text)], "holder": holder, "polarity": polarity}
    return None


def _speaker_before(doc: Doc, quote: dict[str, int]) -> dict[str, Any] | None:
    """'X said: "…"' / 'X told Reuters, "…"'."""
    marks = [t for t in doc if t.idx < quote["open"]]
    if len(marks) < 2 or marks[-1].text not in (":", ","):
        return None
    lexicon = english()
    sent = marks[-1].sent
    for verb in reversed(marks[max(sent.start, len(marks) - 5) : -1]):
        polarity = lexicon.polarity(verb.lower_)
        if polarity is None:
            continue
        subject = _subject(doc, sent, verb.i)
        if subject is None:
            return None
        cue = [doc[subject[0]].idx, verb.idx + len(verb.text)]
        return {"cue": cue, "holder": _holder(doc, subject[1]), "polarity": polarity}
    return None


def _only_speech_between(doc: Doc, start: int, end: int) -> bool:
    """Whether only an incise ("he said.") lies between two quotations."""
    between = doc.text[start:end]
    return len(between.split()) <= 6 and any(w.strip(",.").lower() in english().affirms for w in between.split())


def _title_case(text: str) -> bool:
    """A quoted title or name ("The Art of the Deal"): most of its words capitalised."""
    long_words = [w for w in text.split() if len(w) > 3]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) > len(long_words) / 2


# ----------------------------------------------------------------------------------------------


def _holder(doc: Doc, tokens: list[int]) -> dict[str, Any]:
    """The holder description `ClaimExtractor` expects, from word shapes (no tagger): the head is the
    word before "of" ("the head of the delegation"), else the last word; capitalised words make a name."""
    while len(tokens) > 1 and (doc[tokens[-1]].is_punct or doc[tokens[-1]].lower_ in ("'s", "’s")):
        tokens = tokens[:-1]
    span = doc[tokens[0] : tokens[-1] + 1]
    cues = holder_cues()
    named = doc[span.start : next((t.i for t in span if t.text == ","), span.end)]  # "Maria Lopez, a spokeswoman…"
    apposed = doc[named.end + 1 : next((t.i for t in span if t.text == "," and t.i > named.end), span.end)]
    if (
        len(apposed) >= 2
        and all(_plain_name(t) or _initial(t) for t in apposed)
        and person_noun(_singular(named[-1].lower_))
    ):
        named = apposed  # "Carlineo's attorney, Sonya Zoghlin, said": the person the role describes
    of = next(
        (
            t.i
            for t in named
            if t.lower_ in HEAD_PREPOSITIONS and not (t.lower_ == "for" and doc[t.i - 1].text[:1].isupper())
        ),
        None,
    )
    head = doc[of - 1] if of is not None and of > span.start else named[-1]
    if head.i != named[-1].i and not _speaking_word(head) and _speaking_word(named[-1]):
        head = named[-1]  # "most of the officials": a quantity of people; "the head of the delegation": a person
    if not _speaking_word(head):  # "two people familiar with the matter", "a doctor on the scene"
        head = next((t for t in named if not t.is_punct and _speaking_word(t) and t.i < head.i), head)
    head, name_start = _name_head(named, head)
    lower = head.lower_
    singular = _singular(lower)
    names = [
        t
        for t in span
        if t.text[:1].isupper()
        and not _possessor(t, head)
        and t.lower_ not in cues["titles"]
        and t.lower_ not in FUNCTION_WORDS
        and named.start <= t.i < head.i + 1
        and not (t.is_sent_start and person_noun(_singular(t.lower_)))  # "Officials said": a noun, capitalised
    ]
    pronoun = lower in cues["pronouns"]
    capitalised = head.text[:1].isupper() and head in names
    head_pos = "PRON" if pronoun else ("PROPN" if capitalised and singular not in cues["media"] else "NOUN")
    first = span[0].lower_
    gender = "Masc" if first in MASCULINE else "Fem" if first in FEMININE else ""
    name = [t for t in names if t.lower_ not in cues["pronouns"] and (name_start is None or t.i >= name_start)]
    return {
        "name": doc[name[0].i : name[-1].i + 1].text if name else "",
        "words": True,
        "anonymous": any(t.lower_ in cues["anonymity"] for t in doc[span.start : min(len(doc), span.end + 10)]),
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "head": singular if singular in _kind_words() else lower,
        "head_text": head.text,
        "head_pos": head_pos,
        "head_ent": "",
        "per": False,
        "key": names[-1].lower_ if names and not pronoun else "",
        "first": first,
        "ents": [["MISC", t.text] for t in names],
        "outlet": _media_name(names),
        "gender": gender,
        "plural": lower != singular,
    }


def _name_head(named: Any, head: Any) -> tuple[Any, int | None]:
    """The head of a capitalised name, without a tagger, and where the person's name starts when a
    title comes first: "Secretary of State Mike Pompeo", "U.S. Attorney James Kennedy Jr." name the
    person after the title; else a body's noun inside the name ("National Institute on Drug Abuse",
    "Fort Worth Police Department": the last such noun). A common-noun head ("a new Fast Company
    report", "an Associated Press journalist") stays."""
    capitalised = [t for t in named if t.text[:1].isupper() and t.lower_ not in FUNCTION_WORDS]
    if head not in capitalised:
        return head, None
    last = named[-1]
    if last.lower_ in ("jr", "jr.", "sr", "sr.") and len(named) > 1:
        last = named[-2]
    run = [last]  # the capitalised words that end the name, no title or body among them
    while run[0].i > named.start and _plain_name(run[0].doc[run[0].i - 1]):
        run.insert(0, run[0].doc[run[0].i - 1])
    if run[0].i > named.start and run[0].doc[run[0].i - 1].lower_ == "of" and len(run) > 2:
        run = run[1:]  # "Secretary of State Mike Pompeo": the title's object is no part of the name
    titled = any(_singular(t.lower_) in holder_cues()["persons"] for t in named if t.i < run[0].i)
    if titled and len(run) >= 2 and _plain_name(last):
        return last, run[0].i
    bodies = [t for t in capitalised if _singular(t.lower_) in _body_words()]
    return (bodies[-1], None) if bodies else (head, None)


def _possessor(token: Any, head: Any) -> bool:
    """A name in the possessive before a common-noun head ("NASA's scientists", "Trump's defenders"):
    it says whose they are, it is not their name."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    possessive = following is not None and following.lower_ in ("'s", "’s")
    return possessive and token.i < head.i and not head.text[:1].isupper()


def _media_name(names: list[Any]) -> bool:
    """Whether a capitalised name of several words ends on a word newspapers and channels are named
    with ("The Hollywood Reporter", "the Argus Leader", "Fox News", "The Washington Post")."""
    return len(names) >= 2 and names[-1].lower_ in holder_cues()["media_names"]


def _initial(token: Any) -> bool:
    """A name's initial ("W." in "Patrick W. Carlineo")."""
    return bool(len(token.text) == 2 and token.text[0].isupper() and token.text[1] == ".")


def _plain_name(token: Any) -> bool:
    """A capitalised word that names neither a role nor a body (a first name or a surname): the
    lexicons decide, not the agent suffixes of French nouns ("Grant" is a name)."""
    singular = _singular(token.lower_)
    return bool(
        token.text[:1].isupper()
        and token.lower_ not in FUNCTION_WORDS
        and singular not in holder_cues()["persons"]
        and singular not in _body_words()
    )


@cache
def _body_words() -> frozenset[str]:
    cues = holder_cues()
    return frozenset().union(*(cues[k] for k in ("media", "government", "organisation"))) - cues["persons"]


def _speaking_word(token: Any) -> bool:
    """Whether a word names people or a speaking body or text (a holder's head)."""
    singular = _singular(token.lower_)
    return person_noun(singular) or singular in _kind_words() or (token.text[:1].isupper() and not token.is_sent_start)


def _singular(word: str) -> str:
    """ "authorities" -> "authority", "officials" -> "official" (no lemmatiser)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


@cache
def _kind_words() -> frozenset[str]:
    cues = holder_cues()
    return frozenset().union(
        *(cues[k] for k in ("anonymous_source", "media", "document", "government", "organisation", "persons"))
    )


def _frame(
    doc: Doc, first: int, last: int, holder: dict[str, Any], content: tuple[int, int], polarity: str
) -> dict[str, Any] | None:
    start, end = content
    while end > start and (doc[end].is_punct or doc[end].text in QUOTE_MARKS):
        end -= 1
    while start < end and (doc[start].is_punct and doc[start].text not in QUOTE_MARKS):
        start += 1
    if end < start or end - start < 1:
        return None
    cue = [doc[first].idx, doc[last].idx + len(doc[last].text)]
    frame = {
        "kind": "indirect",
        "cue": cue,
        "holder": holder,
        "content": [doc[start].idx, doc[end].idx + len(doc[end].text)],
        "polarity": polarity,
        "denial": cue if polarity == "denies" else None,
        "negated": False,
        "past_cue": False,
        "lemma": doc[last].lower_,
    }
    negated_frame = [t for t in doc[first:last] if t.lower_ in NEGATIONS or t.lower_ in english().refusals]
    if negated_frame:  # "did not confirm that", "declined to confirm that": the holder denies
        frame["polarity"] = "affirms" if polarity == "denies" else "denies"
        frame["denial"] = [negated_frame[0].idx, cue[1]] if frame["polarity"] == "denies" else None
        return frame
    _negate(doc, frame)
    return frame


def _first_token_from(doc: Doc, char: int) -> int:
    """The first token starting at or after character `char` (`len(doc)` if none), by bisection:
    a scan from the start for every frame would make a long paragraph cost quadratic time."""
    return bisect_left(range(len(doc)), char, key=lambda i: doc[i].idx)


def _negate(doc: Doc, frame: dict[str, Any]) -> None:
    """A denying phrase opening the content ("there is no evidence that …") makes the holder deny
    the clause after it; a negation in the content's first clause is a negative proposition the
    holder affirms (`negated`), unless it negates a verification ("was never proven"): a denial."""
    if frame["polarity"] == "denies":
        return
    start, end = frame["content"]
    tokens = list(doc[_first_token_from(doc, start) : _first_token_from(doc, end)])
    lexicon = english()
    lowered = [t.lower_ for t in tokens]
    for phrase in lexicon.denial_phrases:
        if tuple(lowered[: len(phrase)]) == phrase and len(tokens) > len(phrase):
            frame["polarity"] = "denies"
            frame["denial"] = [tokens[0].idx, tokens[len(phrase) - 1].idx + len(tokens[len(phrase) - 1].text)]
            frame["content"] = [tokens[len(phrase)].idx, end]
            return
    for token in tokens:
        if token.text in (",", ";", ":") or token.lower_ in ("that", "which", "if", "because"):
            return
        if token.lower_ in NEGATIONS and not any(m["start"] <= token.idx < m["end"] for m in markers_of(doc)):
            following = [t.lower_ for t in doc[token.i - 2 : token.i + 4]]
            passive = any(
                word in lexicon.verification and BE_FORMS & set(following[:k])
                for k, word in enumerate(following)
                if k > 2
            )
            if passive:
                auxiliary = doc[token.i - 1] if token.i > 0 and doc[token.i - 1].idx >= start else token
                frame["polarity"] = "denies"
                frame["denial"] = [auxiliary.idx, token.idx + len(token.text)]
            else:
                frame["negated"] = True
            return


#: Nouns of proof whose absence denies ("no evidence", "no credible proof").
PROOF_NOUNS = frozenset(["evidence", "proof"])


def author_polarity(doc: Doc, content: tuple[int, int]) -> Polarity:
    """The writer's stance on a sentence of their own, read on word forms (the French reading needs a
    parse): no evidence or proof of a thing ("We have found no evidence to corroborate this claim"),
    a negated verification ("was never proven") or a thing called false ("is false", "are baseless")
    deny; another negation in its first clause is a negative proposition the writer affirms."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None:
        return Polarity("affirms", None, False, content)
    lexicon = english()
    for token in span:
        ahead = list(doc[token.i + 1 : min(span.end, token.i + 4)])
        if token.lower_ == "no" and any(t.lower_ in PROOF_NOUNS for t in ahead[:2]):
            proof = next(t for t in ahead if t.lower_ in PROOF_NOUNS)
            return Polarity("denies", (token.idx, proof.idx + len(proof.text)), False, content)
        if token.lower_ in PASSIVE_AUXILIARIES and any(t.lower_ in lexicon.false_words for t in ahead[:2]):
            false = next(t for t in ahead if t.lower_ in lexicon.false_words)
            return Polarity("denies", (token.idx, false.idx + len(false.text)), False, content)
    frame: dict[str, Any] = {"polarity": "affirms", "content": list(content), "negated": False, "denial": None}
    _negate(doc, frame)
    denial = tuple(frame["denial"]) if frame["denial"] else None
    return Polarity(frame["polarity"], denial, bool(frame["negated"]), (frame["content"][0], frame["content"][1]))
