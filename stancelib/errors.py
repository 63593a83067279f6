"""Stable error and warning codes, spaCy style (``[E001]``), so users can search for them."""
from __future__ import annotations


class Errors:
    E001 = "[E001] Cannot read {path}: {reason}"
    E002 = "[E002] {path} looks like a binary file ({reason}), not text"
    E003 = "[E003] Cannot decode {path}: tried {tried}; {reason}"
    E010 = "[E010] Bad topic file {path}: {reason}"
    E011 = "[E011] Bad speaker file {path}: {reason}"
    E012 = "[E012] Bad cue file {path}: {reason}"
    E020 = "[E020] Unknown option {name}={value!r}: {reason}"
    E021 = "[E021] Cannot load {what} from {path}: {reason}"
    E030 = "[E030] Bad gold file {path}: {reason}"
    E040 = "[E040] Option {name}={value!r} of {component} is out of range: {reason}"
    E041 = ("[E041] {component} was saved with its {what} inside the pipeline directory: load it with "
            "spacy.load(DIR) or nlp.from_disk(DIR) before use")


class Warnings:
    W001 = "[W001] Unrepairable mojibake {text!r} at {start}"
    W002 = "[W002] Unbalanced quote mark {mark!r} at {start}: closed at the paragraph end"
    W003 = "[W003] Decoded {path} as {encoding}"
    W004 = "[W004] Removed {count} control or zero-width characters"
    W005 = "[W005] Very long line ({length} chars) at {start}"


class StanceLibError(Exception):
    """Base class of every error stancelib raises on purpose."""


class InputError(StanceLibError, ValueError):
    """A document cannot be read: names the file and the reason."""

    def __init__(self, message: str, path: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.path = path
        self.reason = reason


class ConfigError(StanceLibError, ValueError):
    """A data file or option is invalid: names the file/option and the entry."""
