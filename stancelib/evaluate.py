"""The old home of evaluation, kept so that ``from stancelib.evaluate import load_gold`` and
``python -m stancelib.evaluate schema | convert-dev SRC TEXT_DIR OUT`` keep working (the documented
command is ``python -m stancelib.evaluation ...``, which runs without runpy's warning).

The code is in :mod:`stancelib.evaluation`. ``stancelib.evaluate`` itself is the function
(:func:`stancelib.evaluation.evaluate`): ``stancelib/__init__.py`` imports this module first, so the
function, bound after it, is what the name means.
"""
from .evaluation import *  # noqa: F401,F403
from .evaluation import __all__  # noqa: F401

if __name__ == "__main__":  # pragma: no cover
    from .evaluation.__main__ import gold_tools_main

    raise SystemExit(gold_tools_main())
