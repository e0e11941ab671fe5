"""The JSON Schemas, one per entry type: the single source of truth for validator, editors and docs."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import fastjsonschema

if TYPE_CHECKING:  # jsonschema is imported only when an entry fails the quick check (it takes 0.1 s)
    from jsonschema import Draft202012Validator
    from referencing import Registry

SCHEMA_FILES = ("gemeinsam", "praxis", "kommune", "thema", "netzwerk")


def schema_text(name: str) -> str:
    """The raw text of one schema file (for publishing it with the site)."""
    return resources.files("praxisatlas.schema").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict:
    """One schema as a dict."""
    return json.loads(schema_text(name))


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources_ = []
    for name in SCHEMA_FILES:
        resource = Resource.from_contents(schema(name))
        resources_.append((f"{name}.schema.json", resource))
        resources_.append((schema(name)["$id"], resource))
    return Registry().with_resources(resources_)


def inline_refs(node: object, here: str) -> object:
    """Replace every `$ref` by the schema it points to (ours are not recursive): validating gets ~2× faster."""
    if isinstance(node, list):
        return [inline_refs(item, here) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: inline_refs(value, here) for key, value in node.items() if key != "$ref"}
    if "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        file = file or here
        target: object = schema(file.removesuffix(".schema.json"))
        for part in filter(None, pointer.split("/")):
            target = target[part]  # type: ignore[index]
        resolved = inline_refs(target, file)
        result = {**resolved, **result}  # type: ignore[dict-item]
    return result


@cache
def validator(kind: str) -> Draft202012Validator:
    """A compiled validator for one entry kind ('praxis', 'kommune', 'thema', 'netzwerk')."""
    from jsonschema import Draft202012Validator

    inlined = inline_refs(schema(kind), f"{kind}.schema.json")
    return Draft202012Validator(inlined, registry=_registry())


@cache
def quick_check(kind: str) -> Callable[[object], bool]:
    """A fast yes/no check against the same schema (compiled to Python by fastjsonschema).

    Valid entries – nearly all of them – need no more; for the others `validator` finds every error with
    its path for the German messages. Our schemas use only keywords that mean the same in draft 7 and
    2020-12 (tests/test_schema_quick.py compares both validators on thousands of broken entries)."""
    inlined = inline_refs(schema(kind), f"{kind}.schema.json")
    inlined.pop("$schema", None)  # type: ignore[union-attr]
    compiled = fastjsonschema.compile(inlined, formats={})

    def is_valid(instance: object) -> bool:
        try:
            compiled(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid
