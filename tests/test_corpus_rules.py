"""Stories and claim groups on written cases: site headings, boilerplate, participants, owners."""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from filigrane.claim_records import Claim, Entity, Stance
from filigrane.corpus_records import ClaimGroup, Origin, RepostGroup
from filigrane.document import Document
from filigrane.stories.claim_groups import (
    GROUP_DENSITY,
    LINK_ACROSS,
    STRONG_DENSITY,
    STRONG_LINK,
    SUPPORT,
    ClaimItem,
    LinkClaims,
    compatible,
    group_claims,
    pair_score,
)
from filigrane.stories.recurrence import Recurrence, generic_headings, normal
from filigrane.stories.story_step import FindStories

RT = {"name": "RT", "outlet": "rt.com", "country": "RU", "ownership": "state-controlled", "owner": "ANO TV-Novosti"}
SPUTNIK = {"name": "Sputnik", "outlet": "sputniknews.com", "country": "RU", "ownership": "state-controlled"}
AFP = {"name": "AFP", "outlet": "afp.com", "country": "FR", "ownership": "state-funded-public-service"}
DAILY = {"name": "Daily", "outlet": "daily.example", "country": "FR", "ownership": "private", "owner": "Groupe X"}
WEEKLY = {"name": "Weekly", "outlet": "weekly.example", "country": "FR", "ownership": "private", "owner": "Groupe X"}


