"""The claims extractor: per-paragraph frames and markers into `Document.claims` (contract v1).

Runs in the main process, paragraph after paragraph in document order, so holder resolution
("selon lui", "le sénateur") sees every earlier holder of the document. Stances on one
proposition (overlapping contents, or a concession and its main clause in one sentence) form one
claim. The writer's own hedged, boosted or evidence-backed sentences, and the headline, are
author stances.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from filigrane.claim_records import BARE_QUOTE_CUE, Claim, Entity, Marker, Stance
from filigrane.claims.attribution import frames_of
from filigrane.claims.certainty import markers_of
from filigrane.claims.english import NEGATIONS, author_polarity, english
from filigrane.claims.holders import Resolver
from filigrane.claims.lexicons import denials
from filigrane.claims.polarity import read_polarity
from filigrane.claims.tokens import OPENING
from filigrane.document import Document

ANALYSIS = "filigrane claims v1 (fr)"
#: English runs on a blank pipeline with rule-based components: say so in `analyses`.
ENGLISH_ANALYSIS = (
    "light-en: rule-based quotes, reporting verbs, 'according to', hedges and boosters (no English model)"
)
AUTHOR_MARKERS = frozenset({"hedge", "booster", "conditional", "evidence"})
#: Documents whose resolution state is kept while another document's paragraphs come in.
KEPT_STATES = 64


#: The announcing frame that ended a document's previous paragraph, and that paragraph's offset.
Announced = tuple[dict[str, Any], int] | None


class ClaimExtractor:
    """A `SpacyExtractor` filling `Document.claims` from the claim components' plain data."""

    def __init__(self) -> None:
        self._doc: Document | None = None
        self._resolver = Resolver()
        #: A quotation left open at the end of the previous paragraph, and its claim.
        self._open: tuple[Stance, Claim] | None = None
        #: The announcing frame ending the previous paragraph ("a déclaré ce qui suit :"), its offset.
        self._announced: Announced = None
        #: The state of the documents seen last: the parse step may interleave two documents'
        #: paragraphs (an English one is read while a French one is still in the spaCy stream).
        self._states: OrderedDict[int, tuple[Document, Resolver, tuple[Stance, Claim] | None, Announced]] = (
            OrderedDict()
        )

    def extract(self, parsed: Any, doc: Document, offset: int) -> None:
        if self._doc is not doc:
            if self._doc is not None:
                self._states[id(self._doc)] = (self._doc, self._resolver, self._open, self._announced)
                while len(self._states) > KEPT_STATES:
                    self._states.popitem(last=False)
            kept = self._states.pop(id(doc), None)
            self._doc = doc
            self._resolver, self._open, self._announced = (
                kept[1:] if kept and kept[0] is doc else (Resolver(), None, None)
            )
        doc.analyses["claims"] = ENGLISH_ANALYSIS if parsed.lang_ == "en" else ANALYSIS
        self._resolver.people += [(offset + e.start_char, e.text) for e in parsed.ents if e.label_ == "PER"]
        self._resolver.described += [
            (offset + e.start_char, e.text, _nouns_beside(parsed, e)) for e in parsed.ents if e.label_ == "PER"
        ]
        self._resolver.bodies += [e.text for e in parsed.ents if e.label_ in ("ORG", "MISC")]
        markers = [_shift(m, offset) for m in markers_of(parsed)]
        frames = sorted(frames_of(parsed), key=_cue_start)
        joined = False
        for frame in frames:
            if frame["kind"] == "continued":
                joined = self._continue(doc, offset + frame["content"][1]) or joined
        if joined:  # the closing mark ends an earlier paragraph's quotation, not one of its own
            frames = [f for f in frames if not f.get("unopened")]
        self._open = None
        frames = self._announced_words(parsed, frames, offset) + frames
        announced = next((f for f in frames if f["kind"] == "announce"), None)
        self._announced = (announced, offset) if announced is not None else None
        pairs = [(f, self._stance(f, doc, offset, markers)) for f in frames if f["kind"] != "continued"]
        stances = [s for _, s in pairs if s]
        sentences = [(offset + s.start_char, offset + s.end_char) for s in parsed.sents]
        author, headline = _author_stances(
            doc, parsed, offset, sentences, stances, markers, headline=offset == 0 and doc.title is not None
        )
        stances += author
        entities = [Entity(e.text, e.label_, offset + e.start_char, offset + e.end_char) for e in parsed.ents]
        opened = next((s for f, s in pairs if s and f.get("open_ended")), None)
        for group in _group(stances, sentences):
            doc.claims.append(_claim(doc, group, entities, len(doc.claims) + 1, headline))
            if opened is not None and any(s is opened for s in doc.claims[-1].stances):
                self._open = (opened, doc.claims[-1])
        if stances or any(f["kind"] == "announce" for f in frames):  # only these add actors or mentions
            doc.actors = self._resolver.actors()

    def _announced_words(self, parsed: Any, frames: list[dict[str, Any]], offset: int) -> list[dict[str, Any]]:
        """A paragraph after "X a déclaré ce qui suit :" that opens without a quotation mark is X's
        words all the same: one direct stance over the paragraph, and the first-person frames inside
        it ("Je suis convaincu que") are the speaker's own account, not stances of their own. A
        paragraph opening on a quotation takes it through that quotation (the announced speaker is
        the latest holder)."""
        if self._announced is None:
            return []
        frame, previous = self._announced
        text = parsed.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if end - start < 2 or text[start] in OPENING or frame["holder"] is None:
            return []
        shift = previous - offset  # the announcing frame's offsets, made relative to this paragraph
        frames[:] = [f for f in frames if not _first_person(f)]
        read = read_polarity(parsed, (start, end))
        return [
            frame
            | {
                "kind": "direct",
                "cue": [frame["cue"][0] + shift, frame["cue"][1] + shift],
                "holder": _shift(frame["holder"], shift),
                "content": [start, end],
                "polarity": read.polarity,
                "denial": list(read.denial) if read.denial else None,
                "negated": read.negated,
            }
        ]

    def _continue(self, doc: Document, end: int) -> bool:
        """A quotation opened in an earlier paragraph ends here: its stance (and claim) run on to `end`.
        False when no quotation was left open (the closing mark's own opening is missing)."""
        if self._open is None:
            return False
        stance, claim = self._open
        stance.content_end = end
        if claim.stances[0] is stance:
            claim.end, claim.text = end, doc.text[claim.start : end]
        self._open = None
        return True

    def _stance(
        self, frame: dict[str, Any], doc: Document, offset: int, markers: list[dict[str, Any]]
    ) -> Stance | None:
        info = frame["holder"]
        if info is not None:
            info = _shift(info, offset)
            if info.get("antecedent"):  # "selon eux": the group it may stand for, in the same paragraph
                info["antecedent"] = _shift(info["antecedent"], offset)
        holder = self._resolver.resolve(info)
        if holder is None or frame["kind"] == "announce":  # an announced speaker: only made the latest holder
            return None
        start, end = (offset + frame["content"][0], offset + frame["content"][1])
        cue_start, cue_end = offset + frame["cue"][0], offset + frame["cue"][1]
        found = [m for m in markers if start <= m["start"] < end and not _future_in_past(m, frame)]
        if frame["kind"] == "direct":  # every quotation attributed to a holder, whatever its length
            found.append({"type": "quote", "start": start, "end": end})
        if frame["denial"] is not None:
            found.append({"type": "denial", "start": offset + frame["denial"][0], "end": offset + frame["denial"][1]})
        stance = Stance(
            holder_kind=holder.kind,
            cue=BARE_QUOTE_CUE if frame.get("bare") else doc.text[cue_start:cue_end],
            polarity=frame["polarity"],
            negated=frame["negated"],
            certainty=_certainty(found),
            markers=[_public(m, doc) for m in sorted(found, key=lambda m: m["start"])],
            kind=frame["kind"],
            holder_start=info["start"] if info else None,
            holder_end=info["end"] if info else None,
            cue_start=cue_start,
            cue_end=cue_end,
            content_start=start,
            content_end=end,
        )
        holder.cite(stance)
        return stance


