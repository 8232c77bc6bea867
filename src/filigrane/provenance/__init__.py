"""Provenance: which outlet an article comes from, and the public facts about who owns it."""

from __future__ import annotations

from filigrane.corpus_records import RepostGroup
from filigrane.provenance.catalogue import (
    KINDS,
    OWNERSHIP_TYPES,
    Basis,
    CatalogueError,
    Outlet,
    OutletCatalogue,
    default_catalogue,
    load_catalogue,
    normalise_domain,
    normalise_name,
)
from filigrane.provenance.origins import FindOrigins
from filigrane.provenance.repost_step import FindReposts
from filigrane.provenance.reposts import RepostDetector

__all__ = [
    "KINDS",
    "OWNERSHIP_TYPES",
    "Basis",
    "CatalogueError",
    "FindOrigins",
    "FindReposts",
    "Outlet",
    "OutletCatalogue",
    "RepostDetector",
    "RepostGroup",
    "default_catalogue",
    "load_catalogue",
    "normalise_domain",
    "normalise_name",
]
