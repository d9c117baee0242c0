#!/usr/bin/python3
"""fontcheck.py - an independent check of the fonts a PDF embeds.

usage: fontcheck.py [--fonts DIR] [--verbose] FILE.pdf
       fontcheck.py --selftest [--fonts DIR] FILE.pdf

For every Type 0 font of the PDF (a CIDFontType2 with an embedded
TrueType subset, as ISO 32000-1 9.7.4 and ISO 19005-2 6.2.11 want it),
reads the PDF with pikepdf and the fonts with fontTools, and compares
the embedded subset with the original font of the same PostScript name
in DIR (default /usr/share/fonts/truetype/dejavu):

  font-dict      Type0 / Identity-H / one CIDFontType2 / Adobe-Identity-0,
                 a FontDescriptor with a FontFile2 and a ToUnicode map
  font-name      BaseFont is "XXXXXX+Name" (six capitals, ISO 32000-1
                 9.6.4), the same in the Type0 font, the CIDFont and the
                 FontDescriptor's FontName, and Name is a font in DIR
  font-length1   FontFile2's Length1 is its decoded length
  font-parse     fontTools reads the subset without a warning and
                 decompiles every table; head hhea loca maxp glyf hmtx are
                 there, no layout table is (GSUB, GPOS, kern ...), and the
                 hinting tables (cvt, fpgm, prep) are the original's
  font-checksum  every table's checksum and head.checkSumAdjustment
  font-glyph     for every CID: the CIDToGIDMap's glyph is the glyph the
                 original font's cmap gives the CID's ToUnicode character
  font-outline   that glyph (and the glyphs it is made of) has in the
                 subset the original's exact glyf bytes (but for 0-3
                 bytes of zero padding); the subset's own cmap, if any,
                 gives the same glyph (font-glyph)
  font-width     the W width is the original advance * 1000 / unitsPerEm
                 within 1 (ISO 19005-2 6.2.11.5)
  font-tounicode every CID drawn has one ToUnicode character
  font-used      every code drawn lies within the CIDToGIDMap, has a W
                 width, and is not 0
  font-string    no literal string in a content stream holds a raw CR
                 byte (a reader takes it for LF, ISO 32000-1 7.3.4.2)
  font-subset    only glyphs drawn (and their components, and .notdef)
                 have outlines, and far fewer than the original's

Prints one line "RULE font-name: what is wrong" per failure (five at
most for a rule and font, then a count) and exits 1
if there was any, 2 if the PDF cannot be read, 0 otherwise.  --verbose
then prints "NAME cids N drawn N outlines N of N" per font: CIDs checked,
codes drawn, glyphs with outlines in the subset and in the original.

--selftest checks FILE.pdf (it must pass), then damages copies of it in
memory, one way each (a wrong W entry, a wrong CIDToGIDMap entry, a
ToUnicode entry naming another letter, an emptied glyph outline, and
more), and fails unless the check reports each with the rule expected.
"""
import io
import logging
import re
import struct
import sys
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from fontTools.ttLib import TTFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
SUBSET_RE = re.compile(r"^[A-Z]{6}\+(.+)$")
# The tables a CIDFontType2 subset needs (ISO 32000-1 9.9, Table 126),
# and those that may come with it.
NEEDED = {"head", "hhea", "loca", "maxp", "glyf", "hmtx"}
# The hinting programs glyphs call: kept as in the original if it has them.
HINTING = ("cvt ", "fpgm", "prep")
# Layout tables: a PDF places every glyph itself; the renderer drops them.
LAYOUT = {"GSUB", "GPOS", "GDEF", "kern", "morx", "JSTF", "BASE"}


def u16(b, i):
    return struct.unpack_from(">H", b, i)[0]


def u32(b, i):
    return struct.unpack_from(">I", b, i)[0]


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Original:
    """A font of DIR, read once: cmap, advances, raw glyph bytes."""

    def __init__(self, path):
        self.tt = TTFont(path)
        self.upem = self.tt["head"].unitsPerEm
        self.cmap = self.tt.getBestCmap()
        self.order = self.tt.getGlyphOrder()
        data = open(path, "rb").read()
        self.raw = raw_glyphs(data)
        self.tables = tables_of(data)
        self.table = lambda tag: data[self.tables[tag][1]:
                                      self.tables[tag][1] + self.tables[tag][2]]

    def gid(self, cp):
        name = self.cmap.get(cp)
        return None if name is None else self.tt.getGlyphID(name)

    def advance(self, gid):
        return self.tt["hmtx"][self.order[gid]][0]


