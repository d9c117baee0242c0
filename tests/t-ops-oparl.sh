#!/bin/sh
# The OParl metadata of a real build (issues 8 and 18): one OParl 1.1
# File object per report file and an object list of both, valid by
# our schemas of the specification (tests/oparl/, checked with a format
# checker, so a relative URL or a date that is no date-time fails);
# size and checksums those of the files beside them, absolute URLs
# from the settings' publication block, the HTML a derivative of the
# PDF; "created" kept from the first build of the year, "modified"
# moving exactly when a file's bytes do; two builds of the same inputs
# give the same bytes; without a base URL no metadata, and a warning.
. "$ROOT/tests/ops-lib.sh"

py=/usr/bin/python3
validate() { "$py" "$ROOT/tests/oparl/validate.py" "$ROOT/tests/oparl/$1" "$2"; }
"$py" -c 'import jsonschema' 2>/dev/null ||
	{ echo "skip: python3-jsonschema is not installed (tools/deps.sh test)"; exit 77; }

pr_build "$ROOT/inputs" "$T/a" "$T/a.db" || fail "build failed"
pr_build "$ROOT/inputs" "$T/b" "$T/b.db" || fail "second build failed"
base=progress-report-2026
for j in $base.oparl.json $base.pdf.oparl.json $base.html.oparl.json; do
	[ -f "$T/a/$j" ] || fail "no $j written"
	cmp "$T/a/$j" "$T/b/$j" || fail "$j differs between two equal builds"
done
validate list.schema.json "$T/a/$base.oparl.json" || fail "the list is not valid OParl"
for f in pdf html; do
	validate file.schema.json "$T/a/$base.$f.oparl.json" ||
		fail "the $f object is not valid OParl"
done

# The validator really checks: each of these breaks the list.
"$py" - "$T/a/$base.oparl.json" "$T/bad" <<'PY' || fail "cannot make the broken copies"
import json, sys, copy
meta = json.load(open(sys.argv[1], encoding="utf-8"))
def bad(name, change):
    m = copy.deepcopy(meta)
    change(m)
    json.dump(m, open(sys.argv[2] + "-" + name + ".json", "w"))
bad("relative-access", lambda m: m["data"][0].update(accessUrl="progress-report-2026.pdf"))
bad("relative-id", lambda m: m["data"][1].update(id="progress-report-2026.html"))
bad("relative-master", lambda m: m["data"][1].update(masterFile="x.pdf"))
bad("url-space", lambda m: m["data"][0].update(downloadUrl="https://example.org/a b.pdf"))
bad("created-date", lambda m: m["data"][0].update(created="2027-01-01"))
bad("modified-text", lambda m: m["data"][1].update(modified="gestern"))
bad("no-pagination", lambda m: m.pop("pagination"))
bad("unknown-key", lambda m: m["data"][0].update(url="https://example.org/"))
PY
for b in "$T"/bad-*.json; do
	if validate list.schema.json "$b" >"$T/why" 2>&1; then
		fail "the schema check accepts $(basename "$b")"
	fi
	grep -q . "$T/why" || fail "no reason given for $(basename "$b")"
done

"$py" - "$T/a/$base.oparl.json" <<'PY' || fail "the metadata is wrong"
import hashlib, json, os, sys, datetime

path = sys.argv[1]
folder = os.path.dirname(path)
meta = json.load(open(path, encoding="utf-8"))
files = meta["data"]
assert len(files) == 2, "expected two File objects, found %d" % len(files)
by_mime = {f["mimeType"]: f for f in files}
pdf, html = by_mime["application/pdf"], by_mime["text/html"]
when = datetime.datetime.fromtimestamp(
    int(os.environ["SOURCE_DATE_EPOCH"]), datetime.timezone.utc)
