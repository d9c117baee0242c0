/*
 * pdf_font.c - TrueType metrics, character codes and subsetting for the
 * PDF renderer (see pdf_font.h), on HarfBuzz.
 *
 * The file is mapped until the subset is written: HarfBuzz reads it in
 * place, and the subset is cut from it at the end.  HarfBuzz reads a
 * damaged table as an empty one, so the tables widths and outlines come
 * from are checked here first.  The cmap and the advances are read into
 * arrays once, because the layout asks for a width per character drawn.
 */
#include "pdf_font.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "diag.h"
#include "i18n.h"

struct pdf_font {
	unsigned char *data;
	size_t size;
	char name[64];
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font; /* at unitsPerEm: advances in font units */
	unsigned upem, nglyphs;
	short *adv; /* by glyph, in 1/1000 em */
	struct font_metrics m;
	uint16_t *gid;   /* 65536: code point -> glyph, 0 none */
	uint16_t *code;  /* 65536: code point -> CID, 0 not yet given */
	unsigned *cp_of; /* CID -> code point; [0] unused */
	unsigned ncodes, capcodes;
	/* Kerning of glyph pairs, as shaped once each: keys g1 << 16 | g2
	 * (never 0: glyph 0 is not drawn), open addressing. */
	uint32_t *kkey;
	short *kval;
	size_t kcap, kn;
	/* The same for pairs of Latin-1 letters and ASCII (kern_latin()),
	 * looked up directly: `kl` by class pair, `kl_known` a bit each. */
	short *kl;
	uint64_t *kl_known;
	hb_buffer_t *kbuf;
};

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int
s16(const unsigned char *p)
{
	return (int16_t)u16(p);
}

static void
put16(struct buf *b, unsigned v)
{
	unsigned char x[2] = {(unsigned char)(v >> 8), (unsigned char)v};

	buf_append(b, x, 2);
}

static bool
bad(const char *path, const char *what)
{
	diag(DIAG_SYSTEM, &(struct src_pos){path, 0, 0},
	     "this TrueType font cannot be used: %s (use the fonts of the "
	     "Debian packages fonts-dejavu-core and fonts-dejavu-extra)",
	     _(what));
	return false;
}

/*
 * The font file is mapped, not read: HarfBuzz looks at the cmap, the
 * metrics and the glyphs drawn, a few pages of a 700 KB file, and only
 * those become resident (issue 9 counts the peak memory).
 */
static bool
map_file(const char *path, struct pdf_font *f)
{
	struct stat st;
	void *p;
	/* Not blocking: a FIFO there must not hang the run. */
	int fd = open_regular(AT_FDCWD, path, O_RDONLY, &st);

	if (fd == -2)
		return bad(path, "it is not a font file of 12 bytes to 64 MB");
	if (fd < 0) {
		diag_syserr(path, "cannot read the font (Debian packages "
		                  "fonts-dejavu-core and fonts-dejavu-extra; "
		                  "--fonts DIR)");
		return false;
	}
	if (st.st_size < 12 || st.st_size > (off_t)64 << 20) {
		close(fd);
		return bad(path, "it is not a font file of 12 bytes to 64 MB");
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		diag_syserr(path, "cannot read the font");
		return false;
	}
	f->data = p;
	f->size = (size_t)st.st_size;
	return true;
}

/* A table's bytes, or NULL if the font has none or it is shorter than
 * min; *blob must be released by the caller. */
static const unsigned char *
table(const struct pdf_font *f, hb_tag_t tag, unsigned min, hb_blob_t **blob)
{
	unsigned len = 0;
	const char *p;

	*blob = hb_face_reference_table(f->face, tag);
	p = hb_blob_get_data(*blob, &len);
	return p != NULL && len >= min ? (const unsigned char *)p : NULL;
}

static int
em1000(const struct pdf_font *f, long v)
{
	/* Truncated toward zero, as libharu measured before this module,
	 * so that lines break where they always did. */
	return (int)(v * 1000 / (long)f->upem);
}

static int
metric(struct pdf_font *f, hb_ot_metrics_tag_t tag, int fallback)
{
	hb_position_t v;

	return hb_ot_metrics_get_position(f->font, tag, &v) ? em1000(f, v)
	                                                    : fallback;
}