def _first_person(frame: dict[str, Any]) -> bool:
    """A frame held by "je" or "nous": inside someone's words, their own account."""
    holder = frame.get("holder")
    return holder is not None and holder.get("first") in ("je", "j'", "j’", "nous")


def _cue_start(frame: dict[str, Any]) -> int:
    return int(frame["cue"][0])


def _shift(marker: dict[str, Any], offset: int) -> dict[str, Any]:
    return marker | {"start": marker["start"] + offset, "end": marker["end"] + offset}


def _future_in_past(marker: dict[str, Any], frame: dict[str, Any]) -> bool:
    """ "a fait savoir qu'il ne démissionnerait pas": a simple conditional after a past cue."""
    return bool(
        marker["type"] == "conditional" and marker.get("simple") and frame["past_cue"] and frame["kind"] == "indirect"
    )


def _certainty(markers: list[dict[str, Any]]) -> str:
    types = {m["type"] for m in markers}
    if types & {"hedge", "conditional"}:
        return "hedged"
    return "boosted" if "booster" in types else "neutral"


def _public(marker: dict[str, Any], doc: Document) -> Marker:
    # evidence only: whether the evidence says who or where it comes from
    specified = bool(marker.get("specified")) if marker["type"] == "evidence" else None
    return Marker(marker["type"], doc.text[marker["start"] : marker["end"]], marker["start"], marker["end"], specified)


