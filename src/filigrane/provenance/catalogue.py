"""The outlet catalogue: names, domains and public ownership facts of news outlets.

The catalogue is a YAML list shipped in ``filigrane/data/outlets.yaml``; users add or override
entries (by ``id``) with their own files (``--outlets my.yaml``). Every :class:`Outlet` remembers
the file and line it came from, so a report can say where a profile comes from.

Lookups are exact: a domain matches an entry when it is one of the entry's domains or a
subdomain of one; a name matches when it equals a name or alias once case, accents, spaces and
punctuation are set aside. Nothing is guessed: an unknown domain or name gives ``None``.

A bad file raises :class:`CatalogueError` naming the file, the line and the field.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Final, NoReturn
from urllib.parse import urlsplit

import yaml

PACKAGED_FILE: Final = "outlets.yaml"

#: Ownership types (the whole vocabulary). Facts about ownership only: never a rating.
OWNERSHIP_TYPES: Final[dict[str, str]] = {
    "state-controlled": (
        "owned or controlled by a state, its government, ruling party or ruling family (directly, through a "
        "state body or company, or through an organisation it set up and funds), with no statute giving it "
        "editorial independence from the government"
    ),
    "state-funded": (
        "mainly funded by a state through a legally distinct body (foundation, non-profit, grantee) that has "
        "no public-service statute of independence"
    ),
    "state-funded-public-service": (
        "public-service media funded by the state or a licence fee, under a law or charter that gives it "
        "independent governance and editorial independence"
    ),
    "private": "owned by private persons or companies (family, individual, listed or unlisted company)",
    "cooperative": "owned by its members (newspapers, broadcasters or employees) as a cooperative",
    "nonprofit": "published by an association, foundation, endowment fund or other non-profit body",
    "party-affiliated": "owned or run by a political party or political movement",
    "unknown": "ownership not documented in a public source the catalogue can name",
}

#: What kind of outlet an entry is.
KINDS: Final[frozenset[str]] = frozenset({"news-agency", "broadcaster", "newspaper", "magazine", "online", "blog"})

#: How the ``basis`` fact was checked: in a stored copy of a public page, from general knowledge, or in
#: the primary source itself (legal notice, register, regulation).
SOURCES_CONSULTED: Final[frozenset[str]] = frozenset({"search-archive", "knowledge", "primary-source"})

#: ISO 3166-1 alpha-2 codes (the 249 officially assigned codes).
_ISO_CODES: Final = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
    BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
    ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
    IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
    NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
    SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
    VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_3166_ALPHA2: Final[frozenset[str]] = frozenset(_ISO_CODES.split())

_DOMAIN_RE: Final = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}[a-z0-9]$")
_LANGUAGE_RE: Final = re.compile(r"^[a-z]{2,3}$")
_ARTICLE_RE: Final = re.compile(r"^\s*(?:l['’]\s*|(?:le|la|les|the)\s+)", re.IGNORECASE)

_REQUIRED: Final = ("id", "name", "domains", "country", "ownership", "owner", "kind", "basis")
_OPTIONAL: Final = ("aliases", "languages", "notes")
_BASIS_REQUIRED: Final = ("fact", "reference", "checked")
_BASIS_OPTIONAL: Final = ("source_consulted",)


class CatalogueError(ValueError):
    """A bad outlet file: the message starts with ``file:line:``."""


@dataclass(frozen=True, slots=True)
class Basis:
    """The public fact an entry rests on, where it can be read, and when it was checked."""

    fact: str
    reference: str
    checked: dt.date
    source_consulted: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet: who it is, where it publishes, who owns it, and on what public basis."""

    id: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str
    ownership: str
    owner: str
    kind: str
    languages: tuple[str, ...]
    basis: Basis
    origin_file: str
    origin_line: int
    notes: str | None = None
    #: The file of the entry this one replaced (same ``id`` in an earlier file), if any.
    overrides: str | None = None

    @property
    def origin(self) -> str:
        """``file:line`` of the entry, for reports."""
        return f"{self.origin_file}:{self.origin_line}"

    @property
    def names(self) -> tuple[str, ...]:
        """The name then the aliases."""
        return (self.name, *self.aliases)


