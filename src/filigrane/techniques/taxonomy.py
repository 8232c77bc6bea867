"""The 23 persuasion techniques of SemEval-2023 Task 3 (subtask 3), by category, with their exact names."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, ...]] = {
    "Attack on reputation": (
        "Name_Calling-Labeling",
        "Guilt_by_Association",
        "Doubt",
        "Appeal_to_Hypocrisy",
        "Questioning_the_Reputation",
    ),
    "Justification": (
        "Flag_Waving",
        "Appeal_to_Authority",
        "Appeal_to_Popularity",
        "Appeal_to_Values",
        "Appeal_to_Fear-Prejudice",
    ),
    "Simplification": (
        "Causal_Oversimplification",
        "False_Dilemma-No_Choice",
        "Consequential_Oversimplification",
    ),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative wording": (
        "Loaded_Language",
        "Obfuscation-Vagueness-Confusion",
        "Exaggeration-Minimisation",
        "Repetition",
    ),
}

#: Every technique name, in the order of the categories above.
TECHNIQUES: tuple[str, ...] = tuple(name for names in CATEGORIES.values() for name in names)
CATEGORY_OF: dict[str, str] = {name: category for category, names in CATEGORIES.items() for name in names}


def category(technique: str) -> str:
    """The category of a technique name; a name outside the taxonomy is a programming error."""
    try:
        return CATEGORY_OF[technique]
    except KeyError:
        raise ValueError(f"unknown persuasion technique {technique!r}") from None
