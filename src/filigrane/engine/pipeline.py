"""The pipeline: a reader, then steps, each a lazy generator over documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filigrane.claims import COMPONENTS, ClaimExtractor
from filigrane.clean.classify import CleanerConfig
from filigrane.clean.sites import SiteChrome
from filigrane.clean.step import CleanText
from filigrane.document import Document
from filigrane.engine.corpus import CorpusStep
from filigrane.engine.steps import Step, StepStats
from filigrane.ingest.html import ExtractHtml
from filigrane.ingest.read import Reader, ReadOptions
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.narratives.encoder import default_encoder
from filigrane.narratives.match import NarrativeMatcher
from filigrane.narratives.step import MatchNarratives
from filigrane.nlp.language import DetectLanguage
from filigrane.nlp.parse import ParseStep, SpacyExtractor
from filigrane.provenance.origins import FindOrigins, NamesAnOutlet
from filigrane.provenance.repost_step import FindReposts
from filigrane.stories.claim_groups import LinkClaims
from filigrane.stories.propositions import PropositionExtractor
from filigrane.stories.story_step import FindStories
from filigrane.techniques.extract import COMPONENTS as TECHNIQUE_COMPONENTS
from filigrane.techniques.extract import TechniqueExtractor
from filigrane.techniques.step import FinishTechniques


@dataclass
class PipelineOptions:
    """Everything a user can tune from the CLI or the API."""

    read: ReadOptions = field(default_factory=ReadOptions)
    cleaner: CleanerConfig = field(default_factory=CleanerConfig)
    #: spaCy worker processes; 0 means one per core once the corpus is large enough to pay off.
    n_process: int = 0
    nlp: bool = True
    #: User outlet files that add to or override the packaged catalogue (`--outlets`).
    outlet_files: tuple[Path, ...] = ()
    #: Corpus-level analyses (reposts); off for one-document uses such as a web request.
    corpus: bool = True
    #: Claims and stances (French), on top of the spaCy analysis.
    claims: bool = True
    #: Persuasion techniques as spans (with `claims`: they read what the claims found).
    techniques: bool = True
    #: Stories and claim groups across documents (with `corpus`; they need sentence vectors).
    stories: bool = True
    #: Known debunked narratives to match claims against (`--catalogue`, stored catalogues).
    catalogue: tuple[NarrativeEntry, ...] = ()


class Pipeline:
    """Reader plus steps. The same object runs on the local engine and, later, on Ray."""

    def __init__(self, reader: Reader, steps: list[Step]) -> None:
        self.reader = reader
        self.steps = steps

    @classmethod
    def default(cls, options: PipelineOptions | None = None) -> Pipeline:
        options = options or PipelineOptions()
        steps: list[Step] = [
            ExtractHtml(),
            SiteChrome(),
            CleanText(options.cleaner, names=NamesAnOutlet(options.outlet_files)),
            FindOrigins(options.outlet_files),
            DetectLanguage(),
        ]
        if options.nlp:
            claims = options.claims
            techniques = claims and options.techniques
            extractors: list[SpacyExtractor] = [ClaimExtractor(), PropositionExtractor()] if claims else []
            components: tuple[str, ...] = COMPONENTS if claims else ()
            if techniques:
                extractors.append(TechniqueExtractor())
                components += TECHNIQUE_COMPONENTS
            steps.append(
                ParseStep(
                    n_process=max(1, options.n_process),
                    extractors=extractors,
                    components=components,
                    outlet_files=tuple(str(path) for path in options.outlet_files),
                )
            )
            if techniques:
                steps.append(FinishTechniques())
        if options.catalogue:
            steps.append(MatchNarratives(NarrativeMatcher(options.catalogue, default_encoder())))
        if options.corpus:
            steps.append(FindReposts())
            if options.stories:
                steps += [FindStories(default_encoder()), LinkClaims(default_encoder())]
        return cls(Reader(options.read), steps)

    def observe(self, documents: Iterable[Document]) -> None:
        """Show documents analysed earlier to the corpus steps (incremental stories, groups, reposts)."""
        corpus_steps = [step for step in self.steps if isinstance(step, CorpusStep)]
        if corpus_steps:
            for doc in documents:
                for step in corpus_steps:
                    step.see(doc)

    def finish(self) -> dict[str, Any]:
        """Corpus-level outputs, once every document has gone through (`reposts`, `stories`, ...)."""
        outputs: dict[str, Any] = {}
        for step in self.steps:
            if isinstance(step, CorpusStep):
                outputs.update(step.finish(outputs))
        return outputs

    @property
    def stats(self) -> list[StepStats]:
        return [self.reader.stats] + [step.stats for step in self.steps]