def tables_of(data):
    """{tag: (checksum, offset, length)} of a TrueType file's directory."""
    n = u16(data, 4)
    out = {}
    for i in range(n):
        tag, csum, off, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag.decode("latin-1")] = (csum, off, length)
    return out


def raw_glyphs(data):
    """The glyf bytes of every glyph, as loca delimits them."""
    t = tables_of(data)
    _, hoff, _ = t["head"]
    _, loff, llen = t["loca"]
    _, goff, glen = t["glyf"]
    n = u16(data, t["maxp"][1] + 4)
    long_loca = u16(data, hoff + 50) == 1
    if long_loca:
        loca = struct.unpack_from(">%dI" % (n + 1), data, loff)
    else:
        loca = [2 * x for x in struct.unpack_from(">%dH" % (n + 1), data, loff)]
    glyf = data[goff:goff + glen]
    return [glyf[loca[g]:loca[g + 1]] for g in range(n)]


def same_outline(o, s):
    """The same glyf bytes but for 0 to 3 bytes of zero padding at the
    end (the original pads to 4 bytes, a short loca to 2)."""
    n = min(len(o), len(s))
    return (abs(len(o) - len(s)) <= 3 and o[:n] == s[:n]
            and not o[n:].strip(b"\0") and not s[n:].strip(b"\0"))


def table_sum(b):
    b = b + b"\0" * (-len(b) % 4)
    return sum(struct.unpack(">%dI" % (len(b) // 4), b)) & 0xFFFFFFFF


def components(raw):
    """Glyph ids a composite glyph's bytes name (empty if simple)."""
    if len(raw) < 10 or struct.unpack_from(">h", raw, 0)[0] >= 0:
        return []
    out, at = [], 10
    while at + 4 <= len(raw):
        flags, gid = struct.unpack_from(">HH", raw, at)
        out.append(gid)
        at += 4 + (4 if flags & 1 else 2)
        at += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
        if not flags & 0x20:
            break
    return out


def closure(raws, gids):
    seen, todo = set(), list(gids)
    while todo:
        g = todo.pop()
        if g in seen or g >= len(raws):
            continue
        seen.add(g)
        todo.extend(components(raws[g]))
    return seen


# ---- ToUnicode and W ----------------------------------------------------

TOKEN_RE = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]|([A-Za-z]+)|(-?\d+)")


def parse_tounicode(data):
    """{code: text} from bfchar and bfrange blocks (2-byte codes)."""
    toks = []
    for m in TOKEN_RE.finditer(data):
        if m.group(1) is not None:
            toks.append(("hex", bytes.fromhex(re.sub(rb"\s", b"", m.group(1)).decode())))
        elif m.group(2) is not None:
            toks.append(("op", m.group(2).decode()))
        elif m.group(0) in (b"[", b"]"):
            toks.append(("op", m.group(0).decode()))
        else:
            toks.append(("int", int(m.group(3))))
    out, i = {}, 0
    while i < len(toks):
        kind, v = toks[i]
        if kind == "op" and v == "beginbfchar":
            i += 1
            while i + 1 < len(toks) and toks[i] != ("op", "endbfchar"):
                code = int.from_bytes(toks[i][1], "big")
                out[code] = toks[i + 1][1].decode("utf-16-be", "replace")
                i += 2
        elif kind == "op" and v == "beginbfrange":
            i += 1
            while i + 2 < len(toks) and toks[i] != ("op", "endbfrange"):
                lo = int.from_bytes(toks[i][1], "big")
                hi = int.from_bytes(toks[i + 1][1], "big")
                if toks[i + 2] == ("op", "["):
                    i += 3
                    c = lo
                    while toks[i] != ("op", "]"):
                        out[c] = toks[i][1].decode("utf-16-be", "replace")
                        c += 1
                        i += 1
                    i += 1
                else:
                    dst = bytearray(toks[i + 2][1])
                    for c in range(lo, hi + 1):
                        out[c] = bytes(dst).decode("utf-16-be", "replace")
                        dst[-1] = (dst[-1] + 1) & 0xFF
                    i += 3
        i += 1
    return out


def parse_w(w):
    """{cid: width} from a W array (both of its forms)."""
    out, i, w = {}, 0, list(w)
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], Array):
            for k, x in enumerate(w[i + 1]):
                out[first + k] = float(x)
            i += 2
        else:
            for c in range(first, int(w[i + 1]) + 1):
                out[c] = float(w[i + 2])
            i += 3
    return out


