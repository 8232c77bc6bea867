"""Signature and byline lines over the whole outlet catalogue, and ordinary last sentences that name nobody.

Generated from the catalogue itself: for every outlet, every name and alias closes an article as a
bare line and framed ("Par X", "© X", "(avec X)", "Source : X"); the article must get that outlet
as its origin. The other way round, articles closing on an ordinary sentence (written here, and
the real last paragraphs of ../shared europa-fr and extraction-fr) must get no origin at all.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eval import extraction

import filigrane
from filigrane.document import Document
from filigrane.engine.pipeline import Pipeline, PipelineOptions
from filigrane.provenance import default_catalogue
from tests.conftest import require_shared

#: A brief (paragraphs too short for prose by density alone) and an article of full paragraphs.
BODIES = {
    "brief": (
        "Le gouvernement a présenté mardi un projet de loi sur la réforme des retraites, qui prévoit un "
        "relèvement progressif de l'âge légal de départ et une refonte des régimes spéciaux.\n\n"
        "Les syndicats ont aussitôt dénoncé un texte injuste et appelé à une journée de mobilisation "
        "nationale la semaine prochaine dans toutes les grandes villes du pays.\n\n"
    ),
    "article": (
        "Le gouvernement a présenté mardi en conseil des ministres un projet de loi sur la réforme des "
        "retraites, qui prévoit un relèvement progressif de l'âge légal de départ et une refonte des "
        "régimes spéciaux, selon le texte que nous avons pu consulter avant sa présentation.\n\n"
        "Les syndicats ont aussitôt dénoncé un texte qu'ils jugent injuste et ont appelé à une journée "
        "de mobilisation nationale la semaine prochaine, dans toutes les grandes villes du pays, tandis "
        "que l'opposition promet de déposer des centaines d'amendements lors de l'examen du texte.\n\n"
    ),
}
VARIANTS = {"bare": "{}", "par": "Par {}", "copyright": "© {}", "avec": "(avec {})", "source": "Source : {}"}
#: Share of (outlet, name, variant) lines that must give their outlet.
MIN_HIT_RATE = 0.99

#: Closing sentences as French articles end, written for this test: some name an outlet in passing.
ORDINARY_ENDINGS = [
    "Le verdict est attendu dans les prochaines semaines.",
    "Affaire à suivre.",
    "À suivre.",
    "Contactée, la préfecture n'a pas donné suite à nos sollicitations.",
    "Le ministère n'a pas souhaité commenter ces informations.",
    "Une enquête a été ouverte par le parquet de Lyon.",
    "La prochaine réunion est prévue le 12 mars.",
    "Les négociations doivent reprendre lundi.",
    "Le ministre s'était confié au Monde en début de semaine.",
    "L'information avait d'abord été révélée par Le Parisien.",
    "Interrogé par l'AFP, le porte-parole a refusé de répondre.",
    "Sputnik n'a pas répondu à nos questions.",
    "Le reportage diffusé par France 24 a été vu plus d'un million de fois.",
    "Rien ne dit pour l'instant que la mesure sera reconduite.",
    "Le conseil municipal se prononcera en juin.",
    "Les secours sont restés sur place jusqu'au milieu de la nuit.",
    "Aucun blessé n'est à déplorer.",
    "Le trafic devrait être rétabli en fin de journée.",
    "Les résultats définitifs seront publiés jeudi.",
    "Le suspect a été placé en garde à vue.",
    "Il encourt jusqu'à cinq ans de prison.",
    "L'audience a été renvoyée au mois de septembre.",
    "Le texte sera examiné au Sénat à l'automne.",
    "La direction a promis de nouvelles annonces avant l'été.",
    "Les supporters ont célébré la victoire jusque tard dans la soirée.",
    "Le match retour aura lieu samedi à Marseille.",
    "Le festival se tiendra du 3 au 7 juillet.",
    "L'exposition est visible jusqu'au 15 janvier.",
    "Entrée libre, réservation conseillée.",
    "Les inscriptions sont ouvertes jusqu'à vendredi.",
    "Plus d'informations sur le site de la mairie.",
    "Le bilan pourrait encore s'alourdir.",
    "Les pompiers restent mobilisés.",
    "Météo-France a maintenu sa vigilance orange pour la nuit.",
    "La décision a été saluée par les associations de riverains.",
    "L'opposition dénonce un passage en force.",
    "Le président doit s'exprimer dimanche soir.",
    "Reste à savoir si la majorité suivra.",
    "Ce n'est pas la première fois que l'entreprise est épinglée.",
    "Le groupe a annoncé un plan social en début d'année.",
    "Les salariés ont voté la reprise du travail.",
    "Une cellule psychologique a été mise en place.",
    "Les obsèques auront lieu jeudi dans l'intimité familiale.",
    "Une marche blanche est prévue samedi.",
    "Le chantier devrait durer deux ans.",
    "Le coût total est estimé à 40 millions d'euros.",
    "La Commission européenne doit rendre son avis d'ici la fin du mois.",
    "Moscou et Washington n'ont pas réagi.",
    "Selon Reuters, les discussions se poursuivront à Genève.",
    "Le Kremlin a démenti toute implication.",
    "Les deux parties se retrouveront en novembre.",
]


@pytest.fixture(scope="module", params=sorted(BODIES))
def origins_of(request: pytest.FixtureRequest) -> Callable[[str], list[str]]:
    """The origins the pipeline's clean and origins steps give an article (or a brief) closing on `last`."""
    body = BODIES[request.param]
    steps = [step for step in Pipeline.default(PipelineOptions(nlp=False)).steps if step.name in ("clean", "origins")]

    def run(last: str) -> list[str]:
        docs = [Document(source="<signature test>", format="text", raw_text=f"Un titre d'article\n\n{body}{last}\n")]
        for step in steps:
            docs = list(step(docs))
        return [origin.outlet for origin in docs[0].origins]

    return run


