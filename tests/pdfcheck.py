#!/usr/bin/python3
"""pdfcheck.py - an independent check of a tagged PDF (PDF/UA-1, PDF/A-2b).

usage: pdfcheck.py FILE.pdf [--expect-headings FILE] [--list] [--tables]
                            [--features] [--report PREFIX]

Reads the PDF back with pikepdf and checks the rules of ISO 32000-1
(PDF 1.7) sections 14.6-14.9 (marked content, logical structure, tagged
PDF), ISO 14289-1 (PDF/UA-1) with the failure conditions of the
Matterhorn Protocol 1.1 that a program can decide, and the document-level
rules of ISO 19005-2 (PDF/A-2b).  It is written from those texts, not
from the renderer, so that it can prove the renderer wrong.

Prints one line per failure:
    RULE [Matterhorn NN-NNN] WHERE: what is wrong
and exits 1 if there was any, 2 if the file cannot be read at all, 0 if
every rule holds.  The same rule at the same place is reported at most
five times, then counted.

--expect-headings FILE  also compare the headings, in structure order,
                        with FILE: one "H<n> text" line per heading
                        (blank lines and lines starting with # ignored);
                        whitespace and soft hyphens do not count.
--list                  print the headings, tables and figures in
                        structure order ("H2 text", "Table rows=N",
                        "Figure alt") after the checks.
--tables                print every Table element: the pages its content
                        is on, its rows, and on which continuation pages
                        its header cells' text is repeated as an artifact.
--features              print "NAME COUNT" lines: pages, pages with a
                        Pagination artifact, elements with /E, passages
                        in another language, bookmarks, link annotations,
                        and the structure elements by type.
--report PREFIX         write what --list, --tables and --features print
                        to PREFIX.list, PREFIX.tables, PREFIX.features
                        (one reading of a large file instead of four),
                        and to PREFIX.pagelist the --list as read page
                        by page (pdf.js): a figure or table the layout
                        floated to the next page comes after what
                        passed it there.
"""
import bisect
import re
import struct
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

# ISO 32000-1, 14.8.4 (Tables 333-340): the standard structure types.
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption",
    "TOC", "TOCI", "Index", "NonStruct", "Private",
    "P", "H", "H1", "H2", "H3", "H4", "H5", "H6",
    "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
    "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link",
    "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
    "Figure", "Formula", "Form",
}
HEADING_RE = re.compile(r"^H([1-6])$")

# ISO 32000-1, Table 51 and 8.7.4.2, 8.9, 8.10: operators that paint.
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PAINT_OPS = TEXT_SHOW | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
                         "sh", "Do", "INLINE IMAGE"}
TEXT_POSITION = {"Td", "TD", "T*", "Tm", "BT"}
# ISO 32000-1 Annex A: every content stream operator; PDF/A-2 6.2.2
# forbids any other (pikepdf reports an inline image as one operator).
KNOWN_OPS = set("""b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI
    EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC
    sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"
    """.split()) | {"INLINE IMAGE"}

# RFC 5646 (BCP 47) language tags, the syntax ISO 32000-1 14.9.2 asks for,
# without the grandfathered irregular tags.
LANG_RE = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$|^[xX](?:-[A-Za-z0-9]{1,8})+$")

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

MAX_SAME = 5


def key(obj):
    """A hashable identity for an indirect object (None for direct ones)."""
    og = obj.objgen
    return og if og != (0, 0) else None


def inherited(page, name):
    """A page attribute, looked up through the page tree (ISO 32000-1
    7.7.3.4: Resources, MediaBox, CropBox and Rotate are inheritable)."""
    node = page
    for _ in range(64):
        if not isinstance(node, Dictionary):
            return None
        if name in node:
            return node.get(name)
        node = node.get("/Parent")
    return None


def name_of(obj):
    return str(obj)[1:] if isinstance(obj, Name) else None


def text_of(obj):
    """A PDF text string (PDFDocEncoding or UTF-16BE) as Python text."""
    if isinstance(obj, String):
        return str(obj)
    return None


def norm_text(s):
    return re.sub(r"\s+", "", s.replace("\u00ad", ""))


def is_int(obj):
    return isinstance(obj, int) and not isinstance(obj, bool)


class Elem:
    """A structure element as read from the file."""

    def __init__(self, obj, raw, std, parent, depth):
        self.obj = obj
        self.raw = raw          # /S as written
        self.std = std          # the standard type it maps to (or raw)
        self.parent = parent
        self.depth = depth
        self.kids = []          # child Elems in order
        self.items = []         # ("mcid", page_key, mcid) / ("objr", annot)
        self.order = []         # ("elem", Elem) / ("mcid", pk, n) in /K order

    def where(self):
        k = key(self.obj)
        ref = "%d %d R" % k if k else "direct object"
        return "%s element %s" % (self.raw, ref)


class FontUse:
    """What the pages draw with one font: codes, and how to read them."""

    def __init__(self, obj, page):
        self.obj = obj
        self.first_page = page
        self.codes = {}         # code -> first page it is drawn on
        self.ranges = None      # codespace: list of (nbytes, lo, hi)
        self.tounicode = None   # code -> str, or None if unusable
        self.unsupported = None


def read_tagged(path):
    """A Checker of path with its pages, their marked content and the
    structure tree read (the reading the helper scripts share), or None
    if the file has no structure tree."""
    c = Checker(path)
    c.collect_pages()
    c.check_content()
    return c if c.read_structure() else None