def normalise_name(name: str) -> str:
    """Case-, accent-, space- and punctuation-free form: "Press TV", "PressTV", "presstv" -> "presstv"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed.casefold() if c.isalnum() and not unicodedata.combining(c))


def normalise_domain(text: str) -> str | None:
    """The host of a URL, bare domain or ``domain/path``, lower-cased and without ``www.``; None if none."""
    text = text.strip().strip("<>\"'()[]").strip()
    if not text:
        return None
    if "://" in text or text.startswith("//"):
        try:
            host = urlsplit(text if "://" in text else "http:" + text).hostname
        except ValueError:
            return None
    else:
        host = re.split(r"[/?#\s]", text, maxsplit=1)[0]
        host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if not host:
        return None
    host = host.strip().rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    while host.startswith("www.") or re.match(r"^www\d\.", host):
        host = host.split(".", 1)[1]
    return host if _DOMAIN_RE.match(host) else None


class OutletCatalogue:
    """Outlets by id, with exact lookup by domain (walking up subdomains) and by name or alias."""

    def __init__(self, outlets: Iterable[Outlet], files: Sequence[str] = ()) -> None:
        self._outlets: dict[str, Outlet] = {}
        for outlet in outlets:
            self._outlets[outlet.id] = outlet
        self.files: tuple[str, ...] = tuple(files)
        rank = {name: i for i, name in enumerate(self.files)}
        # Later files win a domain or name shared with an earlier file's entry.
        ordered = sorted(self._outlets.values(), key=lambda o: rank.get(o.origin_file, -1))
        self._by_domain: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        for outlet in ordered:
            for domain in (outlet.id, *outlet.domains):
                self._by_domain[domain] = outlet.id
            for name in outlet.names:
                key = normalise_name(name)
                if key:
                    self._by_name[key] = outlet.id

    def __len__(self) -> int:
        return len(self._outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._outlets.values())

    def __contains__(self, outlet_id: object) -> bool:
        return outlet_id in self._outlets

    def get(self, outlet_id: str) -> Outlet | None:
        """The entry with this id, or None."""
        return self._outlets.get(outlet_id)

    def by_domain(self, url_or_domain: str) -> Outlet | None:
        """The outlet a URL or domain belongs to (``fr.sputniknews.africa`` -> Sputnik), or None if unknown."""
        host = normalise_domain(url_or_domain)
        if host is None:
            return None
        labels = host.split(".")
        for start in range(len(labels) - 1):  # never match a bare top-level domain
            outlet_id = self._by_domain.get(".".join(labels[start:]))
            if outlet_id is not None:
                return self._outlets[outlet_id]
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The outlet with this name or alias (case, accents, spaces and punctuation aside), or None."""
        key = normalise_name(name)
        if key and key in self._by_name:
            return self._outlets[self._by_name[key]]
        stripped = _ARTICLE_RE.sub("", name, count=1)
        if stripped != name:
            key = normalise_name(stripped)
            if key and key in self._by_name:
                return self._outlets[self._by_name[key]]
        return None

    def lookup(self, text: str) -> Outlet | None:
        """By domain if ``text`` is a URL or a domain, else by name; None if unknown."""
        candidate = text.strip()
        if "://" in candidate or (" " not in candidate and "." in candidate):
            found = self.by_domain(candidate)
            if found is not None:
                return found
        return self.by_name(candidate)


# --------------------------------------------------------------------------------------------------
# Loading and validation


def load_catalogue(extra_files: Sequence[Path | str] = ()) -> OutletCatalogue:
    """The packaged catalogue, then each user file in order: an entry with an existing ``id`` replaces it."""
    resource = resources.files("filigrane.data").joinpath(PACKAGED_FILE)
    # Named by package path, not install path: outputs stay the same on every machine.
    sources: list[tuple[str, str]] = [(f"filigrane/data/{PACKAGED_FILE}", resource.read_text(encoding="utf-8"))]
    for extra in extra_files:
        path = Path(extra)
        try:
            sources.append((str(path), path.read_text(encoding="utf-8")))
        except OSError as err:
            raise CatalogueError(f"{path}:0: cannot read outlet file: {err.strerror or err}") from err
        except UnicodeDecodeError as err:
            raise CatalogueError(f"{path}:0: outlet file is not UTF-8 text: {err.reason}") from err
    merged: dict[str, Outlet] = {}
    for label, text in sources:
        for outlet in parse_outlets(text, label):
            previous = merged.get(outlet.id)
            if previous is not None:
                outlet = _with_overrides(outlet, previous.origin_file)
            merged[outlet.id] = outlet
    return OutletCatalogue(merged.values(), files=[label for label, _ in sources])


@functools.lru_cache(maxsize=1)
def default_catalogue() -> OutletCatalogue:
    """The packaged catalogue alone (cached)."""
    return load_catalogue()


def _with_overrides(outlet: Outlet, previous_file: str) -> Outlet:
    return replace(outlet, overrides=previous_file)