# ---- the codes drawn ----------------------------------------------------


def raw_crs(data):
    """Unescaped CR bytes inside the literal strings of content-stream
    bytes.  ISO 32000-1 7.3.4.2 reads such a CR (or CR LF) as LF, so a
    two-byte code with a byte 13 must write it as \\r; qpdf and
    poppler are lenient here, so this is checked on the raw bytes."""
    n, i, depth = 0, 0, 0
    while i < len(data):
        c = data[i]
        if depth == 0:
            if c == 0x25:  # % comment
                while i < len(data) and data[i] not in b"\r\n":
                    i += 1
            elif c == 0x28:
                depth = 1
            elif c == 0x3C and data[i + 1:i + 2] != b"<":  # hex string
                i = data.find(b">", i)
                if i < 0:
                    break
            elif data[i:i + 3] in (b"ID ", b"ID\n", b"ID\r") and (
                    i == 0 or data[i - 1] in b" \r\n\t"):
                i = data.find(b"EI", i)  # inline image data
                if i < 0:
                    break
        else:
            if c == 0x5C:
                i += 1
            elif c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
            elif c == 0x0D:
                n += 1
        i += 1
    return n


def content_bytes(pdf):
    """(where, bytes) of every page's content and form XObject."""
    out = []
    for k, page in enumerate(pdf.pages, 1):
        c = page.obj.get("/Contents")
        parts = list(c) if isinstance(c, Array) else [c] if c is not None else []
        out.append(("page %d" % k, b"\n".join(p.read_bytes() for p in parts)))
    for obj in pdf.objects:
        if isinstance(obj, Stream) and obj.get("/Subtype") == "/Form":
            out.append(("form %d" % obj.objgen[0], obj.read_bytes()))
    return out


def codes_drawn(pdf):
    """{font objgen: set of 2-byte codes} over every page's content and
    the form XObjects it paints."""
    used = {}
    done = set()

    def walk(obj, resources):
        fonts = resources.get("/Font", Dictionary()) if resources else Dictionary()
        xobjs = resources.get("/XObject", Dictionary()) if resources else Dictionary()
        font, stack = None, []
        for operands, op in pikepdf.parse_content_stream(
                obj, "q Q Tf Tj ' \" TJ Do"):
            op = str(op)
            if op == "q":
                stack.append(font)
            elif op == "Q" and stack:
                font = stack.pop()
            elif op == "Tf":
                f = fonts.get(str(operands[0]))
                font = f.objgen if f is not None else None
            elif op in ("Tj", "'", '"', "TJ"):
                strings = operands[-1] if op == "TJ" else [operands[-1]]
                for s in strings:
                    if isinstance(s, pikepdf.String) and font is not None:
                        b = bytes(s)
                        used.setdefault(font, set()).update(
                            u16(b, i) for i in range(0, len(b) - 1, 2))
            elif op == "Do":
                x = xobjs.get(str(operands[0]))
                if (x is not None and x.get("/Subtype") == "/Form"
                        and x.objgen not in done):
                    done.add(x.objgen)
                    walk(x, x.get("/Resources", resources))

    for page in pdf.pages:
        # Resources inherited from the page tree are not followed: the
        # renderer gives each page its own, and a font no page is seen
        # to draw with fails (font-used).
        walk(page, page.obj.get("/Resources"))
    return used


# ---- the check ----------------------------------------------------------


