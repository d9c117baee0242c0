/*
 * pdf_font.c - TrueType metrics, character codes and subsetting for the
 * PDF renderer (see pdf_font.h).
 *
 * The tables are read in place from the file's bytes, which stay in
 * memory until the font is freed: the subset copies glyph outlines out
 * of them at the end.  Every offset read from the file is checked
 * against its table, so a damaged font is refused with a message, never
 * read out of bounds.
 */
#include "pdf_font.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct table {
	const unsigned char *p;
	size_t len;
};

struct pdf_font {
	unsigned char *data;
	size_t size;
	char name[64];
	struct table head, hhea, maxp, hmtx, loca, glyf, cmap, os2, post;
	struct table cvt, fpgm, prep;
	unsigned upem, nglyphs, nhmetrics;
	bool long_loca;
	struct font_metrics m;
	uint16_t *gid;   /* 65536: code point -> glyph, 0 none */
	uint16_t *code;  /* 65536: code point -> CID, 0 not yet given */
	unsigned *cp_of; /* CID -> code point; [0] unused */
	unsigned ncodes, capcodes;
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

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void
put16(struct buf *b, unsigned v)
{
	unsigned char x[2] = {(unsigned char)(v >> 8), (unsigned char)v};

	buf_append(b, x, 2);
}

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24),
	                      (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	                      (unsigned char)v};

	buf_append(b, x, 4);
}

static bool
bad(const char *path, const char *what)
{
	diag(DIAG_SYSTEM, &(struct src_pos){path, 0, 0},
	     "this TrueType font cannot be used: %s (use the fonts of the "
	     "Debian packages fonts-dejavu-core and fonts-dejavu-extra)",
	     what);
	return false;
}

static bool
read_file(const char *path, struct pdf_font *f)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 1 << 20, n;

	if (fp == NULL) {
		diag_syserr(path, "cannot read the font (Debian packages "
		                  "fonts-dejavu-core and fonts-dejavu-extra; "
		                  "--fonts DIR)");
		return false;
	}
	f->data = xmalloc(cap);
	while ((n = fread(f->data + f->size, 1, cap - f->size, fp)) > 0) {
		f->size += n;
		if (f->size == cap) {
			if (cap >= (size_t)64 << 20)
				break;
			cap *= 2;
			f->data = xrealloc(f->data, cap);
		}
	}
	if (ferror(fp) || !feof(fp)) {
		fclose(fp);
		if (f->size == cap)
			return bad(path, "the file is larger than 64 MB");
		diag_syserr(path, "cannot read the font");
		return false;
	}
	fclose(fp);
	return true;
}

static bool
find_tables(const char *path, struct pdf_font *f)
{
	static const struct {
		const char *tag;
		size_t off;
		size_t min; /* 0: optional */
	} want[] = {
	    {"head", offsetof(struct pdf_font, head), 54},
	    {"hhea", offsetof(struct pdf_font, hhea), 36},
	    {"maxp", offsetof(struct pdf_font, maxp), 6},
	    {"hmtx", offsetof(struct pdf_font, hmtx), 4},
	    {"loca", offsetof(struct pdf_font, loca), 4},
	    {"glyf", offsetof(struct pdf_font, glyf), 1},
	    {"cmap", offsetof(struct pdf_font, cmap), 4},
	    {"OS/2", offsetof(struct pdf_font, os2), 0},
	    {"post", offsetof(struct pdf_font, post), 0},
	    {"cvt ", offsetof(struct pdf_font, cvt), 0},
	    {"fpgm", offsetof(struct pdf_font, fpgm), 0},
	    {"prep", offsetof(struct pdf_font, prep), 0},
	};
	unsigned n, i, k;

	if (f->size < 12 ||
	    (u32(f->data) != 0x00010000 && memcmp(f->data, "true", 4) != 0))
		return bad(path, "it is not a TrueType font");
	n = u16(f->data + 4);
	if (12 + 16 * (size_t)n > f->size)
		return bad(path, "its table directory is cut short");
	for (i = 0; i < n; i++) {
		const unsigned char *r = f->data + 12 + 16 * i;
		uint32_t off = u32(r + 8), len = u32(r + 12);

		for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
			struct table *t;

			if (memcmp(r, want[k].tag, 4) != 0)
				continue;
			if (off > f->size || len > f->size - off)
				return bad(path,
				           "a table lies outside the file");
			t = (struct table *)((char *)f + want[k].off);
			t->p = f->data + off;
			t->len = len;
		}
	}
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		const struct table *t =
		    (const struct table *)((const char *)f + want[k].off);

		if (want[k].min > 0 && (t->p == NULL || t->len < want[k].min)) {
			char what[64];

			snprintf(what, sizeof(what),
			         "the '%s' table is missing", want[k].tag);
			return bad(path, what);
		}
	}
	return true;
}