class Checker:
    def __init__(self, path):
        self.path = path
        self.pdf = pikepdf.open(path)
        self.failures = []
        self.counts = {}
        self.pages = []                 # page objects in order
        self.page_no = {}               # page key -> 1-based number
        self.page_mcids = {}            # page key -> {mcid: [text]}
        self.page_artifact_text = {}    # page key -> [text]
        self.fonts = {}                 # font key -> FontUse
        self.elems = []                 # every Elem, depth-first order
        self.elem_by_key = {}
        self.mcid_owner = {}            # (page key, mcid) -> [Elem]
        self.parent_tree = None         # {int: object}
        self.pagination_pages = set()   # pages with a Pagination artifact
        self.mc_langs = []              # /Lang of marked content
        self.rolemap = {}

    # -- reporting ------------------------------------------------------

    def fail(self, rule, where, text, mh=None):
        ident = (rule, where)
        n = self.counts.get(ident, 0) + 1
        self.counts[ident] = n
        if n <= MAX_SAME:
            tag = " [Matterhorn %s]" % mh if mh else ""
            self.failures.append("%s%s %s: %s" % (rule, tag, where, text))

    def summarise(self):
        for (rule, where), n in sorted(self.counts.items()):
            if n > MAX_SAME:
                self.failures.append("%s %s: ... and %d more like this"
                                     % (rule, where, n - MAX_SAME))

    def page_where(self, pk):
        return "page %d" % self.page_no.get(pk, 0)

    # -- file and document level ----------------------------------------

    def check_header(self):
        """ISO 19005-2 6.1.2: %PDF-1.n, then a comment of 4 bytes > 127;
        the version (header or catalog /Version) must be at least 1.7."""
        with open(self.path, "rb") as f:
            head = f.read(64)
        m = re.match(rb"%PDF-(\d)\.(\d)\r?\n?\r?", head)
        if not m:
            self.fail("header", "file", "does not start with %PDF-1.n")
            return
        rest = head[m.end():]
        if not (rest.startswith(b"%") and
                len([b for b in rest[1:5] if b > 127]) == 4):
            self.fail("header", "file", "the header line is not followed "
                      "by a comment of four bytes above 127 (PDF/A-2 6.1.2)")
        version = (int(m.group(1)), int(m.group(2)))
        cat = name_of(self.pdf.Root.get("/Version"))
        if cat and re.match(r"^\d\.\d$", cat):
            version = max(version, (int(cat[0]), int(cat[2])))
        if version < (1, 7):
            self.fail("version", "file", "PDF %d.%d; PDF/UA-1 needs 1.7 "
                      "(header or catalog /Version)" % version)

    def check_encryption(self):
        """ISO 19005-2 6.1.3: no Encrypt, and an ID in the trailer."""
        if self.pdf.is_encrypted or "/Encrypt" in self.pdf.trailer:
            self.fail("encrypt", "trailer", "the file is encrypted "
                      "(PDF/A-2 6.1.3)")
        ident = self.pdf.trailer.get("/ID")
        if not (isinstance(ident, Array) and len(ident) == 2 and
                all(isinstance(x, String) for x in ident)):
            self.fail("trailer-id", "trailer", "no /ID array of two "
                      "strings (PDF/A-2 6.1.3)")

    def check_markinfo(self):
        """ISO 14289-1 7.1: MarkInfo /Marked true, no Suspects."""
        mi = self.pdf.Root.get("/MarkInfo")
        if not isinstance(mi, Dictionary) or mi.get("/Marked") is not True:
            self.fail("markinfo", "catalog", "no /MarkInfo << /Marked true "
                      ">> (PDF/UA-1 7.1)")
        elif mi.get("/Suspects") is True:
            self.fail("markinfo", "catalog", "/Suspects true", "01-007")

    def check_lang(self):
        """ISO 14289-1 7.2, ISO 32000-1 14.9.2: a well-formed /Lang."""
        lang = text_of(self.pdf.Root.get("/Lang"))
        if not lang:
            self.fail("lang", "catalog", "no /Lang (or an empty one)",
                      "11-001")
        elif not LANG_RE.match(lang):
            self.fail("lang", "catalog", "/Lang %r is not a BCP 47 language "
                      "tag" % lang, "11-001")

    def check_viewer_preferences(self):
        """ISO 14289-1 7.1: ViewerPreferences /DisplayDocTitle true."""
        vp = self.pdf.Root.get("/ViewerPreferences")
        ddt = vp.get("/DisplayDocTitle") if isinstance(vp, Dictionary) \
            else None
        if ddt is None:
            self.fail("display-doc-title", "catalog", "no /ViewerPreferences "
                      "/DisplayDocTitle", "07-001")
        elif ddt is not True:
            self.fail("display-doc-title", "catalog", "/DisplayDocTitle is "
                      "not true", "07-002")

    def info_title(self):
        info = self.pdf.trailer.get("/Info")
        if isinstance(info, Dictionary):
            return text_of(info.get("/Title"))
        return None

    def check_info(self):
        """ISO 32000-1 14.3.3: the document information /Title."""
        title = self.info_title()
        if not title or not title.strip():
            self.fail("info-title", "document information",
                      "no /Title (or an empty one)")

    def check_xmp(self):
        """ISO 14289-1 5 and 7.1, ISO 19005-2 6.6: the XMP metadata."""
        md = self.pdf.Root.get("/Metadata")
        if not isinstance(md, Stream):
            self.fail("xmp", "catalog", "no /Metadata stream", "06-001")
            return
        if md.get("/Type") != Name.Metadata or md.get("/Subtype") != Name.XML:
            self.fail("xmp", "metadata stream", "not /Type /Metadata "
                      "/Subtype /XML")
        try:
            data = md.read_bytes()
        except pikepdf.PdfError as e:
            self.fail("xmp", "metadata stream", "cannot be decoded: %s" % e)
            return
        m = re.search(rb"<\?xpacket\s+begin=([^?]*)\?>", data)
        if m and re.search(rb"\b(bytes|encoding)\s*=", m.group(1)):
            self.fail("xmp", "metadata stream", "the xpacket header has a "
                      "bytes or encoding attribute (PDF/A-2 6.6.2.1)")
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            self.fail("xmp", "metadata stream", "not well-formed XML: %s" % e)
            return
        descs = root.findall(".//rdf:RDF/rdf:Description", NS)
        if not descs:
            self.fail("xmp", "metadata stream", "no rdf:RDF/rdf:Description")
            return

        def prop(ns, local):
            tag = "{%s}%s" % (NS[ns], local)
            for d in descs:
                if tag in d.attrib:
                    return d.attrib[tag].strip()
                e = d.find(tag)
                if e is not None:
                    return "".join(e.itertext()).strip()
            return None

        title = None
        for d in descs:
            for li in d.findall("dc:title/rdf:Alt/rdf:li", NS):
                lang = li.get("{%s}lang" % NS["xml"])
                if lang == "x-default" or title is None:
                    title = (li.text or "").strip()
        if not title:
            self.fail("xmp", "metadata stream", "no dc:title (an rdf:Alt "
                      "with an x-default rdf:li)", "06-003")
        elif self.info_title() is not None and \
                self.info_title().strip() != title:
            self.fail("xmp", "metadata stream", "dc:title %r differs from "
                      "the document information /Title %r"
                      % (title, self.info_title()))
        if prop("pdfuaid", "part") != "1":
            self.fail("xmp", "metadata stream", "pdfuaid:part is %r, not 1"
                      % prop("pdfuaid", "part"), "06-002")
        if prop("pdfaid", "part") != "2":
            self.fail("xmp", "metadata stream", "pdfaid:part is %r, not 2 "
                      "(PDF/A-2 6.6.4)" % prop("pdfaid", "part"))
        if prop("pdfaid", "conformance") != "B":
            self.fail("xmp", "metadata stream", "pdfaid:conformance is %r, "
                      "not B (PDF/A-2 6.6.4)" % prop("pdfaid", "conformance"))
        # pdfuaid is not one of the schemas PDF/A-2 predefines, so the
        # packet must describe it in a PDF/A extension schema (6.6.2.3).
        if prop("pdfuaid", "part") is not None:
            described = False
            for sch in root.iter("{%s}namespaceURI" % NS["pdfaSchema"]):
                if (sch.text or "").strip() == NS["pdfuaid"]:
                    described = True
            for d in root.iter("{%s}Description" % NS["rdf"]):
                if d.get("{%s}namespaceURI" % NS["pdfaSchema"]) == \
                        NS["pdfuaid"]:
                    described = True
            if not described:
                self.fail("xmp-extension", "metadata stream", "pdfuaid is "
                          "used without a pdfaExtension:schemas description "
                          "(PDF/A-2 6.6.2.3)")

    def check_output_intent(self):
        """ISO 19005-2 6.2.3: a GTS_PDFA1 output intent with an ICC
        profile; all output intents with a profile share one."""
        ois = self.pdf.Root.get("/OutputIntents")
        if not isinstance(ois, Array) or len(ois) == 0:
            self.fail("output-intent", "catalog", "no /OutputIntents")
            return
        profiles = set()
        found = False
        for oi in ois:
            prof = oi.get("/DestOutputProfile") \
                if isinstance(oi, Dictionary) else None
            if isinstance(prof, Stream):
                profiles.add(key(prof))
            if isinstance(oi, Dictionary) and oi.get("/S") == Name.GTS_PDFA1:
                found = True
                if not isinstance(prof, Stream):
                    self.fail("output-intent", "GTS_PDFA1 output intent",
                              "no /DestOutputProfile stream")
                    continue
                self.check_icc(prof)
        if not found:
            self.fail("output-intent", "catalog", "no output intent with "
                      "/S /GTS_PDFA1")
        if len(profiles) > 1:
            self.fail("output-intent", "catalog", "output intents with "
                      "different profiles (PDF/A-2 6.2.3)")

    def check_icc(self, prof):
        where = "output intent profile"
        try:
            icc = prof.read_bytes()
        except pikepdf.PdfError as e:
            self.fail("output-intent", where, "cannot be decoded: %s" % e)
            return
        if len(icc) < 128 or icc[36:40] != b"acsp":
            self.fail("output-intent", where, "not an ICC profile (no "
                      "'acsp' signature)")
            return
        if int.from_bytes(icc[0:4], "big") != len(icc):
            self.fail("output-intent", where, "ICC header size %d, stream "
                      "has %d bytes" % (int.from_bytes(icc[0:4], "big"),
                                        len(icc)))
        if icc[8] > 4:
            self.fail("output-intent", where, "ICC version %d is newer than "
                      "PDF/A-2 allows (4)" % icc[8])
        if icc[12:16] not in (b"mntr", b"prtr"):
            self.fail("output-intent", where, "device class %r is neither "
                      "mntr nor prtr (PDF/A-2 6.2.3)" % icc[12:16])
        comps = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(icc[16:20])
        if comps is None or prof.get("/N") != comps:
            self.fail("output-intent", where, "colour space %r does not "
                      "match /N %s" % (icc[16:20], prof.get("/N")))

    def check_pdfa_objects(self):
        """ISO 19005-2 6.1.7 (no LZW, no external streams), 6.5-6.6 (no
        JavaScript or other forbidden actions, no additional actions on
        the catalog and pages), 6.3.2 (annotations printable, not
        hidden)."""
        forbidden = {"Launch", "Sound", "Movie", "ResetForm", "ImportData",
                     "JavaScript", "Hide", "SetOCGState", "Rendition",
                     "Trans", "GoTo3DView"}
        for obj in self.pdf.objects:
            if isinstance(obj, Stream):
                where = "stream %d %d R" % key(obj)
                filt = obj.get("/Filter")
                names = [str(f) for f in filt] if isinstance(filt, Array) \
                    else [str(filt)] if filt is not None else []
                if "/LZWDecode" in names:
                    self.fail("pdfa-stream", where, "LZWDecode filter "
                              "(PDF/A-2 6.1.7.2)")
                if "/F" in obj or "/FFilter" in obj:
                    self.fail("pdfa-stream", where, "an external stream "
                              "(/F) (PDF/A-2 6.1.7.1)")
            if not isinstance(obj, (Dictionary, Array)):
                continue
            where = "object %d %d R" % key(obj)
            # The direct dictionaries inside: an action is often one.
            todo = [obj]
            while todo:
                o = todo.pop()
                vals = [o[k] for k in o.keys()] \
                    if isinstance(o, Dictionary) else list(o)
                todo.extend(v for v in vals
                            if isinstance(v, (Dictionary, Array)) and
                            not isinstance(v, Stream) and not v.is_indirect)
                if isinstance(o, Dictionary):
                    self.check_pdfa_dict(o, where, forbidden)
        for where, d in [("catalog", self.pdf.Root)] + [
                (self.page_where(key(p)), p) for p in self.pages]:
            if "/AA" in d:
                self.fail("pdfa-action", where, "an /AA additional-actions "
                          "entry (PDF/A-2 6.5.2)")
        names = self.pdf.Root.get("/Names")
        if isinstance(names, Dictionary) and "/JavaScript" in names:
            self.fail("pdfa-action", "catalog", "a JavaScript name tree "
                      "(PDF/A-2 6.5.1)")

    def check_pdfa_dict(self, obj, where, forbidden):
        s = name_of(obj.get("/S"))
        if s in forbidden and obj.get("/Type") in (None, Name.Action):
            self.fail("pdfa-action", where, "a %s action (PDF/A-2 6.5.1)" % s)
        if obj.get("/Type") == Name.Annot or (
                "/Subtype" in obj and "/Rect" in obj):
            flags = obj.get("/F")
            flags = int(flags) if is_int(flags) else 0
            if name_of(obj.get("/Subtype")) != "Popup" and (
                    not flags & 4 or flags & (1 | 2 | 32)):
                self.fail("pdfa-annot", where, "annotation flags %d: Print "
                          "must be set, Hidden, Invisible and NoView clear "
                          "(PDF/A-2 6.3.2)" % flags)

    # -- page content ---------------------------------------------------

    def collect_pages(self):
        for i, page in enumerate(self.pdf.pages):
            self.pages.append(page.obj)
            self.page_no[key(page.obj)] = i + 1

    def check_content(self):
        """ISO 14289-1 7.1, ISO 32000-1 14.6-14.8: every painting operator
        is inside tagged content (an MCID) or an Artifact, never both,
        MCIDs not nested and unique on the page."""
        for page in self.pages:
            pk = key(page)
            self.page_mcids[pk] = {}
            self.page_artifact_text[pk] = []
            try:
                ops = pikepdf.parse_content_stream(page)
            except pikepdf.PdfError as e:
                self.fail("content-syntax", self.page_where(pk),
                          "content stream cannot be parsed: %s" % e)
                continue
            res = inherited(page, "/Resources")
            if not isinstance(res, Dictionary):
                res = Dictionary()
            self.scan(ops, res, pk, [], 0, set())

    def scan(self, ops, res, pk, stack, depth, forms_seen):
        """Walks one content stream.  `stack` holds the open marked-content
        sequences as (kind, value, in_text) with kind mcid, artifact or
        other; form XObjects are walked inside the sequence that draws
        them."""
        where = self.page_where(pk)
        base = len(stack)
        in_text = False
        font = None
        gstack = []
        for ins in ops:
            op = str(ins.operator)
            args = list(ins.operands)
            if op not in KNOWN_OPS:
                self.fail("content-syntax", where, "operator %r is not "
                          "defined in ISO 32000-1 (PDF/A-2 6.2.2)" % op)
            if op in ("BMC", "BDC"):
                self.begin_mc(op, args, res, pk, stack, in_text)
            elif op == "EMC":
                if len(stack) <= base:
                    self.fail("mc-balance", where, "EMC without BMC/BDC")
                    continue
                kind, _, opened_in_text = stack.pop()
                if opened_in_text != in_text:
                    self.fail("mc-text-nesting", where, "a marked-content "
                              "sequence crosses a BT/ET boundary "
                              "(ISO 32000-1 14.6)")
            elif op == "BT":
                in_text = True
            elif op == "ET":
                in_text = False
            elif op == "q":
                gstack.append(font)
            elif op == "Q":
                font = gstack.pop() if gstack else font
            elif op == "Tf" and args:
                font = self.font_resource(res, args[0], pk)
            if op in TEXT_POSITION:
                self.add_text(pk, stack, " ")
            if op not in PAINT_OPS:
                continue
            inner = self.innermost(stack)
            if inner is None:
                self.fail("content-untagged", where, "%s outside tagged "
                          "content and artifacts" % op, "01-005")
            if op in TEXT_SHOW:
                strings = []
                if op == "TJ" and args and isinstance(args[0], Array):
                    strings = [s for s in args[0] if isinstance(s, String)]
                elif args and isinstance(args[-1], String):
                    strings = [args[-1]]
                for s in strings:
                    self.show_text(font, bytes(s), pk, stack)
            elif op == "Do" and args:
                self.draw_xobject(res, args[0], pk, stack, depth,
                                  forms_seen)
        if len(stack) > base:
            self.fail("mc-balance", where, "%d marked-content sequence(s) "
                      "not closed by EMC" % (len(stack) - base))
            del stack[base:]

    def begin_mc(self, op, args, res, pk, stack, in_text):
        where = self.page_where(pk)
        tag = name_of(args[0]) if args else None
        props = args[1] if op == "BDC" and len(args) > 1 else None
        if isinstance(props, Name):
            pr = res.get("/Properties")
            props = pr.get(str(props)) if isinstance(pr, Dictionary) else None
            if props is None:
                self.fail("mc-properties", where, "BDC names properties "
                          "%s not in the resources" % args[1])
        mcid = props.get("/MCID") if isinstance(props, Dictionary) else None
        kinds = [k for k, _, _ in stack]
        if tag == "Artifact":
            if isinstance(props, Dictionary) and \
                    props.get("/Type") == Name.Pagination:
                self.pagination_pages.add(pk)
            if "mcid" in kinds:
                self.fail("artifact-in-tagged", where, "an Artifact inside "
                          "tagged content", "01-003")
            stack.append(("artifact", None, in_text))
            return
        if is_int(mcid):
            if "artifact" in kinds:
                self.fail("tagged-in-artifact", where, "MCID %d inside an "
                          "Artifact" % mcid, "01-004")
            if "mcid" in kinds:
                self.fail("mc-nested", where, "MCID %d inside another "
                          "tagged sequence (ISO 32000-1 14.7.4.2)" % mcid)
            if mcid in self.page_mcids[pk]:
                self.fail("mcid-duplicate", where, "MCID %d is used twice "
                          "on the page" % mcid)
            self.page_mcids[pk].setdefault(mcid, [])
            stack.append(("mcid", mcid, in_text))
            return
        if isinstance(props, Dictionary) and "/Lang" in props:
            lang = text_of(props.get("/Lang"))
            self.mc_langs.append(lang)
            if not lang or not LANG_RE.match(lang):
                self.fail("lang", where, "marked content /Lang %r is not a "
                          "BCP 47 tag" % lang, "11-001")
        stack.append(("other", tag, in_text))

    @staticmethod
    def innermost(stack):
        for kind, value, _ in reversed(stack):
            if kind in ("mcid", "artifact"):
                return (kind, value)
        return None

    def add_text(self, pk, stack, text):
        inner = self.innermost(stack)
        if inner is None:
            return
        if inner[0] == "mcid":
            self.page_mcids[pk][inner[1]].append(text)
        else:
            self.page_artifact_text[pk].append(text)

    def font_resource(self, res, fname, pk):
        fonts = res.get("/Font")
        f = fonts.get(str(fname)) if isinstance(fonts, Dictionary) else None
        if not isinstance(f, Dictionary):
            self.fail("font-resource", self.page_where(pk), "Tf names font "
                      "%s, which is not in the resources" % fname)
            return None
        k = key(f) or ("direct", id(f))
        if k not in self.fonts:
            self.fonts[k] = FontUse(f, pk)
            self.font_codespace(self.fonts[k])
            self.fonts[k].tounicode = self.parse_tounicode(self.fonts[k])
        return self.fonts[k]

    def font_codespace(self, fu):
        f = fu.obj
        if f.get("/Subtype") != Name.Type0:
            fu.ranges = [(1, 0, 0xFF)]
            return
        enc = f.get("/Encoding")
        if enc in (Name("/Identity-H"), Name("/Identity-V")):
            fu.ranges = [(2, 0, 0xFFFF)]
        elif isinstance(enc, Stream):
            try:
                toks = cmap_tokens(enc.read_bytes())
            except (CMapError, pikepdf.PdfError) as e:
                toks = []
                fu.unsupported = "encoding CMap: %s" % e
            fu.ranges = codespace_ranges(toks) or [(2, 0, 0xFFFF)]
        else:
            fu.ranges = [(2, 0, 0xFFFF)]
            fu.unsupported = "encoding %s" % enc

    def show_text(self, fu, data, pk, stack):
        if fu is None:
            self.fail("font-resource", self.page_where(pk), "text shown "
                      "with no font selected")
            return
        out = []
        for code in split_codes(data, fu.ranges):
            fu.codes.setdefault(code, pk)
            if fu.tounicode is not None:
                out.append(fu.tounicode.get(code, "\ufffd"))
        self.add_text(pk, stack, "".join(out))

    def draw_xobject(self, res, xname, pk, stack, depth, forms_seen):
        xo = res.get("/XObject")
        x = xo.get(str(xname)) if isinstance(xo, Dictionary) else None
        if not isinstance(x, Stream):
            self.fail("xobject", self.page_where(pk), "Do names %s, which is "
                      "not in the resources" % xname)
            return
        if x.get("/Subtype") != Name.Form:
            return
        if "/Ref" in x:
            self.fail("xobject", self.page_where(pk), "a reference XObject",
                      "30-001")
        k = key(x)
        if depth > 8 or k in forms_seen:
            return
        fres = x.get("/Resources")
        if not isinstance(fres, Dictionary):
            fres = res
        try:
            ops = pikepdf.parse_content_stream(x)
        except pikepdf.PdfError as e:
            self.fail("content-syntax", self.page_where(pk), "form XObject "
                      "%s cannot be parsed: %s" % (xname, e))
            return
        before = len(self.page_mcids[pk])
        self.scan(ops, fres, pk, stack, depth + 1, forms_seen | {k})
        if len(self.page_mcids[pk]) != before:
            self.fail("xobject-mcid", self.page_where(pk), "form XObject %s "
                      "holds MCIDs; this checker (and many readers) only "
                      "follow page content" % xname, "30-002")

    # -- fonts ----------------------------------------------------------

    def parse_tounicode(self, fu):
        tu = fu.obj.get("/ToUnicode")
        if not isinstance(tu, Stream):
            return None
        try:
            data = tu.read_bytes()
        except pikepdf.PdfError:
            return None
        try:
            return parse_cmap_bf(data)
        except CMapError:
            return None

    def check_fonts(self):
        """ISO 14289-1 7.21, ISO 19005-2 6.2.11: every font used is
        embedded and has a ToUnicode CMap that maps every drawn code."""
        for fu in self.fonts.values():
            f = fu.obj
            fname = str(f.get("/BaseFont", "(no name)"))
            where = "font %s (first used on %s)" % (
                fname, self.page_where(fu.first_page))
            if fu.unsupported:
                self.fail("font-encoding", where, "cannot split codes: %s"
                          % fu.unsupported)
            self.check_font_embedded(f, where)
            tu = f.get("/ToUnicode")
            if not isinstance(tu, Stream):
                self.fail("tounicode", where, "no /ToUnicode CMap", "10-001")
                continue
            try:
                data = tu.read_bytes()
                mapping = parse_cmap_bf(data)
            except (pikepdf.PdfError, CMapError) as e:
                self.fail("tounicode", where, "the ToUnicode CMap is not "
                          "usable: %s (ISO 32000-1 9.10.3)" % e, "10-001")
                continue
            for code, uni in mapping.items():
                cps = [ord(c) for c in uni]
                if 0 in cps:
                    self.fail("tounicode", where, "code %04X maps to U+0000"
                              % code, "31-028")
                if 0xFEFF in cps or 0xFFFE in cps:
                    self.fail("tounicode", where, "code %04X maps to U+FEFF "
                              "or U+FFFE" % code, "31-029")
            for code in sorted(fu.codes):
                if code not in mapping:
                    self.fail("tounicode-coverage", where, "drawn code %04X "
                              "(%s) has no Unicode value"
                              % (code, self.page_where(fu.codes[code])),
                              "10-001")
            self.check_glyphs(fu, mapping, where)

    def check_font_embedded(self, f, where):
        sub = f.get("/Subtype")
        if sub == Name.Type3:
            return
        desc_font = f
        if sub == Name.Type0:
            dfs = f.get("/DescendantFonts")
            if not isinstance(dfs, Array) or len(dfs) != 1 or \
                    not isinstance(dfs[0], Dictionary):
                self.fail("font-embedded", where, "Type0 font without one "
                          "descendant font")
                return
            desc_font = dfs[0]
        fd = desc_font.get("/FontDescriptor")
        if not isinstance(fd, Dictionary) or not any(
                isinstance(fd.get(k), Stream)
                for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            self.fail("font-embedded", where, "the font program is not "
                      "embedded (PDF/A-2 6.2.11.4.1)", "31-009")
        if desc_font.get("/Subtype") == Name.CIDFontType2:
            m = desc_font.get("/CIDToGIDMap")
            if m is None:
                self.fail("font-cidtogid", where, "CIDFontType2 without "
                          "/CIDToGIDMap", "31-005")
            elif not (m == Name.Identity or isinstance(m, Stream)):
                self.fail("font-cidtogid", where, "/CIDToGIDMap is neither "
                          "/Identity nor a stream", "31-004")

    def check_glyphs(self, fu, mapping, where):
        """Matterhorn 31-030, 31-011: no drawn code selects glyph 0
        (.notdef) or a glyph the font program lacks; and the glyph drawn
        is the one the font's own Unicode cmap gives for the code's
        ToUnicode value, so that what is read is what is seen.  Decided
        for Identity-encoded CIDFontType2 fonts (CID = code), the kind a
        TrueType Unicode font becomes."""
        f = fu.obj
        if f.get("/Subtype") != Name.Type0 or f.get("/Encoding") not in (
                Name("/Identity-H"), Name("/Identity-V")):
            return
        dfs = f.get("/DescendantFonts")
        df = dfs[0] if isinstance(dfs, Array) and len(dfs) else None
        if not isinstance(df, Dictionary) or \
                df.get("/Subtype") != Name.CIDFontType2:
            return
        m = df.get("/CIDToGIDMap")
        table = m.read_bytes() if isinstance(m, Stream) else None
        fd = df.get("/FontDescriptor")
        ff = fd.get("/FontFile2") if isinstance(fd, Dictionary) else None
        ttf = None
        if isinstance(ff, Stream):
            try:
                ttf = TrueType(ff.read_bytes())
            except (ValueError, struct.error, pikepdf.PdfError) as e:
                self.fail("font-program", where, "the embedded TrueType "
                          "cannot be read: %s" % e)
        for code in sorted(fu.codes):
            page = self.page_where(fu.codes[code])
            if table is None:
                gid = code
            else:
                gid = int.from_bytes(table[2 * code:2 * code + 2], "big") \
                    if 2 * code + 2 <= len(table) else 0
            if gid == 0:
                self.fail("notdef", where, "drawn code %04X selects glyph 0 "
                          "(.notdef) on %s" % (code, page), "31-030")
                continue
            if ttf is None:
                continue
            if gid >= ttf.num_glyphs:
                self.fail("notdef", where, "drawn code %04X selects glyph "
                          "%d; the font has %d (%s)"
                          % (code, gid, ttf.num_glyphs, page), "31-011")
                continue
            uni = mapping.get(code, "")
            if len(uni) == 1 and ttf.cmap is not None:
                want = ttf.cmap(ord(uni))
                if want and want != gid:
                    self.fail("glyph-unicode", where, "drawn code %04X "
                              "shows glyph %d, but its ToUnicode value "
                              "U+%04X is glyph %d in the font (%s)"
                              % (code, gid, ord(uni), want, page))

    # -- structure tree -------------------------------------------------

    def read_structure(self):
        """ISO 32000-1 14.7.2: reads the tree; checks RoleMap, parent links
        and the kinds of kids."""
        root = self.pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, Dictionary):
            self.fail("struct-tree", "catalog", "no /StructTreeRoot "
                      "(the document is not tagged)", "01-005")
            return False
        rm = root.get("/RoleMap")
        if isinstance(rm, Dictionary):
            for k in rm.keys():
                self.rolemap[k[1:]] = name_of(rm[k])
                if k[1:] in STANDARD_TYPES:
                    self.fail("struct-type", "RoleMap", "the standard type "
                              "%s is remapped to %s" % (k[1:], rm[k]),
                              "02-004")
        pt = root.get("/ParentTree")
        if not isinstance(pt, Dictionary):
            self.fail("parent-tree", "structure tree root", "no /ParentTree")
        else:
            self.parent_tree = self.read_number_tree(pt)
            nk = root.get("/ParentTreeNextKey")
            if is_int(nk) and self.parent_tree and \
                    nk <= max(self.parent_tree):
                self.fail("parent-tree", "structure tree root",
                          "/ParentTreeNextKey %d is not above every key" % nk)
        kids = root.get("/K")
        if kids is None:
            self.fail("struct-tree", "structure tree root", "no /K: the "
                      "tree is empty")
            return True
        seen = set()
        for kid in (kids if isinstance(kids, Array) else [kids]):
            if not isinstance(kid, Dictionary):
                self.fail("struct-tree", "structure tree root", "a /K entry "
                          "that is not a structure element")
                continue
            self.read_elem(kid, None, root, 0, seen)
        return True

    def resolve_role(self, raw, where):
        """Matterhorn 02: maps a type through the RoleMap to a standard
        type; reports unmapped, circular and remapped-standard types."""
        if raw in STANDARD_TYPES:
            return raw
        seen = [raw]
        t = raw
        while t not in STANDARD_TYPES:
            nxt = self.rolemap.get(t)
            if nxt is None:
                self.fail("struct-type", where, "non-standard type %s is not "
                          "role-mapped to a standard type" % raw, "02-001")
                return raw
            if nxt in seen:
                self.fail("struct-type", where, "circular role mapping of %s"
                          % raw, "02-003")
                return raw
            seen.append(nxt)
            t = nxt
        return t

    def read_elem(self, obj, parent, parent_obj, depth, seen):
        k = key(obj)
        raw = name_of(obj.get("/S")) or "(no /S)"
        if k is None:
            self.fail("struct-indirect", "%s element" % raw, "a structure "
                      "element that is not an indirect object (ISO 32000-1 "
                      "Table 323)")
        elif k in seen:
            self.fail("struct-tree", "%s element %d %d R" % ((raw,) + k),
                      "reached twice (a cycle or a shared element)")
            return None
        else:
            seen.add(k)
        e = Elem(obj, raw, None, parent, depth)
        e.std = self.resolve_role(raw, e.where())
        self.elems.append(e)
        if k:
            self.elem_by_key[k] = e
        p = obj.get("/P")
        if not isinstance(p, Dictionary) or key(p) != key(parent_obj):
            self.fail("struct-parent", e.where(), "/P does not point to the "
                      "element's parent (ISO 32000-1 Table 323)")
        pg = obj.get("/Pg")
        kids = obj.get("/K")
        if kids is None:
            return e
        for kid in (kids if isinstance(kids, Array) else [kids]):
            if is_int(kid):
                self.add_mcid(e, pg, kid)
            elif isinstance(kid, Dictionary):
                t = kid.get("/Type")
                if t == Name.MCR:
                    if "/Stm" in kid:
                        self.fail("struct-kid", e.where(), "an MCR into a "
                                  "stream other than page content")
                        continue
                    self.add_mcid(e, kid.get("/Pg", pg), kid.get("/MCID"))
                elif t == Name.OBJR:
                    e.items.append(("objr", kid.get("/Obj"), kid.get("/Pg")))
                else:
                    child = self.read_elem(kid, e, obj, depth + 1, seen)
                    if child:
                        e.kids.append(child)
                        e.order.append(("elem", child))
            else:
                self.fail("struct-kid", e.where(), "a /K entry that is "
                          "neither an MCID, an MCR, an OBJR nor an element")
        return e

    def add_mcid(self, e, pg, mcid):
        if not is_int(mcid):
            self.fail("struct-kid", e.where(), "an MCR without an integer "
                      "/MCID")
            return
        pk = key(pg) if isinstance(pg, Dictionary) else None
        if pk not in self.page_no:
            self.fail("mcid-page", e.where(), "MCID %d has no /Pg naming a "
                      "page of the document" % mcid)
            return
        e.items.append(("mcid", pk, mcid))
        e.order.append(("mcid", pk, mcid))
        self.mcid_owner.setdefault((pk, mcid), []).append(e)

    def read_number_tree(self, node, out=None, depth=0,
                         where="ParentTree"):
        """ISO 32000-1 7.9.7: a number tree, keys checked ascending."""
        if out is None:
            out = {}
        if depth > 32:
            self.fail("parent-tree", where, "nested too deep")
            return out
        nums = node.get("/Nums")
        if isinstance(nums, Array):
            last = None
            for i in range(0, len(nums) - 1, 2):
                k = nums[i]
                if not is_int(k):
                    self.fail("parent-tree", where, "a key that is not an "
                              "integer")
                    continue
                if last is not None and k <= last:
                    self.fail("parent-tree", where, "/Nums keys not in "
                              "ascending order (%d after %d)" % (k, last))
                if last is None and out and k <= next(reversed(out)):
                    self.fail("parent-tree", where, "keys of /Kids nodes "
                              "not in ascending order (%d)" % k)
                if k in out:
                    self.fail("parent-tree", where, "key %d twice" % k)
                last = k
                out[k] = nums[i + 1]
            if len(nums) % 2:
                self.fail("parent-tree", where, "/Nums has an odd length")
        kids = node.get("/Kids")
        if isinstance(kids, Array):
            for kid in kids:
                if isinstance(kid, Dictionary):
                    self.read_number_tree(kid, out, depth + 1, where)
        if not isinstance(nums, Array) and not isinstance(kids, Array):
            self.fail("parent-tree", where, "a node with neither /Nums nor "
                      "/Kids")
        return out

    def check_parent_tree(self):
        """ISO 32000-1 14.7.4.4: each MCID on a page maps through the
        page's /StructParents entry to the element whose /K holds it; each
        MCID the tree names exists in that page's content."""
        pt = self.parent_tree or {}
        for page in self.pages:
            pk = key(page)
            where = self.page_where(pk)
            mcids = self.page_mcids.get(pk, {})
            sp = page.get("/StructParents")
            if not mcids:
                continue
            if not is_int(sp):
                self.fail("parent-tree", where, "the page has marked content "
                          "but no /StructParents")
                continue
            arr = pt.get(sp)
            if not isinstance(arr, Array):
                self.fail("parent-tree", where, "ParentTree key %d "
                          "(/StructParents) is not an array" % sp)
                continue
            for mcid in sorted(mcids):
                owners = self.mcid_owner.get((pk, mcid), [])
                if mcid >= len(arr) or not isinstance(arr[mcid], Dictionary):
                    self.fail("parent-tree", where, "MCID %d has no "
                              "element in ParentTree entry %d" % (mcid, sp))
                    continue
                target = self.elem_by_key.get(key(arr[mcid]))
                if target is None:
                    self.fail("parent-tree", where, "MCID %d: ParentTree "
                              "points at an object outside the structure "
                              "tree" % mcid)
                elif target not in owners:
                    self.fail("parent-tree", where, "MCID %d: ParentTree "
                              "points at %s, whose /K does not hold it%s"
                              % (mcid, target.where(),
                                 "; it is held by " + owners[0].where()
                                 if owners else ""))
        for (pk, mcid), owners in self.mcid_owner.items():
            if mcid not in self.page_mcids.get(pk, {}):
                self.fail("mcid-missing", self.page_where(pk), "%s names "
                          "MCID %d, which the page content does not have"
                          % (owners[0].where(), mcid))
            if len(owners) > 1:
                self.fail("mcid-shared", self.page_where(pk), "MCID %d is "
                          "held by %d elements" % (mcid, len(owners)))

    # -- element rules --------------------------------------------------

    def elem_text(self, e):
        alt = text_of(e.obj.get("/ActualText"))
        if alt is not None:
            return alt
        parts = []
        for kind, *rest in e.order:
            if kind == "elem":
                parts.append(self.elem_text(rest[0]))
            else:
                pk, mcid = rest
                parts.append("".join(self.page_mcids.get(pk, {})
                                     .get(mcid, [])))
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def elem_pages(self, e, acc=None):
        if acc is None:
            acc = set()
        for it in e.items:
            if it[0] == "mcid":
                acc.add(self.page_no[it[1]])
        for k in e.kids:
            self.elem_pages(k, acc)
        return acc

    def headings(self):
        out = []
        for e in self.elems:
            m = HEADING_RE.match(e.std)
            if m:
                out.append((int(m.group(1)), e))
            elif e.std == "H":
                out.append((0, e))
        return out

    def check_headings(self):
        """Matterhorn 14: the first numbered heading is H1, no level is
        skipped going down, H and Hn are not mixed."""
        hs = self.headings()
        numbered = [(lv, e) for lv, e in hs if lv]
        if numbered and numbered[0][0] != 1:
            self.fail("heading-first", numbered[0][1].where(), "the first "
                      "heading is H%d, not H1" % numbered[0][0], "14-002")
        prev = None
        for lv, e in numbered:
            if prev is not None and lv > prev + 1:
                self.fail("heading-skip", e.where(), "H%d follows H%d: a "
                          "level is skipped (%r)"
                          % (lv, prev, self.elem_text(e)[:60]), "14-003")
            prev = lv
        if numbered and len(numbered) != len(hs):
            self.fail("heading-mixed", "structure tree", "both H and H1-H6 "
                      "are used", "14-007")
        for e in self.elems:
            if sum(1 for k in e.kids if k.std == "H") > 1:
                self.fail("heading-mixed", e.where(), "more than one H child",
                          "14-006")

    def attr_dicts(self, e):
        a = e.obj.get("/A")
        items = a if isinstance(a, Array) else [a]
        return [d for d in items if isinstance(d, Dictionary)]

    def check_figures(self):
        """Matterhorn 13-004, 17-002; ISO 32000-1 14.8.5.4.3: Figure and
        Formula have /Alt, a Figure a layout /BBox."""
        for e in self.elems:
            if e.std not in ("Figure", "Formula"):
                continue
            alt = text_of(e.obj.get("/Alt"))
            if not alt or not alt.strip():
                self.fail("figure-alt", e.where(), "no /Alt text (or an "
                          "empty one)",
                          "13-004" if e.std == "Figure" else "17-002")
            if e.std != "Figure":
                continue
            bbox = None
            for d in self.attr_dicts(e):
                if d.get("/O") == Name.Layout and "/BBox" in d:
                    bbox = d.get("/BBox")
            ok = False
            if isinstance(bbox, Array) and len(bbox) == 4:
                try:
                    x1, y1, x2, y2 = (float(v) for v in bbox)
                    ok = x1 < x2 and y1 < y2
                except (TypeError, ValueError):
                    ok = False
            if not ok:
                self.fail("figure-bbox", e.where(), "no layout attribute "
                          "/BBox [x1 y1 x2 y2] (ISO 32000-1 Table 344)")

    def check_tables(self):
        """Matterhorn 09-004 (ISO 32000-1 Table 337) and 15-003: Table
        children are TR or THead/TBody/TFoot of TR; TR children TH/TD;
        every TH has a /Scope."""
        for e in self.elems:
            kids = [k.std for k in e.kids]
            if e.std == "Table":
                body = list(kids)
                if body and body[0] == "Caption":
                    body = body[1:]
                elif body and body[-1] == "Caption":
                    body = body[:-1]
                if not body:
                    self.fail("table-structure", e.where(), "a table with no "
                              "rows", "09-004")
                elif all(t == "TR" for t in body):
                    pass
                else:
                    if body[0] == "THead":
                        body = body[1:]
                    if body and body[-1] == "TFoot":
                        body = body[:-1]
                    if not body or any(t != "TBody" for t in body):
                        self.fail("table-structure", e.where(), "children %s "
                                  "are neither TR+ nor THead? TBody+ TFoot?"
                                  % " ".join(kids), "09-004")
            elif e.std in ("THead", "TBody", "TFoot"):
                if any(t != "TR" for t in kids):
                    self.fail("table-structure", e.where(), "a child that is "
                              "not TR", "09-004")
                if e.parent is None or e.parent.std != "Table":
                    self.fail("table-structure", e.where(), "not inside a "
                              "Table", "09-004")
            elif e.std == "TR":
                if not kids or any(t not in ("TH", "TD") for t in kids):
                    self.fail("table-structure", e.where(), "children %r are "
                              "not all TH or TD" % " ".join(kids), "09-004")
                if e.parent is None or e.parent.std not in (
                        "Table", "THead", "TBody", "TFoot"):
                    self.fail("table-structure", e.where(), "not inside a "
                              "Table", "09-004")
            elif e.std in ("TH", "TD"):
                if e.parent is None or e.parent.std != "TR":
                    self.fail("table-structure", e.where(), "not inside a TR",
                              "09-004")
            if e.std == "TH":
                scope = None
                for d in self.attr_dicts(e):
                    if d.get("/O") == Name.Table and "/Scope" in d:
                        scope = name_of(d.get("/Scope"))
                if scope not in ("Row", "Column", "Both"):
                    self.fail("th-scope", e.where(), "no table attribute "
                              "/Scope /Row, /Column or /Both", "15-003")

    def check_lists(self):
        """Matterhorn 09-005 (ISO 32000-1 Table 336): L holds LI (after an
        optional Caption), LI holds Lbl and/or LBody."""
        for e in self.elems:
            kids = [k.std for k in e.kids]
            if e.std == "L":
                body = kids[1:] if kids[:1] == ["Caption"] else kids
                if not body or any(t not in ("LI", "L") for t in body):
                    self.fail("list-structure", e.where(), "children %r are "
                              "not LI" % " ".join(kids), "09-005")
            elif e.std == "LI":
                if not kids or any(t not in ("Lbl", "LBody") for t in kids):
                    self.fail("list-structure", e.where(), "children %r are "
                              "not Lbl/LBody" % " ".join(kids), "09-005")
                if e.parent is None or e.parent.std != "L":
                    self.fail("list-structure", e.where(), "not inside an L",
                              "09-005")
            elif e.std == "LBody":
                if e.parent is None or e.parent.std != "LI":
                    self.fail("list-structure", e.where(), "not inside an LI",
                              "09-005")

    def check_toc(self):
        """Matterhorn 09-006 (ISO 32000-1 Table 333): TOC holds TOC/TOCI,
        TOCI holds Lbl, Reference, NonStruct, P or TOC."""
        for e in self.elems:
            kids = [k.std for k in e.kids]
            if e.std == "TOC":
                if any(t not in ("TOC", "TOCI", "Caption") for t in kids):
                    self.fail("toc-structure", e.where(), "children %r are "
                              "not TOC/TOCI" % " ".join(kids), "09-006")
            elif e.std == "TOCI":
                if any(t not in ("Lbl", "Reference", "NonStruct", "P", "TOC")
                       for t in kids):
                    self.fail("toc-structure", e.where(), "children %r are "
                              "not Lbl/Reference/NonStruct/P/TOC"
                              % " ".join(kids), "09-006")
                if e.parent is None or e.parent.std != "TOC":
                    self.fail("toc-structure", e.where(), "not inside a TOC",
                              "09-006")

    def check_text_attributes(self):
        """/Lang well-formed, /E (expansion of an abbreviation, ISO 32000-1
        14.9.5), /Alt and /ActualText non-empty text strings; Note /ID
        present and unique (Matterhorn 19-003/004)."""
        note_ids = {}
        for e in self.elems:
            o = e.obj
            if "/Lang" in o:
                lang = text_of(o.get("/Lang"))
                if lang is None or (lang and not LANG_RE.match(lang)):
                    self.fail("lang", e.where(), "/Lang %r is not a BCP 47 "
                              "tag" % lang, "11-001")
            for k in ("/E", "/Alt", "/ActualText"):
                if k in o:
                    v = text_of(o.get(k))
                    if v is None or not v.strip():
                        self.fail("text-attribute", e.where(), "%s is not a "
                                  "non-empty text string" % k)
            if e.std == "Note":
                nid = o.get("/ID")
                if not isinstance(nid, String):
                    self.fail("note-id", e.where(), "Note without /ID",
                              "19-003")
                elif bytes(nid) in note_ids:
                    self.fail("note-id", e.where(), "Note /ID not unique",
                              "19-004")
                else:
                    note_ids[bytes(nid)] = e

    def check_annotations(self):
        """Matterhorn 28: annotations are in the structure (Link in a Link
        element, others in Annot, widgets in Form), have /Contents, map
        back through /StructParent; their pages have /Tabs /S."""
        pt = self.parent_tree or {}
        annot_pages = {}
        for page in self.pages:
            pk = key(page)
            where = self.page_where(pk)
            annots = page.get("/Annots")
            if not isinstance(annots, Array) or len(annots) == 0:
                continue
            if "/Tabs" not in page:
                self.fail("tabs", where, "a page with annotations has no "
                          "/Tabs", "28-008")
            elif page.get("/Tabs") != Name.S:
                self.fail("tabs", where, "/Tabs is not /S", "28-009")
            for a in annots:
                if not isinstance(a, Dictionary):
                    continue
                annot_pages[key(a)] = pk
                sub = name_of(a.get("/Subtype"))
                if sub == "Popup":
                    continue
                aw = "%s, %s annotation %s" % (
                    where, sub, "%d %d R" % key(a) if key(a) else "(direct)")
                contents = text_of(a.get("/Contents"))
                want = {"Link": "Link", "Widget": "Form"}.get(sub, "Annot")
                sp = a.get("/StructParent")
                e = None
                if is_int(sp) and isinstance(pt.get(sp), Dictionary):
                    e = self.elem_by_key.get(key(pt.get(sp)))
                if e is None:
                    self.fail("annot-struct", aw, "no /StructParent leading "
                              "to a structure element",
                              {"Link": "28-011", "Widget": "28-010"}
                              .get(sub, "28-002"))
                else:
                    if e.std != want:
                        self.fail("annot-struct", aw, "its structure element "
                                  "is %s, not %s" % (e.raw, want),
                                  {"Link": "28-011", "Widget": "28-010"}
                                  .get(sub, "28-002"))
                    if not any(it[0] == "objr" and
                               isinstance(it[1], Dictionary) and
                               key(it[1]) == key(a) for it in e.items):
                        self.fail("annot-struct", aw, "/StructParent maps to "
                                  "%s, which has no OBJR for it" % e.where())
                if sub == "Link" and not (contents and contents.strip()):
                    self.fail("annot-contents", aw, "no /Contents", "28-012")
                elif sub != "Widget" and not (contents and contents.strip())\
                        and not (e and text_of(e.obj.get("/Alt"))):
                    self.fail("annot-contents", aw, "no /Contents and no Alt "
                              "on its element", "28-004")
        for e in self.elems:
            objrs = [it for it in e.items if it[0] == "objr"]
            for _, target, pg in objrs:
                if not isinstance(target, Dictionary) or \
                        key(target) not in annot_pages:
                    self.fail("objr", e.where(), "an OBJR whose /Obj is not "
                              "an annotation of any page")
                elif isinstance(pg, Dictionary) and \
                        key(pg) != annot_pages[key(target)]:
                    self.fail("objr", e.where(), "an OBJR whose /Pg is not "
                              "the page holding the annotation")
            if e.std != "Link":
                continue
            links = [t for _, t, _ in objrs if isinstance(t, Dictionary) and
                     t.get("/Subtype") == Name.Link]
            if not links:
                self.fail("link-objr", e.where(), "a Link element without an "
                          "OBJR to a Link annotation (ISO 32000-1 14.8.4.4.2)")
            if not self.has_content(e):
                self.fail("link-text", e.where(), "a Link element without "
                          "text content (ISO 14289-1 7.18.5)")

    def resolve_dest(self, dest):
        """A destination (array, name or string, ISO 32000-1 12.3.2) ->
        the page it leads to, or None."""
        for _ in range(4):
            if isinstance(dest, Dictionary) and "/D" in dest:
                dest = dest.get("/D")
            if isinstance(dest, (Name, String)):
                dest = self.named_dest(dest)
            else:
                break
        if isinstance(dest, Array) and len(dest) > 0 and \
                isinstance(dest[0], Dictionary) and key(dest[0]) in \
                self.page_no:
            return key(dest[0])
        return None

    def named_dest(self, name):
        if isinstance(name, Name):
            d = self.pdf.Root.get("/Dests")
            return d.get(str(name)) if isinstance(d, Dictionary) else None
        names = self.pdf.Root.get("/Names")
        tree = names.get("/Dests") if isinstance(names, Dictionary) else None
        want = bytes(name)
        todo = [tree] if isinstance(tree, Dictionary) else []
        while todo:
            node = todo.pop()
            arr = node.get("/Names")
            if isinstance(arr, Array):
                for i in range(0, len(arr) - 1, 2):
                    if isinstance(arr[i], String) and bytes(arr[i]) == want:
                        return arr[i + 1]
            kids = node.get("/Kids")
            if isinstance(kids, Array):
                todo.extend(k for k in kids if isinstance(k, Dictionary))
        return None

    def check_links(self):
        """Internal links work: every Link annotation with /Dest or a GoTo
        action leads to a page of this document; a URI action has a URI."""
        for page in self.pages:
            annots = page.get("/Annots")
            if not isinstance(annots, Array):
                continue
            for a in annots:
                if not isinstance(a, Dictionary) or \
                        a.get("/Subtype") != Name.Link:
                    continue
                aw = "%s, Link annotation %s" % (
                    self.page_where(key(page)),
                    "%d %d R" % key(a) if key(a) else "(direct)")
                act = a.get("/A")
                if "/Dest" in a:
                    if self.resolve_dest(a.get("/Dest")) is None:
                        self.fail("link-dest", aw, "/Dest leads to no page "
                                  "of the document")
                elif isinstance(act, Dictionary) and act.get("/S") == \
                        Name.GoTo:
                    if self.resolve_dest(act.get("/D")) is None:
                        self.fail("link-dest", aw, "GoTo leads to no page "
                                  "of the document")
                elif isinstance(act, Dictionary) and act.get("/S") == \
                        Name.URI:
                    if not isinstance(act.get("/URI"), String) or \
                            not bytes(act.get("/URI")):
                        self.fail("link-dest", aw, "URI action without URI")
                else:
                    self.fail("link-dest", aw, "neither /Dest nor a GoTo or "
                              "URI action")

    def outline_titles(self):
        out = []
        ol = self.pdf.Root.get("/Outlines")
        first = ol.get("/First") if isinstance(ol, Dictionary) else None
        seen = set()
        todo = [first] if isinstance(first, Dictionary) else []
        while todo:
            item = todo.pop()
            if not isinstance(item, Dictionary) or key(item) in seen:
                continue
            seen.add(key(item))
            title = text_of(item.get("/Title")) or ""
            dest = item.get("/Dest")
            act = item.get("/A")
            if dest is None and isinstance(act, Dictionary) and \
                    act.get("/S") == Name.GoTo:
                dest = act.get("/D")
            out.append((title, self.resolve_dest(dest)))
            # depth first: this item's children, then its next sibling
            nxt, kid = item.get("/Next"), item.get("/First")
            if isinstance(nxt, Dictionary):
                todo.append(nxt)
            if isinstance(kid, Dictionary):
                todo.append(kid)
        return out

    def check_navigation(self):
        """ISO 14289-1 7.17 (navigation aids): a bookmark for
        every heading, in heading order, leading to a page; page labels
        (ISO 32000-1 12.4.2)."""
        marks = self.outline_titles()
        for title, page in marks:
            if page is None:
                self.fail("bookmarks", "outline item %r" % title[:50],
                          "leads to no page of the document")
        hs = [norm_text(self.elem_text(e)) for _, e in self.headings()]
        titles = [norm_text(t) for t, _ in marks]
        i = 0
        for h, (_, e) in zip(hs, self.headings()):
            while i < len(titles) and titles[i] != h:
                i += 1
            if i == len(titles):
                self.fail("bookmarks", e.where(), "no bookmark %r (in "
                          "heading order)" % self.elem_text(e)[:60])
                break
            i += 1
        pl = self.pdf.Root.get("/PageLabels")
        if not isinstance(pl, Dictionary) or not isinstance(
                pl.get("/Nums"), Array) or len(pl.get("/Nums")) < 2 or \
                pl.get("/Nums")[0] != 0:
            self.fail("page-labels", "catalog", "no /PageLabels number tree "
                      "starting at page index 0")

    def has_content(self, e):
        return any(it[0] == "mcid" for it in e.items) or any(
            self.has_content(k) for k in e.kids)

    # -- output for tests -----------------------------------------------

    def outline(self):
        """Headings, tables and figures in structure order."""
        out = []
        for e in self.elems:
            if HEADING_RE.match(e.std) or e.std == "H":
                out.append("%s %s" % (e.std, self.elem_text(e)))
            elif e.std == "Table":
                out.append("Table rows=%d" % self.count_rows(e))
            elif e.std == "Figure":
                out.append("Figure %s" % (text_of(e.obj.get("/Alt")) or ""))
        return out

    def page_outline(self):
        """Headings, tables and figures as a reader of one page at a
        time meets them: pdf.js builds each page's structure from the
        elements with content on it, in structure order, and reads the
        pages in order.  A float (a figure or a short table the layout
        set aside to the next page's top, after what follows it) is
        read there.  A table has a part on each page, with the rows
        that have content on it; parts of one table on consecutive
        pages with nothing between them are one (pdfjs-struct.mjs
        joins them so)."""
        items = []
        for e in self.elems:
            if HEADING_RE.match(e.std) or e.std == "H":
                pages = sorted(self.elem_pages(e))[:1]
            elif e.std in ("Table", "Figure"):
                pages = sorted(self.elem_pages(e))
            else:
                continue
            for p in pages:
                items.append((p, len(items), e))
        items.sort(key=lambda x: (x[0], x[1]))
        out = []
        last = None
        for p, _, e in items:
            if e.std == "Table":
                rows = self.rows_on_page(e, p)
                if last is not None and last[0] is e and last[1] == p - 1:
                    out[-1] = "Table rows=%d" % (
                        int(out[-1].split("=")[1]) + rows)
                else:
                    out.append("Table rows=%d" % rows)
            elif e.std == "Figure":
                out.append("Figure %s" % (text_of(e.obj.get("/Alt")) or ""))
            else:
                out.append("%s %s" % (e.std, self.elem_text(e)))
            last = (e, p)
        return out

    def rows_on_page(self, e, page):
        return sum((1 if page in self.elem_pages(k) else 0)
                   if k.std == "TR" else self.rows_on_page(k, page)
                   for k in e.kids if k.std in ("TR", "THead", "TBody",
                                                "TFoot"))

    def count_rows(self, e):
        return sum(1 if k.std == "TR" else self.count_rows(k)
                   for k in e.kids if k.std in ("TR", "THead", "TBody",
                                                "TFoot"))

    def header_cells(self, e):
        """The column headers that a continuation page repeats: the TH
        cells of THead, or else of the first row (row headers further
        down are not repeated)."""
        rows = []
        for k in e.kids:
            if k.std == "TR":
                rows.append(k)
            elif k.std == "THead":
                return [c for r in k.kids for c in r.kids if c.std == "TH"]
            elif k.std in ("TBody", "TFoot"):
                rows.extend(r for r in k.kids if r.std == "TR")
        return [c for c in rows[0].kids if c.std == "TH"] if rows else []

    def table_report(self):
        lines = []
        n = 0
        for e in self.elems:
            if e.std != "Table":
                continue
            n += 1
            pages = sorted(self.elem_pages(e))
            ths = [norm_text(self.elem_text(c)) for c in self.header_cells(e)]
            ths = [t for t in ths if t]
            repeated = []
            for p in pages[1:]:
                art = norm_text("".join(
                    self.page_artifact_text[key(self.pages[p - 1])]))
                if ths and all(t in art for t in ths):
                    repeated.append(p)
            lines.append("Table %d: pages %s rows %d header-cells %d "
                         "repeated-header-artifact-pages %s"
                         % (n, ",".join(map(str, pages)) or "-",
                            self.count_rows(e), len(ths),
                            ",".join(map(str, repeated)) or "-"))
        return lines

    def features(self):
        """What the document uses, for tests that want a feature shown:
        "NAME COUNT" lines."""
        doc_lang = (text_of(self.pdf.Root.get("/Lang")) or "").lower()
        types = {}
        for e in self.elems:
            types[e.std] = types.get(e.std, 0) + 1
        foreign = [e for e in self.elems if "/Lang" in e.obj and
                   (text_of(e.obj.get("/Lang")) or "").lower() != doc_lang]
        foreign_mc = [x for x in self.mc_langs
                      if (x or "").lower() != doc_lang]
        out = ["pages %d" % len(self.pages),
               "pagination-artifact-pages %d" % len(self.pagination_pages),
               "abbreviations %d" % sum(1 for e in self.elems
                                        if "/E" in e.obj),
               "other-language-passages %d" % (len(foreign) +
                                               len(foreign_mc)),
               "bookmarks %d" % len(self.outline_titles()),
               "link-annotations %d" % sum(
                   1 for p in self.pages for a in (p.get("/Annots") or [])
                   if isinstance(a, Dictionary) and
                   a.get("/Subtype") == Name.Link)]
        for t in sorted(types):
            out.append("element-%s %d" % (t, types[t]))
        return out

    def check_expected_headings(self, path):
        want = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                lv, _, text = line.partition(" ")
                want.append((lv, text))
        got = [(e.std, self.elem_text(e)) for _, e in self.headings()]
        for i in range(max(len(want), len(got))):
            w = want[i] if i < len(want) else None
            g = got[i] if i < len(got) else None
            if w and g and w[0] == g[0] and \
                    norm_text(w[1]) == norm_text(g[1]):
                continue
            self.fail("headings-expected", "heading %d" % (i + 1),
                      "expected %s, found %s"
                      % ("%s %r" % w if w else "no more headings",
                         "%s %r" % g if g else "no more headings"))
            break

    # -- driver ---------------------------------------------------------

    def run(self, expect=None):
        self.collect_pages()
        self.check_header()
        self.check_encryption()
        self.check_markinfo()
        self.check_lang()
        self.check_viewer_preferences()
        self.check_info()
        self.check_xmp()
        self.check_output_intent()
        self.check_pdfa_objects()
        self.check_content()
        self.check_fonts()
        if self.read_structure():
            self.check_parent_tree()
            self.check_headings()
            self.check_figures()
            self.check_tables()
            self.check_lists()
            self.check_toc()
            self.check_text_attributes()
            self.check_annotations()
            self.check_navigation()
        self.check_links()
        if expect:
            self.check_expected_headings(expect)
        self.summarise()


