#!/bin/sh
# The OParl metadata of a real build (issue 8, part 3): two OParl 1.1
# File objects whose size and checksums are those of the files beside
# them, the HTML a derivative of the PDF, the date the build date; and
# two builds of the same inputs give the same bytes.
. "$ROOT/tests/ops-lib.sh"

pr_build "$ROOT/inputs" "$T/a" "$T/a.db" || fail "build failed"
pr_build "$ROOT/inputs" "$T/b" "$T/b.db" || fail "second build failed"
json=$(ls "$T/a"/*.oparl.json) || fail "no .oparl.json written"
cmp "$json" "$T/b/$(basename "$json")" || fail "the metadata differs between two equal builds"

python3 - "$json" <<'PY' || fail "the metadata is wrong"
import hashlib, json, os, sys, datetime

path = sys.argv[1]
folder = os.path.dirname(path)
with open(path, encoding="utf-8") as f:
    meta = json.load(f)
files = meta["data"]
assert len(files) == 2, "expected two File objects, found %d" % len(files)
by_mime = {f["mimeType"]: f for f in files}
pdf, html = by_mime["application/pdf"], by_mime["text/html"]
day = datetime.datetime.fromtimestamp(
    int(os.environ["SOURCE_DATE_EPOCH"]), datetime.timezone.utc).date().isoformat()
for f in files:
    assert f["type"] == "https://schema.oparl.org/1.1/File", f["type"]
    data = open(os.path.join(folder, f["fileName"]), "rb").read()
    assert f["size"] == len(data), (f["fileName"], f["size"], len(data))
    assert f["sha1Checksum"] == hashlib.sha1(data).hexdigest(), f["fileName"]
    assert f["sha512Checksum"] == hashlib.sha512(data).hexdigest(), f["fileName"]
    assert f["date"] == day, (f["date"], day)
    assert f["id"] == f["accessUrl"] == f["fileName"]
    assert f["name"] and not f["name"].endswith((".pdf", ".html")), f["name"]
assert pdf["derivativeFile"] == [html["id"]], pdf.get("derivativeFile")
assert html["masterFile"] == pdf["id"], html.get("masterFile")
assert "masterFile" not in pdf and "derivativeFile" not in html
print("ok:", pdf["fileName"], html["fileName"])
PY
exit 0