def parse_outlets(text: str, label: str) -> list[Outlet]:
    """Validate one outlet file's text; ``label`` (its path) is used in outlets and error messages."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = err.problem or err.context or "invalid YAML"
        raise CatalogueError(f"{label}:{line}: YAML syntax error: {problem}") from err
    except yaml.YAMLError as err:
        raise CatalogueError(f"{label}:0: YAML error: {err}") from err
    finally:
        loader.dispose()
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise CatalogueError(f"{label}:{_line(root)}: an outlet file is a YAML list of entries")
    outlets: list[Outlet] = []
    seen_ids: dict[str, int] = {}
    seen_domains: dict[str, tuple[str, int]] = {}
    seen_names: dict[str, tuple[str, int]] = {}
    for index, node in enumerate(root.value, start=1):
        outlet, lines = _parse_entry(node, label, index, loader)
        if outlet.id in seen_ids:
            raise CatalogueError(
                f"{label}:{lines['id']}: entry '{outlet.id}': field 'id': duplicate id, already at line "
                f"{seen_ids[outlet.id]}"
            )
        seen_ids[outlet.id] = outlet.origin_line
        for domain in dict.fromkeys((outlet.id, *outlet.domains)):
            other = seen_domains.get(domain)
            if other is not None:
                raise CatalogueError(
                    f"{label}:{lines.get('domain:' + domain, outlet.origin_line)}: entry '{outlet.id}': "
                    f"field 'domains': '{domain}' already belongs to entry '{other[0]}' (line {other[1]})"
                )
            seen_domains[domain] = (outlet.id, outlet.origin_line)
        for field, name in (("name", outlet.name), *(("aliases", alias) for alias in outlet.aliases)):
            key = normalise_name(name)
            other = seen_names.get(key)
            if other is not None and other[0] != outlet.id:
                raise CatalogueError(
                    f"{label}:{lines.get(field + ':' + name, outlet.origin_line)}: entry '{outlet.id}': "
                    f"field '{field}': '{name}' already names entry '{other[0]}' (line {other[1]})"
                )
            seen_names[key] = (outlet.id, outlet.origin_line)
        outlets.append(outlet)
    return outlets


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _Entry:
    """Field access on one mapping node, with errors that carry file, line, entry and field."""

    def __init__(
        self, node: yaml.MappingNode, label: str, name: str, loader: yaml.SafeLoader, anchor_line: int | None = None
    ) -> None:
        self.node = node
        self.anchor_line = anchor_line if anchor_line is not None else _line(node)
        self.label = label
        self.name = name
        self.loader = loader
        self.fields: dict[str, yaml.Node] = {}
        self.key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or not key:
                self.fail(_line(key_node), "?", "a field name must be a plain string")
            if key in self.fields:
                self.fail(_line(key_node), key, f"field given twice (first at line {self.key_lines[key]})")
            self.fields[key] = value_node
            self.key_lines[key] = _line(key_node)

    def fail(self, line: int, field: str, message: str) -> NoReturn:
        raise CatalogueError(f"{self.label}:{line}: entry '{self.name}': field '{field}': {message}")

    def check_keys(self, required: Sequence[str], optional: Sequence[str], prefix: str = "") -> None:
        for key in self.fields:
            if key not in required and key not in optional:
                allowed = ", ".join((*required, *optional))
                self.fail(self.key_lines[key], prefix + key, f"unknown field (allowed: {allowed})")
        for key in required:
            if key not in self.fields:
                self.fail(self.anchor_line, prefix + key, "required field is missing")

    def value(self, key: str) -> object:
        return self.loader.construct_object(self.fields[key], deep=True)

    def line(self, key: str) -> int:
        return _line(self.fields[key])

    def text(self, key: str, prefix: str = "") -> str:
        value = self.value(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(self.line(key), prefix + key, f"expected non-empty text, got {_show(value)}")
        return " ".join(value.split())

    def text_list(self, key: str, *, allow_empty: bool = True) -> list[tuple[str, int]]:
        node = self.fields[key]
        if not isinstance(node, yaml.SequenceNode):
            self.fail(_line(node), key, f"expected a list, got {_show(self.value(key))}")
        items: list[tuple[str, int]] = []
        for item in node.value:
            value = self.loader.construct_object(item, deep=True)
            if not isinstance(value, str) or not value.strip():
                self.fail(_line(item), key, f"expected non-empty text in the list, got {_show(value)}")
            items.append((" ".join(value.split()), _line(item)))
        if not items and not allow_empty:
            self.fail(_line(node), key, "the list is empty")
        return items


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _parse_entry(node: yaml.Node, label: str, index: int, loader: yaml.SafeLoader) -> tuple[Outlet, dict[str, int]]:
    if not isinstance(node, yaml.MappingNode):
        raise CatalogueError(f"{label}:{_line(node)}: entry #{index}: an entry is a mapping of fields")
    name = f"#{index}"
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
            name = value_node.value or name
    entry = _Entry(node, label, name, loader)
    entry.check_keys(_REQUIRED, _OPTIONAL)

    lines: dict[str, int] = {"id": entry.line("id")}
    outlet_id = entry.text("id").lower()
    if not _DOMAIN_RE.match(outlet_id):
        entry.fail(entry.line("id"), "id", f"'{outlet_id}' is not a domain name (the id is the outlet's main domain)")

    domains: list[str] = []
    for domain, line in entry.text_list("domains", allow_empty=False):
        clean = domain.lower().rstrip(".")
        if clean.startswith("www."):
            entry.fail(line, "domains", f"'{domain}' starts with 'www.': list the domain without it")
        if not _DOMAIN_RE.match(clean):
            entry.fail(line, "domains", f"'{domain}' is not a domain name")
        if clean in domains:
            entry.fail(line, "domains", f"'{domain}' is listed twice")
        domains.append(clean)
        lines["domain:" + clean] = line
    if outlet_id not in domains:
        domains.insert(0, outlet_id)

    aliases: list[str] = []
    if "aliases" in entry.fields:
        for alias, line in entry.text_list("aliases"):
            if not normalise_name(alias):
                entry.fail(line, "aliases", f"'{alias}' has no letters or digits")
            aliases.append(alias)
            lines.setdefault("aliases:" + alias, line)

    country = entry.text("country")
    if country not in ISO_3166_ALPHA2:
        entry.fail(entry.line("country"), "country", f"'{country}' is not an ISO 3166-1 alpha-2 code")

    ownership = entry.text("ownership")
    if ownership not in OWNERSHIP_TYPES:
        entry.fail(
            entry.line("ownership"),
            "ownership",
            f"'{ownership}' is not an ownership type (one of: {', '.join(OWNERSHIP_TYPES)})",
        )

    kind = entry.text("kind")
    if kind not in KINDS:
        entry.fail(entry.line("kind"), "kind", f"'{kind}' is not a kind of outlet (one of: {', '.join(sorted(KINDS))})")

    languages: list[str] = []
    if "languages" in entry.fields:
        for language, line in entry.text_list("languages"):
            if not _LANGUAGE_RE.match(language):
                entry.fail(line, "languages", f"'{language}' is not an ISO 639 language code (e.g. 'fr')")
            languages.append(language)

    notes = entry.text("notes") if "notes" in entry.fields else None
    basis = _parse_basis(entry, label, outlet_id, loader)

    name_text = entry.text("name")
    lines["name:" + name_text] = entry.line("name")
    outlet = Outlet(
        id=outlet_id,
        name=name_text,
        aliases=tuple(aliases),
        domains=tuple(domains),
        country=country,
        ownership=ownership,
        owner=entry.text("owner"),
        kind=kind,
        languages=tuple(languages),
        basis=basis,
        origin_file=label,
        origin_line=_line(node),
        notes=notes,
    )
    return outlet, lines


def _parse_basis(entry: _Entry, label: str, outlet_id: str, loader: yaml.SafeLoader) -> Basis:
    node = entry.fields["basis"]
    if not isinstance(node, yaml.MappingNode):
        entry.fail(_line(node), "basis", "expected a mapping with fact, reference and checked")
    basis = _Entry(node, label, outlet_id, loader, anchor_line=entry.key_lines["basis"])
    basis.check_keys(_BASIS_REQUIRED, _BASIS_OPTIONAL, prefix="basis.")
    checked = basis.value("checked")
    if isinstance(checked, str):
        with contextlib.suppress(ValueError):
            checked = dt.date.fromisoformat(checked.strip())
    if isinstance(checked, dt.datetime):
        checked = checked.date()
    if not isinstance(checked, dt.date):
        basis.fail(basis.line("checked"), "basis.checked", f"expected a date (YYYY-MM-DD), got {_show(checked)}")
    consulted: str | None = None
    if "source_consulted" in basis.fields:
        consulted = basis.text("source_consulted", prefix="basis.")
        if consulted not in SOURCES_CONSULTED:
            basis.fail(
                basis.line("source_consulted"),
                "basis.source_consulted",
                f"'{consulted}' is not one of: {', '.join(sorted(SOURCES_CONSULTED))}",
            )
    return Basis(
        fact=basis.text("fact", prefix="basis."),
        reference=basis.text("reference", prefix="basis."),
        checked=checked,
        source_consulted=consulted,
    )