# -- TrueType (the OpenType specification: table directory, maxp, cmap) --

class TrueType:
    """The two things the glyph check needs from an embedded TrueType
    font: the number of glyphs (maxp) and the (3,1) format 4 cmap, Unicode
    BMP -> glyph id (None if the font has none)."""

    def __init__(self, data):
        self.data = data
        ntables = struct.unpack(">H", data[4:6])[0]
        self.tables = {}
        for i in range(ntables):
            tag, _, off, length = struct.unpack(
                ">4sIII", data[12 + 16 * i:28 + 16 * i])
            self.tables[tag] = (off, length)
        if b"maxp" not in self.tables:
            raise ValueError("no maxp table")
        off = self.tables[b"maxp"][0]
        self.num_glyphs = struct.unpack(">H", data[off + 4:off + 6])[0]
        self.cmap = self.read_cmap()

    def read_cmap(self):
        if b"cmap" not in self.tables:
            return None
        d = self.data
        base = self.tables[b"cmap"][0]
        nsub = struct.unpack(">H", d[base + 2:base + 4])[0]
        sub = None
        for i in range(nsub):
            pid, eid, off = struct.unpack(
                ">HHI", d[base + 4 + 8 * i:base + 12 + 8 * i])
            if (pid, eid) == (3, 1):
                sub = base + off
        if sub is None or struct.unpack(">H", d[sub:sub + 2])[0] != 4:
            return None
        segx2 = struct.unpack(">H", d[sub + 6:sub + 8])[0]
        n = segx2 // 2
        ends = struct.unpack(">%dH" % n, d[sub + 14:sub + 14 + segx2])
        p = sub + 16 + segx2
        starts = struct.unpack(">%dH" % n, d[p:p + segx2])
        deltas = struct.unpack(">%dh" % n, d[p + segx2:p + 2 * segx2])
        ro_at = p + 2 * segx2
        ros = struct.unpack(">%dH" % n, d[ro_at:ro_at + segx2])

        def lookup(c):
            i = bisect.bisect_left(ends, c)
            if i >= n or starts[i] > c:
                return 0
            if ros[i] == 0:
                return (c + deltas[i]) & 0xFFFF
            a = ro_at + 2 * i + ros[i] + 2 * (c - starts[i])
            g = struct.unpack(">H", d[a:a + 2])[0]
            return (g + deltas[i]) & 0xFFFF if g else 0
        return lookup


