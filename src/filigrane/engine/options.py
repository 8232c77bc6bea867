"""What a user can tune, apart from the recipe: light to import (no model, no stage), so the store
can name the options that change a pipeline's version without loading the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from filigrane.clean.classify import CleanerConfig
from filigrane.ingest.documents import ReadOptions
from filigrane.narratives.catalogue import NarrativeEntry


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
