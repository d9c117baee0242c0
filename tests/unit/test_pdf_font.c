/*
 * test_pdf_font.c - the TrueType module of the PDF renderer: metrics,
 * codes, the subset and its maps, and the refusal of damaged fonts.
 *
 * What the module reads (with HarfBuzz) is checked against a second,
 * much smaller TrueType reader written here (tt_*): it looks characters
 * up in the (3,1) format 4 cmap by binary search, where HarfBuzz
 * prefers the (3,10) format 12 one, and reads hmtx, loca and glyf
 * itself.  A few numbers are also fixed by hand; they were read with
 * fontTools 4.38 (TTFont(...)['hmtx'], getBestCmap()), an
 * implementation that shares nothing with either.  The subset (cut by
 * hb-subset) is read back the same way: directory, checksums, glyph
 * ids kept, the original's outline bytes for every glyph drawn and its
 * components, nothing for any other.
 *
 * Damaged fonts are made here from the bytes of DejaVuSans.ttf, each
 * written to a temporary file: every one must be refused with a
 * message naming the file, or, where the damage is one a reader can
 * live with, load and give the right widths or a subset that still
 * parses; none may load and draw blank or mis-measured text.  The run
 * under ASan+UBSan (make asan) shows that nothing is read out of bounds.
 *
 * PR_FONT_DIR names the fonts' folder; by default Debian's.
 */
#include <hb.h>
#include <stdint.h>
#include <sys/stat.h>

#include "pdf_font.h"
#include "unit.h"

#define NOGLYPH 0xFFFFFFFFu

static const char *fontdir = "/usr/share/fonts/truetype/dejavu";
static char tmpdir[256];

/* ---- a second TrueType reader, for well-formed fonts only --------- */

struct ttf {
	unsigned char *p;
	size_t n;
};

static unsigned
g16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
g32(const unsigned char *p)
{
	return (uint32_t)g16(p) << 16 | g16(p + 2);
}

static void
p16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
p32(unsigned char *p, uint32_t v)
{
	p16(p, v >> 16);
	p16(p + 2, v & 0xFFFF);
}

/* The table directory record of tag, or NULL. */
static unsigned char *
tt_record(const struct ttf *t, const char *tag)
{
	unsigned i, n = g16(t->p + 4);

	for (i = 0; i < n && 12 + 16 * (size_t)(i + 1) <= t->n; i++)
		if (memcmp(t->p + 12 + 16 * i, tag, 4) == 0)
			return t->p + 12 + 16 * i;
	return NULL;
}

static unsigned char *
tt_table(const struct ttf *t, const char *tag, size_t *len)
{
	unsigned char *r = tt_record(t, tag);

	if (r == NULL || g32(r + 8) > t->n || g32(r + 12) > t->n - g32(r + 8))
		return NULL;
	if (len != NULL)
		*len = g32(r + 12);
	return t->p + g32(r + 8);
}

/* The offset in 'cmap' of the subtable for platform/encoding, or 0. */
static size_t
tt_subtable(const struct ttf *t, unsigned plat, unsigned enc)
{
	const unsigned char *c = tt_table(t, "cmap", NULL);
	unsigned i;

	for (i = 0; i < g16(c + 2); i++)
		if (g16(c + 4 + 8 * i) == plat && g16(c + 6 + 8 * i) == enc)
			return g32(c + 8 + 8 * i);
	return 0;
}