class Checker:
    def __init__(self, fontdir, originals):
        self.fontdir = fontdir
        self.originals = originals
        self.failures = []
        self.counts = {}
        self.summary = []  # "NAME cids N drawn N outlines N of N"

    def fail(self, rule, where, text):
        # The same rule for the same font: five lines, then a count.
        key = (rule, where)
        self.counts[key] = self.counts.get(key, 0) + 1
        if self.counts[key] <= 5:
            self.failures.append("%s %s: %s" % (rule, where, text))

    def finish(self):
        for (rule, where), n in sorted(self.counts.items()):
            if n > 5:
                self.failures.append("%s %s: ... %d more like these"
                                     % (rule, where, n - 5))

    def original(self, psname):
        if psname not in self.originals:
            path = "%s/%s.ttf" % (self.fontdir, psname)
            try:
                o = Original(path)
            except OSError:
                o = None
            if o is not None and o.tt["name"].getDebugName(6) != psname:
                o = None
            self.originals[psname] = o
        return self.originals[psname]

    def run(self, pdf):
        used = codes_drawn(pdf)
        for where, data in content_bytes(pdf):
            n = raw_crs(data)
            if n:
                self.fail("font-string", where, "%d unescaped CR byte(s) in "
                          "literal strings: read as LF (ISO 32000-1 7.3.4.2)"
                          % n)
        n = 0
        for obj in pdf.objects:
            if (isinstance(obj, Dictionary) and obj.get("/Type") == "/Font"
                    and obj.get("/Subtype") == "/Type0"):
                n += 1
                self.font(obj, used.get(obj.objgen, set()))
            elif (isinstance(obj, Dictionary) and obj.get("/Type") == "/Font"
                    and obj.get("/Subtype") not in ("/CIDFontType2",)):
                self.fail("font-dict", str(obj.get("/BaseFont")),
                          "a %s font, not a Type0 one" % obj.get("/Subtype"))
        if n == 0:
            self.fail("font-dict", "document", "no Type0 font")
        self.finish()

    def font(self, t0, used):
        where = str(t0.get("/BaseFont", "?"))[1:]
        if t0.get("/Encoding") != "/Identity-H":
            self.fail("font-dict", where, "Encoding is not Identity-H")
        desc = t0.get("/DescendantFonts")
        if not isinstance(desc, Array) or len(desc) != 1:
            self.fail("font-dict", where, "not one descendant font")
            return
        cid = desc[0]
        fd = cid.get("/FontDescriptor")
        info = cid.get("/CIDSystemInfo", Dictionary())
        if (cid.get("/Subtype") != "/CIDFontType2"
                or str(info.get("/Registry")) != "Adobe"
                or str(info.get("/Ordering")) != "Identity"
                or info.get("/Supplement") != 0):
            self.fail("font-dict", where,
                      "not a CIDFontType2 of Adobe-Identity-0")
        if (not isinstance(fd, Dictionary) or not isinstance(fd.get("/FontFile2"), Stream)
                or not isinstance(cid.get("/CIDToGIDMap"), Stream)
                or not isinstance(t0.get("/ToUnicode"), Stream)
                or not isinstance(cid.get("/W"), Array)):
            self.fail("font-dict", where, "FontFile2, CIDToGIDMap, "
                      "ToUnicode or W missing")
            return

        # Names.
        names = {str(t0.BaseFont), str(cid.get("/BaseFont")), str(fd.get("/FontName"))}
        m = SUBSET_RE.match(str(t0.BaseFont)[1:])
        if len(names) != 1:
            self.fail("font-name", where, "BaseFont and FontName differ: %s"
                      % ", ".join(sorted(names)))
        if m is None:
            self.fail("font-name", where, "not a subset name XXXXXX+Name")
            return
        orig = self.original(m.group(1))
        if orig is None:
            self.fail("font-name", where, "no font %s in %s"
                      % (m.group(1), self.fontdir))
            return

        # The font file.
        ff = fd.FontFile2
        data = ff.read_bytes()
        if ff.get("/Length1") != len(data):
            self.fail("font-length1", where, "Length1 %s, decoded %d bytes"
                      % (ff.get("/Length1"), len(data)))
        # fontTools logs what it can read only in part: each is a failure.
        log = Collect()
        ftlog = logging.getLogger("fontTools")
        ftlog.addHandler(log)
        ftlog.propagate = False
        try:
            sub = TTFont(io.BytesIO(data))
            for tag in sub.keys():
                if tag != "GlyphOrder":
                    sub[tag]  # decompiles
            for gname in sub.getGlyphOrder():
                sub["glyf"][gname].expand(sub["glyf"])
            tabs = tables_of(data)
            sraw = raw_glyphs(data)
        except Exception as e:  # fontTools raises anything at all
            self.fail("font-parse", where, "fontTools cannot read the "
                      "subset: %s: %s" % (type(e).__name__, e))
            return
        finally:
            ftlog.removeHandler(log)
            ftlog.propagate = True
        for msg in log.messages:
            self.fail("font-parse", where, "fontTools: %s" % msg)
        missing = NEEDED - set(tabs)
        extra = set(tabs) & LAYOUT
        if missing or extra:
            self.fail("font-parse", where, "tables missing %s, layout "
                      "tables %s" % (sorted(missing), sorted(extra)))
        for tag in HINTING:
            if tag in orig.tables and (tag not in tabs or orig.table(tag) != data[
                    tabs[tag][1]:tabs[tag][1] + tabs[tag][2]]):
                self.fail("font-parse", where, "hinting table '%s' is not "
                          "the original's" % tag)
        for tag, (csum, off, length) in sorted(tabs.items()):
            body = bytearray(data[off:off + length])
            if tag == "head":
                body[8:12] = b"\0\0\0\0"
            if table_sum(bytes(body)) != csum:
                self.fail("font-checksum", where, "table '%s' checksum" % tag)
        if len(data) % 4 != 0 or table_sum(data) != 0xB1B0AFBA:
            self.fail("font-checksum", where,
                      "checkSumAdjustment does not make 0xB1B0AFBA")
        # Glyph ids are kept; trailing unused glyphs may be cut off.
        if len(sraw) > len(orig.raw):
            self.fail("font-subset", where, "%d glyphs, the original %d"
                      % (len(sraw), len(orig.raw)))
            return
        sraw = sraw + [b""] * (len(orig.raw) - len(sraw))
        scmap = sub["cmap"].getBestCmap() if "cmap" in sub else None

        # The maps.
        gmap = cid.CIDToGIDMap.read_bytes()
        ncid = len(gmap) // 2
        try:
            tu = parse_tounicode(t0.ToUnicode.read_bytes())
        except (ValueError, IndexError, UnicodeError) as e:
            self.fail("font-tounicode", where, "cannot read ToUnicode: %s" % e)
            tu = {}
        try:
            widths = parse_w(cid.W)
        except (ValueError, IndexError, TypeError) as e:
            self.fail("font-width", where, "cannot read W: %s" % e)
            widths = {}
        if not used:
            self.fail("font-used", where, "no page draws with this font")
        for code in sorted(used):
            if code == 0 or code >= ncid or code not in widths:
                self.fail("font-used", where, "code %d drawn, but it is 0, "
                          "beyond the CIDToGIDMap (%d) or without a W "
                          "width" % (code, ncid))
            if len(tu.get(code, "")) != 1:
                self.fail("font-tounicode", where, "code %d drawn has no "
                          "single ToUnicode character (%r)"
                          % (code, tu.get(code)))
        cids = set(range(1, ncid)) | set(tu) | used
        gids = set()
        for c in sorted(cids):
            self.one_cid(where, orig, sub, sraw, gmap, ncid, tu, widths, c,
                         gids, scmap)

        # Only what is drawn.
        keep = closure(orig.raw, gids | {0})
        nonempty = {g for g, r in enumerate(sraw) if r}
        if not nonempty <= keep:
            extra = sorted(nonempty - keep)
            self.fail("font-subset", where, "%d glyphs not drawn have "
                      "outlines (%s)" % (len(extra), extra[:5]))
        onon = sum(1 for r in orig.raw if r)
        self.summary.append("%s cids %d drawn %d outlines %d of %d" % (
            where, len(cids), len(used), len(nonempty), onon))
        if len(nonempty) > len(cids) + len(keep - gids) + 1 or \
                len(nonempty) * 4 > onon:
            self.fail("font-subset", where, "%d glyphs with outlines for %d "
                      "CIDs (the original has %d)"
                      % (len(nonempty), len(cids), onon))

    def one_cid(self, where, orig, sub, sraw, gmap, ncid, tu, widths, c,
                gids, scmap):
        text = tu.get(c)
        if text is None or len(text) != 1:
            self.fail("font-tounicode", where, "CID %d maps to %r, not one "
                      "character" % (c, text))
            return
        cp = ord(text)
        og = orig.gid(cp)
        if og is None or og == 0:
            self.fail("font-glyph", where, "CID %d is U+%04X, which %s "
                      "lacks" % (c, cp, orig.tt["name"].getDebugName(6)))
            return
        g = u16(gmap, 2 * c) if c < ncid else None
        if g != og:
            self.fail("font-glyph", where, "CID %d (U+%04X): CIDToGIDMap "
                      "glyph %s, the font's cmap glyph %d"
                      % (c, cp, g, og))
            return
        gids.add(g)
        order = sub.getGlyphOrder()
        if g >= len(order):
            self.fail("font-outline", where, "CID %d (U+%04X): glyph %d is "
                      "beyond the subset's %d glyphs" % (c, cp, g, len(order)))
            return
        # A reader that goes by the embedded cmap finds the same glyph.
        if scmap is not None and (cp not in scmap
                                  or sub.getGlyphID(scmap[cp]) != g):
            self.fail("font-glyph", where, "CID %d (U+%04X): the subset's "
                      "cmap gives glyph %s, the CIDToGIDMap %d" % (
                          c, cp, scmap.get(cp) and sub.getGlyphID(scmap[cp]), g))
        for k in sorted(closure(orig.raw, [g])):
            if not same_outline(orig.raw[k], sraw[k]):
                o, s = orig.raw[k], sraw[k]
                self.fail("font-outline", where, "CID %d (U+%04X): glyph %d "
                          "is not the original's (%d bytes, original %d)"
                          % (c, cp, k, len(s), len(o)))
        try:
            sub["glyf"][order[g]].expand(sub["glyf"])
        except Exception as e:
            self.fail("font-outline", where, "CID %d: glyph %d does not "
                      "decompile: %s" % (c, g, e))
        want = orig.advance(g) * 1000.0 / orig.upem
        if c not in widths:
            self.fail("font-width", where, "CID %d (U+%04X) has no W "
                      "width" % (c, cp))
        elif abs(widths[c] - want) > 1:
            self.fail("font-width", where, "CID %d (U+%04X): W %g, the "
                      "font's advance %.2f" % (c, cp, widths[c], want))
        if sub["hmtx"][order[g]][0] != orig.advance(g):
            self.fail("font-width", where, "CID %d: the subset's hmtx "
                      "advance differs from the original's" % c)


