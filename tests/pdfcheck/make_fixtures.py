#!/usr/bin/python3
"""make_fixtures.py OUTDIR [FONT.ttf] - writes the PDFs that test pdfcheck.py.

good.pdf is a small, hand-made, fully tagged two-page PDF (PDF/UA-1,
PDF/A-2b): headings, a paragraph with an abbreviation (Span /E), a link
(Link element with its text and an OBJR to a Link annotation), a figure,
a list, a table that continues on page 2 with its header row repeated
there as an artifact, a passage in English, running header and footer as
pagination artifacts, bookmarks for the headings and page labels.  Every other fixture is good.pdf with one defect;
BROKEN (below) lists each one with the rule pdfcheck.py must name.

Nothing here is committed as a binary: the fixtures are made at test time
from this script and the DejaVu Sans font of the Debian package
fonts-dejavu-core.
"""
import os
import struct
import sys
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# -- a font, embedded as a Type0/CIDFontType2 with Identity-H -------------

def cmap_format4(ttf):
    """Unicode (BMP) -> glyph id from the font's (3,1) format 4 cmap."""
    ntables = struct.unpack(">H", ttf[4:6])[0]
    cmap_off = None
    for i in range(ntables):
        tag, _, off, _ = struct.unpack(">4sIII", ttf[12 + 16 * i:28 + 16 * i])
        if tag == b"cmap":
            cmap_off = off
    nsub = struct.unpack(">H", ttf[cmap_off + 2:cmap_off + 4])[0]
    sub = None
    for i in range(nsub):
        pid, eid, off = struct.unpack(
            ">HHI", ttf[cmap_off + 4 + 8 * i:cmap_off + 12 + 8 * i])
        if (pid, eid) == (3, 1):
            sub = cmap_off + off
    segx2 = struct.unpack(">H", ttf[sub + 6:sub + 8])[0]
    nseg = segx2 // 2
    ends = struct.unpack(">%dH" % nseg, ttf[sub + 14:sub + 14 + segx2])
    p = sub + 16 + segx2
    starts = struct.unpack(">%dH" % nseg, ttf[p:p + segx2])
    deltas = struct.unpack(">%dh" % nseg, ttf[p + segx2:p + 2 * segx2])
    ro_pos = p + 2 * segx2
    ros = struct.unpack(">%dH" % nseg, ttf[ro_pos:ro_pos + segx2])

    def gid(c):
        for i in range(nseg):
            if starts[i] <= c <= ends[i]:
                if ros[i] == 0:
                    return (c + deltas[i]) & 0xFFFF
                a = ro_pos + 2 * i + ros[i] + 2 * (c - starts[i])
                g = struct.unpack(">H", ttf[a:a + 2])[0]
                return (g + deltas[i]) & 0xFFFF if g else 0
        return 0
    return gid


def tounicode_cmap(codes):
    """A ToUnicode CMap (CMapType 2) of bfchar blocks of up to 100."""
    out = [b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
           b"/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
           b"/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
           b"endcodespacerange\n"]
    codes = sorted(codes)
    for i in range(0, len(codes), 100):
        block = codes[i:i + 100]
        out.append(b"%d beginbfchar\n" % len(block))
        for c in block:
            out.append(b"<%04X> <%04X>\n" % (c, c))
        out.append(b"endbfchar\n")
    out.append(b"endcmap\nCMapName currentdict /CMap defineresource pop\n"
               b"end\nend\n")
    return b"".join(out)


_ZTTF = {}


def font_file(pdf, ttf):
    """The font program, compressed once for all fixtures."""
    if id(ttf) not in _ZTTF:
        _ZTTF[id(ttf)] = zlib.compress(ttf, 6)
    return pdf.make_stream(_ZTTF[id(ttf)], Filter=Name.FlateDecode,
                           Length1=len(ttf))


