"""``python -m stancelib.evaluation schema | convert-dev SRC TEXT_DIR OUT``: the gold-file tools.

(``python -m stancelib.evaluate`` runs them too, with runpy's warning: ``import stancelib`` has loaded
that module already before it runs as ``__main__``.)
"""
import json
import sys
from typing import Optional

from ..errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def gold_tools_main(argv: Optional[list[str]] = None) -> int:
    """``schema``: the gold file's JSON Schema on stdout; ``convert-dev SRC TEXT_DIR OUT``: the
    project's dev gold converted to a gold file."""
    from ..errors import ConfigError
    from . import convert_dev_gold, gold_json_schema

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["schema"]:
        print(json.dumps(gold_json_schema(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if argv[:1] == ["convert-dev"] and len(argv) == 4:
        try:
            print(convert_dev_gold(*argv[1:]), file=sys.stderr)
        except ConfigError as e:
            print(f"stancelib: error: {e}", file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    print("usage: python -m stancelib.evaluation schema | convert-dev SRC TEXT_DIR OUT", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(gold_tools_main())