class TextEncoder:
    """The same unit vector for the same text, near-orthogonal ones otherwise."""

    name = "text"
    dim = 64

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
            rows.append(np.random.default_rng(seed).standard_normal(self.dim))
        matrix = np.array(rows, dtype=np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _doc(doc_id: str, text: str, origin: dict[str, Any] | None = None, title: str | None = None) -> Document:
    title = title or text.split(".")[0]
    stance = Stance("author", "affirms", "neutral", "author", 0, len(text))
    claims = [Claim("c1", text, 0, len(text), [stance], predicates=["évacuer"])]
    return Document(
        source=f"{doc_id}.txt",
        format="txt",
        id=doc_id,
        title=title,
        text=f"{title}\n\n{text}",
        claims=claims,
        origins=[Origin.from_dict({"owner": "", "basis": "", **origin, "confidence": 0.9})] if origin else [],
        analyses={"nlp": "spacy:fr_core_news_md"},
        language="fr",
    )


def _groups(docs: list[Document]) -> list[ClaimGroup]:
    stories, links = FindStories(TextEncoder()), LinkClaims(TextEncoder())
    for doc in docs:
        stories.observe(doc)
        links.observe(doc)
    corpus = stories.finish({"reposts": []})
    return list(links.finish(corpus)["claim_groups"])


def test_state_outlets_of_one_country_count_once_as_owners() -> None:
    text = "Les hélicoptères ont évacué vingt commandants de la ville"
    groups = _groups(
        [_doc("a", text, RT, "Même titre"), _doc("b", text, SPUTNIK, "Même titre"), _doc("c", text, AFP, "Même titre")]
    )
    assert len(groups) == 1
    assert groups[0].independent_origins == 3
    assert groups[0].independent_owners == 2  # the Russian state, and AFP (the French state's public service)


def test_outlets_of_one_private_owner_count_once() -> None:
    text = "Le préfet a ordonné la fermeture immédiate du site industriel"
    groups = _groups([_doc("a", text, DAILY, "Même titre"), _doc("b", text, WEEKLY, "Même titre")])
    assert [(g.independent_origins, g.independent_owners) for g in groups] == [(2, 1)]


def test_an_affirmed_negative_proposition_is_flagged_among_the_affirmers() -> None:
    text = "Les hélicoptères n'ont pas évacué les commandants de la ville"
    docs = [_doc("a", text, DAILY, "Même titre"), _doc("b", text, AFP, "Même titre")]
    docs[0].claims[0].stances = [Stance("source", "affirms", "neutral", "indirect", 0, 0, "Le ministère", negated=True)]
    [group] = _groups(docs)
    assert [(h.holder, h.negated) for h in group.affirmed_by] == [("Le ministère", True), (None, False)]


def test_site_headings_and_bare_names_never_join_or_group() -> None:
    # Four unrelated releases titled with the site's name, opening with the same navigation line.
    docs = [
        Document(
            source=f"{n}.html",
            format="html",
            id=f"d{n}",
            title="European Commission",
            language="fr",
            text=f"European Commission\n\nPress releases database\n\n{body}",
            claims=[
                Claim(
                    "c1",
                    "European Commission",
                    0,
                    19,
                    headline=True,
                    predicates=["commission"],
                    entities=[Entity("European Commission", "ORG", 0, 19)],
                )
            ],
            analyses={"nlp": "spacy:fr_core_news_md"},
        )
        for n, body in enumerate(
            [
                "La Commission autorise le rachat de Alpha par Beta.",
                "Aides d'État à Gamma.",
                "Visite du commissaire en Pologne.",
                "Substances dangereuses: action contre Delta.",
            ]
        )
    ]
    stories = FindStories(TextEncoder())
    links = LinkClaims(TextEncoder())
    for doc in docs:
        stories.observe(doc)
        links.observe(doc)
    corpus = stories.finish({"reposts": []})
    assert all(len(story.documents) == 1 for story in corpus["stories"])
    assert all(story.label != "European Commission" for story in corpus["stories"])
    assert links.finish(corpus)["claim_groups"] == []


def test_recurring_lines_count_distinct_texts_not_copies() -> None:
    recurrence = Recurrence(min_texts=3)
    for doc_id in ("a", "b", "c"):
        recurrence.add("site", ["Accueil › Presse", f"texte {doc_id}"], doc_id)
    recurring = recurrence.recurring([])
    assert recurrence.key("site", "accueil presse") in recurring
    assert recurrence.key("other", "Accueil › Presse") not in recurring
    # The same three documents as copies of one text: a reposted quotation, not chrome.
    copies = [RepostGroup(["a", "b", "c"], "a", 0.9)]
    assert recurrence.key("site", "Accueil › Presse") not in recurrence.recurring(copies)
    assert normal("Communiqué de presse") in generic_headings()


def test_participants_must_be_compatible_and_cross_story_needs_the_stricter_bar() -> None:
    kyiv = ClaimItem.of("a", "c1", "Zelensky a signé le décret sur la mobilisation", ["signer"], entities=["Zelensky"])
    moscow = ClaimItem.of("b", "c1", "Poutine a signé le décret sur la mobilisation", ["signer"], entities=["Poutine"])
    unnamed = ClaimItem.of("c", "c1", "Le président a signé le décret sur la mobilisation", ["signer"])
    assert not compatible(kyiv, moscow)
    assert compatible(kyiv, unnamed)
    assert pair_score(kyiv, moscow, 0.95, 0.9) == 0.0
    assert pair_score(kyiv, unnamed, 0.7, 0.2) > 0.75  # same story: the ordinary bar
    assert pair_score(kyiv, unnamed, 0.9, 0.9, same_story=False) == 0.0  # across stories: named on both sides
    again = ClaimItem.of("d", "c1", "Zelensky a signé le décret de mobilisation", ["signer"], entities=["Zelensky"])
    assert pair_score(kyiv, again, 0.7, 0.1, same_story=False) == 0.0
    assert pair_score(kyiv, again, 0.8, 0.2, same_story=False) >= LINK_ACROSS


def test_a_weak_link_merges_only_nearly_complete_groups_a_strong_one_half_full() -> None:
    # 0-1-2 link each other first; 3 links 2, and 1 only as support
    triangle = [(0, 1, 1.2), (0, 2, 1.2), (1, 2, 1.2)]
    edges = [*triangle, (2, 3, 0.8), (1, 3, SUPPORT)]
    assert sorted(map(sorted, group_claims(4, edges))) == [[0, 1, 2], [3]]  # 2 of 3 pairs: not 90 %
    strong = [*triangle, (2, 3, STRONG_LINK), (1, 3, SUPPORT)]
    assert sorted(map(sorted, group_claims(4, strong))) == [[0, 1, 2, 3]]  # a strong link: half is enough
    assert GROUP_DENSITY > STRONG_DENSITY