def make_font(pdf, ttf, chars):
    gid = cmap_format4(ttf)
    codes = sorted({ord(c) for c in chars})
    table = bytearray(2 * (max(codes) + 1))
    for c in codes:
        struct.pack_into(">H", table, 2 * c, gid(c))
    fd = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/DejaVuSans"), Flags=32,
        FontBBox=[-1021, -463, 1793, 1232], ItalicAngle=0, Ascent=928,
        Descent=-236, CapHeight=729, StemV=80,
        FontFile2=font_file(pdf, ttf)))
    cid = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType2,
        BaseFont=Name("/DejaVuSans"),
        CIDSystemInfo=Dictionary(Registry=String("Adobe"),
                                 Ordering=String("Identity"), Supplement=0),
        FontDescriptor=fd, DW=600,
        CIDToGIDMap=pdf.make_stream(bytes(table))))
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/DejaVuSans"),
        Encoding=Name("/Identity-H"), DescendantFonts=[cid],
        ToUnicode=pdf.make_stream(tounicode_cmap(codes))))


def icc_profile():
    """A small but complete ICC v2 RGB display profile (sRGB primaries
    adapted to D50, gamma 2.2 curves), made here so that the fixtures need
    no profile package; colour engines such as lcms accept it."""
    def s15(v):
        return struct.pack(">i", round(v * 65536))

    def xyz(x, y, z):
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    desc_text = b"sRGB-like test profile\0"
    desc = (b"desc" + bytes(4) + struct.pack(">I", len(desc_text)) +
            desc_text + bytes(4 + 4 + 2 + 1 + 67))
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)
    tags = [(b"desc", desc), (b"cprt", b"text" + bytes(4) + b"none\0"),
            (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
            (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table = bytearray()
    data = bytearray()
    offset = 128 + 4 + 12 * len(tags)
    for sig, body in tags:
        while len(body) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    hdr = bytearray(128)
    struct.pack_into(">I", hdr, 0, size)
    hdr[8:12] = bytes([2, 0x10, 0, 0])
    hdr[12:16] = b"mntr"
    hdr[16:20] = b"RGB "
    hdr[20:24] = b"XYZ "
    hdr[36:40] = b"acsp"
    hdr[68:80] = s15(0.9642) + s15(1.0) + s15(0.8249)
    return bytes(hdr) + struct.pack(">I", len(tags)) + bytes(table) + \
        bytes(data)


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">@TITLE@</rdf:li></rdf:Alt></dc:title>
   <pdfaid:part>@PART@</pdfaid:part>
   <pdfaid:conformance>@CONF@</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
@EXT@  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

XMP_EXT = """   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of PDF/UA standard</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
"""

TITLE = "Prüfbericht Digitalstrategie"


def xmp(title=TITLE, part="2", conf="B", ext=True, text=None):
    s = text or XMP.replace("@TITLE@", title).replace("@PART@", part) \
        .replace("@CONF@", conf).replace("@EXT@", XMP_EXT if ext else "")
    return s.encode("utf-8")


# -- the good document ----------------------------------------------------

class Builder:
    """Writes page content and the structure tree together, the way a
    tagging renderer should: each MCID is recorded against its element."""

    def __init__(self, pdf, font):
        self.pdf = pdf
        self.font = font
        self.pages = []
        self.content = []
        self.parents = []       # per page: list of element by MCID
        self.next_sp = 0

    def page(self):
        res = Dictionary(Font=Dictionary(F1=self.font))
        page = self.pdf.make_indirect(Dictionary(
            Type=Name.Page, MediaBox=[0, 0, 595, 842], Resources=res))
        self.pdf.pages.append(pikepdf.Page(page))
        page = self.pdf.pages[-1].obj
        self.pages.append(page)
        self.content.append([])
        self.parents.append([])
        return len(self.pages) - 1

    def elem(self, s, parent, **extra):
        e = self.pdf.make_indirect(Dictionary(Type=Name.StructElem,
                                              S=Name("/" + s), P=parent,
                                              K=Array(), **extra))
        parent.K.append(e)
        return e

    @staticmethod
    def hexstr(text):
        return "<" + "".join("%04X" % ord(c) for c in text) + ">"

    def text(self, p, elem, text, x, y, size=11):
        """Draws one line of text as a tagged sequence of `elem`."""
        mcid = len(self.parents[p])
        self.parents[p].append(elem)
        if "/Pg" not in elem:
            elem.Pg = self.pages[p]
        if elem.Pg.objgen == self.pages[p].objgen:
            elem.K.append(mcid)
        else:
            elem.K.append(Dictionary(Type=Name.MCR, Pg=self.pages[p],
                                     MCID=mcid))
        self.content[p].append(
            "/%s <</MCID %d>> BDC BT /F1 %d Tf %d %d Td %s Tj ET EMC"
            % (str(elem.S)[1:], mcid, size, x, y, self.hexstr(text)))
        return mcid

    def artifact(self, p, text, x, y, kind="/Pagination"):
        self.content[p].append(
            "/Artifact <</Type %s>> BDC BT /F1 9 Tf %d %d Td %s Tj ET EMC"
            % (kind, x, y, self.hexstr(text)))

    def finish(self, root):
        nums = Array()
        for p, page in enumerate(self.pages):
            page.Contents = self.pdf.make_stream(
                "\n".join(self.content[p]).encode("ascii"))
            page.StructParents = self.next_sp
            nums.append(self.next_sp)
            nums.append(self.pdf.make_indirect(Array(self.parents[p])))
            self.next_sp += 1
        return nums


ALL_TEXT = ("Kopfzeile Seite 1 von 2 " + TITLE + " Einleitung Die Stadt "
            "setzt die OZG-Leistungen um. mehr dazu Maßnahmen Jahr Wert "
            "2024 2025 2026 42 57 61 • Erster Punkt Zweiter Punkt Summary "
            "in English. Balkendiagramm Ende A")


def build_good(ttf):
    pdf = pikepdf.new()
    font = make_font(pdf, ttf, ALL_TEXT)
    b = Builder(pdf, font)
    p1 = b.page()
    p2 = b.page()
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    doc = b.elem("Document", root)

    for p in (p1, p2):
        b.artifact(p, "Kopfzeile", 72, 800)
    h1 = b.elem("H1", doc)
    b.text(p1, h1, TITLE, 72, 760, 16)
    h2 = b.elem("H2", doc)
    b.text(p1, h2, "Einleitung", 72, 730, 13)
    para = b.elem("P", doc)
    b.text(p1, para, "Die Stadt setzt die", 72, 710)
    span = b.elem("Span", para, E=String("Onlinezugangsgesetz"))
    b.text(p1, span, "OZG", 200, 710)
    b.text(p1, para, "-Leistungen um.", 225, 710)
    link = b.elem("Link", para)
    b.text(p1, link, "mehr dazu", 72, 695)
    annot = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[72, 690, 130, 705],
        Border=[0, 0, 0], F=4, Contents=String("Mehr zur Strategie"),
        StructParent=2, A=Dictionary(S=Name.URI,
                                     URI=String("https://example.org/"))))
    link.K.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=b.pages[p1]))
    b.pages[p1].Annots = Array([annot])
    b.pages[p1].Tabs = Name.S

    h2b = b.elem("H2", doc)
    b.text(p1, h2b, "Maßnahmen", 72, 660, 13)
    fig = b.elem("Figure", doc, Alt=String("Balkendiagramm: 42, 57 und 61"),
                 A=Dictionary(O=Name.Layout, BBox=[72, 560, 272, 640]))
    mcid = len(b.parents[p1])
    b.parents[p1].append(fig)
    fig.Pg = b.pages[p1]
    fig.K.append(mcid)
    b.content[p1].append("/Figure <</MCID %d>> BDC q 0.2 0.4 0.8 rg "
                         "72 560 60 42 re 142 560 60 57 re 212 560 60 61 re "
                         "f Q EMC" % mcid)
    lst = b.elem("L", doc, A=Dictionary(O=Name.List,
                                        ListNumbering=Name.Disc))
    for i, item in enumerate(("Erster Punkt", "Zweiter Punkt")):
        li = b.elem("LI", lst)
        lbl = b.elem("Lbl", li)
        b.text(p1, lbl, "•", 72, 540 - 15 * i)
        body = b.elem("LBody", li)
        b.text(p1, body, item, 85, 540 - 15 * i)

    table = b.elem("Table", doc, A=Dictionary(O=Name.Layout,
                                              BBox=[72, 400, 300, 500]))
    thead = b.elem("THead", table)
    tr = b.elem("TR", thead)
    for i, t in enumerate(("Jahr", "Wert")):
        th = b.elem("TH", tr, A=Dictionary(O=Name.Table, Scope=Name.Column))
        b.text(p1, th, t, 72 + 100 * i, 480)
    tbody = b.elem("TBody", table)
    rows = (("2024", "42", p1, 465), ("2025", "57", p1, 450),
            ("2026", "61", p2, 740))
    for year, val, p, y in rows:
        tr = b.elem("TR", tbody)
        for i, t in enumerate((year, val)):
            td = b.elem("TD", tr)
            b.text(p, td, t, 72 + 100 * i, y)
    # The header row again on page 2, as page furniture.
    b.artifact(p2, "Jahr", 72, 760, "/Layout")
    b.artifact(p2, "Wert", 172, 760, "/Layout")

    h2c = b.elem("H2", doc)
    b.text(p2, h2c, "Ende", 72, 700, 13)
    en = b.elem("P", doc, Lang=String("en"))
    b.text(p2, en, "Summary in English.", 72, 680)

    b.artifact(p1, "Seite 1 von 2", 270, 40)
    b.artifact(p2, "Seite 2 von 2", 270, 40)

    nums = b.finish(root)
    nums.append(2)
    nums.append(link)
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = 3

    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String("de-DE")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.Metadata = pdf.make_stream(xmp(), Type=Name.Metadata,
                                        Subtype=Name.XML)
    icc = pdf.make_stream(icc_profile(), N=3)
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, DestOutputProfile=icc,
        OutputConditionIdentifier=String("sRGB IEC61966-2.1"))])
    pdf.trailer.Info = pdf.make_indirect(Dictionary(Title=String(TITLE)))

    # Bookmarks: one per heading, H2s under the H1; page labels.
    top = pdf.make_indirect(Dictionary(Title=String(TITLE)))
    marks = [(String(t), p) for t, p in (("Einleitung", p1),
                                          ("Maßnahmen", p1), ("Ende", p2))]
    items = [pdf.make_indirect(Dictionary(
        Title=t, Parent=top, Dest=[b.pages[p], Name.Fit])) for t, p in marks]
    for a, z in zip(items, items[1:]):
        a.Next, z.Prev = z, a
    top.Dest = [b.pages[p1], Name.Fit]
    top.First, top.Last, top.Count = items[0], items[-1], len(items)
    ol = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=top,
                                      Last=top, Count=len(items) + 1))
    top.Parent = ol
    pdf.Root.Outlines = ol
    pdf.Root.PageLabels = Dictionary(Nums=[0, Dictionary(S=Name.D)])
    return pdf