static void
read_metrics(struct pdf_font *f)
{
	struct font_metrics *m = &f->m;
	hb_blob_t *blob;
	const unsigned char *h =
	    table(f, HB_TAG('h', 'e', 'a', 'd'), 54, &blob);

	if (h != NULL) {
		m->bbox[0] = em1000(f, s16(h + 36));
		m->bbox[1] = em1000(f, s16(h + 38));
		m->bbox[2] = em1000(f, s16(h + 40));
		m->bbox[3] = em1000(f, s16(h + 42));
	}
	hb_blob_destroy(blob);
	m->ascent = metric(f, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, 800);
	m->descent = metric(f, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -200);
	m->cap_height = metric(f, HB_OT_METRICS_TAG_CAP_HEIGHT, m->ascent);
	m->italic_angle = hb_style_get_value(f->font, HB_STYLE_TAG_SLANT_ANGLE);
	m->bold = hb_style_get_value(f->font, HB_STYLE_TAG_WEIGHT) >= 600;
	/* The font has no stem width; these are the usual estimates. */
	m->stem_v = m->bold ? 120 : 80;
}

/* The PostScript name (name id 6), kept to the characters a PDF name
 * and a subset tag allow; the file's name if the font has none. */
static void
read_name(const char *path, struct pdf_font *f)
{
	char raw[sizeof(f->name)];
	unsigned len = sizeof(raw);
	const char *s = raw;
	size_t n = 0;

	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	                        HB_LANGUAGE_INVALID, &len, raw) == 0) {
		s = strrchr(path, '/');
		s = s ? s + 1 : path;
	}
	for (; *s != '\0' && *s != '.' && n < sizeof(f->name) - 1; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-')
			f->name[n++] = *s;
	f->name[n] = '\0';
}

/* The glyph of every BMP code point the cmap maps, once. */
static void
read_cmap(struct pdf_font *f)
{
	hb_set_t *set = hb_set_create();
	hb_codepoint_t cp = HB_SET_VALUE_INVALID, g;

	f->gid = xcalloc(65536, sizeof(*f->gid));
	hb_face_collect_unicodes(f->face, set);
	while (hb_set_next(set, &cp) && cp <= 0xFFFF)
		if (hb_font_get_nominal_glyph(f->font, cp, &g) &&
		    g < f->nglyphs && g <= 0xFFFF)
			f->gid[cp] = (uint16_t)g;
	hb_set_destroy(set);
}

/* What is wrong with the table directory, or NULL: HarfBuzz reads a
 * table that runs past the end of the file (a file cut short) as far
 * as it goes, and an 'OTTO' (CFF) file as a TrueType one. */
static const char *
directory_fault(const struct pdf_font *f)
{
	const unsigned char *p = f->data;
	size_t n, i;

	if (!(u16(p) == 1 && u16(p + 2) == 0) && memcmp(p, "true", 4) != 0)
		return "it is not a TrueType font";
	n = u16(p + 4);
	if (12 + 16 * n > f->size)
		return "its table directory is cut short";
	for (i = 0; i < n; i++) {
		const unsigned char *r = p + 12 + 16 * i;
		size_t off = (size_t)u16(r + 8) << 16 | u16(r + 10);
		size_t len = (size_t)u16(r + 12) << 16 | u16(r + 14);

		if (off > f->size || len > f->size - off)
			return "a table lies outside the file (is it cut "
			       "short?)";
	}
	return NULL;
}

/* The length of a table as the directory (checked by directory_fault)
 * gives it, or 0 if the font has none; read without HarfBuzz, which
 * would check the whole table first. */
static size_t
table_len(const struct pdf_font *f, const char tag[4])
{
	size_t n = u16(f->data + 4), i;

	for (i = 0; i < n; i++) {
		const unsigned char *r = f->data + 12 + 16 * i;

		if (memcmp(r, tag, 4) == 0)
			return (size_t)u16(r + 12) << 16 | u16(r + 14);
	}
	return 0;
}

