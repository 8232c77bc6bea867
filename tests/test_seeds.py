"""The two real articles Filigrane exists for: every body paragraph kept, every boilerplate line out."""

from __future__ import annotations

from filigrane import Document

SEED_000_BODY_STARTS = [
    "Vidéo :Deach quitte Raqqa sous l’œil bien veillant des Américains",
    "Des documents probants plaident en faveur d’un soutien ferme du Pentagone",
    "Syrie: les USA changent de stratégie",
    "Les terroristes de Daech multiplient les pressions",
    "On se rappelle fort bien des promesses électorales de Trump",
    "Les preuves sur le soutien des Américains aux terroristes",
    "La Russie et l’Iran ont d’ailleurs vivement critiqué",
    "Les dessous de l’affaire",
    "Dans une récente édition, le journal Asharq alAwsat",
    "En l’absence d’une stratégie aux lignes bien précises",
    "C’est sans doute pour cette même raison",
]
SEED_000_TAGS = [
    "Coalition US", "Europe", "FDS", "France", "GB", "Guerre", "Hezbollah", "International", "Irak",
    "Iran", "Kurdes", "Médias", "Orient", "Politique", "Russie", "Syrie", "Terrorisme", "USA",
]  # fmt: skip
SEED_004_BODY_STARTS = [
    "Pourquoi les USA ont évacué les chefs de Daech de Deir ez-Zor",
    "Bien que Washington nie l’évacuation des commandants de Daech",
    "Jeudi, Sputnik a été informé qu’en août dernier",
    "«Peu importe de quelle façon l’on tente",
    "«Bien sûr, Deir ez-Zor n’est pas Raqqa.",
    "Une source diplomatique et militaire a confié jeudi à Sputnik",
    "En mai dernier, l’aviation américaine a déjà évacué",
    "Deir ez-Zor et l’aérodrome militaire situé à 2 km",
]


def paragraphs(doc: Document) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def removed(doc: Document) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in doc.removed]


def test_seed_000_keeps_every_body_paragraph_in_order(seed_results: dict[str, Document]) -> None:
    kept = paragraphs(seed_results["000"])
    assert len(kept) == len(SEED_000_BODY_STARTS)
    for paragraph, start in zip(kept, SEED_000_BODY_STARTS, strict=True):
        assert paragraph.startswith(start)
    assert kept[-1].endswith("des États-Unis, de la Grande-Bretagne et de la France.")


def test_seed_000_removes_every_boilerplate_line_with_its_reason(seed_results: dict[str, Document]) -> None:
    doc = seed_results["000"]
    gone = removed(doc)
    assert gone[0] == ("signature-line", "presstv.ir")
    assert gone[1] == ("blog-remark", "Pour infos – 🤣de")
    assert gone[2] == ("advertising", "Publicités")
    assert gone[3][0] == "category-line" and gone[3][1].startswith("Cet article a été publié dans Coalition US")
    assert [reason for reason, _ in gone[4:]] == ["comment-form"] * 11
    assert gone[-1] == ("comment-form", "Connexion à %s")
    for _, text in gone:
        assert text not in doc.text
    assert "WordPress" not in doc.text and "Publicités" not in doc.text


def test_seed_000_title_tags_language_and_signature(seed_results: dict[str, Document]) -> None:
    doc = seed_results["000"]
    assert doc.title == SEED_000_BODY_STARTS[0] + " et, leurs alliés kurdes et FDS"
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.tags == SEED_000_TAGS
    assert doc.language == "fr"
    assert all(p.language == "fr" for p in doc.paragraphs)
    assert [(e.kind, e.text) for e in doc.evidence] == [("signature-line", "presstv.ir")]
    raw = doc.evidence[0]
    assert raw.raw_start is not None and doc.raw_text[raw.raw_start : raw.raw_end] == "presstv.ir"


def test_seed_004_keeps_body_and_signs_with_sputnik(seed_results: dict[str, Document]) -> None:
    doc = seed_results["004"]
    kept = paragraphs(doc)
    assert len(kept) == len(SEED_004_BODY_STARTS)
    for paragraph, start in zip(kept, SEED_004_BODY_STARTS, strict=True):
        assert paragraph.startswith(start)
    assert removed(doc) == [
        ("signature-line", "Sputnik"),
        ("comment-form", "Laisser un commentaire"),
        ("comment-form", "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *"),
    ]
    assert doc.title == SEED_004_BODY_STARTS[0]
    assert doc.tags == []
    assert doc.language == "fr"
    assert [(e.kind, e.text) for e in doc.evidence] == [("signature-line", "Sputnik"), ("mention", "Sputnik")]


def test_seed_nlp_sentences_and_entities_are_offsets_into_text(seed_results: dict[str, Document]) -> None:
    for doc in seed_results.values():
        assert doc.analyses["nlp"] == "spacy:fr_core_news_md"
        assert len(doc.sentences) >= len(doc.paragraphs)
        for sentence in doc.sentences:
            assert doc.text[sentence.start : sentence.end].strip() == doc.text[sentence.start : sentence.end]
            assert "\n\n" not in doc.text[sentence.start : sentence.end]
        for entity in doc.entities:
            assert doc.text[entity.start : entity.end] == entity.text
            assert "\n" not in entity.text
    doc = seed_results["004"]
    first_sentence = doc.text[doc.sentences[0].start : doc.sentences[0].end]
    assert first_sentence == SEED_004_BODY_STARTS[0]  # the title is never merged into the body
    names = {(e.text, e.label) for e in doc.entities}
    assert ("Frants Klintsevitch", "PER") in names
    assert any(text == "Washington" for text, _ in names)