# -- defects --------------------------------------------------------------

def walk(pdf):
    """Structure elements in depth-first order."""
    out = []

    def visit(e):
        out.append(e)
        k = e.get("/K")
        for kid in (k if isinstance(k, Array) else [k] if k is not None
                    else []):
            if isinstance(kid, Dictionary) and "/S" in kid:
                visit(kid)
    for kid in pdf.Root.StructTreeRoot.K:
        visit(kid)
    return out


def elem(pdf, s, n=0):
    return [e for e in walk(pdf) if e.S == Name("/" + s)][n]


def edit_content(pdf, page, old, new, count=1):
    c = pdf.pages[page].obj.Contents
    data = c.read_bytes()
    assert old in data, (old, data[:200])
    c.write(data.replace(old, new, count))


def untagged(pdf):
    del pdf.Root.StructTreeRoot
    del pdf.Root.MarkInfo
    import re
    for p in range(len(pdf.pages)):
        c = pdf.pages[p].obj.Contents
        data = re.sub(rb"/\w+ <<[^>]*>> BDC |/\w+ BMC | EMC", b"",
                      c.read_bytes())
        c.write(data)
        if "/StructParents" in pdf.pages[p].obj:
            del pdf.pages[p].obj.StructParents


def untagged_text(pdf):
    edit_content(pdf, 0, b"/H1 ", b"BT /F1 11 Tf 72 300 Td <0041> Tj ET\n/H1 ")


