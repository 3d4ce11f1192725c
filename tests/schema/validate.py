"""Validates JSON documents against JSON Schemas with python-jsonschema (independent of the
schemars crate that writes guidewright's schemas).

Usage: python3 validate.py SCHEMA.json DOC.json [SCHEMA.json DOC.json ...]
Prints one line per invalid document (`DOC: message at path`) and exits 1 if there was any."""
import json
import sys

from jsonschema import validators

args = sys.argv[1:]
bad = 0
for schema_file, doc_file in zip(args[::2], args[1::2]):
    with open(schema_file) as f:
        schema = json.load(f)
    with open(doc_file) as f:
        doc = json.load(f)
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    for e in cls(schema).iter_errors(doc):
        bad += 1
        print(f"{doc_file}: {e.message} at {list(e.absolute_path)}")
sys.exit(1 if bad else 0)
