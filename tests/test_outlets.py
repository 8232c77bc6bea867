"""The outlet catalogue: the packaged data, lookups, user overrides and precise errors on bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from filigrane.provenance import (
    KINDS,
    OWNERSHIP_TYPES,
    CatalogueError,
    OutletCatalogue,
    load_catalogue,
    normalise_domain,
    normalise_name,
)
from filigrane.provenance.catalogue import ISO_3166_ALPHA2, SOURCES_CONSULTED


@pytest.fixture(scope="module")
def catalogue() -> OutletCatalogue:
    return load_catalogue()


# --------------------------------------------------------------------------------------------------
# The packaged catalogue


def test_catalogue_has_at_least_200_outlets(catalogue: OutletCatalogue) -> None:
    assert len(catalogue) >= 200


REQUIRED_DOMAINS = [
    "presstv.ir",
    "hispantv.com",
    "sputniknews.com",
    "fr.sputniknews.africa",
    "sputnikglobe.com",
    "rt.com",
    "francais.rt.com",
    "tass.ru",
    "tass.com",
    "ria.ru",
    "xinhuanet.com",
    "cgtn.com",
    "almayadeen.net",
    "trt.net.tr",
    "trtfrancais.com",
    "aa.com.tr",
    "aljazeera.com",
    "aljazeera.net",
    "aawsat.com",
    "france24.com",
    "rfi.fr",
    "francetvinfo.fr",
    "radiofrance.fr",
    "bbc.co.uk",
    "bbc.com",
    "dw.com",
    "afp.com",
    "reuters.com",
    "apnews.com",
    "lemonde.fr",
    "lefigaro.fr",
    "liberation.fr",
    "ouest-france.fr",
    "lesechos.fr",
    "leparisien.fr",
    "mediapart.fr",
    "ladepeche.fr",
    "lavoixdunord.fr",
    "sudouest.fr",
    "egaliteetreconciliation.fr",
    "voltairenet.org",
    "francesoir.fr",
    "pravda-fr.com",
]


@pytest.mark.parametrize("domain", REQUIRED_DOMAINS)
def test_required_outlets_are_present(catalogue: OutletCatalogue, domain: str) -> None:
    assert catalogue.by_domain(domain) is not None, domain


def test_every_entry_is_valid_and_honest_about_its_source(catalogue: OutletCatalogue) -> None:
    for outlet in catalogue:
        assert outlet.ownership in OWNERSHIP_TYPES
        assert outlet.kind in KINDS
        assert outlet.country in ISO_3166_ALPHA2
        assert outlet.id in outlet.domains
        assert outlet.basis.fact and outlet.basis.reference
        assert isinstance(outlet.basis.checked, dt.date)
        assert outlet.basis.source_consulted in SOURCES_CONSULTED
        assert outlet.origin_file.endswith("outlets.yaml")
        assert outlet.overrides is None


def test_no_truthfulness_rating_in_the_packaged_file() -> None:
    text = (Path(__file__).resolve().parents[1] / "src/filigrane/data/outlets.yaml").read_text(encoding="utf-8")
    for word in ("reliability", "credibility", "trustworthy", "fake news site", "propaganda outlet", "rating:"):
        assert word not in text.lower(), word


def test_every_domain_and_name_resolves_to_its_own_entry(catalogue: OutletCatalogue) -> None:
    for outlet in catalogue:
        for domain in outlet.domains:
            found = catalogue.by_domain(domain)
            assert found is not None and found.id == outlet.id, (domain, found and found.id)
        for name in outlet.names:
            found = catalogue.by_name(name)
            assert found is not None and found.id == outlet.id, (name, found and found.id)


# --------------------------------------------------------------------------------------------------
# Lookups


def test_lookup_by_alias(catalogue: OutletCatalogue) -> None:
    sputnik = catalogue.by_name("Sputnik")
    assert sputnik is not None and sputnik.id == "sputniknews.com"
    assert sputnik.ownership == "state-controlled"
    assert sputnik.country == "RU"


@pytest.mark.parametrize("name", ["PressTV", "Press TV", "presstv", "PRESS-TV", "press tv"])
def test_name_lookup_ignores_case_spaces_and_punctuation(catalogue: OutletCatalogue, name: str) -> None:
    found = catalogue.by_name(name)
    assert found is not None and found.id == "presstv.ir"


def test_name_lookup_ignores_accents_and_articles(catalogue: OutletCatalogue) -> None:
    assert catalogue.by_name("Liberation") == catalogue.get("liberation.fr")
    assert catalogue.by_name("LIBÉRATION") == catalogue.get("liberation.fr")
    assert catalogue.by_name("l'AFP") == catalogue.get("afp.com")
    assert catalogue.by_name("(Reuters)") == catalogue.get("reuters.com")
    assert catalogue.by_name("Agence France-Presse") == catalogue.get("afp.com")


def test_presstv_domain_is_iranian_state_media(catalogue: OutletCatalogue) -> None:
    presstv = catalogue.by_domain("presstv.ir")
    assert presstv is not None
    assert presstv.name == "Press TV"
    assert presstv.country == "IR"
    assert presstv.ownership == "state-controlled"
    assert "IRIB" in presstv.owner


@pytest.mark.parametrize(
    "url",
    [
        "https://fr.sputniknews.africa/x",
        "http://www.sputnikglobe.com/20240101/story.html",
        "fr.sputniknews.africa/20230101/article",
        "HTTPS://FR.SPUTNIKNEWS.AFRICA",
        "//sputniknews.cn/a",
    ],
)
def test_url_lookup_walks_up_subdomains(catalogue: OutletCatalogue, url: str) -> None:
    found = catalogue.by_domain(url)
    assert found is not None and found.id == "sputniknews.com"


def test_most_specific_domain_wins(catalogue: OutletCatalogue) -> None:
    rt_france = catalogue.by_domain("https://francais.rt.com/international/1234")
    assert rt_france is not None and rt_france.id == "francais.rt.com"
    rt = catalogue.by_domain("https://www.rt.com/news/1")
    assert rt is not None and rt.id == "rt.com"


@pytest.mark.parametrize(
    "text", ["unknown-site.example", "https://unknown-site.example/a", "sputniknews.com.evil.example", "com", ""]
)
def test_unknown_domains_are_unknown(catalogue: OutletCatalogue, text: str) -> None:
    assert catalogue.by_domain(text) is None


def test_no_fuzzy_matching(catalogue: OutletCatalogue) -> None:
    assert catalogue.by_domain("presstv.ir.example") is None
    assert catalogue.by_domain("presstv-ir.com") is None
    assert catalogue.by_domain("sputniknew.com") is None
    assert catalogue.by_name("Sputnk") is None
    assert catalogue.by_name("Unknown Gazette") is None


def test_lookup_dispatches_between_domain_and_name(catalogue: OutletCatalogue) -> None:
    assert catalogue.lookup("presstv.ir") == catalogue.get("presstv.ir")
    assert catalogue.lookup("https://www.lemonde.fr/international/article/x.html") == catalogue.get("lemonde.fr")
    assert catalogue.lookup("Sputnik") == catalogue.get("sputniknews.com")
    assert catalogue.lookup("Le Monde") == catalogue.get("lemonde.fr")
    assert catalogue.lookup("nowhere.example") is None


def test_normalisers() -> None:
    assert normalise_name("Press TV") == normalise_name("PressTV") == "presstv"
    assert normalise_name("Égalité & Réconciliation") == "egalitereconciliation"
    assert normalise_domain("https://user@www.Example.COM:8080/path?q=1") == "example.com"
    assert normalise_domain("Sputnik") is None
    assert normalise_domain("") is None


# --------------------------------------------------------------------------------------------------
# User files

GOOD_ENTRY = """\
- id: {id}
  name: {name}
  aliases: [{aliases}]
  domains: [{domains}]
  country: {country}
  ownership: {ownership}
  owner: Somebody
  kind: online
  languages: [fr]
  basis:
    fact: A public fact.
    reference: A public register.
    checked: 2026-11-26
