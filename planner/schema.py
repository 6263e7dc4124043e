"""The JSON Schema of the strategy file, generated from the model so the two never disagree."""

from __future__ import annotations

from typing import Any

from planner.fields import json_schema
from planner.model import SCHEMA_VERSION, Strategy, catalog_ids


def strategy_schema() -> dict[str, Any]:
    """A draft 2020-12 JSON Schema that accepts every valid strategy file (dates as ISO strings).

    Every field and table comes with its English explanation, bounds and choices from its
    declaration; references to the built-in catalogs (platforms, checklist items) list their ids.
    """
    schema = json_schema(Strategy, catalog=catalog_ids)
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://smm-planner.example/schema/strategy-v1.json",
        "title": "smm-planner strategy (format version 1)",
        **schema,
    }