/* A format 4 subtable (BMP), filling f->gid. */
static bool
cmap_format4(struct pdf_font *f, const unsigned char *p, size_t len)
{
	unsigned seg, i, c;

	if (len < 16)
		return false;
	seg = u16(p + 6) / 2;
	if (16 + 8 * (size_t)seg > len)
		return false;
	for (i = 0; i < seg; i++) {
		unsigned end = u16(p + 14 + 2 * i);
		unsigned start = u16(p + 16 + 2 * seg + 2 * i);
		unsigned delta = u16(p + 16 + 4 * seg + 2 * i);
		size_t ro_at = 16 + 6 * (size_t)seg + 2 * i;
		unsigned ro = u16(p + ro_at);

		for (c = start; c <= end && c <= 0xFFFF; c++) {
			unsigned g;

			if (ro == 0) {
				g = (c + delta) & 0xFFFF;
			} else {
				size_t at =
				    ro_at + ro + 2 * (size_t)(c - start);

				if (at + 2 > len)
					break;
				g = u16(p + at);
				if (g != 0)
					g = (g + delta) & 0xFFFF;
			}
			if (g < f->nglyphs)
				f->gid[c] = (uint16_t)g;
		}
	}
	return true;
}

/* A format 12 subtable (all planes); only the BMP is used. */
static bool
cmap_format12(struct pdf_font *f, const unsigned char *p, size_t len)
{
	uint32_t n, i, c;

	if (len < 16)
		return false;
	n = u32(p + 12);
	if (n > (len - 16) / 12)
		return false;
	for (i = 0; i < n; i++) {
		const unsigned char *g = p + 16 + 12 * (size_t)i;
		uint32_t start = u32(g), end = u32(g + 4), gid = u32(g + 8);

		for (c = start; c <= end && c <= 0xFFFF; c++, gid++)
			if (gid < f->nglyphs)
				f->gid[c] = (uint16_t)gid;
	}
	return true;
}

/* The Unicode cmap: (3,10) format 12 if there is one, else (3,1) or
 * (0,*) format 4. */
static bool
read_cmap(const char *path, struct pdf_font *f)
{
	const unsigned char *p = f->cmap.p;
	const unsigned char *best = NULL;
	size_t bestlen = 0;
	unsigned n = u16(p + 2), i, bestfmt = 0;

	if (4 + 8 * (size_t)n > f->cmap.len)
		return bad(path, "its 'cmap' table is cut short");
	for (i = 0; i < n; i++) {
		const unsigned char *r = p + 4 + 8 * i;
		unsigned plat = u16(r), enc = u16(r + 2), fmt;
		uint32_t off = u32(r + 4);

		/* In size_t: off + 4 in 32 bits wraps past 0xFFFFFFFB. */
		if ((size_t)off + 4 > f->cmap.len)
			continue;
		fmt = u16(p + off);
		if (!((plat == 3 && (enc == 1 || enc == 10)) || plat == 0))
			continue;
		if ((fmt == 12 && bestfmt != 12) ||
		    (fmt == 4 && bestfmt == 0)) {
			best = p + off;
			bestlen = f->cmap.len - off;
			bestfmt = fmt;
		}
	}
	f->gid = xcalloc(65536, sizeof(*f->gid));
	if (best == NULL || !(bestfmt == 12 ? cmap_format12(f, best, bestlen)
	                                    : cmap_format4(f, best, bestlen)))
		return bad(path, "it has no usable Unicode 'cmap' subtable");
	return true;
}

