"""The learned layer of the techniques: a one-vs-rest logistic regression on each French sentence.

Where the rules stall (a technique argued without the cue words the lexicons hold), a small linear
model reads the sentence's vector from the multilingual sentence encoder already used for claims
and stories, plus what `features` computes from the analysed document (the
claims' boosters, hedges and reported speech, marks of form). Its weights are a small `.npz` in
`filigrane/data/` written by `python -m eval.techniques.train` (trained on the four gold splits,
the guide's examples and sentences written for it: EVALUATION.md says which). Only a sentence the
rules already marked is scored (`marked`: plain news needs their evidence first); one whose
probability for a technique reaches that technique's threshold (chosen by cross-validation) becomes
a span of that technique over the sentence; where a rule found the same technique there, the spans
join and keep the rule's cues and target. The rules' spans are all kept: the model only adds.

A sentence's vector is its claim's when one claim covers most of it (`features.Unit.encoded`): the
claim groups encode those texts too, so the encoder's cache serves both and only the sentences
without such a claim cost an encoding of their own.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from filigrane.document import Document, Technique
from filigrane.steps import BatchStep
from filigrane.techniques.features import FEATURES, Unit, form_features, units
from filigrane.techniques.step import settle
from filigrane.techniques.taxonomy import category

MODEL_FILE = "techniques_model.npz"
ANALYSIS = "; learned layer {encoder} (sentences)"
#: A date every archive member carries, so the same weights make the same bytes.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


class Encoder(Protocol):
    """The sentence encoder the layer was trained with (`filigrane.narratives.encoder.UseEncoder`,
    a stage above this one: the pipeline hands it in)."""

    @property
    def dim(self) -> int: ...

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]: ...


@dataclass(frozen=True, slots=True)
class TechniqueModel:
    """Weights over [sentence vector, `FEATURES`], standardised with the training mean and scale."""

    names: tuple[str, ...]
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]
    mean: npt.NDArray[np.float32]
    scale: npt.NDArray[np.float32]
    thresholds: npt.NDArray[np.float32]
    encoder: str

    def probabilities(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        result: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)
        return result

    def save(self, path: Path) -> None:
        """Write the model as an `.npz` with fixed member dates: same weights, same bytes."""
        arrays = {
            "names": np.array(self.names),
            "weights": self.weights.astype(np.float16),
            "bias": self.bias,
            "mean": self.mean,
            "scale": self.scale,
            "thresholds": self.thresholds,
            "encoder": np.array(self.encoder),
            "features": np.array(FEATURES),
        }
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for key, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
                archive.writestr(zipfile.ZipInfo(f"{key}.npy", ZIP_DATE), buffer.getvalue(), zipfile.ZIP_DEFLATED)

    @classmethod
    def read(cls, data: bytes) -> TechniqueModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            if tuple(str(f) for f in arrays["features"]) != FEATURES:
                raise ValueError("the techniques model was trained on other features: retrain it")
            return cls(
                names=tuple(str(n) for n in arrays["names"]),
                weights=arrays["weights"].astype(np.float32),
                bias=arrays["bias"].astype(np.float32),
                mean=arrays["mean"].astype(np.float32),
                scale=arrays["scale"].astype(np.float32),
                thresholds=arrays["thresholds"].astype(np.float32),
                encoder=str(arrays["encoder"]),
            )


@cache
def packaged_model() -> TechniqueModel:
    """The model shipped in `filigrane/data/`, read once per process."""
    return TechniqueModel.read(resources.files("filigrane.data").joinpath(MODEL_FILE).read_bytes())


def marked(doc: Document, found: list[Unit]) -> npt.NDArray[np.bool_]:
    """Per unit, whether the rules found a technique in it: the only sentences the layer may mark.

    Plain news is most of what a desk reads, and there the model alone cannot tell a sourced risk
    or a reported poll from an appeal to fear or to the crowd (third split, held out: hundreds of
    false alarms for 16 labels); a sentence the rules marked already shows a persuasive register,
    and the layer names the techniques the rules' cues missed in it."""
    return np.array(
        [any(t.start < unit.end and unit.start < t.end for t in doc.techniques) for unit in found], dtype=np.bool_
    )


def unit_matrices(
    docs: list[Document], encoder: Encoder, only_marked: bool = False
) -> list[tuple[list[Unit], npt.NDArray[np.float32]]]:
    """Each document's units and the model's input for them (sentence vectors, then `FEATURES`),
    the sentences of every document encoded in one call; with `only_marked`, the units `marked`
    alone (the others are never encoded: the gate also spares the encoder)."""
    per_doc = []
    for doc in docs:
        found = units(doc)
        form = form_features(doc, found)  # on every unit: "first" is the document's opening sentence
        if only_marked:
            keep = marked(doc, found)
            found, form = [unit for unit, kept in zip(found, keep, strict=True) if kept], form[keep]
        per_doc.append((found, form))
    texts = [unit.encoded for found, _ in per_doc for unit in found]
    vectors = encoder.encode(texts) if texts else np.zeros((0, encoder.dim), np.float32)
    out, at = [], 0
    for found, form in per_doc:
        rows = vectors[at : at + len(found)]
        at += len(found)
        out.append((found, np.hstack([rows, form]).astype(np.float32)))
    return out


def learned_spans(found: list[Unit], probabilities: npt.NDArray[np.float32], model: TechniqueModel) -> list[Technique]:
    """A span over each unit whose probability for a technique reaches that technique's threshold."""
    spans = []
    for unit, row in zip(found, probabilities, strict=True):
        for name, probability, threshold in zip(model.names, row, model.thresholds, strict=True):
            if probability >= threshold:
                spans.append(
                    Technique(name, category(name), unit.start, unit.end, unit.text, round(float(probability), 3))
                )
    return spans


class LearnTechniques(BatchStep):
    """Adds the learned layer's spans to each French document the rules have read (a batch encoded at once)."""

    name = "techniques-learned"
    batch_size = 32

    def __init__(self, encoder: Encoder, model: TechniqueModel | None = None) -> None:
        super().__init__()
        self.encoder = encoder
        self.model = model

    def process_batch(self, docs: list[Document]) -> None:
        model = self.model or packaged_model()
        mark = ANALYSIS.format(encoder=model.encoder)
        todo = [
            doc
            for doc in docs
            if doc.language == "fr" and "techniques" in doc.analyses and mark not in doc.analyses["techniques"]
        ]
        # every document's spans first, then the documents changed: a batch that fails and is run
        # again one document at a time never adds a layer twice
        inputs = unit_matrices(todo, self.encoder, only_marked=True)
        found = [learned_spans(sentences, model.probabilities(x), model) for sentences, x in inputs]
        for doc, spans in zip(todo, found, strict=True):
            doc.techniques += spans
            settle(doc)
            doc.analyses["techniques"] += mark
