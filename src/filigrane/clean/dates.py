"""Dates written out in French or English ("Publié le 14 mars 2025", "March 3, 2024", "03/11/2017")."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier", "january", "jan"),
            ("février", "fevrier", "february", "feb", "févr"),
            ("mars", "march", "mar"),
            ("avril", "april", "apr", "avr"),
            ("mai", "may"),
            ("juin", "june", "jun"),
            ("juillet", "july", "jul", "juil"),
            ("août", "aout", "august", "aug"),
            ("septembre", "september", "sep", "sept"),
            ("octobre", "october", "oct"),
            ("novembre", "november", "nov"),
            ("décembre", "decembre", "december", "dec", "déc"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH})\.?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def find_date(text: str) -> str | None:
    """The first valid date in `text`, as ISO 8601 (day-first for numeric dates, as in French)."""
    candidates: list[tuple[int, int, int, int]] = []
    for found in _DAY_MONTH_YEAR.finditer(text):
        candidates.append((found.start(), int(found[3]), _MONTHS[found[2].lower()], int(found[1])))
    for found in _MONTH_DAY_YEAR.finditer(text):
        candidates.append((found.start(), int(found[3]), _MONTHS[found[1].lower()], int(found[2])))
    for found in _ISO.finditer(text):
        candidates.append((found.start(), int(found[1]), int(found[2]), int(found[3])))
    for found in _NUMERIC.finditer(text):
        candidates.append((found.start(), int(found[3]), int(found[2]), int(found[1])))
    for _, year, month, day in sorted(candidates):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None
