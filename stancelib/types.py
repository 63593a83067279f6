"""The records that leave the library (SPEC "Types"): frozen pydantic v2 models.

Every offset is a Python ``str`` index into the ORIGINAL input text.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

QuoteKind = Literal["direct", "indirect", "qa_turn", "headline"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Record):
    """A piece of the original text: ``original[start:end] == text``."""

    start: int = Field(ge=0, description="Start offset (inclusive) in the original text.")
    end: int = Field(ge=0, description="End offset (exclusive) in the original text.")
    text: str = Field(description="The original text between start and end, unchanged.")

    @model_validator(mode="after")
    def _check_length(self) -> "Span":
        if self.end < self.start or self.end - self.start != len(self.text):
            raise ValueError(f"span [{self.start}, {self.end}) does not fit text of length {len(self.text)}")
        return self


class Speaker(_Record):
    """A person who says something, named canonically, with the surface form of this mention."""

    name: str = Field(description="Canonical name: simplified Chinese for Chinese names (王仲远), Latin names as written.")
    surface: str = Field(description="The name as it appears at this mention (e.g. 王仲遠, 李总, 他).")
    title: Optional[str] = Field(default=None, description="Job title seen with the name (CEO, 院长...), or null.")
    org: Optional[str] = Field(default=None, description="Organisation seen with the name, or null.")
    kb_id: Optional[str] = Field(default=None, description="Knowledge-base id when the person is in the knowledge base, else null.")


class Quote(_Record):
    """A stretch of speech (or a quote mark pair that is not speech, with speaker null)."""

    doc_id: str = Field(description="The document's id (a file's base name, or 'stdin').")
    id: str = Field(description="Quote id, unique within the document (q0, q1, ...).")
    kind: QuoteKind = Field(description="direct: a quote-mark pair; indirect: reported speech; qa_turn: an answer after a speaker label; headline: a section heading's statement.")
    span: Span = Field(description="direct: opening mark to just past the closing mark; qa_turn: the answer after the label; indirect: the reported clause.")
    content: str = Field(description="The words only (original text, without the marks).")
    speaker: Optional[Speaker] = Field(default=None, description="Who said it, or null when not speech or unknown.")
    cue: Optional[str] = Field(default=None, description="The speech verb or label that attributed it, or null.")
    method: Optional[str] = Field(default=None, description="How it was attributed: explicit, adjacent, pronoun, section_header, qa_label, continuation, ...")
    confidence: float = Field(default=0.0, ge=0.0, le=1.0, description="Confidence of the attribution (0 when speaker is null and it is not speech).")
    sentence: int = Field(ge=0, description="Index of the sentence where the quote starts.")
    is_question: bool = Field(default=False, description="True for an interviewer's turn or a quote inside it: never yields claims.")
    parent_id: Optional[str] = Field(default=None, description="The id of the enclosing quote for a nested quote, else null.")


class Claim(_Record):
    """One speaker's stance on one topic, with the evidence that shows it."""

    doc_id: str = Field(description="The document's id.")
    id: str = Field(description="Claim id, unique within the document (c0, c1, ...).")
    speaker: Speaker = Field(description="Who takes the stance.")
    topic: str = Field(description="Topic id (e.g. scaling_law).")
    stance: str = Field(description="Label id of the topic (e.g. believer, skeptic, mixed, neutral).")
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence of the label.")
    evidence: Span = Field(description="The statement that shows the stance, in the original text.")
    quote_id: Optional[str] = Field(default=None, description="The quote this claim comes from, or null.")
    cues: tuple[str, ...] = Field(default=(), description="The words that decided the topic and the label.")


class StanceSummary(_Record):
    """A speaker's aggregated stance on a topic over a whole document."""

    doc_id: str = Field(description="The document's id.")
    speaker: Speaker = Field(description="The speaker (surface = first mention).")
    topic: str = Field(description="Topic id.")
    stance: str = Field(description="Aggregated label: the confident majority; 'mixed' only when both sides have confident claims from different statements or the speaker says it depends.")
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence-weighted agreement of the claims.")
    claim_ids: tuple[str, ...] = Field(description="The claims that this summary rests on.")
    evidence: Optional[Span] = Field(default=None, description="The evidence of the strongest claim behind the label (null only for a summary built without claims).")


class DocWarning(_Record):
    """Something normalization or decoding had to repair or could not repair."""

    code: str = Field(description="Stable warning code, e.g. W001.")
    message: str = Field(description="Human-readable explanation.")
    span: Optional[Span] = Field(default=None, description="Where in the original text, when it has a place.")


class DocResult(_Record):
    """Everything the library found in one document, without spaCy."""

    doc_id: str = Field(description="The document's id.")
    quotes: tuple[Quote, ...] = Field(default=(), description="Quotes in text order.")
    claims: tuple[Claim, ...] = Field(default=(), description="Claims in text order.")
    stances: tuple[StanceSummary, ...] = Field(default=(), description="One summary per (speaker, topic).")
    speakers: tuple[Speaker, ...] = Field(default=(), description="Distinct speakers (one per canonical name and org).")
    warnings: tuple[DocWarning, ...] = Field(default=(), description="What normalization or decoding had to repair.")
    error: Optional[str] = Field(default=None, description="Set when the document could not be processed at all (e.g. undecodable file); everything else is then empty.")
    text: Optional[str] = Field(default=None, repr=False, description="The original text, kept by stancelib.extract() for display (the notebook view); null from extract_many, the CLI and the service, whose callers hold the text.")

    def _repr_html_(self) -> str:
        """The notebook view: the text with quotes coloured by speaker, and the claims table."""
        from .display import render_html

        return render_html(self)


PUBLIC_MODELS = (Span, Speaker, Quote, Claim, StanceSummary, DocWarning, DocResult)