# -- CMaps (ISO 32000-1 9.7.5, 9.10.3; Adobe TN 5014 for the syntax) ----

class CMapError(Exception):
    pass


TOKEN_RE = re.compile(rb"""
    (?P<ws>\s+|%[^\r\n]*)
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dict><<|>>)
  | (?P<arr>[\[\]])
  | (?P<str>\((?:\\.|[^\\)])*\))
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<word>[^\s/\[\]()<>{}%]+)
  | (?P<brace>[{}])
""", re.X)


def cmap_tokens(data):
    toks = []
    pos = 0
    while pos < len(data):
        m = TOKEN_RE.match(data, pos)
        if not m:
            raise CMapError("unreadable byte %r at offset %d"
                            % (data[pos:pos + 1], pos))
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        text = m.group(kind)
        if kind == "hex":
            digits = re.sub(rb"\s", b"", text[1:-1])
            if len(digits) % 2:
                digits += b"0"
            toks.append(("hex", bytes.fromhex(digits.decode())))
        else:
            toks.append((kind, text.decode("latin-1")))
    return toks


def codespace_ranges(toks):
    ranges = []
    i = 0
    while i < len(toks):
        if toks[i] == ("word", "begincodespacerange"):
            i += 1
            while i + 1 < len(toks) and toks[i][0] == "hex":
                lo, hi = toks[i][1], toks[i + 1][1]
                ranges.append((len(lo), int.from_bytes(lo, "big"),
                               int.from_bytes(hi, "big")))
                i += 2
        i += 1
    return ranges


