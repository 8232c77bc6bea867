"""Origins and publishers: the seeds come from PressTV and Sputnik, both state-controlled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import filigrane
from filigrane import Document
from filigrane.corpus_records import Publisher
from tests.conftest import DEMO_CORPUS


def test_seed_origins_are_presstv_and_sputnik_with_their_evidence(seed_results: dict[str, Document]) -> None:
    expected = {
        "000": ("presstv.ir", "Press TV", "IR", "presstv.ir"),
        "004": ("sputniknews.com", "Sputnik", "RU", "Sputnik"),
    }
    for key, (outlet, name, country, trace) in expected.items():
        doc = seed_results[key]
        assert doc.publisher is None  # plain text: who put it online is unknown
        assert len(doc.origins) == 1
        origin = doc.origins[0]
        assert (origin.outlet, origin.name, origin.country) == (outlet, name, country)
        assert origin.ownership == "state-controlled"
        assert origin.basis and origin.basis_reference
        evidence = origin.evidence[0]
        assert evidence.kind == "signature-line" and evidence.text == trace
        assert doc.raw_text[evidence.raw_start : evidence.raw_end] == trace
        assert origin.confidence >= 0.9


def test_unknown_traces_are_reported_never_guessed() -> None:
    text = (
        "Un article repris ailleurs\n\n"
        "Le conseil municipal a adopté mardi soir le budget de la commune pour l'année prochaine, après un "
        "débat de plus de trois heures sur le financement des écoles et des routes départementales.\n\n"
        "Source : La Gazette du Plateau Imaginaire\n"
    )
    doc = filigrane.analyze([text], filigrane.PipelineOptions(nlp=False)).documents[0]
    assert doc.origins == []
    assert doc.metadata["unknown_sources"][0]["text"] == "Source : La Gazette du Plateau Imaginaire"


def test_publisher_comes_from_the_url_and_stands_in_as_origin(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Un article</title><link rel="canonical" href="https://www.lemonde.fr/a/b.html">'
        "</head><body><article><h1>Un article</h1><p>Le conseil municipal a adopté mardi soir le budget de la "
        "commune pour l'année prochaine, après un débat de plus de trois heures sur le financement des écoles."
        "</p></article></body></html>",
        encoding="utf-8",
    )
    doc = filigrane.analyze([page], filigrane.PipelineOptions(nlp=False)).documents[0]
    assert doc.publisher == Publisher("lemonde.fr", "Le Monde", "lemonde.fr")
    assert [(o.outlet, o.evidence[0].kind, o.confidence) for o in doc.origins] == [("lemonde.fr", "url", 0.5)]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "filigrane", *args], capture_output=True, text=True, timeout=300)


def test_user_outlet_file_overrides_and_bad_file_is_a_usage_error(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        """- id: sputniknews.com
  name: Sputnik (mon entrée)
  aliases: [Sputnik]
  domains: [sputniknews.com]
  country: RU
  ownership: state-controlled
  owner: Rossiya Segodnya
  kind: news-agency
  languages: [fr]
  basis:
    fact: Entrée de test.
    reference: Test
    checked: 2026-11-26
""",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    done = run_cli("analyze", str(DEMO_CORPUS / "06_montcerf-legionellose.txt"), "--no-nlp", "--outlets", str(mine),
                   "-o", str(out), "-q")  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    origin = report["documents"][0]["origins"][0]
    assert origin["name"] == "Sputnik (mon entrée)" and origin["catalogue_entry"].startswith(str(mine))
    bad = tmp_path / "bad.yaml"
    bad.write_text(mine.read_text(encoding="utf-8").replace("country: RU", "country: XX"), encoding="utf-8")
    done = run_cli("analyze", str(DEMO_CORPUS), "--outlets", str(bad), "-q")
    assert done.returncode == 2
    assert f"{bad}:5" in done.stderr and "country" in done.stderr


def test_lede_mentions_and_source_links_are_evidence(seed_results: dict[str, Document], tmp_path: Path) -> None:
    sputnik = seed_results["004"].origins[0]
    mention = next(e for e in sputnik.evidence if e.kind == "mention")
    assert seed_results["004"].text[mention.start : mention.end] == "Sputnik"
    page = tmp_path / "repost.html"
    page.write_text(
        "<html><head><title>Un article repris</title></head><body><article><h1>Un article repris</h1>"
        "<p>Le conseil municipal a adopté mardi soir le budget de la commune pour l'année prochaine, après un "
        "débat de plus de trois heures sur le financement des écoles et des routes départementales.</p>"
        '<p>Source : <a href="https://fr.sputniknews.africa/20250101/article.html">Agence Sputnik</a></p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    doc = filigrane.analyze([page], filigrane.PipelineOptions(nlp=False)).documents[0]
    assert [(o.outlet, [e.kind for e in o.evidence]) for o in doc.origins] == [
        ("sputniknews.com", ["source-line", "link"])
    ]


def test_an_unsigned_repost_inherits_the_origin_of_its_signed_copy() -> None:
    original = (DEMO_CORPUS / "01_valmont-fuite-chimique.txt").read_text(encoding="utf-8")
    body = [p for p in original.split("\n\n")[1:] if "AFP" not in p and "Publié" not in p]
    copy = "Un titre tout neuf pour ce blog\n\n" + "\n\n".join(body) + "\n\nLaisser un commentaire\n"
    result = filigrane.analyze([original, copy], filigrane.PipelineOptions(nlp=False))
    signed, unsigned = result.documents
    assert [group.to_dict() for group in result.corpus["reposts"]] == [
        {"documents": [signed.id, unsigned.id], "origin_document": signed.id, "similarity": 1.0}
    ]
    assert [(e.kind, e.text) for e in unsigned.evidence] == [("repost-of", signed.id)]
    assert [(o.outlet, o.evidence[0].kind) for o in unsigned.origins] == [("afp.com", "repost-of")]
    filigrane.validate(result.to_dict())
