"""The 23 techniques of SemEval-2023 Task 3 (subtask 3) in their six categories, for the gold tools.

One copy of the list: the gold and Filigrane name techniques from the same fixed taxonomy (the
names are SemEval's, not a modelling choice), so the gold reads it from the package.
"""

from filigrane.techniques.taxonomy import CATEGORIES, CATEGORY_OF, TECHNIQUES

__all__ = ["CATEGORIES", "CATEGORY_OF", "TECHNIQUES"]
