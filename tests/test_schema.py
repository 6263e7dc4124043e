"""The JSON Schema (`smm-planner schema`): every field and table described, from the declarations."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import jsonschema
import pytest
import rtoml

from planner.schema import strategy_schema
from tests.conftest import EXAMPLES, FIXTURES

MALFORMED = FIXTURES / "malformed"
# Malformed fixtures whose problem a JSON Schema can see (types, choices, shapes, bounds, keys);
# the rest are references between tables, sums and syntax, which only `validate` sees.
SCHEMA_SEES = [
    "bad-check-status", "bad-country", "bad-id", "bad-language", "bad-report-cadence", "bad-stage",
    "bad-time", "bad-timezone", "bad-weekday", "float-for-count", "goal-missing-target",
    "missing-schema-version", "missing-strategy-name", "negative-budget", "negative-result",
    "number-as-string", "post-missing-date", "posts-not-tables", "presence-missing-platform",
    "strategy-not-table", "unknown-channel-key", "unknown-metric", "unknown-platform",
    "unknown-smo-item", "unknown-top-key", "wrong-schema-version", "country-three-letters",
    "timezone-folder", "timezone-300-segments", "currency-too-long", "rate-past-its-bound",
    "cadence-past-its-bound", "name-too-long", "result-past-its-bound", "number-past-its-bound",
]  # fmt: skip


def as_json(value: Any) -> Any:
    """What an editor's JSON Schema validator sees of a TOML file: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    s = strategy_schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return s


def tables_and_fields(schema: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every object of the schema (a table) and every property (a field), by path."""
    found = [(path or "(file)", schema)]
    for name, prop in schema.get("properties", {}).items():
        at = f"{path}.{name}" if path else name
        found.append((at, prop))
        for inner in (prop, prop.get("items", {}), prop.get("additionalProperties") or {}):
            if isinstance(inner, dict) and inner.get("type") == "object" and "properties" in inner:
                found += tables_and_fields(inner, at)
        for key, item in prop.get("properties", {}).items() if prop.get("type") == "object" else ():
            if "properties" in item:
                found += tables_and_fields(item, f"{at}.{key}")
                break  # every checklist item has the same table
    return found


def test_every_table_and_field_is_described(schema: dict[str, Any]) -> None:
    found = tables_and_fields(schema)
    undescribed = [path for path, s in found if not s.get("description")]
    assert not undescribed
    paths = {path for path, _ in found}
    for expected in ("smo.share-buttons.owner", "tactics.contests.due", "community.report_every",
                     "posts.media", "posts.results.follows", "competitors.presence.engagement_rate",
                     "strategy.voice", "strategy.hashtags"):  # fmt: skip
        assert expected in paths, expected
    assert len(found) > 140


def test_bounds_choices_and_patterns_come_from_the_declarations(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    info = props["strategy"]["properties"]
    assert info["country"]["pattern"] == "^([A-Z]{2})?$"
    assert "Europe/Moscow" in info["timezone"]["enum"] and "Europe" not in info["timezone"]["enum"]
    assert info["name"]["maxLength"] == 200
    assert info["budget"] == {
        "type": "number", "minimum": 0, "maximum": 10**13,
        "description": "Monthly budget for all channels, in `currency`.",
    }  # fmt: skip
    posts = props["posts"]
    assert posts["maxItems"] == 50_000
    assert posts["items"]["properties"]["media"]["items"]["maxLength"] == 2048
    assert "vk" in props["channels"]["items"]["properties"]["platform"]["enum"]
    assert "telegram" in props["audience"]["items"]["properties"]["platforms"]["items"]["enum"]
    assert set(props["smo"]["properties"]) >= {"share-buttons", "open-graph", "product-landing"}


@pytest.mark.parametrize("path", [*sorted(EXAMPLES.glob("*.toml")), FIXTURES / "valid-minimal.toml"], ids=str)
def test_every_valid_file_passes(schema: dict[str, Any], path: Any) -> None:
    jsonschema.validate(as_json(rtoml.load(path)), schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("name", SCHEMA_SEES)
def test_a_malformed_file_fails_as_validate_says(schema: dict[str, Any], name: str) -> None:
    raw = as_json(tomllib.loads((MALFORMED / f"{name}.toml").read_text("utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(raw, schema, cls=jsonschema.Draft202012Validator)