base = "https://www.example.org/ratsinfo/fortschrittsbericht/"
for f in files:
    data = open(os.path.join(folder, f["fileName"]), "rb").read()
    assert f["size"] == len(data), (f["fileName"], f["size"], len(data))
    assert f["sha1Checksum"] == hashlib.sha1(data).hexdigest(), f["fileName"]
    assert f["sha512Checksum"] == hashlib.sha512(data).hexdigest(), f["fileName"]
    assert f["date"] == when.date().isoformat(), f["date"]
    assert f["created"] == f["modified"] == when.isoformat(), f["created"]
    assert f["accessUrl"] == f["downloadUrl"] == base + f["fileName"], f["accessUrl"]
    # The id is the URL of the object, written beside the file.
    assert f["id"] == base + f["fileName"] + ".oparl.json", f["id"]
    own = json.load(open(os.path.join(folder, f["fileName"] + ".oparl.json"),
                         encoding="utf-8"))
    assert own == f, f["fileName"]
    assert f["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert f["name"] and not f["name"].endswith((".pdf", ".html")), f["name"]
assert pdf["derivativeFile"] == [html["id"]], pdf.get("derivativeFile")
assert html["masterFile"] == pdf["id"], html.get("masterFile")
assert "masterFile" not in pdf and "derivativeFile" not in html
assert meta["links"]["self"] == base + "progress-report-2026.oparl.json"
assert meta["pagination"]["totalElements"] == 2
print("ok:", pdf["fileName"], html["fileName"])
PY

# A rebuild a day later on the same history: "created" stays, and
# "modified" moves for exactly the files whose bytes changed.
first=$SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$((first + 86400)) pr_build "$ROOT/inputs" "$T/c" "$T/a.db" ||
	fail "rebuild failed"
"$py" - "$T/a/$base.oparl.json" "$T/c/$base.oparl.json" "$first" <<'PY' || fail "created/modified are wrong after a rebuild"
import json, sys, datetime
old, new = (json.load(open(p, encoding="utf-8"))["data"] for p in sys.argv[1:3])
t0 = datetime.datetime.fromtimestamp(int(sys.argv[3]), datetime.timezone.utc)
t1 = t0 + datetime.timedelta(days=1)
changed = 0
for o, n in zip(old, new):
    assert n["created"] == o["created"] == t0.isoformat(), (n["fileName"], n["created"])
    if n["sha512Checksum"] == o["sha512Checksum"]:
        assert n["modified"] == t0.isoformat(), (n["fileName"], n["modified"])
    else:
        assert n["modified"] == t1.isoformat(), (n["fileName"], n["modified"])
        changed += 1
assert changed >= 1, "the PDF carries its date: it should have changed"
print("ok: %d of %d files changed" % (changed, len(new)))
PY

# Without a base URL: a warning, once, and no metadata.
mkdir -p "$T/in" && cp -R "$ROOT/inputs/." "$T/in/"
sed -i '/^  # Beispieladressen/,/^    license:/d' "$T/in/00-einstellungen.yaml"
grep -q publication "$T/in/00-einstellungen.yaml" && fail "the test could not remove the publication block"
pr_build "$T/in" "$T/d" "$T/d.db" 2>"$T/err" || fail "build without publication failed"
[ "$(grep -c 'no OParl metadata is written' "$T/err")" = 1 ] ||
	{ cat "$T/err" >&2; fail "expected one warning about the missing files_url"; }
ls "$T/d" | grep -q oparl && fail "metadata written without a base URL"
[ -f "$T/d/$base.pdf" ] || fail "no PDF without a base URL"

# A base URL that is not absolute is an error naming file:line:col.
sed 's|^  sample: true|  sample: true\n  publication:\n    files_url: www.example.org/berichte|' \
	"$T/in/00-einstellungen.yaml" >"$T/in/x" && mv "$T/in/x" "$T/in/00-einstellungen.yaml"
expect_status 1 pr_build "$T/in" "$T/e" "$T/e.db"
grep -q '00-einstellungen.yaml:[0-9]*:[0-9]*: error: "www.example.org/berichte" is not a web address; it must start with https:// or http://' "$T/err" ||
	{ cat "$T/err" >&2; fail "no file:line:col error for a relative files_url"; }
# A base URL with a query: the files' names could not be added to it.
rm -rf "$T/query-in"
cp -R "$T/in" "$T/query-in"
sed 's|files_url: www.example.org/berichte|files_url: https://www.example.org/berichte?x=1|' \
    "$T/in/00-einstellungen.yaml" >"$T/query-in/00-einstellungen.yaml"
"$PR" check --quiet --inputs "$T/query-in" --db "$T/none.db" 2>"$T/err" &&
	fail "check accepted a files_url with a query"
grep -q '00-einstellungen.yaml:[0-9]*:[0-9]*: error: "https://www.example.org/berichte?x=1" is not allowed as files_url' "$T/err" ||
	{ cat "$T/err" >&2; fail "no file:line:col error for a files_url with a query"; }
exit 0
