#!/usr/bin/env python3
"""Writes a published Open Referral OpenAPI document (HSDS 3.0 or the Open
Referral UK 3.0 profile, copies in server/tests/data/openreferral) ready for
schemathesis to test the feed against, offline:

- its remote `$ref`s (raw.githubusercontent.com URLs) are replaced with the
  local copies of those schemas, inlined, so nothing is fetched;
- its `servers` name the feed under test;
- the two known defects of the published documents are worked around:
  1. `/service_at_locations/{id}` answers with the *service* schema; it is
     pointed at the service_at_location schema of the same profile;
  2. the UK profile's `start_time` and `end_time` have `{"type": "time"}`,
     which is not a JSON Schema type; they become strings.

Usage: openreferral-spec.py hsds-3.0|uk-3.0 FEED_URL OUT_FILE [DOCUMENT]

With DOCUMENT (the feed's own document, fetched from it), that document is
readied instead of the published one, its remote schemas taken from the
profile's copies the same way.
"""
import json
import os
import sys

DATA = os.path.join(os.path.dirname(__file__), "..", "server", "tests", "data", "openreferral")
REMOTE = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/",
    "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/",
)


def load(profile, name, depth=0):
    with open(os.path.join(DATA, profile, name), encoding="utf-8") as f:
        schema = json.load(f)
    return inline(profile, schema, depth)


def inline(profile, value, depth):
    """Every $ref to a file (remote, or a sibling such as metadata.json)
    replaced by that file's schema."""
    if isinstance(value, list):
        return [inline(profile, v, depth) for v in value]
    if not isinstance(value, dict):
        return value
    ref = value.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        name = ref
        for prefix in REMOTE:
            if ref.startswith(prefix):
                name = ref[len(prefix):]
        if depth > 4:
            # A cycle between sibling files: any object will do this deep.
            inner = {"type": "object"}
        else:
            inner = load(profile, name, depth + 1)
        rest = {k: inline(profile, v, depth) for k, v in value.items() if k != "$ref"}
        merged = {k: v for k, v in inner.items() if k not in ("$schema", "$id")}
        merged.update(rest)
        return merged
    return {k: inline(profile, v, depth) for k, v in value.items()}


def main():
    profile, feed, out = sys.argv[1:4]
    source = sys.argv[4] if len(sys.argv) > 4 else os.path.join(DATA, profile, "openapi.json")
    with open(source, encoding="utf-8") as f:
        doc = json.load(f)
    # Defect 1: one service at a location is not a service.
    response = doc["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    schema = response["content"]["application/json"]["schema"]
    if schema.get("$ref", "").endswith("compiled/service.json"):
        schema["$ref"] = schema["$ref"].replace("compiled/service.json", "compiled/service_at_location.json")
    # Defect 2: "time" is not a JSON Schema type.
    for parameter in doc.get("components", {}).get("parameters", {}).values():
        if parameter.get("schema", {}).get("type") == "time":
            parameter["schema"] = {"type": "string"}
    doc = inline(profile, doc, 0)
    doc["servers"] = [{"url": feed}]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main()