def _author_stances(
    doc: Document,
    parsed: Any,
    offset: int,
    sentences: list[tuple[int, int]],
    stances: list[Stance],
    markers: list[dict[str, Any]],
    headline: bool,
) -> tuple[list[Stance], Stance | None]:
    """The writer's voice: sentences outside every frame carrying a certainty or evidence marker,
    and the headline's stance among them (None: no headline).

    The writer denies only as a holder does (a denying phrase, a negated verification: "Les prétendus
    effets … n'ont jamais été démontrés"); a heading repeated in the body is said once.
    """
    covered = [(s.content_start, s.content_end) for s in stances] + [
        (s.cue_start, s.cue_end) for s in stances if s.cue_start is not None and s.cue_end is not None
    ]
    said = {c.text for c in doc.claims if c.stances and c.stances[0].holder_kind == "author"}
    found: list[Stance] = []
    headline_stance: Stance | None = None
    for index, (start, end) in enumerate(sentences):
        if any(a < end and start < b for a, b in covered):
            continue
        own = [m for m in markers if start <= m["start"] < end and m["type"] in AUTHOR_MARKERS]
        text_end = end
        while text_end > start and (doc.text[text_end - 1].isspace() or doc.text[text_end - 1] in ".;:!"):
            text_end -= 1
        if text_end <= start:
            continue
        if not own and not (headline and index == 0) and not _may_deny(parsed, start - offset, text_end - offset):
            continue
        reader = author_polarity if parsed.lang_ == "en" else read_polarity
        read = reader(parsed, (start - offset, text_end - offset))
        if not own and not (headline and index == 0) and read.polarity != "denies":
            continue
        if doc.text[start:text_end] in said:  # a heading repeated in the body: one claim
            continue
        if read.denial is not None:
            own.append({"type": "denial", "start": read.denial[0] + offset, "end": read.denial[1] + offset})
        start = read.content[0] + offset
        stance = Stance(
            holder_kind="author",
            polarity=read.polarity,
            negated=read.negated,
            certainty=_certainty(own),
            markers=[_public(m, doc) for m in sorted(own, key=lambda m: m["start"])],
            kind="author",
            content_start=start,
            content_end=text_end,
        )
        found.append(stance)
        if headline and index == 0:
            headline_stance = stance
    return found, headline_stance


#: Words without which a sentence cannot deny (a negation or a denying phrase's word; or one of
#: the words that call a claim false, `denials.yaml`).
DENYING_WORDS = frozenset({"ne", "n'", "n’", "faux", "fausse", "inexact", "preuve", "preuves", "prouve"})


def _may_deny(parsed: Any, start: int, end: int) -> bool:
    """A cheap test before reading a sentence's polarity: does it hold a word a denial needs?"""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if parsed.lang_ == "en":
        words = NEGATIONS | english().false_words
        return span is not None and any(t.lower_ in words for t in span)
    false_words = denials().false_words
    return span is not None and any(t.lower_ in DENYING_WORDS or t.lower_ in false_words for t in span)


