"""Known narratives: catalogues of debunked claims, sentence vectors, and matching across languages."""

from filigrane.narratives.catalogue import (
    NarrativeEntry,
    load_catalogue,
    load_catalogue_file,
    read_claimreview,
    read_euvsdisinfo_csv,
    read_plain_csv,
)
from filigrane.narratives.encoder import SentenceEncoder, TfidfEncoder, UseEncoder, VectorCache
from filigrane.narratives.match import DEFAULT_USE_THRESHOLD, NarrativeMatcher

__all__ = [
    "DEFAULT_USE_THRESHOLD",
    "NarrativeEntry",
    "NarrativeMatcher",
    "SentenceEncoder",
    "TfidfEncoder",
    "UseEncoder",
    "VectorCache",
    "load_catalogue",
    "load_catalogue_file",
    "read_claimreview",
    "read_euvsdisinfo_csv",
    "read_plain_csv",
]