def split_codes(data, ranges):
    """Splits a shown string into codes by the font's codespace ranges
    (ISO 32000-1 9.7.6.2)."""
    codes = []
    i = 0
    lengths = sorted({n for n, _, _ in ranges})
    while i < len(data):
        for n in lengths:
            if i + n <= len(data):
                v = int.from_bytes(data[i:i + n], "big")
                if any(rn == n and lo <= v <= hi for rn, lo, hi in ranges):
                    codes.append(v)
                    i += n
                    break
        else:
            n = lengths[-1] if i + lengths[-1] <= len(data) else 1
            codes.append(int.from_bytes(data[i:i + n], "big"))
            i += n
    return codes


def utf16(b):
    try:
        return b.decode("utf-16-be")
    except UnicodeDecodeError:
        raise CMapError("destination <%s> is not UTF-16BE" % b.hex())


def parse_cmap_bf(data):
    """Reads a ToUnicode CMap: CMapType 2, bfchar/bfrange only.  Returns
    {code: text}; raises CMapError naming what is wrong."""
    toks = cmap_tokens(data)
    words = [t for k, t in toks if k == "word"]
    for bad in ("begincidrange", "begincidchar", "beginnotdefrange",
                "beginnotdefchar"):
        if bad in words:
            raise CMapError("it uses %s, which belongs in an encoding "
                            "CMap, not a ToUnicode map" % bad)
    if "begincmap" not in words or "endcmap" not in words:
        raise CMapError("no begincmap/endcmap")
    ctype = None
    for i, (k, t) in enumerate(toks[:-1]):
        if (k, t) == ("name", "/CMapType"):
            ctype = toks[i + 1][1]
    if ctype != "2":
        raise CMapError("/CMapType is %s, not 2" % ctype)
    mapping = {}
    i = 0
    while i < len(toks):
        k, t = toks[i]
        if k == "word" and t in ("beginbfchar", "beginbfrange"):
            declared = toks[i - 1][1] if i > 0 else None
            end = "end" + t[5:]
            j = i + 1
            entries = 0
            while j < len(toks) and toks[j] != ("word", end):
                if t == "beginbfchar":
                    src, dst = toks[j], toks[j + 1] if j + 1 < len(toks) \
                        else (None, None)
                    if src[0] != "hex" or dst[0] != "hex":
                        raise CMapError("a bfchar entry that is not two hex "
                                        "strings")
                    mapping[int.from_bytes(src[1], "big")] = utf16(dst[1])
                    j += 2
                else:
                    j = bf_range(toks, j, mapping)
                entries += 1
            if j >= len(toks):
                raise CMapError("%s without %s" % (t, end))
            if declared is None or not declared.isdigit() or \
                    int(declared) != entries:
                raise CMapError("%s declares %s entries, has %d"
                                % (t, declared, entries))
            if entries > 100:
                raise CMapError("%s with %d entries; at most 100 are "
                                "allowed" % (t, entries))
            i = j
        i += 1
    if not mapping:
        raise CMapError("no bfchar or bfrange entries")
    return mapping


