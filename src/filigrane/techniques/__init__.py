"""Persuasion techniques as spans (SemEval-2023 Task 3 subtask 3 taxonomy): French on the parse,
English on the light pipeline.

`filigrane_techniques` / `filigrane_techniques_en` (spaCy components, `rules`) leave each
paragraph's spans on its Doc; `TechniqueExtractor` adds them, with what the claims know, to
`Document.techniques`; `FinishTechniques` (a step) joins overlapping spans, adds Repetition across
the document and fills each paragraph's set. Importing this package registers the factories.
"""

from __future__ import annotations

from filigrane.techniques import rules
from filigrane.techniques.extract import ANALYSIS, ENGLISH_ANALYSIS, TechniqueExtractor
from filigrane.techniques.step import FinishTechniques
from filigrane.techniques.taxonomy import CATEGORIES, TECHNIQUES, category

#: The techniques component, after the claim components (it reads their quotations and frames).
COMPONENTS = ("filigrane_techniques",)

__all__ = [
    "ANALYSIS",
    "CATEGORIES",
    "COMPONENTS",
    "ENGLISH_ANALYSIS",
    "TECHNIQUES",
    "FinishTechniques",
    "TechniqueExtractor",
    "category",
    "rules",
]
