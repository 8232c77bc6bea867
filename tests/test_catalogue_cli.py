"""Known narratives from the command line: --catalogue, `filigrane catalogue import|list|remove`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_shared

# A catalogue entry written for these tests, in English, about the narrative the seeds push.
CATALOGUE = "\n".join(
    [
        "id,title,summary,disproof,date,outlets,languages,keywords,url",
        'E1,US helicopters evacuated ISIS commanders from Deir ez-Zor,"US military helicopters evacuated ISIS '
        'leaders from Deir ez-Zor to protect them.",The coalition denied any such operation; no evidence was shown.,'
        "2017-09-01,Sputnik,en;fr,ISIS;USA,https://example.org/e1",
        "E2,Covid vaccines contain microchips,Vaccines against Covid carry microchips to track people.,"
        "Vaccines contain no microchips.,2021-01-01,,en,,https://example.org/e2",
        "",
    ]
)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "filigrane.cli", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "narratives.csv"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def test_catalogue_matches_the_sputnik_seed_across_languages(catalogue: Path, tmp_path: Path) -> None:
    seed = require_shared("corpus", "seeds", "004_fe368d068436f1eb.txt")
    out = tmp_path / "out.json"
    done = _cli("analyze", str(seed), "--catalogue", str(catalogue), "--no-db", "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    narratives = json.loads(out.read_text())["documents"][0]["narratives"]
    assert [n["entry_id"] for n in narratives] == ["E1"]
    match = narratives[0]
    assert match["score"] >= 0.6 and "Deir ez-Zor" in match["matched_text"]
    assert match["disproof"].startswith("The coalition denied") and match["url"] == "https://example.org/e1"
    assert match["claim_id"] is not None


def test_a_press_release_matches_nothing(catalogue: Path, tmp_path: Path) -> None:
    pages = sorted(require_shared("eval", "europa-fr", "html").glob("*.html"))[:3]
    out = tmp_path / "out.json"
    done = _cli("analyze", *map(str, pages), "--catalogue", str(catalogue), "--no-db", "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    documents = json.loads(out.read_text())["documents"]
    assert len(documents) == 3 and all(doc["narratives"] == [] for doc in documents)


def test_import_list_use_and_remove_a_stored_catalogue(catalogue: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    done = _cli("catalogue", "import", str(catalogue), "--name", "demo", "--db", db)
    assert done.returncode == 0 and "2 entries" in done.stderr
    listed = _cli("catalogue", "list", "--db", db)
    assert listed.stdout.split("\t")[:2] == ["demo", "2"]
    out = tmp_path / "out.json"
    seed = require_shared("corpus", "seeds", "004_fe368d068436f1eb.txt")
    done = _cli("analyze", str(seed), "--db", db, "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    assert [n["entry_id"] for n in json.loads(out.read_text())["documents"][0]["narratives"]] == ["E1"]
    assert _cli("catalogue", "remove", "demo", "--db", db).returncode == 0
    assert _cli("catalogue", "list", "--db", db).stdout == ""
    missing = _cli("catalogue", "remove", "demo", "--db", db)
    assert missing.returncode == 2 and "no catalogue named 'demo'" in missing.stderr


def test_a_bad_catalogue_is_a_usage_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,title\n,\n", encoding="utf-8")
    done = _cli("analyze", "-", "--catalogue", str(bad), "--no-db", "-q")
    assert done.returncode == 2
    assert str(bad) in done.stderr and "Traceback" not in done.stderr


def test_importing_a_catalogue_rechecks_the_stored_documents(catalogue: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    seed = require_shared("corpus", "seeds", "004_fe368d068436f1eb.txt")
    release = sorted(require_shared("eval", "europa-fr", "html").glob("*.html"))[0]
    done = _cli("analyze", str(seed), str(release), "--db", db, "-o", str(tmp_path / "before.json"), "-q")
    assert done.returncode == 0, done.stderr
    assert all(doc["narratives"] == [] for doc in json.loads((tmp_path / "before.json").read_text())["documents"])

    done = _cli("catalogue", "import", str(catalogue), "--name", "EUvsDisinfo sample", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "1 of 2 stored documents match catalogue 'EUvsDisinfo sample'" in done.stderr
    seed_id = json.loads((tmp_path / "before.json").read_text())["documents"][0]["id"]
    assert done.stdout.split("\t")[0] == seed_id and done.stdout.count("\n") == 1

    stored = _stored(db, tmp_path)
    matches = stored[seed_id]["narratives"]
    assert [(m["entry_id"], m["catalogue"]) for m in matches] == [("E1", "EUvsDisinfo sample")]
    assert all(doc["narratives"] == [] for key, doc in stored.items() if key != seed_id)

    # Imported again under the same name: the matches are replaced, not doubled.
    again = _cli("catalogue", "import", str(catalogue), "--name", "EUvsDisinfo sample", "--db", db)
    assert again.returncode == 0 and again.stdout == done.stdout
    assert _stored(db, tmp_path)[seed_id]["narratives"] == matches


def _stored(db: str, tmp_path: Path) -> dict[str, dict[str, Any]]:
    """The documents of the store, by id, as `filigrane export --format jsonl` writes them."""
    out = tmp_path / "store.jsonl"
    assert _cli("export", "--db", db, "--format", "jsonl", "-o", str(out)).returncode == 0
    return {doc["id"]: doc for doc in (json.loads(line)["document"] for line in out.read_text().splitlines())}


def test_a_catalogue_given_on_the_command_line_is_named_after_its_file(catalogue: Path, tmp_path: Path) -> None:
    seed = require_shared("corpus", "seeds", "004_fe368d068436f1eb.txt")
    out = tmp_path / "out.json"
    done = _cli("analyze", str(seed), "--catalogue", str(catalogue), "--no-db", "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    assert [n["catalogue"] for n in json.loads(out.read_text())["documents"][0]["narratives"]] == ["narratives"]