def bf_range(toks, j, mapping):
    if j + 2 >= len(toks) or toks[j][0] != "hex" or toks[j + 1][0] != "hex":
        raise CMapError("a bfrange entry without two hex strings")
    lo, hi = toks[j][1], toks[j + 1][1]
    if len(lo) != len(hi) or lo[:-1] != hi[:-1] or lo[-1] > hi[-1]:
        raise CMapError("bfrange <%s> <%s> crosses its last byte"
                        % (lo.hex(), hi.hex()))
    base = int.from_bytes(lo, "big")
    count = hi[-1] - lo[-1] + 1
    dst = toks[j + 2]
    if dst[0] == "hex":
        d = dst[1]
        if len(d) < 2:
            raise CMapError("bfrange destination <%s> too short" % d.hex())
        last = int.from_bytes(d[-2:], "big")
        if last + count - 1 > 0xFFFF:
            raise CMapError("bfrange destination overflows")
        for n in range(count):
            mapping[base + n] = utf16(d[:-2] + (last + n).to_bytes(2, "big"))
        return j + 3
    if dst == ("arr", "["):
        n = 0
        j += 3
        while j < len(toks) and toks[j] != ("arr", "]"):
            if toks[j][0] != "hex":
                raise CMapError("a bfrange array with a non-hex entry")
            mapping[base + n] = utf16(toks[j][1])
            n += 1
            j += 1
        if n != count:
            raise CMapError("a bfrange array of %d for %d codes" % (n, count))
        return j + 1
    raise CMapError("a bfrange destination that is neither a hex string "
                    "nor an array")


