"""The JSON Schemas in ``schemas/``, generated from the models that read the files.

Each data file doccheck reads has one definition, a pydantic model; the JSON Schema an
editor validates against is generated from it, so the two cannot drift::

    python -m checker.core.schemas          # rewrite schemas/*.schema.json
    python -m checker.core.schemas --check  # exit 1 naming each committed schema that differs

(``tests/test_schemas.py`` runs the check.) ``report.schema.json`` describes the JSON
report rather than an input and is written by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

_BASE = "https://doccheck.invalid/schemas/"


def _models() -> dict[str, tuple[Callable[[], type[BaseModel]], bool]]:
    """schema file → (the model, whether its keys are the fields' aliases)."""
    from checker.core.citationdata import SupersededFile
    from checker.core.config import ConfigFile
    from checker.core.gazetteerdata import GazetteerFile
    from checker.core.numericdata import NumberUsageRules, NumericRules
    from checker.core.packdata import GlossaryFile, RulePackFile
    from checker.core.profiledata import Profile

    return {
        "config.schema.json": (lambda: ConfigFile, True),
        "rulepack.schema.json": (lambda: RulePackFile, False),
        "glossary.schema.json": (lambda: GlossaryFile, False),
        "gazetteer.schema.json": (lambda: GazetteerFile, False),
        "profile.schema.json": (lambda: Profile, False),
        "numeric.schema.json": (lambda: NumericRules, False),
        "number_usage.schema.json": (lambda: NumberUsageRules, False),
        "superseded.schema.json": (lambda: SupersededFile, False),
    }


def generated(name: str) -> dict:
    """The JSON Schema ``schemas/<name>`` should hold."""
    model, by_alias = _models()[name]
    schema = model().model_json_schema(by_alias=by_alias)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": _BASE + name, **schema}


def names() -> list[str]:
    return list(_models())


def text(name: str) -> str:
    """The file's text: two-space JSON, Chinese as written, a final newline."""
    return json.dumps(generated(name), ensure_ascii=False, indent=2) + "\n"


def stale(folder: Path) -> list[str]:
    """The schemas in ``folder`` that differ from the generated ones (or are missing)."""
    found = []
    for name in names():
        path = folder / name
        try:
            committed = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            committed = None
        if committed != generated(name):
            found.append(name)
    return found


def main(argv: list[str] | None = None) -> int:
    from checker.core.resources import data_dir

    parser = argparse.ArgumentParser(prog="python -m checker.core.schemas", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when a schema differs")
    parser.add_argument("--folder", type=Path, default=data_dir("schemas"), help="where the schemas are")
    options = parser.parse_args(argv)
    if options.check:
        differing = stale(options.folder)
        for name in differing:
            print(
                f"{options.folder / name} differs from its model; run python -m checker.core.schemas", file=sys.stderr
            )
        return 1 if differing else 0
    for name in names():
        (options.folder / name).write_text(text(name), encoding="utf-8")
        print(f"wrote {options.folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
