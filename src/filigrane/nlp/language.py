"""Language of each paragraph and of the document (py3langid, restricted to likely languages)."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from filigrane.document import Document
from filigrane.steps import MapStep

#: Languages a French-first news corpus plausibly holds; restricting the model avoids exotic
#: guesses on short or noisy paragraphs.
LIKELY_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "nl", "ar", "ru", "uk", "tr", "fa", "zh", "pl", "ro")
#: Paragraphs shorter than this inherit the document's language rather than a noisy guess.
MIN_PARAGRAPH_CHARS = 40


@cache
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid import langid

    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def identify(text: str, languages: tuple[str, ...] = LIKELY_LANGUAGES) -> tuple[str, float]:
    language, probability = _identifier(languages).classify(text)
    return str(language), float(probability)


class DetectLanguage(MapStep):
    """Sets `language` on the document (by characters, over its paragraphs) and on each paragraph."""

    name = "language"

    def __init__(self, languages: tuple[str, ...] = LIKELY_LANGUAGES) -> None:
        super().__init__()
        self.languages = languages

    def process(self, doc: Document) -> None:
        weights: Counter[str] = Counter()
        for paragraph in doc.paragraphs:
            text = doc.text[paragraph.start : paragraph.end]
            if len(text) >= MIN_PARAGRAPH_CHARS:
                paragraph.language = identify(text, self.languages)[0]
                weights[paragraph.language] += len(text)
        if weights:
            doc.language = weights.most_common(1)[0][0]
        else:
            doc.language = identify(doc.text, self.languages)[0]
        for paragraph in doc.paragraphs:
            paragraph.language = paragraph.language or doc.language
        doc.analyses["language"] = "py3langid"