def parenttree_wrong(pdf):
    arr = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
    arr[0], arr[1] = arr[1], arr[0]


def missing_alt(pdf):
    del elem(pdf, "Figure").Alt


def skipped_heading(pdf):
    elem(pdf, "H2", 1).S = Name.H4


def first_heading_h2(pdf):
    elem(pdf, "H1").S = Name.H2


def th_no_scope(pdf):
    del elem(pdf, "TH").A


def broken_tounicode(pdf):
    f = pdf.pages[0].Resources.Font.F1
    f.ToUnicode = pdf.make_stream(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CMapType 1 def\n1 begincodespacerange\n<0000> <FFFF>\n"
        b"endcodespacerange\n1 begincidrange\n<0000> <FFFF> 0\n"
        b"endcidrange\nendcmap\nend\nend\n")


def tounicode_gap(pdf):
    f = pdf.pages[0].Resources.Font.F1
    data = f.ToUnicode.read_bytes()
    # Drop the entry for "J" (U+004A, of "Jahr"), fix the block's count.
    data = data.replace(b"<004A> <004A>\n", b"")
    import re
    first = re.search(rb"(\d+) beginbfchar", data)
    data = data[:first.start()] + b"%d beginbfchar" % (
        int(first.group(1)) - 1) + data[first.end():]
    f.ToUnicode.write(data)