def _group(stances: list[Stance], sentences: list[tuple[int, int]]) -> list[list[Stance]]:
    """Stances on one proposition: overlapping contents, or opposite polarities in one sentence."""
    groups: list[list[Stance]] = []
    for stance in sorted(stances, key=lambda s: (s.content_start, -s.content_end)):
        for group in groups:
            if any(_same_proposition(stance, other, sentences) for other in group):
                group.append(stance)
                break
        else:
            groups.append([stance])
    return groups


def _same_proposition(a: Stance, b: Stance, sentences: list[tuple[int, int]]) -> bool:
    """Overlapping contents; or two holders taking opposite sides in one sentence ("Washington nie
    X, Damas affirme Y"). One holder denying one thing and affirming another in one sentence ("…,
    a assuré X, qui a nié toute volonté de dissimulation") states two propositions."""
    if a.content_start < b.content_end and b.content_start < a.content_end:
        return True
    if a.polarity == b.polarity or a.holder_id == b.holder_id:
        return False
    return any(s <= a.content_start < e and s <= b.content_start < e for s, e in sentences)


def _dedupe(group: list[Stance], doc: Document) -> list[Stance]:
    """One stance per holder, cue and polarity on one stretch of a claim's text.

    A later stance repeating an earlier one (same holder, cue and polarity, overlapping content) is
    dropped (the parts of a quotation split by its incise do not overlap and stay); when it is a
    quotation inside the kept stance's frame ("Selon lui, … «les États-Unis voient…»"), it survives
    as a `quote` marker of the kept stance, and a quotation that denies makes the frame deny.
    """
    kept: list[Stance] = []
    for stance in group:
        same = next(
            (
                k
                for k in kept
                if k.holder_id == stance.holder_id
                and k.cue == stance.cue
                and (k.polarity == stance.polarity or _denying_fragment(stance, k))
                and k.holder_kind == stance.holder_kind
                and k.content_start < stance.content_end
                and stance.content_start < k.content_end
            ),
            None,
        )
        if same is None:
            kept.append(stance)
            continue
        if stance.kind == "direct" and same.kind != "direct":
            quote = {"type": "quote", "start": stance.content_start, "end": stance.content_end}
            same.markers = sorted([*same.markers, _public(quote, doc)], key=lambda m: (m.start, m.type))
            if stance.polarity == "denies":  # "X est « sans fondement », selon Y": the quoted words deny
                same.polarity = "denies"
                same.markers = sorted(
                    [*same.markers, *(m for m in stance.markers if m.type == "denial")], key=lambda m: (m.start, m.type)
                )
    return kept


def _denying_fragment(fragment: Stance, frame: Stance) -> bool:
    """A quoted fragment that denies inside a frame read as affirming ("X est « sans fondement »,
    selon Y": the quotation marks hide the predicate from the frame's reading): the frame's denial."""
    return fragment.kind == "direct" and frame.kind != "direct" and fragment.polarity == "denies"


def _claim(doc: Document, group: list[Stance], entities: list[Entity], number: int, headline: Stance | None) -> Claim:
    group = _dedupe(group, doc)
    main = group[0]
    start, end = main.content_start, main.content_end
    return Claim(
        id=f"c{number}",
        text=doc.text[start:end],
        start=start,
        end=end,
        negated=bool(main.negated),
        entities=[e for e in entities if start <= e.start and e.end <= end],
        stances=group,
        headline=any(s is headline for s in group),
    )


#: Tokens on each side of a person's name where the text gives their role.
ROLE_WINDOW = 4


def _nouns_beside(parsed: Any, entity: Any) -> frozenset[str]:
    """The common nouns right around a person's name in its sentence ("la professeure de nutrition
    Francisca Joly-Gomez", "Paul Valadier, philosophe"): the roles the text gives them."""
    sent = entity.sent
    window = parsed[max(sent.start, entity.start - ROLE_WINDOW) : min(sent.end, entity.end + ROLE_WINDOW)]
    return frozenset(t.lemma_.lower() for t in window if t.pos_ == "NOUN")