ORIGINALS = {}  # psname: Original, read once for all checks


def check(pdf, fontdir, summary=None):
    c = Checker(fontdir, ORIGINALS)
    c.run(pdf)
    if summary is not None:
        summary.extend(c.summary)
    return c.failures


# ---- selftest -----------------------------------------------------------


def fonts_of(pdf):
    return [o for o in pdf.objects if isinstance(o, Dictionary)
            and o.get("/Subtype") == "/Type0"]


def fix_checksums(data):
    """Recomputes the table checksums and checkSumAdjustment, so that
    a damaged outline is found by the outline check, not by these."""
    data = bytearray(data)
    tabs = tables_of(bytes(data))
    hoff = tabs["head"][1]
    data[hoff + 8:hoff + 12] = b"\0\0\0\0"
    n = u16(data, 4)
    for i in range(n):
        tag, _, off, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        struct.pack_into(">I", data, 12 + 16 * i + 4,
                         table_sum(bytes(data[off:off + length])))
    struct.pack_into(">I", data, hoff + 8,
                     (0xB1B0AFBA - table_sum(bytes(data))) & 0xFFFFFFFF)
    return bytes(data)


def first_font(pdf):
    """The font with the most CIDs, and its descendant."""
    f = max(fonts_of(pdf), key=lambda f: len(f.DescendantFonts[0].CIDToGIDMap.read_bytes()))
    return f, f.DescendantFonts[0]