def missing_lang(pdf):
    del pdf.Root.Lang


def bad_lang(pdf):
    pdf.Root.Lang = String("de_DE")


def no_display_doc_title(pdf):
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=False)


def no_pdfuaid(pdf):
    pdf.Root.Metadata.write(xmp().replace(
        b"<pdfuaid:part>1</pdfuaid:part>", b""))


def xmp_conformance_a(pdf):
    pdf.Root.Metadata.write(xmp(conf="A"))


def xmp_no_extension(pdf):
    pdf.Root.Metadata.write(xmp(ext=False))


def xmp_malformed(pdf):
    pdf.Root.Metadata.write(xmp().replace(b"</dc:title>", b""))


def no_output_intent(pdf):
    del pdf.Root.OutputIntents


def no_info_title(pdf):
    del pdf.trailer.Info.Title


def not_embedded(pdf):
    fd = pdf.pages[0].Resources.Font.F1.DescendantFonts[0].FontDescriptor
    del fd.FontFile2


def notdef(pdf):
    # U+0416 (Cyrillic Zhe) has no entry in the CIDToGIDMap: glyph 0.
    edit_content(pdf, 1, b"/H2 ", b"/Artifact BMC BT /F1 9 Tf 72 300 Td "
                 b"<0416> Tj ET EMC\n/H2 ")


def artifact_in_tagged(pdf):
    edit_content(pdf, 0, b"/H1 <</MCID 0>> BDC",
                 b"/H1 <</MCID 0>> BDC /Artifact BMC EMC")


def tagged_in_artifact(pdf):
    c = pdf.pages[0].obj.Contents
    data = c.read_bytes()
    i = data.index(b"/H1 ")
    j = data.index(b"EMC", i) + 3
    c.write(data[:i] + b"/Artifact BMC " + data[i:j] + b" EMC" + data[j:])


def nested_mcid(pdf):
    c = pdf.pages[0].obj.Contents
    data = c.read_bytes()
    i = data.index(b"/H1 ")
    j = data.index(b"EMC", i) + 3
    k = data.index(b"EMC", j) + 3     # the H2 sequence ends here
    # Move H1's EMC after the H2 sequence: H2 is nested inside H1.
    c.write(data[:j - 3] + data[j:k] + b" EMC" + data[k:])


def unbalanced(pdf):
    edit_content(pdf, 1, b"Tj ET EMC", b"Tj ET EMC EMC")


def link_no_contents(pdf):
    del pdf.pages[0].obj.Annots[0].Contents


def no_tabs(pdf):
    del pdf.pages[0].obj.Tabs


def link_no_objr(pdf):
    link = elem(pdf, "Link")
    link.K = Array([k for k in link.K if not isinstance(k, Dictionary)])


def annot_wrong_parent(pdf):
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    nums[5] = elem(pdf, "P")


def mcid_missing(pdf):
    elem(pdf, "H2").K.append(99)


