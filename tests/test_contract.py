"""JSON contract v1: every output validates against the schema shipped in the repo."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import filigrane
from filigrane.report.contract import schema

REQUIRED_DOCUMENT_FIELDS = {"id", "source", "language", "title", "date", "tags", "text", "removed"} | {
    "sentences",
    "entities",
    "claims",
    "origins",
}


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert set(schema()["$defs"]["document"]["required"]) >= REQUIRED_DOCUMENT_FIELDS


def test_demo_result_validates_and_names_every_field(demo_result: filigrane.Result) -> None:
    output = demo_result.to_dict()
    filigrane.validate(output)
    assert output["filigrane"] == "1"
    for document in output["documents"]:
        assert set(document) >= REQUIRED_DOCUMENT_FIELDS
        assert document["text"].startswith(document["title"])
        for removed in document["removed"]:
            assert set(removed) >= {"text", "reason"}
        for sentence in document["sentences"]:
            assert 0 <= sentence["start"] < sentence["end"] <= len(document["text"])
    assert json.loads(demo_result.to_json()) == output


def test_schema_rejects_a_broken_output(demo_result: filigrane.Result) -> None:
    output = demo_result.to_dict()
    del output["documents"][0]["removed"]
    with pytest.raises(jsonschema.ValidationError):
        filigrane.validate(output)
    output = demo_result.to_dict()
    output["filigrane"] = "2"
    with pytest.raises(jsonschema.ValidationError):
        filigrane.validate(output)


def test_schema_file_is_in_the_repo() -> None:
    path = Path(filigrane.__file__).parent / "report" / "schema" / "filigrane-v1.schema.json"
    assert json.loads(path.read_text(encoding="utf-8"))["title"].startswith("Filigrane")