static int
em1000(const struct pdf_font *f, int v)
{
	/* Truncated toward zero, as libharu measured before this module,
	 * so that lines break where they always did. */
	return (int)((long)v * 1000 / (long)f->upem);
}

static unsigned
advance(const struct pdf_font *f, unsigned g)
{
	if (g >= f->nhmetrics)
		g = f->nhmetrics - 1;
	return u16(f->hmtx.p + 4 * (size_t)g);
}

static void
read_metrics(struct pdf_font *f)
{
	struct font_metrics *m = &f->m;
	const unsigned char *h = f->head.p;

	m->bbox[0] = em1000(f, s16(h + 36));
	m->bbox[1] = em1000(f, s16(h + 38));
	m->bbox[2] = em1000(f, s16(h + 40));
	m->bbox[3] = em1000(f, s16(h + 42));
	m->ascent = em1000(f, s16(f->hhea.p + 4));
	m->descent = em1000(f, s16(f->hhea.p + 6));
	m->cap_height = m->ascent;
	m->bold = (u16(h + 44) & 1) != 0; /* macStyle */
	if (f->os2.p != NULL && f->os2.len >= 90 && u16(f->os2.p) >= 2)
		m->cap_height = em1000(f, s16(f->os2.p + 88));
	if (f->os2.p != NULL && f->os2.len >= 6)
		m->bold = u16(f->os2.p + 4) >= 600;
	if (f->post.p != NULL && f->post.len >= 16) {
		m->italic_angle = (int32_t)u32(f->post.p + 4) / 65536.0;
		m->fixed_pitch = u32(f->post.p + 12) != 0;
	}
	/* The font has no stem width; these are the usual estimates. */
	m->stem_v = m->bold ? 120 : 80;
}

/* The PostScript name (name id 6), kept to the characters a PDF name
 * and a subset tag allow. */
static void
read_name(const char *path, struct pdf_font *f, const struct table *name)
{
	const char *base = strrchr(path, '/');
	size_t n = 0, i, k;

	if (name->p != NULL && name->len >= 6) {
		unsigned cnt = u16(name->p + 2), so = u16(name->p + 4);

		for (i = 0; i < cnt && 6 + 12 * (i + 1) <= name->len; i++) {
			const unsigned char *r = name->p + 6 + 12 * i;
			unsigned plat = u16(r), id = u16(r + 6);
			size_t len = u16(r + 8), off = so + (size_t)u16(r + 10);
			size_t step = plat == 1 ? 1 : 2;

			if (id != 6 || (plat != 1 && plat != 3) ||
			    off + len > name->len)
				continue;
			for (k = step - 1; k < len && n < sizeof(f->name) - 1;
			     k += step) {
				char c = (char)name->p[off + k];

				if ((c >= 'A' && c <= 'Z') ||
				    (c >= 'a' && c <= 'z') ||
				    (c >= '0' && c <= '9') || c == '-')
					f->name[n++] = c;
			}
			if (n > 0)
				break;
		}
	}
	if (n == 0) {
		base = base ? base + 1 : path;
		for (; *base != '\0' && *base != '.' && n < sizeof(f->name) - 1;
		     base++)
			if ((*base >= 'A' && *base <= 'Z') ||
			    (*base >= 'a' && *base <= 'z') ||
			    (*base >= '0' && *base <= '9') || *base == '-')
				f->name[n++] = *base;
	}
	f->name[n] = '\0';
}

static struct table
name_table(const struct pdf_font *f)
{
	struct table t = {NULL, 0};
	unsigned n = u16(f->data + 4), i;

	for (i = 0; i < n; i++) {
		const unsigned char *r = f->data + 12 + 16 * i;

		if (memcmp(r, "name", 4) == 0) {
			uint32_t off = u32(r + 8), len = u32(r + 12);

			if (off <= f->size && len <= f->size - off) {
				t.p = f->data + off;
				t.len = len;
			}
		}
	}
	return t;
}