/* Glyph of cp by the (3,1) format 4 subtable, binary search. */
static unsigned
tt_gid(const struct ttf *t, unsigned cp)
{
	const unsigned char *s =
	    tt_table(t, "cmap", NULL) + tt_subtable(t, 3, 1);
	unsigned seg = g16(s + 6) / 2, lo = 0, hi, i, start, ro;

	if (cp > 0xFFFF || g16(s) != 4)
		return 0;
	hi = seg;
	while (lo < hi) { /* first segment whose end >= cp */
		unsigned mid = (lo + hi) / 2;

		if (g16(s + 14 + 2 * mid) < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == seg)
		return 0;
	i = lo;
	start = g16(s + 16 + 2 * seg + 2 * i);
	if (cp < start)
		return 0;
	ro = g16(s + 16 + 6 * seg + 2 * i);
	if (ro == 0)
		return (cp + g16(s + 16 + 4 * seg + 2 * i)) & 0xFFFF;
	i = g16(s + 16 + 6 * seg + 2 * i + ro + 2 * (cp - start));
	return i == 0 ? 0 : (i + g16(s + 16 + 4 * seg + 2 * lo)) & 0xFFFF;
}

static unsigned
tt_nglyphs(const struct ttf *t)
{
	return g16(tt_table(t, "maxp", NULL) + 4);
}

static unsigned
tt_upem(const struct ttf *t)
{
	return g16(tt_table(t, "head", NULL) + 18);
}

static unsigned
tt_advance(const struct ttf *t, unsigned g)
{
	unsigned n = g16(tt_table(t, "hhea", NULL) + 34);

	return g16(tt_table(t, "hmtx", NULL) + 4 * (g < n ? g : n - 1));
}

/* The outline of glyph g: start in 'glyf' and length. */
static void
tt_glyph(const struct ttf *t, unsigned g, size_t *off, size_t *len)
{
	const unsigned char *l = tt_table(t, "loca", NULL);

	if (g16(tt_table(t, "head", NULL) + 50) == 1) {
		*off = g32(l + 4 * g);
		*len = g32(l + 4 * g + 4) - *off;
	} else {
		*off = 2 * (size_t)g16(l + 2 * g);
		*len = 2 * (size_t)g16(l + 2 * g + 2) - *off;
	}
}

/* What the module should write as the width: advance in 1/1000 em,
 * truncated toward zero. */
static int
tt_width(const struct ttf *t, unsigned cp)
{
	unsigned g = tt_gid(t, cp);

	return g == 0 ? -1 : (int)(tt_advance(t, g) * 1000 / tt_upem(t));
}

/* Marks g and the glyphs its components are, recursively. */
static void
tt_keep(const struct ttf *t, unsigned char *keep, unsigned g)
{
	const unsigned char *glyf = tt_table(t, "glyf", NULL), *q;
	size_t off, len;
	unsigned flags;

	if (keep[g])
		return;
	keep[g] = 1;
	tt_glyph(t, g, &off, &len);
	if (len == 0 || (int16_t)g16(glyf + off) >= 0)
		return;
	q = glyf + off + 10;
	do {
		flags = g16(q);
		tt_keep(t, keep, g16(q + 2));
		q += 4 + (flags & 1 ? 4 : 2) +
		     (flags & 8      ? 2
		      : flags & 0x40 ? 4
		      : flags & 0x80 ? 8
		                     : 0);
	} while (flags & 0x20);
}

static bool
tt_read(const char *path, struct ttf *t)
{
	t->p = (unsigned char *)unit_slurp(path, &t->n);
	return t->p != NULL && t->n > 12;
}

static void
fontpath(char *dst, size_t n, const char *file)
{
	snprintf(dst, n, "%s/%s", fontdir, file);
}

/* ---- metrics and codes -------------------------------------------- */

static const char *const files[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                                    "DejaVuSans-Oblique.ttf",
                                    "DejaVuSans-BoldOblique.ttf"};
static const char *const psnames[] = {"DejaVuSans", "DejaVuSans-Bold",
                                      "DejaVuSans-Oblique",
                                      "DejaVuSans-BoldOblique"};

/* 'A', 'ä', '€', ' ' in 1/1000 em, read with fontTools (advance * 1000
 * // 2048): regular and oblique share them, as do the two bold ones. */
static const unsigned known_cp[4] = {0x41, 0xE4, 0x20AC, 0x20};
static const int known_regular[4] = {684, 612, 636, 317};
static const int known_bold[4] = {773, 674, 695, 348};

static void
test_metrics(int i)
{
	char path[512];
	struct ttf t;
	struct pdf_font *f;
	unsigned cp, mismatches = 0, drawable = 0;
	static const unsigned missing[] = {
	    0,      0xFEFF,  0xFFFE,  0xD800,   0xDBFF,   0xDC00,     0xDFFF,
	    0x4E00, 0x1F600, 0x10000, 0x10FFFF, 0x110000, 0xFFFFFFFFu};
	size_t k;

	fontpath(path, sizeof(path), files[i]);
	CHECK(tt_read(path, &t));
	f = pdf_font_load(path);
	CHECK(f != NULL);
	if (f == NULL || t.p == NULL) {
		free(t.p);
		return;
	}
	CHECK_STR(pdf_font_name(f), psnames[i]);
	for (k = 0; k < 4; k++) {
		int want = i % 2 == 1 ? known_bold[k] : known_regular[k];

		CHECK(pdf_font_width(f, known_cp[k]) == want);
		CHECK(tt_width(&t, known_cp[k]) == want);
	}
	/* Every code point of the BMP against the second reader. */
	for (cp = 0; cp <= 0xFFFF; cp++) {
		int want = tt_width(&t, cp);

		if (cp == 0 || cp == 0xFEFF || cp == 0xFFFE ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			want = -1;
		if (want >= 0)
			drawable++;
		if (pdf_font_width(f, cp) != want) {
			if (mismatches++ < 5)
				fprintf(
				    stderr, "%s: U+%04X width %d, want %d\n",
				    files[i], cp, pdf_font_width(f, cp), want);
		}
	}
	CHECK(mismatches == 0);
	CHECK(drawable > 3000); /* DejaVu Sans: about 3,400 to 5,800 */
	/* Nothing is given a code for what it cannot draw. */
	for (k = 0; k < sizeof(missing) / sizeof(missing[0]); k++) {
		CHECK(pdf_font_width(f, missing[k]) == -1);
		CHECK(pdf_font_code(f, missing[k]) == 0);
	}
	CHECK(pdf_font_ncodes(f) == 0);
	/* The FontDescriptor's numbers, from fontTools: head and hhea. */
	CHECK(pdf_font_metrics(f)->ascent == 928);
	CHECK(pdf_font_metrics(f)->descent == -235);
	CHECK(pdf_font_metrics(f)->bold == (i == 1 || i == 3));
	CHECK((pdf_font_metrics(f)->italic_angle != 0) == (i >= 2));
	pdf_font_free(f);
	free(t.p);
}

/* A pair's kerning as HarfBuzz shapes it with 'kern' alone, in 1/1000
 * em truncated toward zero: what pdf_font_kern() must give. */
static int
hb_kern(hb_font_t *font, unsigned upem, unsigned a, unsigned b)
{
	static const hb_feature_t feats[] = {
	    {HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
	    {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
	    {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	    {HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1}};
	const uint32_t text[2] = {a, b};
	hb_buffer_t *buf = hb_buffer_create();
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned n = 0;
	long k = 0;

	hb_buffer_add_utf32(buf, text, 2, 0, 2);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
	hb_shape(font, buf, feats, sizeof(feats) / sizeof(feats[0]));
	info = hb_buffer_get_glyph_infos(buf, &n);
	pos = hb_buffer_get_glyph_positions(buf, NULL);
	if (n == 2 && pos[1].x_offset == 0)
		k = pos[0].x_advance -
		    hb_font_get_glyph_h_advance(font, info[0].codepoint);
	hb_buffer_destroy(buf);
	return (int)(k * 1000 / (long)upem);
}

/* Pairs of ASCII, Latin-1 letters ("Tä", "Yö": pdf_font.c's table) and
 * letters beyond them (its hash) kern as HarfBuzz shapes them, asked
 * once and again. */
static void
test_kerning_pairs(void)
{
	static const unsigned cps[] = {
	    'A',  'T',  'V',  'W',   'Y',   'P',   'a',   'e',    'o',   'r',
	    '.',  ',',  0xC4, 0xD6,  0xDC,  0xDD,  0xE4,  0xE9,   0xF6,  0xFC,
	    0xFD, 0xDF, 0xA0, 0x100, 0x101, 0x152, 0x153, 0x1EF3, 0x2019};
	char path[512];
	struct pdf_font *f;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	size_t i, j, n = sizeof(cps) / sizeof(cps[0]);
	int round, bad = 0, kerned = 0;

	fontpath(path, sizeof(path), "DejaVuSans.ttf");
	f = pdf_font_load(path);
	blob = hb_blob_create_from_file(path);
	face = hb_face_create(blob, 0);
	font = hb_font_create(face);
	hb_font_set_scale(font, (int)hb_face_get_upem(face),
	                  (int)hb_face_get_upem(face));
	CHECK(f != NULL);
	for (round = 0; f != NULL && round < 2; round++)
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				int want = hb_kern(font, hb_face_get_upem(face),
				                   cps[i], cps[j]);
				int got = pdf_font_kern(f, cps[i], cps[j]);

				kerned += round == 0 && want != 0;
				if (got != want && bad++ < 5)
					fprintf(stderr,
					        "kern U+%04X U+%04X: %d, "
					        "HarfBuzz %d\n",
					        cps[i], cps[j], got, want);
			}
	CHECK(bad == 0);
	CHECK(kerned > 100); /* the font does kern these */
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	pdf_font_free(f);
}

/*
 * Kerning: DejaVu Sans kerns "AV", "Te", "To" and "Yo" tighter (its
 * GPOS 'kern' feature, which the layout and the drawing both apply);
 * most pairs of lower-case letters are not kerned; a character without
 * a glyph has no kerning.  The second lookup (from the cache) gives the
 * same as the first.
 */
static void
test_kerning(void)
{
	char path[512];
	struct pdf_font *f;
	static const char *const tight[] = {"AV", "VA", "Te", "To", "Yo"};
	size_t k;

	fontpath(path, sizeof(path), "DejaVuSans.ttf");
	f = pdf_font_load(path);
	CHECK(f != NULL);
	if (f == NULL)
		return;
	for (k = 0; k < sizeof(tight) / sizeof(tight[0]); k++) {
		int a = pdf_font_kern(f, (unsigned char)tight[k][0],
		                      (unsigned char)tight[k][1]);

		if (!(a < -20 && a > -300))
			fprintf(stderr, "kern %s: %d\n", tight[k], a);
		CHECK(a < -20 && a > -300);
		CHECK(pdf_font_kern(f, (unsigned char)tight[k][0],
		                    (unsigned char)tight[k][1]) == a);
	}
	CHECK(pdf_font_kern(f, 'n', 'n') == 0);
	CHECK(pdf_font_kern(f, 'A', 0x4E00) == 0);
	CHECK(pdf_font_kern(f, 0, 'V') == 0);
	/* Many pairs: the cache grows and keeps every value. */
	for (unsigned a = 'A'; a <= 'z'; a++)
		for (unsigned b = 'A'; b <= 'z'; b++)
			pdf_font_kern(f, a, b);
	CHECK(pdf_font_kern(f, 'A', 'V') < -20);
	CHECK(pdf_font_ncodes(f) == 0); /* measuring gives out no codes */
	pdf_font_free(f);
}

static void
test_codes(void)
{
	char path[512];
	struct pdf_font *f;
	struct ttf t;
	unsigned cp, n = 0, bad = 0;

	fontpath(path, sizeof(path), "DejaVuSans.ttf");
	f = pdf_font_load(path);
	CHECK(f != NULL && tt_read(path, &t));
	if (f == NULL)
		return;
	CHECK(pdf_font_code(f, 'H') == 1);
	CHECK(pdf_font_code(f, 0xE4) == 2);
	CHECK(pdf_font_code(f, 0x4E00) == 0); /* lacking: no code used */
	CHECK(pdf_font_code(f, 0x20AC) == 3);
	CHECK(pdf_font_code(f, 'H') == 1);
	CHECK(pdf_font_code(f, 0x20AC) == 3);
	CHECK(pdf_font_code(f, 0xE4) == 2);
	CHECK(pdf_font_ncodes(f) == 3);
	CHECK(pdf_font_code_width(f, 0) == 0);
	CHECK(pdf_font_code_width(f, 1) == tt_width(&t, 'H'));
	CHECK(pdf_font_code_width(f, 2) == 612);
	CHECK(pdf_font_code_width(f, 3) == 636);
	CHECK(pdf_font_code_width(f, 4) == 0);
	/* Thousands of codes, each the next number, each stable. */
	for (cp = 0xFFFF; cp > 0; cp--) {
		unsigned want = pdf_font_ncodes(f) + 1, c;

		if (tt_width(&t, cp) < 0 || cp == 0xFEFF || cp == 0xFFFE ||
		    cp == 'H' || cp == 0xE4 || cp == 0x20AC)
			continue;
		c = pdf_font_code(f, cp);
		if (c != want || pdf_font_code(f, cp) != c ||
		    pdf_font_code_width(f, c) != tt_width(&t, cp))
			bad++;
		n++;
	}
	CHECK(bad == 0);
	CHECK(n > 3000);
	CHECK(pdf_font_ncodes(f) == n + 3);
	CHECK(pdf_font_code(f, 'H') == 1);
	CHECK(pdf_font_code(f, 0xFFFD) == pdf_font_code(f, 0xFFFD));
	{
		struct buf b;
		char *p;
		unsigned blocks = 0;

		buf_init(&b);
		pdf_font_to_unicode(f, &b);
		/* 100 entries a block at most. */
		for (p = b.data; (p = strstr(p, " beginbfchar\n")) != NULL; p++)
			blocks++;
		CHECK(blocks == (n + 3 + 99) / 100);
		CHECK(strstr(b.data, "100 beginbfchar\n<0001> <0048>\n") !=
		      NULL);
		CHECK(strstr(b.data, "101 beginbfchar") == NULL);
		buf_reset(&b);
		pdf_font_cid_to_gid(f, &b);
		CHECK(b.len == 2 * ((size_t)n + 4));
		buf_free(&b);
	}
	pdf_font_free(f);
	free(t.p);
}

/* ---- the subset --------------------------------------------------- */

static uint32_t
sum32(const unsigned char *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < len; i += 4) {
		unsigned char w[4] = {0, 0, 0, 0};

		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		s += g32(w);
	}
	return s;
}

/* The same glyf bytes but for 0 to 3 bytes of zero padding at the end
 * (the original pads glyphs to 4 bytes, a short loca to 2). */
static bool
same_outline(const unsigned char *a, size_t la, const unsigned char *b,
             size_t lb)
{
	size_t n = la < lb ? la : lb, i;

	if ((la > lb ? la - lb : lb - la) > 3 || memcmp(a, b, n) != 0)
		return false;
	for (i = n; i < la; i++)
		if (a[i] != 0)
			return false;
	for (i = n; i < lb; i++)
		if (b[i] != 0)
			return false;
	return true;
}

/* Glyph g of a font that may have fewer glyphs than g: empty then. */
static void
sub_glyph(const struct ttf *t, unsigned g, size_t *off, size_t *len)
{
	if (g >= tt_nglyphs(t)) {
		*off = *len = 0;
		return;
	}
	tt_glyph(t, g, off, len);
}

/*
 * Checks a subset made from orig: the table directory and checksums, the
 * tables a TrueType font needs (and no layout table), the hinting
 * programs as they were, glyph ids kept, and glyphs: those in keep with
 * the original's bytes and advances, all others empty.  Returns the
 * number of non-empty glyphs.
 */
static unsigned
check_subset(const struct ttf *orig, const unsigned char *s, size_t n,
             const unsigned char *keep)
{
	static const char *const need[] = {"head", "hhea", "maxp", "hmtx",
	                                   "loca", "glyf", "cmap"};
	static const char *const hinting[] = {"cvt ", "fpgm", "prep"};
	static const char *const layout[] = {"GSUB", "GPOS", "GDEF", "kern",
	                                     "MATH"};
	struct ttf t = {(unsigned char *)s, n};
	unsigned nt, i, es, g, kept = 0, bad = 0, badadv = 0, ng;
	const unsigned char *glyf, *oglyf, *h, *oh;
	size_t glyflen, olen, la, lb;

	CHECK(n >= 12 && n % 4 == 0);
	if (n < 12)
		return 0;
	CHECK(g32(s) == 0x00010000);
	nt = g16(s + 4);
	for (es = 0; (2u << es) <= nt; es++)
		;
	CHECK(g16(s + 6) == 16u << es);
	CHECK(g16(s + 8) == es);
	CHECK(g16(s + 10) == 16 * nt - (16u << es));
	CHECK(12 + 16 * (size_t)nt <= n);
	if (12 + 16 * (size_t)nt > n)
		return 0;
	for (i = 0; i < nt; i++) {
		const unsigned char *r = s + 12 + 16 * i;
		uint32_t off = g32(r + 8), tl = g32(r + 12), sum;

		/* in tag order, as a reader's binary search wants */
		CHECK(i == 0 || memcmp(r - 16, r, 4) < 0);
		CHECK(off % 4 == 0 && off <= n && tl <= n - off);
		if (off > n || tl > n - off)
			return 0;
		if (memcmp(r, "head", 4) == 0) {
			unsigned char hb[64];

			CHECK(tl == 54);
			memcpy(hb, s + off, 54);
			memset(hb + 8, 0, 4);
			sum = sum32(hb, 54);
		} else {
			sum = sum32(s + off, tl);
		}
		if (sum != g32(r + 4))
			fprintf(stderr, "subset: checksum of '%.4s' wrong\n",
			        r);
		CHECK(sum == g32(r + 4));
	}
	CHECK(sum32(s, n) == 0xB1B0AFBAu);
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		CHECK(tt_table(&t, need[i], NULL) != NULL);
	for (i = 0; i < sizeof(layout) / sizeof(layout[0]); i++)
		CHECK(tt_record(&t, layout[i]) == NULL);
	for (i = 0; i < sizeof(hinting) / sizeof(hinting[0]); i++) {
		const unsigned char *a = tt_table(&t, hinting[i], &la);
		const unsigned char *b = tt_table(orig, hinting[i], &lb);

		CHECK(a != NULL && b != NULL && la == lb &&
		      memcmp(a, b, la) == 0);
	}
	h = tt_table(&t, "head", NULL);
	oh = tt_table(orig, "head", NULL);
	if (h == NULL || tt_table(&t, "maxp", NULL) == NULL ||
	    tt_table(&t, "loca", NULL) == NULL ||
	    tt_table(&t, "hhea", NULL) == NULL ||
	    tt_table(&t, "hmtx", NULL) == NULL)
		return 0;
	CHECK(g32(h + 12) == 0x5F0F3CF5); /* magicNumber */
	CHECK(tt_upem(&t) == tt_upem(orig));
	CHECK(memcmp(h + 36, oh + 36, 8) == 0); /* the bbox */
	/* Glyph ids kept: as many glyphs as the highest kept, or all. */
	ng = tt_nglyphs(&t);
	CHECK(ng >= 1 && ng <= tt_nglyphs(orig));
	for (g = tt_nglyphs(orig); g-- > 0;)
		if (keep[g]) {
			CHECK(ng > g);
			break;
		}
	/* loca: within glyf, in order. */
	glyf = tt_table(&t, "glyf", &glyflen);
	oglyf = tt_table(orig, "glyf", &olen);
	for (g = 0; g < ng; g++) {
		size_t a, b;

		tt_glyph(&t, g, &a, &b);
		if (b > glyflen || a > glyflen - b) { /* b is the length */
			bad++;
			break;
		}
	}
	CHECK(bad == 0);
	if (bad != 0)
		return 0;
	for (g = 0; g < tt_nglyphs(orig); g++) {
		size_t so, sl, oo, ol;

		sub_glyph(&t, g, &so, &sl);
		tt_glyph(orig, g, &oo, &ol);
		if (sl > 0 || g == 0)
			kept++;
		if (!keep[g]) {
			if (sl != 0) { /* an unused glyph is empty */
				if (bad < 5)
					fprintf(
					    stderr,
					    "subset: glyph %u not drawn has "
					    "an outline\n",
					    g);
				bad++;
			}
			continue;
		}
		/* .notdef is never drawn: HarfBuzz empties it */
		if (!same_outline(glyf + so, sl, oglyf + oo, ol) &&
		    !(g == 0 && sl == 0)) {
			if (bad < 5)
				fprintf(stderr, "subset: glyph %u differs\n",
				        g);
			bad++;
		}
		if (tt_advance(&t, g) != tt_advance(orig, g))
			badadv++;
	}
	CHECK(bad == 0);
	CHECK(badadv == 0);
	return kept;
}

static void
test_subset(void)
{
	/* H, ä (a composite of a and dieresis), €, space, ß, a, Ö */
	static const unsigned text[] = {'H',  0xE4, 0x20AC, ' ',
	                                0xDF, 'a',  0xD6};
	char path[512], *tu;
	struct pdf_font *f;
	struct ttf t;
	struct buf b, n1, n2;
	unsigned char *keep;
	unsigned i, kept;

	fontpath(path, sizeof(path), "DejaVuSans.ttf");
	f = pdf_font_load(path);
	CHECK(f != NULL && tt_read(path, &t));
	if (f == NULL)
		return;
	keep = xcalloc(tt_nglyphs(&t), 1);
	tt_keep(&t, keep, 0);
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		CHECK(pdf_font_code(f, text[i]) == i + 1);
		tt_keep(&t, keep, tt_gid(&t, text[i]));
	}
	/* ä brings a (drawn anyway) and the dieresis (not drawn). */
	CHECK(keep[tt_gid(&t, 0xA8)] && pdf_font_ncodes(f) == 7);
	buf_init(&b);
	CHECK(pdf_font_subset(f, &b));
	kept = check_subset(&t, (unsigned char *)b.data, b.len, keep);
	/* .notdef, 7 glyphs (space is empty), the dieresis, and Ö's */
	CHECK(kept >= 7 && kept <= 1 + 7 + 3);
	fprintf(stderr, "subset of %u codes: %zu bytes, %u glyphs\n",
	        pdf_font_ncodes(f), b.len, kept);
	{
		/* Its own cmap gives the same glyphs. */
		struct ttf st = {(unsigned char *)b.data, b.len};

		CHECK(tt_table(&st, "cmap", NULL) != NULL &&
		      tt_subtable(&st, 3, 1) != 0);
		for (i = 0; i < sizeof(text) / sizeof(text[0]) &&
		            tt_subtable(&st, 3, 1) != 0;
		     i++)
			CHECK(tt_gid(&st, text[i]) == tt_gid(&t, text[i]));
	}
	CHECK(b.len < t.n / 4);

	/* CIDToGIDMap: 0, then each code's glyph. */
	pdf_font_cid_to_gid(f, &b);
	CHECK(b.len == 2 * 8);
	CHECK(g16((unsigned char *)b.data) == 0);
	for (i = 1; i <= 7 && b.len == 16; i++)
		CHECK(g16((unsigned char *)b.data + 2 * i) ==
		      tt_gid(&t, text[i - 1]));
	CHECK(g16((unsigned char *)b.data + 2) == 43);   /* H, fontTools */
	CHECK(g16((unsigned char *)b.data + 4) == 166);  /* adieresis */
	CHECK(g16((unsigned char *)b.data + 6) == 2948); /* Euro */

	/* ToUnicode. */
	buf_reset(&b);
	pdf_font_to_unicode(f, &b);
	tu = b.data;
	CHECK(strstr(tu, "begincmap\n") != NULL);
	CHECK(strstr(tu, "1 begincodespacerange\n<0000> <FFFF>\n"
	                 "endcodespacerange\n") != NULL);
	CHECK(strstr(tu, "7 beginbfchar\n<0001> <0048>\n<0002> <00E4>\n"
	                 "<0003> <20AC>\n<0004> <0020>\n<0005> <00DF>\n"
	                 "<0006> <0061>\n<0007> <00D6>\nendbfchar\n") != NULL);
	CHECK(strstr(tu, "endcmap\n") != NULL);
	buf_free(&b);

	/* The subset's name: a tag of 6 capitals that follows the set. */
	buf_init(&n1);
	buf_init(&n2);
	pdf_font_subset_name(f, &n1);
	pdf_font_subset_name(f, &n2);
	CHECK(n1.len == 7 + strlen("DejaVuSans") && n1.data[6] == '+' &&
	      strcmp(n1.data + 7, "DejaVuSans") == 0);
	for (i = 0; i < 6 && n1.len > 6; i++)
		CHECK(n1.data[i] >= 'A' && n1.data[i] <= 'Z');
	CHECK_STR(n1.data, n2.data);
	pdf_font_code(f, 'Z');
	buf_reset(&n2);
	pdf_font_subset_name(f, &n2);
	CHECK(strcmp(n1.data, n2.data) != 0);
	buf_free(&n1);
	buf_free(&n2);
	free(keep);
	pdf_font_free(f);

	/* Nothing drawn: only .notdef. */
	f = pdf_font_load(path);
	keep = xcalloc(tt_nglyphs(&t), 1);
	keep[0] = 1;
	buf_init(&b);
	CHECK(f != NULL && pdf_font_subset(f, &b));
	CHECK(check_subset(&t, (unsigned char *)b.data, b.len, keep) == 1);
	buf_free(&b);
	free(keep);
	pdf_font_free(f);
	free(t.p);
}

/* ---- damaged fonts ------------------------------------------------ */

static unsigned tmpseq;

/* Writes n bytes to a new temporary file; its name into path. */
static void
write_tmp(char *path, size_t size, const void *p, size_t n)
{
	FILE *fp;

	snprintf(path, size, "%s/font-%u.ttf", tmpdir, tmpseq++);
	fp = fopen(path, "wb");
	if (fp == NULL || (n > 0 && fwrite(p, 1, n, fp) != n)) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
	fclose(fp);
}

/*
 * Loads the n bytes p as a font: it must be refused, with one message
 * that names the file and says want.
 */
static void
expect_refused(const char *what, const void *p, size_t n, const char *want)
{
	char path[512], *msg;
	unsigned before = diag_count(DIAG_SYSTEM);
	struct pdf_font *f;

	write_tmp(path, sizeof(path), p, n);
	f = pdf_font_load(path);
	if (f != NULL)
		fprintf(stderr, "%s: loaded, but should be refused\n", what);
	CHECK(f == NULL);
	pdf_font_free(f);
	CHECK(diag_count(DIAG_SYSTEM) == before + 1);
	if (diag_count(DIAG_SYSTEM) == before)
		return;
	msg = unit_flush_messages();
	if (strstr(msg, path) == NULL || strstr(msg, want) == NULL)
		fprintf(stderr, "%s: message lacks '%s': %s", what, want, msg);
	CHECK(strstr(msg, path) != NULL);
	CHECK(strstr(msg, want) != NULL);
	free(msg);
	unlink(path);
}

/*
 * Loads a damaged font that may load; if it does, it must draw the
 * characters of s that it can, and its subset must either fail or
 * parse.  Returns the font's subset length, 0 if refused or failed.
 */
static size_t
try_font(const void *p, size_t n)
{
	static const unsigned s[] = {'H', 0xE4, 0xF6, 0x20AC, 'a', 0xA8};
	char path[512];
	struct pdf_font *f;
	struct buf b;
	size_t len = 0, i;
	unsigned before = diag_count(DIAG_SYSTEM);

	write_tmp(path, sizeof(path), p, n);
	f = pdf_font_load(path);
	if (f == NULL) {
		char *msg;

		CHECK(diag_count(DIAG_SYSTEM) == before + 1);
		msg = unit_flush_messages();
		CHECK(strstr(msg, path) != NULL);
		free(msg);
		unlink(path);
		return 0;
	}
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		unsigned c = pdf_font_code(f, s[i]);
		int w = pdf_font_width(f, s[i]);

		CHECK((c == 0) == (w < 0));
		CHECK(pdf_font_code_width(f, c) == (c == 0 ? 0 : w));
	}
	buf_init(&b);
	pdf_font_subset_name(f, &b);
	buf_reset(&b);
	pdf_font_cid_to_gid(f, &b);
	buf_reset(&b);
	pdf_font_to_unicode(f, &b);
	if (pdf_font_subset(f, &b))
		len = b.len;
	buf_free(&b);
	pdf_font_free(f);
	unlink(path);
	return len;
}

static struct ttf orig;

/*
 * A damaged font that a reader can make sense of: it must be refused
 * with a message naming the file, or load and give every character
 * either no width or the width the undamaged font has.
 */
static void
refused_or_right(const char *what, const void *p, size_t n)
{
	char path[512];
	struct pdf_font *f;
	unsigned cp, bad = 0;

	write_tmp(path, sizeof(path), p, n);
	f = pdf_font_load(path);
	if (f == NULL) {
		char *msg = unit_flush_messages();

		CHECK(strstr(msg, path) != NULL);
		free(msg);
		unlink(path);
		return;
	}
	for (cp = 1; cp <= 0xFFFF; cp++) {
		int w = pdf_font_width(f, cp);

		if (w >= 0 && w != tt_width(&orig, cp)) {
			if (bad++ < 3)
				fprintf(stderr,
				        "%s: U+%04X width %d, want %d\n", what,
				        cp, w, tt_width(&orig, cp));
		}
	}
	CHECK(bad == 0);
	pdf_font_free(f);
	unlink(path);
}

static unsigned char *
copy(void)
{
	unsigned char *p = xmalloc(orig.n);

	memcpy(p, orig.p, orig.n);
	return p;
}

/* The directory record of tag in the copy p. */
static unsigned char *
rec(unsigned char *p, const char *tag)
{
	struct ttf t = {p, orig.n};

	return tt_record(&t, tag);
}

static unsigned char *
tab(unsigned char *p, const char *tag)
{
	return p + g32(rec(p, tag) + 8);
}

/* Offset in the copy of the glyph outline of cp. */
static unsigned char *
glyph_of(unsigned char *p, unsigned cp)
{
	size_t off, len;

	tt_glyph(&orig, tt_gid(&orig, cp), &off, &len);
	return tab(p, "glyf") + off;
}

static void
test_damaged(void)
{
	const size_t n = orig.n;
	unsigned char *p;
	size_t cmap_len = g32(rec(orig.p, "cmap") + 12), at, i, len;
	size_t f4 = tt_subtable(&orig, 3, 1), f12 = tt_subtable(&orig, 3, 10);
	unsigned ncm = g16(tt_table(&orig, "cmap", NULL) + 2);
	unsigned gae = tt_gid(&orig, 0xE4), goe = tt_gid(&orig, 0xF6);
	uint32_t rng = 12345;
	size_t ntab = g16(orig.p + 4);

	CHECK(f4 != 0 && f12 != 0 && ncm >= 2);
	CHECK(g16(tt_table(&orig, "cmap", NULL) + f12) == 12);
	/* Not fonts at all. */
	expect_refused("empty file", "", 0, "not a font file of 12 bytes");
	expect_refused("text file", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15,
	               "not a TrueType font");
	expect_refused("11 bytes", orig.p, 11, "not a font file of 12 bytes");
	p = copy();
	memcpy(p, "OTTO", 4);
	expect_refused("OpenType CFF", p, n, "not a TrueType font");
	free(p);

	/* Cut short: within the directory, then anywhere in the tables
	 * (the last table ends at the end of the file). */
	expect_refused("cut in directory", orig.p, 100, "directory is cut");
	expect_refused("directory only", orig.p, 12 + 16 * ntab, "outside");
	for (i = 1; i < 40; i++) {
		len = 12 + 16 * ntab + (n - 12 - 16 * ntab) / 40 * i;
		expect_refused("cut short", orig.p, len, "outside the file");
	}
	expect_refused("cut by one", orig.p, n - 1, "outside the file");

	/* Table directory lies. */
	p = copy();
	p16(p + 4, 0xFFFF);
	expect_refused("numTables 65535", p, n, "directory is cut short");
	p16(p + 4, 0);
	expect_refused("numTables 0", p, n, "damaged");
	free(p);
	p = copy();
	p32(rec(p, "glyf") + 8, (uint32_t)n + 1000);
	expect_refused("glyf after the end", p, n, "outside the file");
	p32(rec(p, "glyf") + 8, 0xFFFFFFF0u);
	p32(rec(p, "glyf") + 12, 0x100);
	expect_refused("glyf offset wraps", p, n, "outside the file");
	free(p);
	p = copy();
	p32(rec(p, "loca") + 12, 0xFFFFFFFFu);
	expect_refused("loca length huge", p, n, "outside the file");
	free(p);
	p = copy();
	memcpy(rec(p, "cmap"), "cmaq", 4);
	expect_refused("no cmap", p, n, "damaged");
	free(p);
	p = copy();
	p32(rec(p, "head") + 12, 20);
	expect_refused("head short", p, n, "table is damaged");
	free(p);

	/* Numbers that do not fit together. */
	p = copy();
	p32(rec(p, "loca") + 12, 10);
	expect_refused("loca short", p, n, "table is damaged");
	free(p);
	p = copy();
	p16(tab(p, "maxp") + 4, 0xFFFF); /* more glyphs than loca holds */
	expect_refused("numGlyphs 65535", p, n, "table is damaged");
	p16(tab(p, "maxp") + 4, 0);
	expect_refused("numGlyphs 0", p, n, "damaged");
	free(p);
	p = copy();
	p16(tab(p, "hhea") + 34, 0);
	expect_refused("numberOfHMetrics 0", p, n, "table is damaged");
	p16(tab(p, "hhea") + 34, 0xFFFF);
	expect_refused("numberOfHMetrics 65535", p, n, "table is damaged");
	free(p);
	p = copy();
	p32(rec(p, "hmtx") + 12, 8);
	expect_refused("hmtx short", p, n, "table is damaged");
	free(p);
	p = copy();
	p16(tab(p, "head") + 18, 0);
	expect_refused("unitsPerEm 0", p, n, "table is damaged");
	free(p);
	p = copy();
	p16(tab(p, "OS/2") + 8, 2);
	expect_refused("restricted licence", p, n, "does not allow embedding");
	free(p);

	/* cmap. */
	p = copy();
	p16(tab(p, "cmap") + 2, 0xFFFF);
	expect_refused("cmap numTables", p, n, "damaged");
	free(p);
	p = copy();
	for (i = 0; i < ncm; i++)
		p32(tab(p, "cmap") + 8 + 8 * i, 0xFFFFFFFEu);
	expect_refused("cmap offsets wrap", p, n, "damaged");
	for (i = 0; i < ncm; i++)
		p32(tab(p, "cmap") + 8 + 8 * i, (uint32_t)cmap_len - 2);
	expect_refused("cmap offsets at the end", p, n, "damaged");
	free(p);
	p = copy();
	p32(tab(p, "cmap") + f12 + 12, 0xFFFFFFFFu); /* nGroups */
	refused_or_right("cmap format 12 nGroups", p, n);
	free(p);
	/* Without the format 12 subtables (their records on a platform
	 * no reader knows), format 4 is read: the same widths for all,
	 * then a bogus segCountX2. */
	p = copy();
	for (i = 0; i < ncm; i++)
		if (g16(tab(p, "cmap") + g32(tab(p, "cmap") + 8 + 8 * i)) == 12)
			p16(tab(p, "cmap") + 4 + 8 * i, 9);
	{
		char path[512];
		struct pdf_font *f;
		unsigned cp, bad = 0;

		write_tmp(path, sizeof(path), p, n);
		f = pdf_font_load(path);
		CHECK(f != NULL);
		for (cp = 1; f != NULL && cp <= 0xFFFF; cp++)
			if (pdf_font_width(f, cp) != tt_width(&orig, cp) &&
			    cp != 0xFEFF && cp != 0xFFFE &&
			    !(cp >= 0xD800 && cp <= 0xDFFF))
				bad++;
		CHECK(bad == 0);
		pdf_font_free(f);
		unlink(path);
	}
	p16(tab(p, "cmap") + f4 + 6, 0xFFFE);
	refused_or_right("cmap segCountX2", p, n);
	/* idRangeOffsets that point just past the table: no glyph may be
	 * read from the bytes that follow it in the file (it is refused
	 * as a font without glyphs, or draws nothing). */
	p16(tab(p, "cmap") + f4 + 6,
	    g16(tt_table(&orig, "cmap", NULL) + f4 + 6));
	{
		unsigned seg = g16(tab(p, "cmap") + f4 + 6) / 2, cp, found = 0;
		size_t sublen = cmap_len - f4;
		char path[512];
		struct pdf_font *f;

		for (i = 0; i < seg; i++) {
			size_t ro_at = 16 + 6 * (size_t)seg + 2 * i;

			p16(tab(p, "cmap") + f4 + ro_at,
			    (unsigned)(sublen - ro_at + (sublen - ro_at) % 2));
		}
		write_tmp(path, sizeof(path), p, n);
		f = pdf_font_load(path);
		for (cp = 0; f != NULL && cp <= 0xFFFF; cp++)
			if (pdf_font_width(f, cp) >= 0)
				found++;
		CHECK(found == 0);
		if (f == NULL) {
			char *msg = unit_flush_messages();

			CHECK(strstr(msg, path) != NULL);
			free(msg);
		}
		pdf_font_free(f);
		unlink(path);
	}
	/* idRangeOffsets that point anywhere. */
	{
		unsigned seg = g16(tab(p, "cmap") + f4 + 6) / 2;

		for (i = 0; i < seg; i++)
			p16(tab(p, "cmap") + f4 + 16 + 6 * seg + 2 * i,
			    0xFFFE - (unsigned)i);
		try_font(p, n);
		/* and ends before starts, and 0xFFFF everywhere */
		for (i = 0; i < seg; i++) {
			p16(tab(p, "cmap") + f4 + 14 + 2 * i, 0xFFFF);
			p16(tab(p, "cmap") + f4 + 16 + 2 * seg + 2 * i,
			    (unsigned)i % 2 ? 0 : 0xFFFF);
		}
		try_font(p, n);
	}
	free(p);

	/* Composite glyphs: loops, components beyond the font, a flag
	 * that promises more components than the glyph holds. */
	tt_glyph(&orig, gae, &at, &len);
	CHECK((int16_t)g16(tt_table(&orig, "glyf", NULL) + at) < 0);
	tt_glyph(&orig, goe, &at, &len);
	CHECK((int16_t)g16(tt_table(&orig, "glyf", NULL) + at) < 0);
	p = copy();
	p16(glyph_of(p, 0xE4) + 12, gae); /* ä is made of ä */
	CHECK(try_font(p, n) > 0);
	p16(glyph_of(p, 0xE4) + 12, goe); /* ä of ö, ö of ä */
	p16(glyph_of(p, 0xF6) + 12, gae);
	CHECK(try_font(p, n) > 0);
	p16(glyph_of(p, 0xE4) + 12, 0xFFFF); /* beyond numGlyphs */
	CHECK(try_font(p, n) > 0);
	free(p);
	p = copy();
	{
		/* ä: the flags of both components say "more follow" */
		unsigned char *q = glyph_of(p, 0xE4) + 10;
		unsigned fl = g16(q);

		p16(q, fl | 0x20);
		q += 4 + (fl & 1 ? 4 : 2) +
		     (fl & 8      ? 2
		      : fl & 0x40 ? 4
		      : fl & 0x80 ? 8
		                  : 0);
		p16(q, g16(q) | 0x20 | 0x80);
		CHECK(try_font(p, n) > 0);
	}
	free(p);

	/* ä cut after its first component: the second (the dieresis)
	 * lies past the glyph's end and must not be followed. */
	p = copy();
	{
		unsigned char *l = tab(p, "loca") + 4 * gae;
		unsigned gdi = tt_gid(&orig, 0xA8);
		char path[512];
		struct pdf_font *f;
		struct buf b;

		p32(l + 4, g32(l) + 16);
		write_tmp(path, sizeof(path), p, n);
		f = pdf_font_load(path);
		buf_init(&b);
		CHECK(f != NULL && pdf_font_code(f, 0xE4) == 1 &&
		      pdf_font_subset(f, &b));
		if (b.len > 0) {
			struct ttf s = {(unsigned char *)b.data, b.len};
			size_t so, sl;

			sub_glyph(&s, gae, &so, &sl);
			CHECK(sl == 16);
			sub_glyph(&s, gdi, &so, &sl);
			CHECK(sl == 0);
		}
		buf_free(&b);
		pdf_font_free(f);
		unlink(path);
	}
	free(p);

	/* Few long metrics: the glyphs after them have the last advance. */
	p = copy();
	p16(tab(p, "hhea") + 34, 40);
	{
		char path[512];
		struct pdf_font *f;
		int last = (int)(g16(tt_table(&orig, "hmtx", NULL) + 4 * 39) *
		                 1000 / tt_upem(&orig));

		write_tmp(path, sizeof(path), p, n);
		f = pdf_font_load(path);
		CHECK(f != NULL);
		if (f != NULL) {
			CHECK(tt_gid(&orig, 0xE4) > 40 &&
			      tt_gid(&orig, '!') < 39);
			CHECK(pdf_font_width(f, 0xE4) == last);
			CHECK(pdf_font_width(f, 0x20AC) == last);
			CHECK(pdf_font_width(f, '!') == tt_width(&orig, '!'));
		}
		pdf_font_free(f);
		unlink(path);
	}
	free(p);

	/* loca entries that lie: the subset is refused, not read wrong. */
	p = copy();
	p32(tab(p, "loca") + 4 * (tt_gid(&orig, 'H') + 1), 0xFFFFFFF0u);
	CHECK(try_font(p, n) == 0);
	free(p);
	p = copy();
	p32(tab(p, "loca") + 4 * tt_gid(&orig, 'H'),
	    g32(tt_table(&orig, "loca", NULL) + 4 * (tt_gid(&orig, 'H') + 1)) +
	        4);
	CHECK(try_font(p, n) == 0);
	free(p);
	/* A short loca format claimed with long offsets still inside. */
	p = copy();
	p16(tab(p, "head") + 50, 0);
	try_font(p, n);
	free(p);

	/* A name table that lies: the file name stands in. */
	p = copy();
	p16(tab(p, "name") + 4, 0xFFFF);
	p16(tab(p, "name") + 2, 0xFFFF);
	{
		char path[512];
		struct pdf_font *f;

		write_tmp(path, sizeof(path), p, n);
		f = pdf_font_load(path);
		CHECK(f != NULL);
		if (f != NULL) {
			const char *nm = pdf_font_name(f);

			CHECK(strncmp(nm, "font-", 5) == 0);
			CHECK(strspn(nm,
			             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno"
			             "pqrstuvwxyz0123456789-") == strlen(nm));
		}
		pdf_font_free(f);
		unlink(path);
	}
	free(p);

	/* Random bytes in the directory and the tables read first. */
	for (i = 0; i < 60; i++) {
		static const char *const tags[] = {"head", "hhea", "maxp",
		                                   "cmap", "loca", "OS/2"};
		unsigned k;

		p = copy();
		for (k = 0; k < 8; k++) {
			unsigned char *base;
			size_t span;

			rng = rng * 1103515245u + 12345u;
			if (k % 2 == 0) {
				base = p;
				span = 12 + 16 * (size_t)ntab;
			} else {
				const unsigned char *r =
				    rec(orig.p, tags[(rng >> 8) % 6]);

				base = p + g32(r + 8);
				span = g32(r + 12);
				if (span > 2048)
					span = 2048;
			}
			rng = rng * 1103515245u + 12345u;
			base[(rng >> 4) % span] = (unsigned char)(rng >> 20);
		}
		try_font(p, n);
		free(p);
	}
}

int
main(void)
{
	const char *dir = getenv("PR_FONT_DIR");
	const char *tmp = getenv("TMPDIR");
	char path[512];
	int i;

	if (dir != NULL && *dir != '\0')
		fontdir = dir;
	fontpath(path, sizeof(path), "DejaVuSans.ttf");
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "no %s (fonts-dejavu-core): skipped\n", path);
		return 77;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_pdf_font.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror(tmpdir);
		return 1;
	}
	diag_init("test_pdf_font");
	for (i = 0; i < 4; i++)
		test_metrics(i);
	test_codes();
	test_kerning();
	test_kerning_pairs();
	test_subset();
	CHECK(tt_read(path, &orig));
	if (orig.p != NULL)
		test_damaged();
	free(orig.p);
	CHECK(diag_count(DIAG_ERROR) == 0 && diag_count(DIAG_WARNING) == 0);
	rmdir(tmpdir);
	return unit_done("test_pdf_font");
}