def nums_unordered(pdf):
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    nums[0], nums[1], nums[2], nums[3] = nums[2], nums[3], nums[0], nums[1]
    # keep the pages' keys pointing at their own arrays
    pdf.pages[0].obj.StructParents, pdf.pages[1].obj.StructParents = 0, 1


def nonstandard_type(pdf):
    elem(pdf, "P").S = Name("/Absatz")


def rolemapped_type(pdf):
    elem(pdf, "P").S = Name("/Absatz")
    pdf.Root.StructTreeRoot.RoleMap = Dictionary(Absatz=Name.P)


def remapped_standard(pdf):
    pdf.Root.StructTreeRoot.RoleMap = Dictionary(P=Name.Span)


def li_without_lbody(pdf):
    elem(pdf, "LBody").S = Name.P


def tr_with_p(pdf):
    elem(pdf, "TD").S = Name.P


def figure_no_bbox(pdf):
    del elem(pdf, "Figure").A


def empty_e(pdf):
    elem(pdf, "Span").E = String("")


def wrong_parent_link(pdf):
    elem(pdf, "H2").P = elem(pdf, "H1")


def javascript_link(pdf):
    pdf.pages[0].obj.Annots[0].A = Dictionary(S=Name.JavaScript,
                                             JS=String("app.alert(1)"))


def annot_not_printed(pdf):
    pdf.pages[0].obj.Annots[0].F = 0


def bookmark_missing(pdf):
    top = pdf.Root.Outlines.First
    top.First = top.First.Next
    del top.First.Prev


def bookmark_dangling(pdf):
    pdf.Root.Outlines.First.Dest = [pdf.make_indirect(Dictionary()),
                                    Name.Fit]


def no_page_labels(pdf):
    del pdf.Root.PageLabels


def link_dest_broken(pdf):
    a = pdf.pages[0].obj.Annots[0]
    del a.A
    a.Dest = Name("/nirgendwo")


def suspects(pdf):
    pdf.Root.MarkInfo.Suspects = True


def mc_crosses_text(pdf):
    edit_content(pdf, 0, b"/H1 <</MCID 0>> BDC BT", b"BT /H1 <</MCID 0>> BDC")


def mcid_duplicate(pdf):
    edit_content(pdf, 0, b"/H2 <</MCID 1>>", b"/H2 <</MCID 0>>")


def mcid_shared(pdf):
    elem(pdf, "H2").K.append(0)


def heading_mixed(pdf):
    elem(pdf, "H2", 2).S = Name.H


def toc_holds_li(pdf):
    elem(pdf, "L").S = Name.TOC


def note_without_id(pdf):
    elem(pdf, "Span").S = Name.Note


def link_without_text(pdf):
    link = elem(pdf, "Link")
    link.K = Array([k for k in link.K if isinstance(k, Dictionary)])


def struct_kid_string(pdf):
    elem(pdf, "H1").K.append(String("text"))


def mcid_without_page(pdf):
    del elem(pdf, "H1").Pg


def no_cidtogidmap(pdf):
    del pdf.pages[0].Resources.Font.F1.DescendantFonts[0].CIDToGIDMap


def icc_garbage(pdf):
    pdf.Root.OutputIntents[0].DestOutputProfile.write(b"no profile" * 20)


def info_title_differs(pdf):
    pdf.trailer.Info.Title = String("Ein anderer Titel")


def xpacket_bytes(pdf):
    pdf.Root.Metadata.write(xmp().replace(b'id="W5M0', b'bytes="2000" id="W5M0'))


def external_stream(pdf):
    fd = pdf.pages[0].Resources.Font.F1.DescendantFonts[0].FontDescriptor
    fd.FontFile2.F = String("font.ttf")


def missing_xobject(pdf):
    edit_content(pdf, 1, b"/H2 ", b"/Artifact BMC /X9 Do EMC\n/H2 ")


def missing_font(pdf):
    edit_content(pdf, 1, b"/H2 ", b"/Artifact BMC BT /F9 9 Tf <0041> Tj ET "
                 b"EMC\n/H2 ")


def missing_properties(pdf):
    edit_content(pdf, 1, b"/H2 ", b"/Span /P9 BDC EMC\n/H2 ")