struct pdf_font *
pdf_font_load(const char *path)
{
	struct pdf_font *f = xcalloc(1, sizeof(*f));
	struct table name;

	if (!read_file(path, f) || !find_tables(path, f))
		goto fail;
	f->upem = u16(f->head.p + 18);
	f->long_loca = s16(f->head.p + 50) == 1;
	f->nglyphs = u16(f->maxp.p + 4);
	f->nhmetrics = u16(f->hhea.p + 34);
	if (f->upem < 16 || f->nglyphs == 0 || f->nhmetrics == 0 ||
	    f->nhmetrics > f->nglyphs ||
	    4 * (size_t)f->nhmetrics > f->hmtx.len) {
		bad(path, "its 'head', 'maxp' or 'hhea' numbers are wrong");
		goto fail;
	}
	if ((f->long_loca ? 4 : 2) * ((size_t)f->nglyphs + 1) > f->loca.len) {
		bad(path, "its 'loca' table is cut short");
		goto fail;
	}
	/* fsType bit 1: restricted licence, may not be embedded (PDF/A-2
	 * 6.2.11.4 asks for fonts legally embeddable). */
	if (f->os2.p != NULL && f->os2.len >= 10 &&
	    (u16(f->os2.p + 8) & 0x000F) == 0x0002) {
		bad(path, "its licence does not allow embedding");
		goto fail;
	}
	if (!read_cmap(path, f))
		goto fail;
	read_metrics(f);
	name = name_table(f);
	read_name(path, f, &name);
	f->code = xcalloc(65536, sizeof(*f->code));
	f->capcodes = 256;
	f->cp_of = xmalloc(f->capcodes * sizeof(*f->cp_of));
	f->cp_of[0] = 0;
	return f;
fail:
	pdf_font_free(f);
	return NULL;
}

void
pdf_font_free(struct pdf_font *f)
{
	if (f == NULL)
		return;
	free(f->data);
	free(f->gid);
	free(f->code);
	free(f->cp_of);
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
	return em1000(f, (int)advance(f, f->gid[cp]));
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

static bool
glyph_range(const struct pdf_font *f, unsigned g, size_t *off, size_t *len)
{
	size_t a, b;

	if (f->long_loca) {
		a = u32(f->loca.p + 4 * (size_t)g);
		b = u32(f->loca.p + 4 * (size_t)g + 4);
	} else {
		a = 2 * (size_t)u16(f->loca.p + 2 * (size_t)g);
		b = 2 * (size_t)u16(f->loca.p + 2 * (size_t)g + 2);
	}
	if (b < a || b > f->glyf.len)
		return false;
	*off = a;
	*len = b - a;
	return true;
}

/* Marks g and, for a composite glyph, the glyphs it is built from. */
static void
mark_glyph(const struct pdf_font *f, unsigned char *keep, unsigned g, int depth)
{
	size_t off, len, at;
	unsigned flags;

	if (g >= f->nglyphs || keep[g] || depth > 8)
		return;
	keep[g] = 1;
	if (!glyph_range(f, g, &off, &len) || len < 10 ||
	    s16(f->glyf.p + off) >= 0)
		return;
	at = off + 10;
	do {
		if (at + 4 > off + len)
			return;
		flags = u16(f->glyf.p + at);
		mark_glyph(f, keep, u16(f->glyf.p + at + 2), depth + 1);
		at += 4 + ((flags & 0x0001) ? 4 : 2);
		if (flags & 0x0008)
			at += 2;
		else if (flags & 0x0040)
			at += 4;
		else if (flags & 0x0080)
			at += 8;
	} while (flags & 0x0020);
}

static uint32_t
checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += u32(p + i);
	if (i < len) {
		unsigned char last[4] = {0, 0, 0, 0};

		memcpy(last, p + i, len - i);
		sum += u32(last);
	}
	return sum;
}

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

