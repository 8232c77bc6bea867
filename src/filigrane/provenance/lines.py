"""The outlet a trace line names: "Par Press TV", "© RT France", "(avec l'AFP)", "Jean Dupont / RIA Novosti".

Every candidate is looked up in the catalogue's name and domain index (one dictionary lookup each,
whatever the catalogue's size; never a regex per outlet): the line, the line once its frames are
gone (`filigrane.clean.names`), then each of its parts between separators; each candidate also
without a final edition word ("Sputnik Afrique" -> Sputnik, unless the edition has its own entry).
"""

from __future__ import annotations

from filigrane.clean.names import name_parts, strip_frames, without_edition
from filigrane.provenance.catalogue import Outlet, OutletCatalogue


def outlet_in_line(catalogue: OutletCatalogue, line: str, *, parts: bool = True) -> Outlet | None:
    """The first catalogued outlet the line names, whole or (with `parts`) part by part; None if none."""
    candidates = (line.strip(), strip_frames(line), *(name_parts(line) if parts else ()))
    for candidate in dict.fromkeys(candidates):
        outlet = _lookup(catalogue, candidate)
        if outlet is not None:
            return outlet
    return None


def _lookup(catalogue: OutletCatalogue, name: str) -> Outlet | None:
    if not name:
        return None
    found = catalogue.lookup(name)
    if found is None:
        shorter = without_edition(name)
        found = catalogue.lookup(shorter) if shorter else None
    return found
