"""The ``stancelib`` console command's entry point, outside the package on purpose.

Importing anything inside ``stancelib`` runs ``stancelib/__init__.py``, which loads spaCy and the
pipeline components (about a second). ``stancelib --version`` needs none of that, so it is answered
here from the installed metadata; every other command goes to :func:`stancelib.cli.main`.
"""
from __future__ import annotations

import sys
from typing import Optional


def main(argv: Optional[list[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"stancelib {version('stancelib')}")
            return 0
        except PackageNotFoundError:  # run from a source tree without installing: ask the package
            pass
    from stancelib.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