/*
 * HarfBuzz reads a table that fails its checks as an empty one: a font
 * whose glyf or loca is cut or lies outside the file would load and
 * draw nothing, one with a damaged head would be measured at HarfBuzz's
 * default of 1000 units an em, one with a short hmtx with the wrong
 * advances.  The tables the widths and outlines come from are checked
 * here, so that such a font is refused, not turned into blank or
 * misplaced text.
 */
static bool
tables_sound(const struct pdf_font *f)
{
	hb_blob_t *bh, *bm, *bl;
	const unsigned char *head =
	    table(f, HB_TAG('h', 'e', 'a', 'd'), 54, &bh);
	const unsigned char *hhea =
	    table(f, HB_TAG('h', 'h', 'e', 'a'), 36, &bm);
	const unsigned char *loca =
	    table(f, HB_TAG('l', 'o', 'c', 'a'), 0, &bl);
	size_t glyf = table_len(f, "glyf"), hmtx = table_len(f, "hmtx");
	unsigned lc = hb_blob_get_length(bl), nhm, fmt, g;
	size_t end, prev;
	bool ok = false;

	if (head == NULL || hhea == NULL || loca == NULL || glyf == 0 ||
	    u16(head + 18) != f->upem || (fmt = u16(head + 50)) > 1)
		goto out;
	nhm = u16(hhea + 34);
	if (nhm == 0 || nhm > f->nglyphs || hmtx < 4 * (size_t)nhm ||
	    lc < (fmt ? 4 : 2) * ((size_t)f->nglyphs + 1))
		goto out;
	/* Glyphs in order and within glyf: HarfBuzz would read any other
	 * as an empty glyph, and the PDF would show nothing for it. */
	for (g = 0, prev = 0; g <= f->nglyphs; g++) {
		end = fmt ? (size_t)u16(loca + 4 * g) << 16 |
		                u16(loca + 4 * g + 2)
		          : 2 * (size_t)u16(loca + 2 * g);
		if (end < prev || end > glyf)
			goto out;
		prev = end;
	}
	ok = true;
out:
	hb_blob_destroy(bh);
	hb_blob_destroy(bm);
	hb_blob_destroy(bl);
	return ok;
}

/* A font whose cmap gives no glyph for the digits and basic letters, or
 * gives glyphs without advance or outline, is of no use for a report
 * (and is what a damaged font reads as). */
static bool
has_glyphs(const struct pdf_font *f)
{
	static const unsigned char probe[] = {'0', 'A', 'a'};
	hb_glyph_extents_t e;
	unsigned i;

	for (i = 0; i < sizeof(probe); i++) {
		unsigned g = f->gid[probe[i]];

		if (g == 0 || f->adv[g] <= 0 ||
		    !hb_font_get_glyph_extents(f->font, g, &e) ||
		    e.width <= 0 || e.height == 0)
			return false;
	}
	return true;
}

