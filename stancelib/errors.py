"""Stable error and warning codes, spaCy style (``[E001]``), so users can search for them."""
from __future__ import annotations

# Exit statuses of the command lines (SPEC): all inputs processed; some inputs failed; a usage error.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Errors:
    E001 = "[E001] Cannot read {path}: {reason}"
    E002 = "[E002] {path} looks like a binary file ({reason}), not text"
    E003 = "[E003] Cannot decode {path}: tried {tried}; {reason}"
    E004 = "[E004] Cannot read item {index} ({name}): {reason}"
    E005 = "[E005] {name} is too long: {length} characters, the limit is max_chars={limit}"
    E006 = "[E006] {name} took longer than the time budget of {budget:g} s ({done} of {total} chunks done)"
    E010 = "[E010] Bad topic file {path}: {reason}"
    E011 = "[E011] Bad speaker file {path}: {reason}"
    E012 = "[E012] Bad cue file {path}: {reason}"
    E020 = "[E020] Unknown option {name}={value!r}: {reason}"
    E021 = "[E021] Cannot load {what} from {path}: {reason}"
    E022 = "[E022] Refusing the stance model in {path}: {what} holds NaN or infinite values"
    # E023: a stance-model data file or model directory that cannot be used (stance_model.StanceModelError)
    E030 = "[E030] Bad gold file {path}: {reason}"
    E031 = "[E031] Cannot calibrate on {paths}: {reason}"
    E040 = "[E040] Refusing to overwrite {path}: it exists (pass --force to replace it)"
    E041 = ("[E041] {component} was saved with its {what} inside the pipeline directory: load it with "
            "spacy.load(DIR) or nlp.from_disk(DIR) before use")
    E042 = "[E042] Option {name}={value!r} of {component} is out of range: {reason}"
    # Where users work: notebooks, Dask, the HTTP service (E1xx).
    E100 = "[E100] {feature} needs the optional package {package}: pip install 'stancelib[{extra}]'"
    E101 = "[E101] Request body too large: {size} bytes; the limit is {limit} bytes"
    E102 = "[E102] Text too long: {length} characters; the limit is {limit}"
    E103 = "[E103] Batch too large: {size} documents; the limit is {limit}"
    E104 = "[E104] The request took longer than the limit of {limit:g} s and was abandoned"
    E105 = "[E105] Malformed request: {reason}"
    E106 = "[E106] Unknown topic {topic!r}: known topics are {known}"
    E107 = "[E107] Internal error while processing {doc_id!r} ({kind}); the service keeps running"
    E108 = "[E108] No date for document {doc_id!r}: pass a date for every result"
    E109 = "[E109] Unknown value {value!r} for {name}: use one of {choices}"
    E111 = "[E111] Cannot listen on {host}:{port}: {reason}"
    E110 = "[E110] Cannot use the Dask scheduler {address}: {reason}"


class Warnings:
    W001 = "[W001] Unrepairable mojibake {text!r} at {start}"
    W002 = "[W002] Unbalanced quote mark {mark!r} at {start}: closed at the paragraph end (or before the next one of its kind)"
    W003 = "[W003] Decoded {path} as {encoding}"
    W004 = "[W004] Removed {count} control or zero-width characters"
    W005 = "[W005] Very long line ({length} chars) at {start}"
    W006 = "[W006] {path}: {count} stray NUL byte(s), the first at byte {offset}; kept as control characters"
    W007 = "[W007] {path}: an incomplete {encoding} character at byte {offset} (truncated file?) was dropped"


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


# --- describing a user's data-file mistake in one line -------------------------------------------


def describe_load_error(e: Exception) -> str:
    """One line for why a YAML data file failed: its line and column for a YAML syntax error, the
    entry for a validation error, the encoding for undecodable bytes.

    >>> import yaml
    >>> try: yaml.safe_load("a: b: c")
    ... except yaml.YAMLError as e: print(describe_load_error(e))
    not valid YAML at line 1, column 5: mapping values are not allowed here
    """
    import yaml
    from pydantic import ValidationError

    if isinstance(e, UnicodeDecodeError):
        return f"not UTF-8 (byte {e.start} is {e.object[e.start:e.start + 1]!r}); save the file as UTF-8"
    if isinstance(e, yaml.MarkedYAMLError) and e.problem_mark is not None:
        mark = e.problem_mark
        what = " ... ".join(x for x in (e.context, e.problem) if x)
        return f"not valid YAML at line {mark.line + 1}, column {mark.column + 1}: {what}"
    if isinstance(e, yaml.YAMLError):
        return f"not valid YAML: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
    if isinstance(e, ValidationError):
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "the top level"
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        return f"entry {where}: {err['msg']}{more}"
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(e).splitlines()[0] if str(e) else type(e).__name__
