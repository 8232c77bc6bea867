"""Provenance: which outlet an article comes from, and the public facts about who owns it."""

from __future__ import annotations

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

__all__ = [
    "KINDS",
    "OWNERSHIP_TYPES",
    "Basis",
    "CatalogueError",
    "Outlet",
    "OutletCatalogue",
    "default_catalogue",
    "load_catalogue",
    "normalise_domain",
    "normalise_name",
]
