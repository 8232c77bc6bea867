"""Claims and stances: who says what, how sure, on what basis (French, and light English).

Three spaCy components (`filigrane_quotes`, `filigrane_attribution`, `filigrane_certainty`)
leave plain data on each paragraph's Doc; `ClaimExtractor` turns it into `Document.claims`.
English has rule-based counterparts (`filigrane_attribution_en`, `filigrane_certainty_en`) for a
blank pipeline. Importing this package registers the component factories.
"""

from __future__ import annotations

from filigrane.claims import attribution, certainty, english, quotes
from filigrane.claims.extract import ANALYSIS, ENGLISH_ANALYSIS, ClaimExtractor

#: The claim components, in pipeline order (quotes first: attribution reads them).
COMPONENTS = ("filigrane_quotes", "filigrane_certainty", "filigrane_attribution")

__all__ = [
    "ANALYSIS",
    "COMPONENTS",
    "ENGLISH_ANALYSIS",
    "ClaimExtractor",
    "attribution",
    "certainty",
    "english",
    "quotes",
]