def d_width(pdf):
    _, cid = first_font(pdf)
    w = cid.W
    w[1][4] = int(w[1][4]) + 7


def d_width_by_one(pdf):
    """Rounded up instead of truncated: allowed."""
    _, cid = first_font(pdf)
    w = cid.W
    for k in range(len(w[1])):
        w[1][k] = int(w[1][k]) + 1


def d_width_range(pdf):
    _, cid = first_font(pdf)
    cid.W = Array(list(cid.W) + [2, 3, 1000])


def d_gid(pdf):
    _, cid = first_font(pdf)
    m = bytearray(cid.CIDToGIDMap.read_bytes())
    m[2 * 5:2 * 5 + 2] = m[2 * 6:2 * 6 + 2]
    cid.CIDToGIDMap.write(bytes(m))


def d_tounicode(pdf):
    f, _ = first_font(pdf)
    data = f.ToUnicode.read_bytes()
    m = re.search(rb"<0003> <([0-9A-F]{4})>", data)
    cp = int(m.group(1), 16)
    other = b"%04X" % (0x61 if cp != 0x61 else 0x62)  # 'a' or 'b'
    f.ToUnicode.write(data[:m.start(1)] + other + data[m.end(1):])


def d_tounicode_gone(pdf):
    f, _ = first_font(pdf)
    data = f.ToUnicode.read_bytes()
    f.ToUnicode.write(re.sub(rb"<0002> <[0-9A-F]{4}>\n", b"", data))