def direct_element(pdf):
    doc = pdf.Root.StructTreeRoot.K[0]
    doc.K.append(Dictionary(S=Name.P, P=doc))


def objr_not_annotation(pdf):
    elem(pdf, "H1").K.append(Dictionary(Type=Name.OBJR,
                                        Obj=pdf.trailer.Info))


def unknown_operator(pdf):
    edit_content(pdf, 1, b"/H2 ", b"/Artifact BMC 1 2 frobnicate EMC\n/H2 ")


def unsupported_encoding(pdf):
    pdf.pages[0].Resources.Font.F1.Encoding = Name("/UniJIS-UCS2-H")


def form_with_mcid(pdf):
    form = pdf.make_stream(b"/P <</MCID 77>> BDC 0 0 10 10 re f EMC",
                           Type=Name.XObject, Subtype=Name.Form,
                           BBox=[0, 0, 10, 10])
    pdf.pages[1].obj.Resources.XObject = Dictionary(Fx1=form)
    edit_content(pdf, 1, b"/H2 ", b"/Artifact BMC /Fx1 Do EMC\n/H2 ")


def glyph_not_text(pdf):
    # "J" (code 004A) claims to be "K": what is read is not what is shown.
    f = pdf.pages[0].Resources.Font.F1
    f.ToUnicode.write(f.ToUnicode.read_bytes().replace(b"<004A> <004A>",
                                                       b"<004A> <004B>"))


def glyph_out_of_font(pdf):
    df = pdf.pages[0].Resources.Font.F1.DescendantFonts[0]
    table = bytearray(df.CIDToGIDMap.read_bytes())
    table[2 * 0x4A:2 * 0x4A + 2] = (65000).to_bytes(2, "big")
    df.CIDToGIDMap.write(bytes(table))


def header_comment(pdf):
    pass    # the binary comment is overwritten after saving


def version_14(pdf):
    pass    # written with force_version 1.4 below


def encrypted(pdf):
    pass    # written with encryption below