bool
pdf_font_subset(const struct pdf_font *f, struct buf *out)
{
	/* In tag order, as the table directory must be. */
	struct {
		const char *tag;
		struct table t;
	} tabs[] = {
	    {"OS/2", f->os2},  {"cmap", f->cmap},   {"cvt ", f->cvt},
	    {"fpgm", f->fpgm}, {"glyf", {NULL, 0}}, {"head", f->head},
	    {"hhea", f->hhea}, {"hmtx", f->hmtx},   {"loca", {NULL, 0}},
	    {"maxp", f->maxp}, {"prep", f->prep},
	};
	enum {
		NT = sizeof(tabs) / sizeof(tabs[0]),
		GLYF = 4,
		HEAD = 5,
		LOCA = 8
	};
	unsigned char *keep = xcalloc(f->nglyphs, 1);
	struct buf glyf, loca;
	size_t i, n = 0, dir, headat = 0;
	unsigned g, es;
	bool ok = false;

	buf_init(&glyf);
	buf_init(&loca);
	mark_glyph(f, keep, 0, 0);
	for (i = 1; i <= f->ncodes; i++)
		mark_glyph(f, keep, f->gid[f->cp_of[i]], 0);
	for (g = 0; g < f->nglyphs; g++) {
		size_t off, len;

		put32(&loca, (uint32_t)glyf.len);
		if (!keep[g])
			continue;
		if (!glyph_range(f, g, &off, &len))
			goto out;
		buf_append(&glyf, f->glyf.p + off, len);
		while (glyf.len % 4 != 0)
			buf_putc(&glyf, 0);
	}
	put32(&loca, (uint32_t)glyf.len);
	tabs[GLYF].t.p = (const unsigned char *)glyf.data;
	tabs[GLYF].t.len = glyf.len;
	tabs[LOCA].t.p = (const unsigned char *)loca.data;
	tabs[LOCA].t.len = loca.len;

	for (i = 0; i < NT; i++)
		if (tabs[i].t.p != NULL)
			n++;
	for (es = 0; (2u << es) <= n; es++)
		;
	buf_reset(out);
	put32(out, 0x00010000);
	put16(out, (unsigned)n);
	put16(out, 16u << es);
	put16(out, es);
	put16(out, (unsigned)(16 * n - (16u << es)));
	dir = out->len;
	for (i = 0; i < n; i++) /* filled in below */
		put32(out, 0), put32(out, 0), put32(out, 0), put32(out, 0);
	for (i = 0, n = 0; i < NT; i++) {
		const struct table *t = &tabs[i].t;
		unsigned char *r;
		size_t at = out->len;
		uint32_t sum;

		if (t->p == NULL)
			continue;
		buf_append(out, t->p, t->len);
		if (i == HEAD) {
			unsigned char *h = (unsigned char *)out->data + at;

			headat = at;
			memset(h + 8, 0, 4);  /* checkSumAdjustment */
			h[50] = 0, h[51] = 1; /* long loca offsets */
		}
		sum = checksum((const unsigned char *)out->data + at, t->len);
		while (out->len % 4 != 0)
			buf_putc(out, 0);
		r = (unsigned char *)out->data + dir + 16 * n++;
		memcpy(r, tabs[i].tag, 4);
		r[4] = (unsigned char)(sum >> 24),
		r[5] = (unsigned char)(sum >> 16);
		r[6] = (unsigned char)(sum >> 8), r[7] = (unsigned char)sum;
		r[8] = (unsigned char)(at >> 24),
		r[9] = (unsigned char)(at >> 16);
		r[10] = (unsigned char)(at >> 8), r[11] = (unsigned char)at;
		r[12] = (unsigned char)(t->len >> 24);
		r[13] = (unsigned char)(t->len >> 16);
		r[14] = (unsigned char)(t->len >> 8);
		r[15] = (unsigned char)t->len;
	}
	{
		uint32_t adj =
		    0xB1B0AFBAu -
		    checksum((const unsigned char *)out->data, out->len);
		unsigned char *h = (unsigned char *)out->data + headat + 8;

		h[0] = (unsigned char)(adj >> 24),
		h[1] = (unsigned char)(adj >> 16);
		h[2] = (unsigned char)(adj >> 8), h[3] = (unsigned char)adj;
	}
	ok = true;
out:
	free(keep);
	buf_free(&glyf);
	buf_free(&loca);
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