def _glyph_damage(pdf, how):
    f, cid = first_font(pdf)
    ff = cid.FontDescriptor.FontFile2
    data = bytearray(ff.read_bytes())
    tabs = tables_of(bytes(data))
    goff = tabs["glyf"][1]
    loff = tabs["loca"][1]
    gmap = cid.CIDToGIDMap.read_bytes()
    raws = raw_glyphs(bytes(data))
    long_loca = u16(data, tabs["head"][1] + 50) == 1

    def loca(k):
        return u32(data, loff + 4 * k) if long_loca else 2 * u16(data, loff + 2 * k)

    def set_loca(k, v):
        if long_loca:
            struct.pack_into(">I", data, loff + 4 * k, v)
        else:
            struct.pack_into(">H", data, loff + 2 * k, v // 2)

    # A CID whose glyph has an outline (not the space).
    c = next(c for c in range(1, len(gmap) // 2) if raws[u16(gmap, 2 * c)])
    g = u16(gmap, 2 * c)
    a, b = loca(g), loca(g + 1)
    if how == "zeroed":
        data[goff + a:goff + b] = b"\0" * (b - a)
    elif how == "empty":  # no bytes at all; the glyph before grows
        set_loca(g, b)
    elif how == "move":  # one coordinate byte changed
        data[goff + (a + b) // 2] ^= 0x01
    elif how == "extra":
        # The unused glyph after a drawn one takes the drawn one's
        # outline (loca stays in order).
        used = closure(raws, {u16(gmap, 2 * k) for k in range(len(gmap) // 2)})
        g = next(k for k in sorted(used) if raws[k] and k + 1 not in used
                 and k + 1 < len(raws))
        set_loca(g + 1, loca(g))
    elif how == "fpgm":
        data[tabs["fpgm"][1] + 3] ^= 0x01
    data = bytearray(fix_checksums(bytes(data)))
    if how == "checksum":  # prep's, in the directory
        i = next(i for i in range(u16(data, 4))
                 if data[12 + 16 * i:16 + 16 * i] == b"prep")
        struct.pack_into(">I", data, 16 + 16 * i, u32(data, 16 + 16 * i) ^ 1)
    elif how == "adjustment":
        hoff = tabs["head"][1]
        struct.pack_into(">I", data, hoff + 8, u32(data, hoff + 8) ^ 0x100)
    ff.write(bytes(data))
    ff.Length1 = len(data)


def d_outline_empty(pdf):
    _glyph_damage(pdf, "empty")


def d_outline_zeroed(pdf):
    _glyph_damage(pdf, "zeroed")


def d_fpgm(pdf):
    _glyph_damage(pdf, "fpgm")


def d_adjustment(pdf):
    _glyph_damage(pdf, "adjustment")


def d_outline_moved(pdf):
    _glyph_damage(pdf, "move")


def d_extra_glyph(pdf):
    _glyph_damage(pdf, "extra")


def d_checksum(pdf):
    _glyph_damage(pdf, "checksum")


def d_whole_font(pdf, fontdir):
    f, cid = first_font(pdf)
    name = SUBSET_RE.match(str(f.BaseFont)[1:]).group(1)
    data = open("%s/%s.ttf" % (fontdir, name), "rb").read()
    cid.FontDescriptor.FontFile2.write(data)
    cid.FontDescriptor.FontFile2.Length1 = len(data)


def d_length1(pdf):
    _, cid = first_font(pdf)
    ff = cid.FontDescriptor.FontFile2
    ff.Length1 = int(ff.Length1) + 4


def d_name(pdf):
    f, cid = first_font(pdf)
    tag = str(f.BaseFont)[1:7]
    new = Name("/" + tag.lower() + str(f.BaseFont)[7:])
    f.BaseFont = new
    cid.BaseFont = new
    cid.FontDescriptor.FontName = new


def d_fontname(pdf):
    _, cid = first_font(pdf)
    cid.FontDescriptor.FontName = Name("/ABCDEF+" + str(cid.BaseFont)[8:])


def d_broken_table(pdf):
    _, cid = first_font(pdf)
    ff = cid.FontDescriptor.FontFile2
    data = bytearray(ff.read_bytes())
    hoff, hlen = tables_of(bytes(data))["hhea"][1:]
    # hhea cut to 10 bytes: fontTools cannot decompile it.
    n = u16(data, 4)
    for i in range(n):
        if data[12 + 16 * i:16 + 16 * i] == b"hhea":
            struct.pack_into(">I", data, 12 + 16 * i + 12, 10)
    data = fix_checksums(bytes(data))
    ff.write(data)
    ff.Length1 = len(data)


def d_code_beyond(pdf):
    """A string drawing a code past the end of the CIDToGIDMap."""
    f, cid = first_font(pdf)
    ncid = len(cid.CIDToGIDMap.read_bytes()) // 2
    for page in pdf.pages:
        res = page.obj.Resources.get("/Font", Dictionary())
        for key in res.keys():
            if res[key].objgen == f.objgen:
                page.contents_add(pikepdf.Stream(
                    pdf, b"BT %s 10 Tf <%04X> Tj ET" % (key.encode(), ncid)),
                    prepend=False)
                return
    raise RuntimeError("the font is on no page")


def d_raw_cr(pdf):
    """The first escaped CR of a page unescaped, as a writer might."""
    for page in pdf.pages:
        c = page.obj.Contents
        parts = list(c) if isinstance(c, Array) else [c]
        for p in parts:
            data = p.read_bytes()
            if b"\\r" in data:
                p.write(data.replace(b"\\r", b"\r", 1))
                return
    raise RuntimeError("no code with a byte 13 drawn")


DAMAGES = [
    ("W entry 5 off by 7", d_width, "font-width"),
    ("W range with a wrong width", d_width_range, "font-width"),
    ("CIDToGIDMap: CID 5 has CID 6's glyph", d_gid, "font-glyph"),
    ("ToUnicode: CID 3 is another letter", d_tounicode, "font-glyph"),
    ("ToUnicode: CID 2 missing", d_tounicode_gone, "font-tounicode"),
    ("a glyph's outline emptied (loca)", d_outline_empty, "font-outline"),
    ("a glyph's outline zeroed", d_outline_zeroed, "font-outline"),
    ("a glyph's coordinate changed", d_outline_moved, "font-outline"),
    ("an unused glyph has an outline", d_extra_glyph, "font-subset"),
    ("the whole font embedded", "whole", "font-subset"),
    ("a table checksum wrong", d_checksum, "font-checksum"),
    ("fpgm changed", d_fpgm, "font-parse"),
    ("checkSumAdjustment wrong", d_adjustment, "font-checksum"),
    ("every W width 1 more (allowed)", d_width_by_one, None),
    ("Length1 wrong", d_length1, "font-length1"),
    ("subset tag not capitals", d_name, "font-name"),
    ("FontName differs from BaseFont", d_fontname, "font-name"),
    ("hhea cut short", d_broken_table, "font-parse"),
    ("a code beyond the map drawn", d_code_beyond, "font-used"),
    ("a CR in a string not escaped", d_raw_cr, "font-string"),
]


def reopen(pdf):
    out = io.BytesIO()
    pdf.save(out)
    out.seek(0)
    return pikepdf.open(out)


def selftest(path, fontdir):
    bad = 0
    with pikepdf.open(path) as pdf:
        fails = check(pdf, fontdir)
    if fails:
        print("selftest: %s does not pass to begin with:" % path)
        for f in fails[:10]:
            print("  " + f)
        return 1
    for what, damage, rule in DAMAGES:
        pdf = pikepdf.open(path)
        if damage == "whole":
            d_whole_font(pdf, fontdir)
        else:
            damage(pdf)
        pdf = reopen(pdf)
        fails = check(pdf, fontdir)
        if rule is None:
            if fails:
                print("selftest: %s: should pass, but: %s" % (what, fails[:3]))
                bad += 1
            else:
                print("selftest: %s: passes" % what)
        elif not any(f.startswith(rule + " ") for f in fails):
            print("selftest: %s: no %s failure; got: %s"
                  % (what, rule, fails[:3]))
            bad += 1
        else:
            print("selftest: %s: %s" % (what, next(
                f for f in fails if f.startswith(rule + " "))))
    return 1 if bad else 0


def main(argv):
    args = argv[1:]
    fontdir = FONT_DIR
    self_test = verbose = False
    files = []
    while args:
        a = args.pop(0)
        if a == "--fonts" and args:
            fontdir = args.pop(0)
        elif a == "--selftest":
            self_test = True
        elif a == "--verbose":
            verbose = True
        elif a.startswith("-"):
            sys.stderr.write(__doc__)
            return 2
        else:
            files.append(a)
    if len(files) != 1:
        sys.stderr.write(__doc__)
        return 2
    if self_test:
        return selftest(files[0], fontdir)
    try:
        pdf = pikepdf.open(files[0])
    except (pikepdf.PdfError, OSError) as e:
        print("open %s: cannot read the PDF: %s" % (files[0], e))
        return 2
    summary = []
    fails = check(pdf, fontdir, summary)
    for f in fails:
        print(f)
    if verbose:
        for line in summary:
            print(line)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