def test_every_name_of_the_catalogue_on_a_last_line_gives_its_origin(origins_of: Callable[[str], list[str]]) -> None:
    cases = [
        (outlet.id, variant, line.format(name))
        for outlet in default_catalogue()
        for name in outlet.names
        for variant, line in VARIANTS.items()
    ]
    found = [(outlet, variant, line, origins_of(line)) for outlet, variant, line in cases]
    misses = [case for case in found if case[3][:1] != [case[0]]]
    rate = 1 - len(misses) / len(cases)
    print(f"signature lines: {len(cases) - len(misses)}/{len(cases)} give their outlet ({rate:.2%})")
    for miss in misses:
        print("  missed:", miss)
    assert rate >= MIN_HIT_RATE, misses
    assert len(cases) >= 4000  # the whole catalogue: every outlet, name and alias, five ways


def test_the_cases_of_the_issue(origins_of: Callable[[str], list[str]]) -> None:
    assert origins_of("RIA Novosti") == ["ria.ru"]
    assert origins_of("RT France") == ["francais.rt.com"]
    assert origins_of("Al Mayadeen") == ["almayadeen.net"]
    assert origins_of("Par Press TV") == ["presstv.ir"]
    assert origins_of("Sputnik France") == ["sputniknews.com"]  # an edition without an entry of its own
    assert origins_of("(avec l'AFP)") == ["afp.com"]
    assert origins_of("© 2024 Le Monde. Tous droits réservés") == ["lemonde.fr"]
    assert origins_of("Jean Dupont / RIA Novosti") == ["ria.ru"]
    assert origins_of("Courrier picard") == ["courrier-picard.fr"]  # told by the catalogue, not by its shape


def test_a_credit_closing_the_last_paragraph_names_the_outlet_and_stays_in_the_text() -> None:
    body = BODIES["article"].rstrip()
    for ending, outlet in [("(Avec AFP)", ["afp.com"]), ("(avec RIA Novosti).", ["ria.ru"]), ("(avec son frère).", [])]:
        text = f"Un titre d'article\n\n{body}\n\nLe cortège partira de la place de la Bastille à 14 heures {ending}"
        doc = filigrane.analyze([text], filigrane.PipelineOptions(nlp=False, corpus=False)).documents[0]
        assert [origin.outlet for origin in doc.origins] == outlet, ending
        assert doc.text.endswith(ending)
        credits = [e for e in doc.evidence if e.kind == "source-line"]
        assert [doc.text[e.start : e.end] for e in credits if e.start is not None] == (
            [ending.rstrip(".")] if outlet else []
        )


def test_ordinary_last_sentences_give_no_origin(origins_of: Callable[[str], list[str]]) -> None:
    assert len(ORDINARY_ENDINGS) >= 50
    false = [(line, origins_of(line)) for line in ORDINARY_ENDINGS if origins_of(line)]
    print(f"ordinary endings: {len(false)}/{len(ORDINARY_ENDINGS)} give an origin")
    assert false == []


def test_real_last_paragraphs_give_no_origin(origins_of: Callable[[str], list[str]]) -> None:
    """The last two paragraphs of each europa-fr reference text and of each extraction-fr page."""
    require_shared("eval", "europa-fr")
    require_shared("eval", "extraction-fr")
    endings: list[str] = []
    for page in extraction.europa_pages():
        endings += [line.strip() for line in page.reference.splitlines() if line.strip()][-2:]
    for page in extraction.snippet_pages():
        endings += [line.strip() for line in extraction.trafilatura_text(page).splitlines() if line.strip()][-2:]
    false = [(line, origins_of(line)) for line in endings if origins_of(line)]
    print(f"real last paragraphs: {len(false)}/{len(endings)} give an origin")
    assert len(endings) >= 250 and false == []
