"""The JSON Schema of the strategy file, generated from the model so the two never disagree."""

from __future__ import annotations

from typing import Any

from planner import catalog
from planner.fields import json_schema
from planner.model import Strategy


def strategy_schema() -> dict[str, Any]:
    """A draft 2020-12 JSON Schema that accepts every valid strategy file (dates as ISO strings)."""
    keys = {name: catalog.checklist_ids(name) for name in ("smo", "tactics")}
    schema = json_schema(Strategy, mapping_keys=keys)
    platform_ids = list(catalog.platforms())
    props = schema["properties"]
    props["channels"]["items"]["properties"]["platform"]["enum"] = platform_ids
    props["audience"]["items"]["properties"]["platforms"]["items"]["enum"] = platform_ids
    props["competitors"]["items"]["properties"]["presence"]["items"]["properties"]["platform"]["enum"] = (
        platform_ids
    )
    props["schema_version"]["const"] = 1
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://smm-planner.example/schema/strategy-v1.json",
        "title": "smm-planner strategy (format version 1)",
        **schema,
    }