"""


def entry(**fields: str) -> str:
    values = {
        "id": "example-news.fr",
        "name": "Example News",
        "aliases": "Example",
        "domains": "example-news.fr",
        "country": "FR",
        "ownership": "private",
    }
    values.update(fields)
    return GOOD_ENTRY.format(**values)


def write(tmp_path: Path, text: str, name: str = "my.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_an_entry(tmp_path: Path, catalogue: OutletCatalogue) -> None:
    path = write(tmp_path, entry())
    extended = load_catalogue([path])
    assert len(extended) == len(catalogue) + 1
    found = extended.by_domain("https://www.example-news.fr/a")
    assert found is not None
    assert found.origin_file == str(path)
    assert found.origin_line == 1
    assert found.origin == f"{path}:1"
    assert extended.by_name("example") == found


def test_user_file_overrides_an_entry_by_id(tmp_path: Path, catalogue: OutletCatalogue) -> None:
    path = write(
        tmp_path,
        "# my corrections\n"
        + entry(id="presstv.ir", name="Press TV (my profile)", aliases="PressTV", domains="presstv.ir", country="IR"),
    )
    extended = load_catalogue([path])
    assert len(extended) == len(catalogue)
    presstv = extended.by_domain("presstv.ir")
    assert presstv is not None
    assert presstv.name == "Press TV (my profile)"
    assert presstv.ownership == "private"
    assert presstv.origin_file == str(path)
    assert presstv.origin_line == 2
    assert presstv.overrides is not None and presstv.overrides.endswith("outlets.yaml")
    # The packaged entry's other domains are gone with it; the packaged catalogue is untouched.
    assert extended.by_domain("presstv.com") is None
    packaged = catalogue.by_domain("presstv.ir")
    assert packaged is not None and packaged.ownership == "state-controlled"


def test_later_file_wins_a_shared_domain(tmp_path: Path) -> None:
    path = write(tmp_path, entry(id="my-sputnik-mirror.example", domains="sputnikglobe.com", aliases="Mirror"))
    extended = load_catalogue([path])
    found = extended.by_domain("sputnikglobe.com")
    assert found is not None and found.id == "my-sputnik-mirror.example"
    sputnik = extended.by_domain("sputniknews.com")
    assert sputnik is not None and sputnik.id == "sputniknews.com"


def test_two_user_files_apply_in_order(tmp_path: Path) -> None:
    first = write(tmp_path, entry(name="First"), "first.yaml")
    second = write(tmp_path, entry(name="Second"), "second.yaml")
    found = load_catalogue([first, second]).get("example-news.fr")
    assert found is not None and found.name == "Second"
    assert found.origin_file == str(second) and found.overrides == str(first)


def test_empty_user_file_is_allowed(tmp_path: Path, catalogue: OutletCatalogue) -> None:
    assert len(load_catalogue([write(tmp_path, "# nothing yet\n")])) == len(catalogue)


# --------------------------------------------------------------------------------------------------
# Bad files: file, line and field


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text, "bad.yaml")
    with pytest.raises(CatalogueError) as info:
        load_catalogue([path])
    message = str(info.value)
    assert message.startswith(f"{path}:"), message
    return message.removeprefix(f"{path}:")


def test_missing_field(tmp_path: Path) -> None:
    text = entry() + entry(id="other.fr", name="Other", domains="other.fr", aliases="Other").replace(
        "  owner: Somebody\n", ""
    )
    assert error_for(tmp_path, text) == "14: entry 'other.fr': field 'owner': required field is missing"


def test_bad_country(tmp_path: Path) -> None:
    message = error_for(tmp_path, entry(country="XX"))
    assert message == "5: entry 'example-news.fr': field 'country': 'XX' is not an ISO 3166-1 alpha-2 code"


def test_lower_case_country_is_rejected(tmp_path: Path) -> None:
    assert "field 'country': 'fr' is not an ISO 3166-1 alpha-2 code" in error_for(tmp_path, entry(country="fr"))


def test_bad_ownership(tmp_path: Path) -> None:
    message = error_for(tmp_path, entry(ownership="propaganda"))
    assert message.startswith("6: entry 'example-news.fr': field 'ownership': 'propaganda' is not an ownership type")


def test_duplicate_domain_within_a_file(tmp_path: Path) -> None:
    text = entry() + entry(id="other.fr", name="Other", domains="other.fr, example-news.fr", aliases="Other")
    message = error_for(tmp_path, text)
    assert message == (
        "17: entry 'other.fr': field 'domains': 'example-news.fr' already belongs to entry 'example-news.fr' (line 1)"
    )


def test_duplicate_alias_within_a_file(tmp_path: Path) -> None:
    text = entry() + entry(id="other.fr", name="Other", domains="other.fr", aliases="EXAMPLE")
    message = error_for(tmp_path, text)
    assert message == "16: entry 'other.fr': field 'aliases': 'EXAMPLE' already names entry 'example-news.fr' (line 1)"


def test_duplicate_name_within_a_file(tmp_path: Path) -> None:
    text = entry() + entry(id="other.fr", name="Example-News", domains="other.fr", aliases="Other")
    message = error_for(tmp_path, text)
    assert message == (
        "15: entry 'other.fr': field 'name': 'Example-News' already names entry 'example-news.fr' (line 1)"
    )


def test_duplicate_id_within_a_file(tmp_path: Path) -> None:
    message = error_for(tmp_path, entry() + entry(name="Another", aliases="Another"))
    assert message.startswith("14: entry 'example-news.fr': field 'id': duplicate id")


def test_bad_domain(tmp_path: Path) -> None:
    message = error_for(tmp_path, entry(domains="example-news.fr, not a domain"))
    assert message == "4: entry 'example-news.fr': field 'domains': 'not a domain' is not a domain name"


def test_www_domain_is_rejected(tmp_path: Path) -> None:
    assert "field 'domains': 'www.example-news.fr' starts with 'www.'" in error_for(
        tmp_path, entry(domains="www.example-news.fr")
    )


def test_id_must_be_a_domain(tmp_path: Path) -> None:
    message = error_for(tmp_path, entry(id="Example News"))
    assert message.startswith("1: entry 'Example News': field 'id': 'example news' is not a domain name")


def test_unknown_field(tmp_path: Path) -> None:
    text = entry().replace("  owner: Somebody\n", "  owner: Somebody\n  truthfulness: low\n")
    assert error_for(tmp_path, text).startswith("8: entry 'example-news.fr': field 'truthfulness': unknown field")


def test_bad_type(tmp_path: Path) -> None:
    text = entry().replace("  languages: [fr]\n", "  languages: fr\n")
    assert error_for(tmp_path, text) == "9: entry 'example-news.fr': field 'languages': expected a list, got str 'fr'"


def test_bad_checked_date(tmp_path: Path) -> None:
    text = entry().replace("checked: 2026-11-26", "checked: last week")
    assert error_for(tmp_path, text) == (
        "13: entry 'example-news.fr': field 'basis.checked': expected a date (YYYY-MM-DD), got str 'last week'"
    )


def test_missing_basis_field(tmp_path: Path) -> None:
    text = entry().replace("    reference: A public register.\n", "")
    assert (
        error_for(tmp_path, text) == "10: entry 'example-news.fr': field 'basis.reference': required field is missing"
    )


def test_yaml_syntax_error_gives_file_and_line(tmp_path: Path) -> None:
    text = entry() + "- id: broken.fr\n  name: [unclosed\n  country: FR\n"
    message = error_for(tmp_path, text)
    assert message.split(":", 1)[0] in {"15", "16", "17"}, message
    assert "YAML syntax error" in message


def test_not_a_list(tmp_path: Path) -> None:
    assert error_for(tmp_path, "id: example.fr\n").startswith("1: an outlet file is a YAML list of entries")


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(CatalogueError, match=rf"^{missing}:0: cannot read outlet file"):
        load_catalogue([missing])