# name -> (defect, the rule pdfcheck.py must name).  The order is the
# order of the self-test's output.
BROKEN = {
    "untagged": (untagged, "struct-tree"),
    "untagged-content": (untagged, "content-untagged"),
    "untagged-text": (untagged_text, "content-untagged"),
    "parenttree-wrong": (parenttree_wrong, "parent-tree"),
    "missing-alt": (missing_alt, "figure-alt"),
    "skipped-heading": (skipped_heading, "heading-skip"),
    "first-heading-h2": (first_heading_h2, "heading-first"),
    "th-no-scope": (th_no_scope, "th-scope"),
    "broken-tounicode": (broken_tounicode, "tounicode"),
    "tounicode-gap": (tounicode_gap, "tounicode-coverage"),
    "missing-lang": (missing_lang, "lang"),
    "bad-lang": (bad_lang, "lang"),
    "no-display-doc-title": (no_display_doc_title, "display-doc-title"),
    "no-pdfuaid": (no_pdfuaid, "xmp"),
    "xmp-conformance-a": (xmp_conformance_a, "xmp"),
    "xmp-no-extension": (xmp_no_extension, "xmp-extension"),
    "xmp-malformed": (xmp_malformed, "xmp"),
    "no-output-intent": (no_output_intent, "output-intent"),
    "no-info-title": (no_info_title, "info-title"),
    "not-embedded": (not_embedded, "font-embedded"),
    "notdef": (notdef, "notdef"),
    "artifact-in-tagged": (artifact_in_tagged, "artifact-in-tagged"),
    "tagged-in-artifact": (tagged_in_artifact, "tagged-in-artifact"),
    "nested-mcid": (nested_mcid, "mc-nested"),
    "unbalanced": (unbalanced, "mc-balance"),
    "link-no-contents": (link_no_contents, "annot-contents"),
    "no-tabs": (no_tabs, "tabs"),
    "link-no-objr": (link_no_objr, "link-objr"),
    "annot-wrong-parent": (annot_wrong_parent, "annot-struct"),
    "mcid-missing": (mcid_missing, "mcid-missing"),
    "nums-unordered": (nums_unordered, "parent-tree"),
    "nonstandard-type": (nonstandard_type, "struct-type"),
    "remapped-standard": (remapped_standard, "struct-type"),
    "li-without-lbody": (li_without_lbody, "list-structure"),
    "tr-with-p": (tr_with_p, "table-structure"),
    "figure-no-bbox": (figure_no_bbox, "figure-bbox"),
    "empty-e": (empty_e, "text-attribute"),
    "wrong-parent-link": (wrong_parent_link, "struct-parent"),
    "javascript-link": (javascript_link, "pdfa-action"),
    "annot-not-printed": (annot_not_printed, "pdfa-annot"),
    "bookmark-missing": (bookmark_missing, "bookmarks"),
    "bookmark-dangling": (bookmark_dangling, "bookmarks"),
    "no-page-labels": (no_page_labels, "page-labels"),
    "link-dest-broken": (link_dest_broken, "link-dest"),
    "suspects": (suspects, "markinfo"),
    "mc-crosses-text": (mc_crosses_text, "mc-text-nesting"),
    "mcid-duplicate": (mcid_duplicate, "mcid-duplicate"),
    "mcid-shared": (mcid_shared, "mcid-shared"),
    "heading-mixed": (heading_mixed, "heading-mixed"),
    "toc-holds-li": (toc_holds_li, "toc-structure"),
    "note-without-id": (note_without_id, "note-id"),
    "link-without-text": (link_without_text, "link-text"),
    "struct-kid-string": (struct_kid_string, "struct-kid"),
    "mcid-without-page": (mcid_without_page, "mcid-page"),
    "no-cidtogidmap": (no_cidtogidmap, "font-cidtogid"),
    "icc-garbage": (icc_garbage, "output-intent"),
    "info-title-differs": (info_title_differs, "xmp"),
    "xpacket-bytes": (xpacket_bytes, "xmp"),
    "external-stream": (external_stream, "pdfa-stream"),
    "missing-xobject": (missing_xobject, "xobject"),
    "missing-font": (missing_font, "font-resource"),
    "missing-properties": (missing_properties, "mc-properties"),
    "direct-element": (direct_element, "struct-indirect"),
    "objr-not-annotation": (objr_not_annotation, "objr"),
    "header-comment": (header_comment, "header"),
    "glyph-not-text": (glyph_not_text, "glyph-unicode"),
    "glyph-out-of-font": (glyph_out_of_font, "notdef"),
    "unknown-operator": (unknown_operator, "content-syntax"),
    "unsupported-encoding": (unsupported_encoding, "font-encoding"),
    "form-with-mcid": (form_with_mcid, "xobject-mcid"),
    "version-14": (version_14, "version"),
    "encrypted": (encrypted, "encrypt"),
}

# Variants that must still pass: a role-mapped custom type is allowed.
GOOD = {"good": None, "rolemapped": rolemapped_type}


def save(pdf, path, name):
    kw = dict(static_id=True, fix_metadata_version=False, min_version="1.7")
    if name == "version-14":
        kw = dict(static_id=True, fix_metadata_version=False,
                  force_version="1.4")
    if name == "encrypted":
        kw["encryption"] = pikepdf.Encryption(owner="o", user="",
                                              allow=pikepdf.Permissions())
        kw.pop("static_id")
    pdf.save(path, **kw)
    if name == "header-comment":
        # Same length, so the cross-reference offsets stay right.
        with open(path, "r+b") as f:
            head = f.read(32)
            nl = head.index(b"\n") + 1
            f.seek(nl + 1)
            f.write(b"abcd")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = sys.argv[1]
    with open(sys.argv[2] if len(sys.argv) == 3 else FONT, "rb") as f:
        ttf = f.read()
    os.makedirs(out, exist_ok=True)
    for name, defect in list(GOOD.items()) + [
            (n, d) for n, (d, _) in BROKEN.items()]:
        pdf = build_good(ttf)
        if defect:
            defect(pdf)
        save(pdf, os.path.join(out, name + ".pdf"), name)
    with open(os.path.join(out, "expected-rules.txt"), "w") as f:
        for name, (_, rule) in BROKEN.items():
            f.write("%s %s\n" % (name, rule))


if __name__ == "__main__":
    main()
