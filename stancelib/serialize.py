"""Saved pipelines that carry their data: ``nlp.to_disk(p)`` then ``spacy.load(p)`` anywhere.

A component built from a user's file (a knowledge base, topics, cues, a stance model) stores that
file's *content* in its own directory of the saved pipeline (spaCy's ``util.to_disk`` with a dict of
serializers, as spaCy's stateful components do). The saved ``config.cfg`` then names the option
:data:`SAVED` instead of the original path, so loading never looks for the source file: the factory
builds the component without that data and ``from_disk`` restores it. Used before ``from_disk`` ran,
such a component raises E041 instead of silently running without its data.

Only user-supplied data is stored: the built-in files ship with the package.
"""
from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy import util

from .errors import ConfigError, Errors

SAVED = "<saved with the pipeline>"
_CFG = "stancelib.json"

Serializer = tuple[Callable[[Path], None], Callable[[Path], None]]  # (write to path, read from path)


def check_unit_interval(component: str, name: str, value) -> float:
    """A probability-like option: a real number in [0, 1] (NaN and booleans refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or not 0.0 <= value <= 1.0:
        raise ConfigError(Errors.E042.format(component=component, name=name, value=value, reason="expected a number from 0 to 1"))
    return float(value)


class SavedData:
    """Mixin: ``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` for the data a component loaded
    from user files. A component calls :meth:`_source` for each such option in its constructor and
    implements :meth:`_serializers` (option -> (write, read) of one file or directory)."""

    def _source(self, option: str, value, user_supplied: bool, load: Callable):
        """The option's data, loaded now; for :data:`SAVED`, a placeholder until ``from_disk``."""
        if not hasattr(self, "_saved_options"):
            self._saved_options: set[str] = set()
            self._awaiting: set[str] = set()
        if value == SAVED:
            self._saved_options.add(option)
            self._awaiting.add(option)
            return load(None)
        if user_supplied:
            self._saved_options.add(option)
        return load(value)

    def _serializers(self) -> dict[str, Serializer]:  # pragma: no cover - each component defines it
        raise NotImplementedError

    def _check_loaded(self) -> None:
        """Raise E041 when a saved option's data was never restored."""
        if getattr(self, "_awaiting", None):
            raise ConfigError(Errors.E041.format(component=getattr(self, "name", type(self).__name__),
                                                 what=", ".join(sorted(self._awaiting))))

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        path = util.ensure_path(path)
        saved = sorted(getattr(self, "_saved_options", ()))
        self._check_loaded()
        serializers = self._serializers()
        writers = {_CFG: lambda p: srsly.write_json(p, {"saved": saved})}
        writers.update({option: serializers[option][0] for option in saved})
        util.to_disk(path, writers, exclude)
        _point_config_at_saved_data(path, saved)

    def from_disk(self, path, *, exclude: Iterable[str] = ()):
        path = util.ensure_path(path)
        cfg_path = path / _CFG
        saved = srsly.read_json(cfg_path)["saved"] if cfg_path.exists() else []
        serializers = self._serializers()
        readers = {option: serializers[option][1] for option in saved if option in serializers}
        util.from_disk(path, readers, exclude)
        self._saved_options = set(getattr(self, "_saved_options", ())) | set(readers)
        self._awaiting = set(getattr(self, "_awaiting", ())) - set(readers)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "component"
            SavedData.to_disk(self, target, exclude=exclude)
            return srsly.msgpack_dumps({str(p.relative_to(target)): p.read_bytes()
                                        for p in sorted(target.rglob("*")) if p.is_file()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "component"
            for rel, content in srsly.msgpack_loads(data).items():
                f = target / rel
                f.parent.mkdir(parents=True, exist_ok=True)
                f.write_bytes(content)
            return self.from_disk(target, exclude=exclude)


def _point_config_at_saved_data(component_dir: Path, saved: list[str]) -> None:
    """In the pipeline's ``config.cfg`` (written just before the components by ``nlp.to_disk``),
    replace the source paths of the saved options by :data:`SAVED`."""
    config_path = component_dir.parent / "config.cfg"
    if not saved or not config_path.is_file():
        return
    config = util.load_config(config_path, interpolate=False)
    section = config.get("components", {}).get(component_dir.name)
    if section is None:
        return
    for option in saved:
        section[option] = SAVED
    config.to_disk(config_path)
