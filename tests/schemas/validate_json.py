"""Validates JSON documents against a JSON Schema (draft 2020-12) with Debian's python3-jsonschema.

usage: python3 validate_json.py SCHEMA FILE...
Exit 0: every document is valid. 1: some are not (each error on stderr as FILE: /json/pointer:
message). 2: nothing could be checked (no jsonschema, a bad schema, a file that is not JSON).
"""
import json
import sys


def main(argv):
    if len(argv) < 3:
        print("usage: validate_json.py SCHEMA FILE...", file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_json: python3-jsonschema is missing (apt-get install python3-jsonschema)", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"validate_json: {argv[1]}: {e}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    errors = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as e:
            print(f"validate_json: {path}: {e}", file=sys.stderr)
            return 2
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
            pointer = "/" + "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {pointer}: {error.message}", file=sys.stderr)
            errors += 1
    print(f"{len(argv) - 2} documents checked against {argv[1]}: {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