def main(argv):
    args = argv[1:]
    expect = None
    want_list = want_tables = want_features = False
    report = None
    files = []
    while args:
        a = args.pop(0)
        if a == "--expect-headings" and args:
            expect = args.pop(0)
        elif a == "--list":
            want_list = True
        elif a == "--tables":
            want_tables = True
        elif a == "--features":
            want_features = True
        elif a == "--report" and args:
            report = args.pop(0)
        elif a.startswith("-"):
            sys.stderr.write(__doc__)
            return 2
        else:
            files.append(a)
    if len(files) != 1:
        sys.stderr.write(__doc__)
        return 2
    try:
        c = Checker(files[0])
    except (pikepdf.PdfError, OSError) as e:
        print("open %s: cannot read the PDF: %s" % (files[0], e))
        return 2
    try:
        c.run(expect)
    except (pikepdf.PdfError, RecursionError) as e:
        print("read %s: the PDF is too damaged to check: %s" % (files[0], e))
        return 2
    for line in c.failures:
        print(line)
    if want_list:
        for line in c.outline():
            print(line)
    if want_tables:
        for line in c.table_report():
            print(line)
    if want_features:
        for line in c.features():
            print(line)
    if report:
        for suffix, lines in ((".list", c.outline()),
                              (".pagelist", c.page_outline()),
                              (".tables", c.table_report()),
                              (".features", c.features())):
            with open(report + suffix, "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in lines))
    if c.failures:
        print("%s: %d rule(s) failed" % (
            files[0], len({rule for rule, _ in c.counts})), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