struct pdf_font *
pdf_font_load(const char *path)
{
	struct pdf_font *f = xcalloc(1, sizeof(*f));
	hb_blob_t *os2;
	const unsigned char *p;
	hb_codepoint_t g;
	const char *fault;

	if (!map_file(path, f))
		goto fail;
	if ((fault = directory_fault(f)) != NULL) {
		bad(path, fault);
		goto fail;
	}
	/* HarfBuzz checks every table it reads against the file's bytes
	 * (its "sanitizer"): a damaged font reads as one without glyphs. */
	f->blob =
	    hb_blob_create_or_fail((const char *)f->data, (unsigned)f->size,
	                           HB_MEMORY_MODE_READONLY, NULL, NULL);
	if (f->blob == NULL)
		goto damaged;
	f->face = hb_face_create(f->blob, 0);
	f->upem = hb_face_get_upem(f->face);
	f->nglyphs = hb_face_get_glyph_count(f->face);
	if (f->nglyphs == 0 || f->nglyphs > 65535 || f->upem < 16 ||
	    hb_face_get_table_tags(f->face, 0, NULL, NULL) == 0)
		goto damaged;
	if (table_len(f, "glyf") == 0) {
		bad(path, "it has no TrueType outlines ('glyf' table)");
		goto fail;
	}
	if (!tables_sound(f)) {
		bad(path, "its 'head', 'hhea', 'hmtx', 'loca' or 'glyf' table "
		          "is damaged");
		goto fail;
	}
	/* fsType bit 1: restricted licence, may not be embedded (PDF/A-2
	 * 6.2.11.4 asks for fonts legally embeddable). */
	p = table(f, HB_TAG('O', 'S', '/', '2'), 10, &os2);
	if (p != NULL && (u16(p + 8) & 0x000F) == 0x0002) {
		hb_blob_destroy(os2);
		bad(path, "its licence does not allow embedding");
		goto fail;
	}
	hb_blob_destroy(os2);
	f->font = hb_font_create(f->face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	f->adv = xmalloc(f->nglyphs * sizeof(*f->adv));
	for (g = 0; g < f->nglyphs; g++) {
		int a = em1000(f, hb_font_get_glyph_h_advance(f->font, g));

		/* over 32 em: only a damaged font, and no short holds it */
		if (a < 0 || a > 32767)
			goto damaged;
		f->adv[g] = (short)a;
	}
	read_cmap(f);
	if (!has_glyphs(f))
		goto damaged;
	read_metrics(f);
	read_name(path, f);
	f->code = xcalloc(65536, sizeof(*f->code));
	f->capcodes = 256;
	f->cp_of = xmalloc(f->capcodes * sizeof(*f->cp_of));
	f->cp_of[0] = 0;
	return f;
damaged:
	bad(path, "it is damaged or not a TrueType font (no glyphs "
	          "could be read)");
fail:
	pdf_font_free(f);
	return NULL;
}

void
pdf_font_close_file(struct pdf_font *f)
{
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	if (f->data != NULL)
		munmap(f->data, f->size);
	f->font = NULL;
	f->face = NULL;
	f->blob = NULL;
	f->data = NULL;
}

void
pdf_font_free(struct pdf_font *f)
{
	if (f == NULL)
		return;
	pdf_font_close_file(f);
	free(f->adv);
	free(f->gid);
	free(f->code);
	free(f->cp_of);
	free(f->kkey);
	free(f->kval);
	free(f->kl);
	free(f->kl_known);
	hb_buffer_destroy(f->kbuf);
	free(f);
}

/* A code point a font can draw and a ToUnicode map can name: not the
 * byte order marks, not surrogates (ISO 14289-1 7.21.7 forbids
 * mapping to U+FEFF and U+FFFE). */
static bool
drawable(const struct pdf_font *f, unsigned cp)
{
	return cp != 0 && cp <= 0xFFFF && cp != 0xFEFF && cp != 0xFFFE &&
	       !(cp >= 0xD800 && cp <= 0xDFFF) && f->gid[cp] != 0;
}

int
pdf_font_width(const struct pdf_font *f, unsigned cp)
{
	if (!drawable(f, cp))
		return -1;
	return f->adv[f->gid[cp]];
}

/*
 * The pair's kerning as HarfBuzz applies the font's 'kern' feature
 * (DejaVu's is in GPOS, which no simple table lookup reads): the two
 * characters shaped alone, without ligatures, and the first glyph's
 * advance compared with its own.
 */
static int
shape_kern(struct pdf_font *f, unsigned cp1, unsigned cp2)
{
	static const hb_feature_t feats[] = {
	    {HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
	    {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
	    {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	    {HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1}};
	const uint32_t text[2] = {cp1, cp2};
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned n = 0;

	if (f->kbuf == NULL)
		f->kbuf = hb_buffer_create();
	hb_buffer_clear_contents(f->kbuf);
	hb_buffer_add_utf32(f->kbuf, text, 2, 0, 2);
	hb_buffer_set_direction(f->kbuf, HB_DIRECTION_LTR);
	hb_buffer_set_script(f->kbuf, HB_SCRIPT_LATIN);
	hb_shape(f->font, f->kbuf, feats, sizeof(feats) / sizeof(feats[0]));
	info = hb_buffer_get_glyph_infos(f->kbuf, &n);
	pos = hb_buffer_get_glyph_positions(f->kbuf, NULL);
	if (n != 2 || info[0].codepoint != f->gid[cp1] ||
	    info[1].codepoint != f->gid[cp2] || pos[1].x_offset != 0)
		return 0;
	return em1000(f, pos[0].x_advance -
	                     hb_font_get_glyph_h_advance(f->font, f->gid[cp1]));
}

/* The first slot of a kerning pair's key.  The key's low bits are the
 * second glyph alone, so the slot is taken from the product's high bits:
 * the low bits of key * odd, as `%` took them, put every pair ending in
 * the same glyph in one cluster, and the probes made this an eighth of
 * a run's CPU time. */
static size_t
kern_slot(uint32_t key, size_t cap)
{
	return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> 32) &
	       (cap - 1);
}

/* ASCII, then U+00C0 .. U+00FF (the letters of Latin-1): the classes of
 * kern_latin(), -1 outside them. */
#define KL_CLASSES 192

static int
latin_class(unsigned cp)
{
	return cp < 0x80                  ? (int)cp
	       : cp >= 0xC0 && cp <= 0xFF ? (int)cp - 64
	                                  : -1;
}

/*
 * Most pairs a report kerns are ASCII and Latin-1 letters: a table of
 * them takes a lookup instead of a hash and its probes, which the
 * layout's widths and the pages' drawing ask for at every character
 * (pdf_font_kern() was the program's busiest function at M).  The
 * table's 74 KB are allocated zeroed and touched only where used.
 */
static bool
kern_latin(struct pdf_font *f, unsigned cp1, unsigned cp2, int *kv)
{
	int a = latin_class(cp1), b = latin_class(cp2);
	size_t i;

	if (a < 0 || b < 0)
		return false;
	i = (size_t)a * KL_CLASSES + (size_t)b;
	if (f->kl == NULL) {
		f->kl = xcalloc(KL_CLASSES * KL_CLASSES, sizeof(*f->kl));
		f->kl_known = xcalloc((KL_CLASSES * KL_CLASSES + 63) / 64,
		                      sizeof(*f->kl_known));
	}
	if (!(f->kl_known[i / 64] & (UINT64_C(1) << (i % 64)))) {
		f->kl[i] = (short)shape_kern(f, cp1, cp2);
		f->kl_known[i / 64] |= UINT64_C(1) << (i % 64);
	}
	*kv = f->kl[i];
	return true;
}

int
pdf_font_kern(struct pdf_font *f, unsigned cp1, unsigned cp2)
{
	uint32_t key;
	size_t i;
	int kv;

	if (!drawable(f, cp1) || !drawable(f, cp2) || f->font == NULL)
		return 0;
	if (kern_latin(f, cp1, cp2, &kv))
		return kv;
	key = (uint32_t)f->gid[cp1] << 16 | f->gid[cp2];
	if (f->kn * 2 >= f->kcap) {
		size_t cap = f->kcap ? f->kcap * 2 : 1024, j;
		uint32_t *keys = xcalloc(cap, sizeof(*keys));
		short *vals = xmalloc(cap * sizeof(*vals));

		for (j = 0; j < f->kcap; j++) {
			if (f->kkey[j] == 0)
				continue;
			for (i = kern_slot(f->kkey[j], cap); keys[i] != 0;
			     i = (i + 1) & (cap - 1))
				;
			keys[i] = f->kkey[j];
			vals[i] = f->kval[j];
		}
		free(f->kkey);
		free(f->kval);
		f->kkey = keys;
		f->kval = vals;
		f->kcap = cap;
	}
	for (i = kern_slot(key, f->kcap); f->kkey[i] != 0;
	     i = (i + 1) & (f->kcap - 1))
		if (f->kkey[i] == key)
			return f->kval[i];
	f->kkey[i] = key;
	f->kval[i] = (short)shape_kern(f, cp1, cp2);
	f->kn++;
	return f->kval[i];
}

unsigned
pdf_font_code(struct pdf_font *f, unsigned cp)
{
	if (!drawable(f, cp))
		return 0;
	if (f->code[cp] != 0)
		return f->code[cp];
	if (f->ncodes + 1 == f->capcodes) {
		f->capcodes *= 2;
		f->cp_of = xrealloc(f->cp_of, f->capcodes * sizeof(*f->cp_of));
	}
	f->cp_of[++f->ncodes] = cp;
	f->code[cp] = (uint16_t)f->ncodes;
	return f->ncodes;
}

const char *
pdf_font_name(const struct pdf_font *f)
{
	return f->name;
}

const struct font_metrics *
pdf_font_metrics(const struct pdf_font *f)
{
	return &f->m;
}

unsigned
pdf_font_ncodes(const struct pdf_font *f)
{
	return f->ncodes;
}

/* ---- the subset ---------------------------------------------------- */

void
pdf_font_subset_name(const struct pdf_font *f, struct buf *b)
{
	uint32_t h = 2166136261u;
	unsigned i;
	char tag[8];

	/* FNV-1a over the code points drawn, in code order. */
	for (i = 1; i <= f->ncodes; i++) {
		h ^= f->cp_of[i];
		h *= 16777619u;
	}
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '+';
	tag[7] = '\0';
	buf_puts(b, tag);
	buf_puts(b, f->name);
}

/*
 * HarfBuzz's subsetter keeps the glyphs drawn and those composites are
 * built from; glyph ids stay as they are, so the CIDToGIDMap needs no
 * second numbering.  The layout tables are dropped: a PDF positions
 * every glyph itself.
 */
bool
pdf_font_subset(const struct pdf_font *f, struct buf *out)
{
	static const hb_tag_t drop[] = {
	    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
	    HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
	    HB_TAG('F', 'F', 'T', 'M'), HB_TAG('n', 'a', 'm', 'e'),
	    HB_TAG('p', 'o', 's', 't'), HB_TAG('M', 'A', 'T', 'H')};
	hb_subset_input_t *in;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	const char *data;
	unsigned len = 0, i;
	bool ok = false;

	if (f->face == NULL || (in = hb_subset_input_create_or_fail()) == NULL)
		return false;
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS);
	/* No layout features: their glyph closure would add ligatures and
	 * variants the PDF never draws. */
	hb_set_clear(
	    hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(
		    hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG),
		    drop[i]);
	for (i = 1; i <= f->ncodes; i++) {
		hb_set_add(hb_subset_input_unicode_set(in), f->cp_of[i]);
		hb_set_add(hb_subset_input_glyph_set(in), f->gid[f->cp_of[i]]);
	}
	sub = hb_subset_or_fail(f->face, in);
	if (sub == NULL)
		goto out;
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	if (data == NULL || len == 0)
		goto out;
	buf_reset(out);
	buf_append(out, data, len);
	ok = true;
out:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return ok;
}

void
pdf_font_cid_to_gid(const struct pdf_font *f, struct buf *b)
{
	unsigned i;

	buf_reset(b);
	put16(b, 0);
	for (i = 1; i <= f->ncodes; i++)
		put16(b, f->gid[f->cp_of[i]]);
}

int
pdf_font_code_width(const struct pdf_font *f, unsigned code)
{
	return code >= 1 && code <= f->ncodes
	           ? pdf_font_width(f, f->cp_of[code])
	           : 0;
}

void
pdf_font_to_unicode(const struct pdf_font *f, struct buf *b)
{
	unsigned i, n;

	buf_puts(b,
	         "/CIDInit /ProcSet findresource begin\n"
	         "12 dict begin\n"
	         "begincmap\n"
	         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	         "/Supplement 0 >> def\n"
	         "/CMapName /Adobe-Identity-UCS def\n"
	         "/CMapType 2 def\n"
	         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* At most 100 entries a block (the CMap specification's limit). */
	for (i = 1; i <= f->ncodes; i += n) {
		unsigned k;

		n = f->ncodes - i + 1 < 100 ? f->ncodes - i + 1 : 100;
		buf_printf(b, "%u beginbfchar\n", n);
		for (k = i; k < i + n; k++)
			buf_printf(b, "<%04X> <%04X>\n", k, f->cp_of[k]);
		buf_puts(b, "endbfchar\n");
	}
	buf_puts(b, "endcmap\n"
	            "CMapName currentdict /CMap defineresource pop\n"
	            "end\nend\n");
}
