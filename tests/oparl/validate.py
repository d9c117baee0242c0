#!/usr/bin/python3
"""validate.py SCHEMA JSON... - checks OParl files against our schemas.

Debian 12's python3-jsonschema (4.10) checks "format" only with a
FormatChecker, and "uri" only when python3-rfc3987 is installed; its
"date-time" needs rfc3339-validator, which Debian 12 does not package,
so that one is checked here (RFC 3339 section 5.6, with a time zone).
Exit status 0 when every file is valid, 1 otherwise, 77 without
jsonschema.
"""
import datetime
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    print("skip: python3-jsonschema is not installed (tools/deps.sh test)")
    sys.exit(77)

RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def checker():
    fc = jsonschema.FormatChecker()
    if "uri" not in fc.checkers:
        print("FAIL: jsonschema cannot check format uri: "
              "install python3-rfc3987 (tools/deps.sh test)")
        sys.exit(1)
    if "date-time" not in fc.checkers:
        @fc.checks("date-time", raises=ValueError)
        def date_time(value):
            if not isinstance(value, str):
                return True
            if not RFC3339.match(value):
                raise ValueError("not an RFC 3339 date-time")
            datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
            return True
    return fc


def main():
    schema_path = os.path.abspath(sys.argv[1])
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    resolver = jsonschema.RefResolver(
        "file://" + os.path.dirname(schema_path) + "/", schema)
    validator = jsonschema.Draft7Validator(
        schema, resolver=resolver, format_checker=checker())
    bad = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for e in validator.iter_errors(doc):
            where = "/".join(str(p) for p in e.absolute_path)
            print("%s: %s: %s" % (path, where or "(top)", e.message))
            bad += 1
    sys.exit(1 if bad else 0)


main()
