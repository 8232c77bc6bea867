"""What a user can tune, apart from the recipe, and the pipeline version it makes: light to import
(no model, no stage), so the store and a Ray run's folder can name the options that change a
pipeline's version without loading the pipeline."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

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
    #: The techniques' learned layer on French sentences (with `techniques`; it encodes each sentence).
    #: Off by default: on the third blind split it multiplied the false alarms on plain news by ten.
    learned_techniques: bool = False
    #: Stories and claim groups across documents (with `corpus`; they need sentence vectors).
    stories: bool = True
    #: Known debunked narratives to match claims against (`--catalogue`, stored catalogues).
    catalogue: tuple[NarrativeEntry, ...] = ()


@cache
def _code_and_data_digest() -> str:
    """Hash of the package's code and data files (lexicons, outlet catalogue)."""
    digest = hashlib.sha256()
    root = resources.files("filigrane")
    files = sorted(
        (p for p in Path(str(root)).rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".json", ".npz"}),
        key=lambda p: p.relative_to(str(root)).as_posix(),
    )
    for path in files:
        digest.update(path.relative_to(str(root)).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline_version(options: PipelineOptions) -> str:
    """Package version plus a hash of everything else that changes the analysis of one document.

    Code and data files, the outlet files given with `--outlets`, and the options that change
    results (NLP and claims on or off, cleaner thresholds). Read limits and worker counts do not.
    """
    from filigrane.version import __version__

    digest = hashlib.sha256(_code_and_data_digest().encode())
    settings = {
        "nlp": options.nlp,
        "claims": options.claims,
        "techniques": options.techniques,
        "learned_techniques": options.learned_techniques,
        "cleaner": asdict(options.cleaner),
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for path in options.outlet_files:
        digest.update(Path(path).read_bytes())
    for entry in options.catalogue:
        digest.update(json.dumps(asdict(entry), sort_keys=True, default=str).encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def run_settings(options: PipelineOptions) -> dict[str, Any]:
    """The options a run records: every field, the catalogue as its entry count."""
    return asdict(options) | {"catalogue": len(options.catalogue)}
