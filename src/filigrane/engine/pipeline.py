"""The pipeline: a reader, then steps, each a lazy generator over documents; `Pipeline.default` is
the recipe of the default analysis (every stage, in order). An executor (`engine/executor.py`) runs it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from filigrane.claims import COMPONENTS, ClaimExtractor
from filigrane.clean.sites import SiteChrome
from filigrane.clean.step import CleanText
from filigrane.corpus_records import CorpusOutputs
from filigrane.document import Document
from filigrane.engine.options import PipelineOptions
from filigrane.ingest.html import ExtractHtml
from filigrane.ingest.read import Reader
from filigrane.narratives.encoder import default_encoder
from filigrane.narratives.match import NarrativeMatcher
from filigrane.narratives.step import MatchNarratives
from filigrane.nlp.language import DetectLanguage
from filigrane.nlp.parse import ParseStep, SpacyExtractor
from filigrane.provenance.origins import FindOrigins, NamesAnOutlet
from filigrane.provenance.repost_step import FindReposts, LinkReposts
from filigrane.stats import StepStats
from filigrane.steps import CorpusStep, Step
from filigrane.stories.claim_groups import LinkClaims
from filigrane.stories.propositions import PropositionExtractor
from filigrane.stories.story_step import FindStories
from filigrane.techniques.extract import COMPONENTS as TECHNIQUE_COMPONENTS
from filigrane.techniques.extract import TechniqueExtractor
from filigrane.techniques.learned import LearnTechniques
from filigrane.techniques.step import FinishTechniques


class Pipeline:
    """Reader plus steps: what an executor runs (locally, or later on Ray)."""

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
                if options.learned_techniques:
                    steps.append(LearnTechniques(default_encoder()))
        if options.catalogue:
            steps.append(MatchNarratives(NarrativeMatcher(options.catalogue, default_encoder())))
        if options.corpus:
            steps.append(FindReposts())
            if options.stories:
                steps += [FindStories(default_encoder()), LinkClaims(default_encoder())]
            steps.append(LinkReposts())
        return cls(Reader(options.read), steps)

    def observe(self, documents: Iterable[Document]) -> None:
        """Show documents analysed earlier to the corpus steps (incremental stories, groups, reposts)."""
        corpus_steps: list[CorpusStep[Any]] = [step for step in self.steps if isinstance(step, CorpusStep)]
        if corpus_steps:
            for doc in documents:
                for step in corpus_steps:
                    step.see(doc)

    def finish(self) -> CorpusOutputs:
        """Corpus-level outputs, once every document has gone through (`reposts`, `stories`, ...)."""
        outputs = CorpusOutputs()
        for step in self.steps:
            if isinstance(step, CorpusStep):
                outputs.update(step.finish(outputs))
        return outputs

    def amends(self) -> set[str]:
        """The ids of the documents `amend` may change (once `finish` has run)."""
        return {doc_id for step in self.steps if isinstance(step, CorpusStep) for doc_id in step.amends()}

    def amend(self, doc: Document) -> bool:
        """Add to one of the run's documents what the corpus outputs tell of it (`CorpusStep.amend`)."""
        changed = False
        for step in self.steps:
            if isinstance(step, CorpusStep):
                changed = step.amend(doc) or changed
        return changed

    @property
    def stats(self) -> list[StepStats]:
        return [self.reader.stats] + [step.stats for step in self.steps]
