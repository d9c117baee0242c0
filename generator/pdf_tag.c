/*
 * pdf_tag.c - structure tree, marked content, document-level metadata
 * and font repairs for libharu 2.3; see pdf_tag.h.
 *
 * This is the only file that includes libharu's internal headers.  The
 * facts it relies on (checked against libharu 2.3.0's source and pinned
 * by tests/unit/test_pdf.c and tests/t-pdf-*.sh):
 *   - a page's content stream is ((HPDF_PageAttr)page->attr)->stream,
 *     and libharu writes its own operators there in call order, so
 *     marked-content operators written here interleave correctly;
 *   - an object added with HPDF_Xref_Add is indirect, and adding it to
 *     a dictionary or array writes a reference;
 *   - strings made with the UTF-8 encoder are written as UTF-16BE with
 *     a byte-order mark;
 *   - a Type 0 font's ToUnicode stream is attr->cmap_stream, filled
 *     when the font is created with an encoding CMap that readers
 *     reject; it is rewritten here from the codes actually drawn.
 * References: ISO 32000-1 14.7 (logical structure), 14.8 (tagged PDF),
 * 9.10.3 (ToUnicode); ISO 14289-1 (PDF/UA-1) 7; ISO 19005-2 (PDF/A-2)
 * 6.2.4 (output intent), 6.6 (metadata).
 */
#include "pdf_tag.h"

#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libdeflate.h>

#include "diag.h"
#include "i18n.h"
#include "pdf_font.h"
#include "util.h"

enum kid_type { KID_ELEM, KID_MCID, KID_OBJR };

/*
 * The elements and their kids are held until the file is written: an
 * element per paragraph, span, cell and link, 1.25 million at 26,000
 * pages.  So both are kept small: a kid in 16 bytes (an MCID counts the
 * marked contents of one page), an element in 80, in blocks of
 * ELEM_BLOCK (a malloc() each made it 168), with what few elements
 * have (strings, a bounding box, a table scope, list numbering) in a
 * record of its own.
 */
struct kid {
	union {
		struct tag_elem *elem; /* KID_ELEM */
		HPDF_Annotation annot; /* KID_OBJR */
	};
	int page;
	unsigned mcid : 30;
	unsigned type : 2; /* enum kid_type */
};

struct elem_extra {
	char *str[4]; /* enum tag_str */
	const char *numbering;
	/* written as HPDF_REAL, which is a float */
	float bbox[4];
	unsigned char scope; /* enum tag_scope */
	bool has_scope, has_bbox;
};

struct tag_elem {
	struct tag_elem *parent;
	const char *type;
	struct elem_extra *x; /* NULL: none */
	struct kid *kids;
	HPDF_Dict dict; /* only an element that is not plain (write_elem()) */
	uint32_t id;    /* its object number once written; 0 before */
	/* rendered keys (render_plain_elems()): text_mid bytes before the
	 * strings and the bounding box, which are written at the end, the
	 * rest of text_len after them */
	const char *text;
	uint32_t text_mid, text_len;
	uint32_t nkids, capkids;
	int pg; /* page of the first MCID, -1 if none */
	bool attached, rendered;
};

#define ELEM_BLOCK 4096

struct page_mc {
	struct tag_elem **elems; /* index: MCID */
	size_t n, cap;
};

struct annot_ref {
	struct tag_elem *elem;
	HPDF_Annotation annot;
	int page;
};

struct font_ref {
	struct pdf_font *font;
	HPDF_Dict type0; /* made at first use, filled at the end */
	/* Made by prepare_fonts(), deflated: the subset program, its
	 * length before deflating, CIDToGIDMap and ToUnicode. */
	struct buf file_z, map_z, tu_z;
	size_t file_len;
	bool prepared;
};

/*
 * Deflating the pages is a quarter of a run; it happens on packer
 * threads, fed through a short queue, while the next pages are drawn.
 * A packer touches nothing of libharu's: it turns a page's operators
 * into bytes, which the main thread hands to libharu at the end.
 * Deflating takes twice as long as drawing, so there are two packers
 * when the machine has two processors; a page's bytes do not depend on
 * which packer made them.  A sleeping packer is woken for PACK_BATCH
 * pages, not for each: waking a thread costs about as long as deflating
 * a page.
 */
#define PACK_QUEUE   16
#define PACK_BATCH   4
#define PACK_WORKERS 2

struct packed_page {
	unsigned char *data;
	size_t len, pos; /* pos: where libharu reads next */
};

struct packer;

struct pack_worker {
	struct packer *pk;
	pthread_t thread;
	bool running;
	struct libdeflate_compressor *z; /* for every page */
};

struct packer {
	struct pack_worker w[PACK_WORKERS];
	int nrunning; /* 0: the pages are deflated on the drawing thread */
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	bool sync_ready, closing, failed;
	int packers_waiting;
	bool drawer_waits;
	struct buf queue[PACK_QUEUE];
	int queue_page[PACK_QUEUE];
	size_t head, n;
	struct packed_page *out; /* by page; each written by one packer */
	size_t nout;
};

/* The elements' rendered keys, in blocks that are not moved as they
 * grow: a buffer that doubles held up to twice their bytes (17 MB at
 * 2,600 pages for 9 MB of keys), and they are held until the last
 * element is written. */
#define TEXT_CHUNK ((size_t)1 << 20)

struct text_chunk {
	struct text_chunk *next;
	size_t len, cap;
	char data[];
};

struct pdf_tag {
	HPDF_Doc pdf;
	struct packer pk;
	HPDF_Encoder utf8;
	HPDF_Page *pages;
	struct page_mc *mc;
	int npages, cappages;
	struct annot_ref *annots;
	size_t nannots, capannots;
	struct font_ref fonts[8];
	struct buf cs; /* the content of the page being drawn */
	struct tag_elem *root;
	struct tag_elem **blocks; /* of ELEM_BLOCK elements, in order */
	size_t nelems, nblocks;
	HPDF_Dict tree_root; /* the root element's parent */
	/* The plain elements' one object (write_plain()): their entries in
	 * the cross-reference table, in the order they are written, and
	 * the next to write; stand-ins for references to them from libharu
	 * objects (elem_obj()). */
	HPDF_Dict plain;
	struct tag_elem **plain_order;
	size_t nplain, capplain, next_plain;
	void **standins;
	size_t nstandins, capstandins;
	HPDF_MD5_CTX id; /* the pages summed by sum_pages(), for /ID */
	/* plain elements' keys: render_plain_elems() */
	struct text_chunk *texts;
	struct task render;   /* render_plain_elems() */
	struct strmap shared; /* share_key() -> indirect object */
	bool failed;
};

/* An HPDF call that failed: libharu keeps the reason in the doc. */
static bool
hfail(struct pdf_tag *t, const char *what)
{
	if (!t->failed)
		diag(DIAG_SYSTEM, NULL,
		     "the PDF library failed while writing %s (error 0x%04lX)",
		     _(what), (unsigned long)HPDF_GetError(t->pdf));
	t->failed = true;
	return false;
}

struct pdf_tag *
pdf_tag_new(HPDF_Doc pdf)
{
	struct pdf_tag *t = xcalloc(1, sizeof(*t));

	t->pdf = pdf;
	t->utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	strmap_init(&t->shared);
	buf_init(&t->cs);
	t->root = pdf_tag_elem(t, NULL, "Document");
	t->root->attached = true;
	return t;
}

static void packer_stop(struct packer *);
static void forget_plain(struct pdf_tag *);
static void put_uint(struct buf *, unsigned long);

/* The i-th element made. */
static struct tag_elem *
elem_at(const struct pdf_tag *t, size_t i)
{
	return &t->blocks[i / ELEM_BLOCK][i % ELEM_BLOCK];
}

/* What an element holds besides its record. */
static void
elem_release(struct tag_elem *e)
{
	int i;

	if (e->x != NULL)
		for (i = 0; i < 4; i++)
			free(e->x->str[i]);
	free(e->x);
	free(e->kids);
}

void
pdf_tag_free(struct pdf_tag *t)
{
	size_t k;
	int i;

	if (t == NULL)
		return;
	packer_stop(&t->pk);
	task_wait(&t->render);
	while (t->texts != NULL) {
		struct text_chunk *c = t->texts;

		t->texts = c->next;
		free(c);
	}
	for (i = 0; i < (int)t->pk.nout; i++)
		free(t->pk.out[i].data);
	free(t->pk.out);
	for (i = 0; i < PACK_WORKERS; i++)
		libdeflate_free_compressor(t->pk.w[i].z);
	forget_plain(t);
	for (k = 0; k < t->nelems; k++)
		elem_release(elem_at(t, k));
	for (k = 0; k < t->nblocks; k++)
		free(t->blocks[k]);
	free(t->blocks);
	for (i = 0; i < t->npages; i++)
		free(t->mc[i].elems);
	free(t->mc);
	free(t->pages);
	free(t->annots);
	for (k = 0; k < t->shared.cap; k++)
		free((char *)t->shared.keys[k]);
	strmap_free(&t->shared);
	buf_free(&t->cs);
	for (i = 0; i < (int)(sizeof(t->fonts) / sizeof(t->fonts[0])); i++) {
		buf_free(&t->fonts[i].file_z);
		buf_free(&t->fonts[i].map_z);
		buf_free(&t->fonts[i].tu_z);
	}
	free(t);
}

int
pdf_tag_page(struct pdf_tag *t, HPDF_Page page)
{
	HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);

	/* ProcSet is obsolete (ISO 32000-1 14.2: readers ignore it), and
	 * libharu's five names in it took 1.2 KB of the 4.5 KB a page
	 * costs until the file is written: 29 MB at XL. */
	if (res != NULL)
		HPDF_Dict_RemoveElement(res, "ProcSet");
	if (t->npages == t->cappages) {
		t->cappages = t->cappages ? t->cappages * 2 : 16;
		t->pages = xrealloc(t->pages, t->cappages * sizeof(*t->pages));
		t->mc = xrealloc(t->mc, t->cappages * sizeof(*t->mc));
	}
	t->pages[t->npages] = page;
	memset(&t->mc[t->npages], 0, sizeof(t->mc[0]));
	return t->npages++;
}

struct tag_elem *
pdf_tag_elem(struct pdf_tag *t, struct tag_elem *parent, const char *type)
{
	struct tag_elem *e;

	/* a second layout makes its elements in the first one's blocks */
	if (t->nelems == t->nblocks * ELEM_BLOCK) {
		t->blocks =
		    xrealloc(t->blocks, (t->nblocks + 1) * sizeof(*t->blocks));
		t->blocks[t->nblocks++] =
		    xmalloc(ELEM_BLOCK * sizeof(struct tag_elem));
	}
	e = elem_at(t, t->nelems++);
	memset(e, 0, sizeof(*e));
	e->parent = parent != NULL ? parent : t->root;
	e->type = type;
	e->pg = -1;
	return e;
}

size_t
pdf_tag_count(const struct pdf_tag *t)
{
	return t->nelems;
}

void
pdf_tag_forget(struct pdf_tag *t, size_t keep)
{
	while (t->nelems > keep)
		elem_release(elem_at(t, --t->nelems));
}

const char *
pdf_tag_elem_type(const struct tag_elem *e)
{
	return e->type;
}

static struct elem_extra *
extra(struct tag_elem *e)
{
	if (e->x == NULL)
		e->x = xcalloc(1, sizeof(*e->x));
	return e->x;
}

void
pdf_tag_set_str(struct tag_elem *e, enum tag_str k, const char *s)
{
	if (s == NULL && e->x == NULL)
		return;
	free(extra(e)->str[k]);
	e->x->str[k] = s != NULL ? xstrdup(s) : NULL;
}

void
pdf_tag_set_scope(struct tag_elem *e, enum tag_scope s)
{
	extra(e)->has_scope = true;
	e->x->scope = (unsigned char)s;
}

void
pdf_tag_set_list_numbering(struct tag_elem *e, const char *name)
{
	if (name != NULL || e->x != NULL)
		extra(e)->numbering = name;
}

void
pdf_tag_set_bbox(struct tag_elem *e, double x0, double y0, double x1, double y1)
{
	struct elem_extra *x = extra(e);

	x->has_bbox = true;
	x->bbox[0] = (float)x0;
	x->bbox[1] = (float)y0;
	x->bbox[2] = (float)x1;
	x->bbox[3] = (float)y1;
}

static struct kid *
add_kid(struct tag_elem *e, enum kid_type type)
{
	struct kid *k;

	if (e->nkids == e->capkids) {
		/* most elements have one kid */
		e->capkids = e->capkids ? e->capkids * 2 : 1;
		e->kids = xrealloc(e->kids, e->capkids * sizeof(*e->kids));
	}
	k = &e->kids[e->nkids++];
	memset(k, 0, sizeof(*k));
	k->type = type;
	return k;
}

void
pdf_tag_attach(struct tag_elem *e)
{
	if (e->attached)
		return;
	pdf_tag_attach(e->parent);
	add_kid(e->parent, KID_ELEM)->elem = e;
	e->attached = true;
}

struct buf *
pdf_tag_content(struct pdf_tag *t)
{
	return &t->cs;
}

int
pdf_tag_bdc_actual(struct pdf_tag *t, int page, struct tag_elem *e,
                   const char *actual)
{
	struct page_mc *mc = &t->mc[page];
	struct kid *k;
	int mcid = (int)mc->n;

	pdf_tag_attach(e);
	if (mc->n == mc->cap) {
		mc->cap = mc->cap ? mc->cap * 2 : 32;
		mc->elems = xrealloc(mc->elems, mc->cap * sizeof(*mc->elems));
	}
	mc->elems[mc->n++] = e;
	k = add_kid(e, KID_MCID);
	k->page = page;
	k->mcid = (unsigned)mcid;
	if (e->pg < 0)
		e->pg = page;
	buf_putc(&t->cs, '/');
	buf_puts(&t->cs, e->type);
	buf_puts(&t->cs, " <</MCID ");
	put_uint(&t->cs, (unsigned long)mcid);
	if (actual != NULL) {
		/* UTF-16BE with its byte order mark, as a text string
		 * must be (the fonts hold the BMP only) */
		unsigned cp;
		int n;

		buf_puts(&t->cs, " /ActualText <FEFF");
		while ((n = utf8_decode(actual, &cp)) > 0) {
			actual += n;
			buf_printf(&t->cs, "%04X", cp <= 0xFFFF ? cp : 0xFFFD);
		}
		buf_putc(&t->cs, '>');
	}
	buf_puts(&t->cs, ">> BDC\n");
	return mcid;
}

int
pdf_tag_bdc(struct pdf_tag *t, int page, struct tag_elem *e)
{
	return pdf_tag_bdc_actual(t, page, e, NULL);
}

void
pdf_tag_artifact(struct pdf_tag *t, int page, enum tag_artifact kind)
{
	static const char *const ops[] = {
	    "/Artifact <</Type /Layout>> BDC\n",
	    "/Artifact <</Type /Pagination>> BDC\n",
	    "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
	    "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
	    "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n",
	};

	(void)page;
	buf_puts(&t->cs, ops[kind]);
}

void
pdf_tag_emc(struct pdf_tag *t, int page)
{
	(void)page;
	buf_puts(&t->cs, "EMC\n");
}

/*
 * A long link (a URL of a thousand characters) breaks over many lines,
 * and each line is an annotation with the link's action and text: that
 * text, written into each, made the file grow with its square.  So
 * every URL's action is written once, as an indirect object all its
 * annotations refer to (a URL appears once in the file, however often
 * it is linked), and so is a link text of SHARE_MIN bytes or more;
 * shorter link text stays inline, where it costs less than a reference.
 */
#define SHARE_MIN 256

/* The shared object of kind ('C' contents, 'U' URI action) for text,
 * or NULL; *key is the key to store a new one under (or NULL). */
static void *
shared_get(struct pdf_tag *t, char kind, const char *text, char **key)
{
	struct buf b;
	void *obj;

	*key = NULL;
	if (kind == 'C' && strlen(text) < SHARE_MIN)
		return NULL;
	buf_init(&b);
	buf_putc(&b, kind);
	buf_puts(&b, text);
	if ((obj = strmap_get(&t->shared, b.data)) != NULL) {
		buf_free(&b);
		return obj;
	}
	*key = buf_detach(&b);
	return NULL;
}

/* Makes obj indirect and remembers it under key (taken over). */
static void *
shared_put(struct pdf_tag *t, char *key, void *obj)
{
	if (obj == NULL || HPDF_Xref_Add(t->pdf->xref, obj) != HPDF_OK) {
		free(key);
		return NULL; /* HPDF_Xref_Add() has freed it */
	}
	strmap_put(&t->shared, key, obj);
	return obj;
}

static HPDF_String
contents_string(struct pdf_tag *t, const char *text)
{
	char *key;
	HPDF_String s = shared_get(t, 'C', text, &key);

	if (s != NULL)
		return s;
	s = HPDF_String_New(t->pdf->mmgr, text, t->utf8);
	return key == NULL ? s : shared_put(t, key, s);
}

HPDF_Annotation
pdf_tag_uri_annot(struct pdf_tag *t, HPDF_Page page, HPDF_Rect r,
                  const char *uri)
{
	char *key;
	HPDF_Dict act = shared_get(t, 'U', uri, &key);
	HPDF_Annotation a;

	if (act == NULL) { /* as libharu makes it, but indirect */
		act = shared_put(t, key, HPDF_Dict_New(t->pdf->mmgr));
		if (act == NULL ||
		    HPDF_Dict_AddName(act, "Type", "Action") != HPDF_OK ||
		    HPDF_Dict_AddName(act, "S", "URI") != HPDF_OK ||
		    HPDF_Dict_Add(act, "URI",
		                  HPDF_String_New(t->pdf->mmgr, uri, NULL)) !=
		        HPDF_OK)
			return NULL;
	}
	/* A placeholder action, replaced by the shared one. */
	a = HPDF_Page_CreateURILinkAnnot(page, r, "#");
	if (a == NULL || HPDF_Dict_Add(a, "A", act) != HPDF_OK)
		return NULL;
	return a;
}

void
pdf_tag_annot(struct pdf_tag *t, int page, struct tag_elem *e,
              HPDF_Annotation a, const char *contents)
{
	HPDF_Array border = HPDF_Array_New(t->pdf->mmgr);
	struct kid *k;

	pdf_tag_attach(e);
	k = add_kid(e, KID_OBJR);
	k->page = page;
	k->annot = a;
	if (t->nannots == t->capannots) {
		t->capannots = t->capannots ? t->capannots * 2 : 16;
		t->annots =
		    xrealloc(t->annots, t->capannots * sizeof(*t->annots));
	}
	t->annots[t->nannots].elem = e;
	t->annots[t->nannots].annot = a;
	t->annots[t->nannots].page = page;
	t->nannots++;
	/* PDF/A-2 6.3.2: printable; PDF/UA 7.18.1: a description. */
	HPDF_Dict_AddNumber(a, "F", 4);
	HPDF_Dict_Add(a, "Contents", contents_string(t, contents));
	HPDF_Array_AddNumber(border, 0);
	HPDF_Array_AddNumber(border, 0);
	HPDF_Array_AddNumber(border, 0);
	HPDF_Dict_Add(a, "Border", border);
}

/* ---- compressing the pages ---------------------------------------- */

/*
 * libharu deflates a stream only when it saves the document, at zlib's
 * default level, and its page operators cost a function call, a float
 * conversion and a byte-wise copy each: pdf.c writes the operators into
 * one buffer, and the page is deflated by a packer as soon as it is
 * drawn, with libdeflate at PAGE_LEVEL, and handed to libharu as the
 * stream's bytes with no filter of its own; write_flate_filter() writes
 * the /Filter key that libharu would have written.  libdeflate's level
 * 1 takes half the time of zlib's level 2 (the fastest zlib level that
 * still finds matches well) for a file 3 % smaller; bench/floor.c
 * deflates with the same library and level.
 */
#define PAGE_LEVEL 1

static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream s)
{
	(void)dict;
	return HPDF_Stream_WriteStr(s, "/Filter [ /FlateDecode ]\012");
}

/* Deflates one page's operators into pk->out[page]. */
static bool
pack_one(struct pack_worker *w, const struct buf *in, int page)
{
	size_t cap, len;
	unsigned char *out;

	if (w->z == NULL &&
	    (w->z = libdeflate_alloc_compressor(PAGE_LEVEL)) == NULL)
		return false;
	cap = libdeflate_zlib_compress_bound(w->z, in->len);
	out = xmalloc(cap);
	len = libdeflate_zlib_compress(w->z, in->data, in->len, out, cap);
	if (len == 0) {
		free(out);
		return false;
	}
	/* The bound is generous; the page is kept until the file is
	 * written. */
	w->pk->out[page].data = xrealloc(out, len);
	w->pk->out[page].len = len;
	return true;
}

static void *
packer_main(void *arg)
{
	struct pack_worker *w = arg;
	struct packer *pk = w->pk;
	struct buf job;
	int page;
	bool ok;

	for (;;) {
		pthread_mutex_lock(&pk->mu);
		while (pk->n == 0 && !pk->closing) {
			pk->packers_waiting++;
			pthread_cond_wait(&pk->more, &pk->mu);
			pk->packers_waiting--;
		}
		if (pk->n == 0) {
			pthread_mutex_unlock(&pk->mu);
			return NULL;
		}
		job = pk->queue[pk->head];
		page = pk->queue_page[pk->head];
		pk->head = (pk->head + 1) % PACK_QUEUE;
		pk->n--;
		if (pk->drawer_waits)
			pthread_cond_signal(&pk->room);
		pthread_mutex_unlock(&pk->mu);

		ok = pack_one(w, &job, page);
		buf_free(&job);
		if (!ok) {
			pthread_mutex_lock(&pk->mu);
			pk->failed = true;
			pthread_mutex_unlock(&pk->mu);
		}
	}
}

/* Waits for the queue to drain and the packers to end. */
static void
packer_stop(struct packer *pk)
{
	int i;

	if (!pk->sync_ready)
		return;
	pthread_mutex_lock(&pk->mu);
	pk->closing = true;
	pthread_cond_broadcast(&pk->more);
	pthread_mutex_unlock(&pk->mu);
	for (i = 0; i < PACK_WORKERS; i++)
		if (pk->w[i].running)
			pthread_join(pk->w[i].thread, NULL);
	pthread_cond_destroy(&pk->more);
	pthread_cond_destroy(&pk->room);
	pthread_mutex_destroy(&pk->mu);
	pk->sync_ready = false;
	pk->nrunning = 0;
}

static void
packer_start(struct pdf_tag *t)
{
	struct packer *pk = &t->pk;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, want = ncpu >= PACK_WORKERS ? PACK_WORKERS : 1;

	pk->nout = (size_t)t->npages;
	pk->out = xcalloc(pk->nout, sizeof(*pk->out));
	for (i = 0; i < PACK_WORKERS; i++)
		pk->w[i].pk = pk;
	if (pthread_mutex_init(&pk->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&pk->more, NULL) != 0) {
		pthread_mutex_destroy(&pk->mu);
		return;
	}
	if (pthread_cond_init(&pk->room, NULL) != 0) {
		pthread_cond_destroy(&pk->more);
		pthread_mutex_destroy(&pk->mu);
		return;
	}
	pk->sync_ready = true;
	/* A packer that cannot be started leaves its share to the others,
	 * or, with none, to the drawing thread. */
	for (i = 0; i < want; i++)
		if (pthread_create(&pk->w[i].thread, NULL, packer_main,
		                   &pk->w[i]) == 0) {
			pk->w[i].running = true;
			pk->nrunning++;
		}
}

bool
pdf_tag_pack_page(struct pdf_tag *t, int page)
{
	struct packer *pk = &t->pk;
	bool ok = true;

	if (pk->out == NULL)
		packer_start(t);
	if (page < 0 || (size_t)page >= pk->nout)
		return false;
	if (pk->nrunning == 0) {
		ok = pack_one(&pk->w[0], &t->cs, page);
		buf_reset(&t->cs);
		return ok;
	}
	pthread_mutex_lock(&pk->mu);
	while (pk->n == PACK_QUEUE) {
		pk->drawer_waits = true;
		pthread_cond_wait(&pk->room, &pk->mu);
	}
	pk->drawer_waits = false;
	pk->queue[(pk->head + pk->n) % PACK_QUEUE] = t->cs;
	pk->queue_page[(pk->head + pk->n) % PACK_QUEUE] = page;
	pk->n++;
	ok = !pk->failed;
	if (pk->packers_waiting > 0 && pk->n >= PACK_BATCH)
		pthread_cond_signal(&pk->more);
	pthread_mutex_unlock(&pk->mu);
	buf_init(&t->cs);
	return ok;
}

/*
 * libharu reads a page's bytes through these when it saves the file:
 * from a memory stream it would copy them twice, a byte at a time.
 */
static HPDF_STATUS
page_read(HPDF_Stream s, HPDF_BYTE *p, HPDF_UINT *size)
{
	struct packed_page *pp = s->attr;
	size_t left = pp->len - pp->pos;

	if (left < *size) {
		memcpy(p, pp->data + pp->pos, left);
		pp->pos = pp->len;
		*size = (HPDF_UINT)left;
		return HPDF_STREAM_EOF;
	}
	memcpy(p, pp->data + pp->pos, *size);
	pp->pos += *size;
	return HPDF_OK;
}

static HPDF_STATUS
page_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct packed_page *pp = s->attr;
	long to = mode == HPDF_SEEK_SET   ? (long)pos
	          : mode == HPDF_SEEK_CUR ? (long)pp->pos + pos
	                                  : (long)pp->len - pos;

	if (to < 0 || (size_t)to > pp->len)
		return HPDF_STREAM_EOF;
	pp->pos = (size_t)to;
	return HPDF_OK;
}

static HPDF_INT32
page_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct packed_page *)s->attr)->pos;
}

static HPDF_UINT32
page_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct packed_page *)s->attr)->len;
}

/* Hands the deflated pages to libharu, once every page is drawn; the
 * bytes stay ours (freed with the pdf_tag, after the file is saved). */
static bool
install_pages(struct pdf_tag *t)
{
	struct packer *pk = &t->pk;
	size_t i;

	packer_stop(pk);
	if (pk->failed)
		return hfail(t, "the pages (libdeflate failed)");
	for (i = 0; i < pk->nout && i < (size_t)t->npages; i++) {
		HPDF_PageAttr attr = (HPDF_PageAttr)t->pages[i]->attr;
		HPDF_Dict contents = attr->contents;
		HPDF_Stream packed;

		if (pk->out[i].data == NULL || pk->out[i].len > 0x7FFFFFFF)
			return hfail(t, "a page that was never drawn");
		packed =
		    HPDF_CallbackReader_New(t->pdf->mmgr, page_read, page_seek,
		                            page_tell, page_size, &pk->out[i]);
		if (packed == NULL)
			return hfail(t, "the pages");
		HPDF_Stream_Free(attr->stream);
		attr->stream = contents->stream = packed;
		contents->filter = HPDF_STREAM_FILTER_NONE;
		contents->write_fn = write_flate_filter;
	}
	return true;
}

/* ---- fonts ------------------------------------------------------- */

void
pdf_tag_use_font(struct pdf_tag *t, int page, int slot, struct pdf_font *f)
{
	HPDF_MMgr mm = t->pdf->mmgr;
	struct font_ref *r = &t->fonts[slot];
	HPDF_Dict res, fonts;
	char name[16];

	if (r->type0 == NULL) {
		r->font = f;
		r->type0 = HPDF_Dict_New(mm);
		if (r->type0 == NULL ||
		    HPDF_Xref_Add(t->pdf->xref, r->type0) != HPDF_OK) {
			hfail(t, "a font");
			return;
		}
	}
	res = HPDF_Dict_GetItem(t->pages[page], "Resources", HPDF_OCLASS_DICT);
	if (res == NULL) {
		hfail(t, "a page's resources");
		return;
	}
	fonts = HPDF_Dict_GetItem(res, "Font", HPDF_OCLASS_DICT);
	if (fonts == NULL) {
		fonts = HPDF_Dict_New(mm);
		if (fonts == NULL ||
		    HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK) {
			hfail(t, "a page's fonts");
			return;
		}
	}
	snprintf(name, sizeof(name), "F%d", slot + 1);
	if (HPDF_Dict_GetItem(fonts, name, HPDF_OCLASS_DICT) == NULL &&
	    HPDF_Dict_Add(fonts, name, r->type0) != HPDF_OK)
		hfail(t, "a page's fonts");
}

/* in, deflated at PAGE_LEVEL (libharu would deflate it at level 6
 * while it writes the file, the one part of writing no other thread can
 * share). */
static bool
deflate_buf(struct libdeflate_compressor *z, const struct buf *in,
            struct buf *out)
{
	size_t cap = libdeflate_zlib_compress_bound(z, in->len);

	buf_reset(out);
	buf_grow(out, cap);
	out->len =
	    libdeflate_zlib_compress(z, in->data, in->len, out->data, cap);
	return out->len > 0;
}

/* A stream object holding the deflated bytes z. */
static HPDF_Dict
data_stream(struct pdf_tag *t, const struct buf *z)
{
	HPDF_Dict d = HPDF_DictStream_New(t->pdf->mmgr, t->pdf->xref);

	if (d == NULL ||
	    HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)z->data,
	                      (HPDF_UINT)z->len) != HPDF_OK)
		return NULL;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = write_flate_filter;
	return d;
}

/*
 * The fonts' streams, made on a thread of their own while the main
 * thread writes the structure tree: subsetting and deflating are pure
 * computation on the font's own data (HarfBuzz, zlib); the libharu
 * objects are made afterwards, on the main thread.
 */
static void *
prepare_fonts(void *arg)
{
	struct pdf_tag *t = arg;
	struct libdeflate_compressor *z =
	    libdeflate_alloc_compressor(PAGE_LEVEL);
	struct buf raw;
	size_t i;

	if (z == NULL)
		return NULL; /* no font prepared: reported by the caller */
	buf_init(&raw);
	for (i = 0; i < sizeof(t->fonts) / sizeof(t->fonts[0]); i++) {
		struct font_ref *r = &t->fonts[i];

		if (r->type0 == NULL)
			continue;
		if (!pdf_font_subset(r->font, &raw) ||
		    !deflate_buf(z, &raw, &r->file_z))
			continue;
		r->file_len = raw.len;
		pdf_font_close_file(r->font);
		buf_reset(&raw);
		pdf_font_cid_to_gid(r->font, &raw);
		if (!deflate_buf(z, &raw, &r->map_z))
			continue;
		buf_reset(&raw);
		pdf_font_to_unicode(r->font, &raw);
		if (!deflate_buf(z, &raw, &r->tu_z))
			continue;
		r->prepared = true;
	}
	buf_free(&raw);
	libdeflate_free_compressor(z);
	return NULL;
}

/* The deflated pages summed for /ID, on a thread of its own while the
 * main thread writes the structure tree. */
static void *
sum_pages(void *arg)
{
	struct pdf_tag *t = arg;
	size_t i;

	HPDF_MD5Init(&t->id);
	for (i = 0; i < t->pk.nout; i++)
		HPDF_MD5Update(&t->id, t->pk.out[i].data,
		               (HPDF_UINT32)t->pk.out[i].len);
	return NULL;
}

static HPDF_Array
int_array(HPDF_MMgr mm, const int *v, size_t n)
{
	HPDF_Array a = HPDF_Array_New(mm);
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		HPDF_Array_AddNumber(a, v[i]);
	return a;
}

/*
 * One font as ISO 32000-1 9.7 has it: a Type 0 font with Identity-H
 * codes (CIDs), its CIDFontType2 descendant with the widths (W) and the
 * CID -> glyph map, the descriptor with the subset program (FontFile2),
 * and the ToUnicode map that PDF/UA 7.21.7 asks for.
 */
static bool
write_font(struct pdf_tag *t, const struct font_ref *r)
{
	HPDF_MMgr mm = t->pdf->mmgr;
	const struct font_metrics *m = pdf_font_metrics(r->font);
	struct buf name;
	HPDF_Dict cid = HPDF_Dict_New(mm), fd = HPDF_Dict_New(mm), info, file,
	          map, tu;
	HPDF_Array desc, w, ws;
	int bbox[4];
	unsigned i;
	bool ok = false;

	buf_init(&name);
	if (!r->prepared || cid == NULL || fd == NULL ||
	    HPDF_Xref_Add(t->pdf->xref, cid) != HPDF_OK ||
	    HPDF_Xref_Add(t->pdf->xref, fd) != HPDF_OK)
		goto out;
	pdf_font_subset_name(r->font, &name);

	if ((file = data_stream(t, &r->file_z)) == NULL)
		goto out;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)r->file_len);
	HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	HPDF_Dict_AddName(fd, "FontName", name.data);
	HPDF_Dict_AddNumber(fd, "Flags",
	                    32 | (m->fixed_pitch ? 1 : 0) |
	                        (m->italic_angle != 0 ? 64 : 0));
	memcpy(bbox, m->bbox, sizeof(bbox));
	HPDF_Dict_Add(fd, "FontBBox", int_array(mm, bbox, 4));
	HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)m->italic_angle);
	HPDF_Dict_AddNumber(fd, "Ascent", m->ascent);
	HPDF_Dict_AddNumber(fd, "Descent", m->descent);
	HPDF_Dict_AddNumber(fd, "CapHeight", m->cap_height);
	HPDF_Dict_AddNumber(fd, "StemV", m->stem_v);
	HPDF_Dict_Add(fd, "FontFile2", file);

	if ((map = data_stream(t, &r->map_z)) == NULL)
		goto out;
	info = HPDF_Dict_New(mm);
	HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	w = HPDF_Array_New(mm);
	ws = HPDF_Array_New(mm);
	for (i = 1; i <= pdf_font_ncodes(r->font); i++)
		HPDF_Array_AddNumber(ws, pdf_font_code_width(r->font, i));
	HPDF_Array_AddNumber(w, 1);
	HPDF_Array_Add(w, ws);
	HPDF_Dict_AddName(cid, "Type", "Font");
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", name.data);
	HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	HPDF_Dict_Add(cid, "FontDescriptor", fd);
	HPDF_Dict_Add(cid, "W", w);
	HPDF_Dict_Add(cid, "CIDToGIDMap", map);

	if ((tu = data_stream(t, &r->tu_z)) == NULL)
		goto out;
	desc = HPDF_Array_New(mm);
	HPDF_Array_Add(desc, cid);
	HPDF_Dict_AddName(r->type0, "Type", "Font");
	HPDF_Dict_AddName(r->type0, "Subtype", "Type0");
	HPDF_Dict_AddName(r->type0, "BaseFont", name.data);
	HPDF_Dict_AddName(r->type0, "Encoding", "Identity-H");
	HPDF_Dict_Add(r->type0, "DescendantFonts", desc);
	HPDF_Dict_Add(r->type0, "ToUnicode", tu);
	ok = t->pdf->error.error_no == HPDF_OK;
out:
	buf_free(&name);
	return ok || hfail(t, "a font");
}

/* ---- writing the structure tree ---------------------------------- */

static HPDF_String
str(struct pdf_tag *t, const char *s)
{
	return HPDF_String_New(t->pdf->mmgr, s, t->utf8);
}

/*
 * As libharu objects an element would cost about 1.4 KB (a name is 128
 * bytes, a key as much again), 12 MB at M; an element is instead an
 * entry in the cross-reference table for one empty dictionary, t->plain,
 * whose write_fn writes the next element's keys from its tag_elem, in
 * the same bytes libharu writes (the structure tree of M: 1.4 KB -> 40
 * bytes an element, besides its tag_elem and its rendered keys).  Its
 * strings and bounding box are written by libharu's own writers, when
 * the file is written.  Only a name libharu would escape keeps the
 * libharu objects.
 */
/* Its strings, box, scope and numbering, none if it has none. */
static const struct elem_extra *
extra_of(const struct tag_elem *e)
{
	static const struct elem_extra none;

	return e->x != NULL ? e->x : &none;
}

static bool
plain_elem(const struct tag_elem *e)
{
	const struct elem_extra *x = extra_of(e);
	const char *s;

	for (s = e->type; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9')))
			return false; /* a name libharu would escape */
	if (x->numbering != NULL)
		for (s = x->numbering; *s != '\0'; s++)
			if (!((*s >= 'A' && *s <= 'Z') ||
			      (*s >= 'a' && *s <= 'z')))
				return false;
	return true;
}

/* Appends a number: the structure tree writes hundreds of thousands
 * at L, and buf_printf's vsnprintf was most of write_plain(). */
static void
put_uint(struct buf *b, unsigned long v)
{
	char tmp[24];
	size_t n = sizeof(tmp);

	tmp[--n] = '\0';
	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	buf_puts(b, tmp + n);
}

static void
put_ref(struct buf *b, const void *obj)
{
	const HPDF_Obj_Header *h = obj;

	put_uint(b, h->obj_id & 0x00FFFFFF);
	buf_puts(b, " ");
	put_uint(b, h->gen_no);
	buf_puts(b, " R");
}

/* A reference to a written element. */
static void
put_elem_ref(struct buf *b, const struct tag_elem *e)
{
	put_uint(b, e->id);
	buf_puts(b, " 0 R");
}

/* Appends the keys of a plain element to b, as libharu would write
 * them, but for the strings and the bounding box (write_plain());
 * returns where those belong. */
static size_t
render_plain_elem(const struct pdf_tag *t, const struct tag_elem *e,
                  struct buf *b)
{
	const struct elem_extra *x = extra_of(e);
	size_t mid;
	size_t i;

	buf_puts(b, "/Type /StructElem\012/S /");
	buf_puts(b, e->type);
	buf_puts(b, "\012");
	buf_puts(b, "/P ");
	if (e->parent != NULL)
		put_elem_ref(b, e->parent);
	else
		put_ref(b, t->tree_root);
	buf_puts(b, "\012");
	if (e->pg >= 0) {
		buf_puts(b, "/Pg ");
		put_ref(b, t->pages[e->pg]);
		buf_puts(b, "\012");
	}
	mid = b->len;
	if (x->has_scope)
		buf_printf(b, "/A <<\012/O /Table\012/Scope /%s\012>>\012",
		           x->scope == TAG_SCOPE_ROW ? "Row" : "Column");
	else if (x->has_bbox)
		; /* with the strings (write_elem_strings()) */
	else if (x->numbering != NULL)
		buf_printf(b,
		           "/A <<\012/O /List\012/ListNumbering /%s\012>>\012",
		           x->numbering);
	buf_puts(b, "/K [ ");
	for (i = 0; i < e->nkids; i++) {
		const struct kid *kd = &e->kids[i];

		switch (kd->type) {
		case KID_ELEM:
			put_elem_ref(b, kd->elem);
			break;
		case KID_MCID:
			if (kd->page == e->pg) {
				put_uint(b, (unsigned long)kd->mcid);
				break;
			}
			buf_puts(b, "<<\012/Type /MCR\012/Pg ");
			put_ref(b, t->pages[kd->page]);
			buf_puts(b, "\012/MCID ");
			put_uint(b, (unsigned long)kd->mcid);
			buf_puts(b, "\012>>");
			break;
		case KID_OBJR:
			buf_puts(b, "<<\012/Type /OBJR\012/Pg ");
			put_ref(b, t->pages[kd->page]);
			buf_puts(b, "\012/Obj ");
			put_ref(b, kd->annot);
			buf_puts(b, "\012>>");
			break;
		}
		buf_puts(b, " ");
	}
	buf_puts(b, "]\012");
	return mid;
}

/*
 * Every plain element's keys, rendered on a thread of their own while
 * the main thread finishes the document and libharu writes the objects
 * before them (the element's object numbers are fixed by then, and
 * nothing here changes).  write_plain() waits for it.
 */
static void *
render_plain_elems(void *arg)
{
	struct pdf_tag *t = arg;
	struct tag_elem *e;
	struct text_chunk *c = NULL;
	struct buf b;
	size_t k;

	buf_init(&b);
	/* After a stop signal, the elements left unrendered make the
	 * writing fail (write_plain()), which pdf.c does not report. */
	for (k = 0; k < t->nelems && pr_stop_signal() == 0; k++) {
		e = elem_at(t, k);
		if (e->id == 0 || e->dict != NULL)
			continue; /* not written, or not plain */
		buf_reset(&b);
		e->text_mid = (uint32_t)render_plain_elem(t, e, &b);
		e->text_len = (uint32_t)b.len;
		if (c == NULL || c->cap - c->len < b.len) {
			size_t cap = b.len > TEXT_CHUNK ? b.len : TEXT_CHUNK;

			c = xmalloc(sizeof(*c) + cap);
			c->len = 0;
			c->cap = cap;
			c->next = t->texts;
			t->texts = c;
		}
		e->text = memcpy(c->data + c->len, b.data, b.len);
		c->len += b.len;
		e->rendered = true;
	}
	buf_free(&b);
	return NULL;
}

/* A string key, as HPDF_Dict_Write() writes it (the file is not
 * encrypted). */
static HPDF_STATUS
write_str_key(struct pdf_tag *t, HPDF_Stream stream, const char *key,
              const char *text)
{
	HPDF_String v;
	HPDF_STATUS ret;

	if (text == NULL)
		return HPDF_OK;
	v = str(t, text);
	if (v == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	ret = HPDF_Stream_WriteStr(stream, key);
	if (ret == HPDF_OK)
		ret = HPDF_String_Write(v, stream, NULL);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(stream, "\012");
	HPDF_String_Free(v);
	return ret;
}

/* The keys between /Pg and /A or /K: the strings, then a bounding
 * box's attributes (write_elem()'s order). */
static HPDF_STATUS
write_elem_strings(struct pdf_tag *t, const struct tag_elem *e,
                   HPDF_Stream stream)
{
	const struct elem_extra *x = extra_of(e);
	HPDF_STATUS ret;
	int i;

	if ((ret = write_str_key(t, stream, "/Alt ", x->str[TAG_ALT])) !=
	        HPDF_OK ||
	    (ret = write_str_key(t, stream, "/E ", x->str[TAG_E])) != HPDF_OK ||
	    (ret = write_str_key(t, stream, "/Lang ", x->str[TAG_LANG])) !=
	        HPDF_OK ||
	    (ret = write_str_key(t, stream, "/ActualText ",
	                         x->str[TAG_ACTUAL])) != HPDF_OK)
		return ret;
	if (!x->has_bbox || x->has_scope)
		return HPDF_OK;
	ret = HPDF_Stream_WriteStr(
	    stream, "/A <<\012/O /Layout\012/Placement /Block\012/BBox [ ");
	for (i = 0; i < 4 && ret == HPDF_OK; i++) {
		ret = HPDF_Stream_WriteReal(stream, (HPDF_REAL)x->bbox[i]);
		if (ret == HPDF_OK)
			ret = HPDF_Stream_WriteChar(stream, ' ');
	}
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(stream, "]\012>>\012");
	return ret;
}

/* t->plain's write_fn: libharu writes the cross-reference table's
 * objects in order, so the n-th time it writes t->plain it writes the
 * n-th plain element's object. */
static HPDF_STATUS
write_plain(HPDF_Dict dict, HPDF_Stream stream)
{
	struct pdf_tag *t = dict->attr;
	const struct tag_elem *e;
	const HPDF_BYTE *text;
	HPDF_STATUS ret;

	task_wait(&t->render);
	if (t->next_plain >= t->nplain)
		return HPDF_INVALID_OBJECT;
	e = t->plain_order[t->next_plain++];
	if (!e->rendered) /* only if the tree was never finished */
		return HPDF_INVALID_OBJECT;
	text = (const HPDF_BYTE *)e->text;
	ret = HPDF_Stream_Write(stream, text, (HPDF_UINT)e->text_mid);
	if (ret == HPDF_OK)
		ret = write_elem_strings(t, e, stream);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_Write(stream, text + e->text_mid,
		                        (HPDF_UINT)(e->text_len - e->text_mid));
	return ret;
}

/*
 * Gives a plain element its object: an entry in the cross-reference
 * table for t->plain, which writes the element's keys when libharu
 * writes that entry (write_plain()).  HPDF_Xref_Add() would refuse an
 * object already in the table; the entry is made as it makes one.
 */
static bool
add_plain(struct pdf_tag *t, struct tag_elem *e)
{
	HPDF_Xref xref = t->pdf->xref;
	HPDF_XrefEntry entry;

	if (xref->entries->count >= HPDF_LIMIT_MAX_XREF_ELEMENT)
		return false;
	entry = HPDF_GetMem(xref->mmgr, sizeof(*entry));
	if (entry == NULL)
		return false;
	if (HPDF_List_Add(xref->entries, entry) != HPDF_OK) {
		HPDF_FreeMem(xref->mmgr, entry);
		return false;
	}
	entry->entry_typ = HPDF_IN_USE_ENTRY;
	entry->byte_offset = 0;
	entry->gen_no = 0;
	entry->obj = t->plain;
	e->id = xref->start_offset + xref->entries->count - 1;
	if (t->nplain == t->capplain) {
		t->capplain = t->capplain ? 2 * t->capplain : 1024;
		t->plain_order = xrealloc(
		    t->plain_order, t->capplain * sizeof(*t->plain_order));
	}
	t->plain_order[t->nplain++] = e;
	return true;
}

/* Takes the plain elements' entries back from the cross-reference
 * table, which would free t->plain once for each, and frees it. */
static void
forget_plain(struct pdf_tag *t)
{
	HPDF_Xref xref = t->pdf->xref;
	HPDF_XrefEntry entry;
	size_t i;

	if (t->plain == NULL)
		return;
	for (i = 0; xref != NULL && i < xref->entries->count; i++) {
		entry = HPDF_List_ItemAt(xref->entries, (HPDF_UINT)i);
		if (entry->obj == t->plain)
			entry->obj = NULL;
	}
	HPDF_Dict_Free(t->plain);
	t->plain = NULL;
	for (i = 0; i < t->nstandins; i++)
		HPDF_Obj_ForceFree(t->pdf->mmgr, t->standins[i]);
	free(t->standins);
	free(t->plain_order);
}

/* A written element as a libharu object, for a reference from one:
 * a plain element has none of its own, so a stand-in with its number
 * (which libharu only writes as "n 0 R"). */
static void *
elem_obj(struct pdf_tag *t, const struct tag_elem *e)
{
	HPDF_Null n;

	if (e->dict != NULL)
		return e->dict;
	n = HPDF_Null_New(t->pdf->mmgr);
	if (n == NULL)
		return NULL;
	n->header.obj_id = e->id | HPDF_OTYPE_INDIRECT;
	n->header.gen_no = 0;
	if (t->nstandins == t->capstandins) {
		t->capstandins = t->capstandins ? 2 * t->capstandins : 16;
		t->standins = xrealloc(t->standins,
		                       t->capstandins * sizeof(*t->standins));
	}
	t->standins[t->nstandins++] = n;
	return n;
}

static bool
write_elem(struct pdf_tag *t, struct tag_elem *e, void *parent)
{
	const struct elem_extra *x = extra_of(e);
	HPDF_MMgr mm = t->pdf->mmgr;
	HPDF_Array k;
	size_t i;

	if (plain_elem(e)) {
		if (!add_plain(t, e))
			return hfail(t, "the structure tree");
		for (i = 0; i < e->nkids; i++)
			if (e->kids[i].type == KID_ELEM &&
			    !write_elem(t, e->kids[i].elem, NULL))
				return false;
		return true;
	}
	e->dict = HPDF_Dict_New(mm);
	if (e->dict == NULL || HPDF_Xref_Add(t->pdf->xref, e->dict) != HPDF_OK)
		return hfail(t, "the structure tree");
	e->id = e->dict->header.obj_id & 0x00FFFFFF;
	if (parent == NULL && e->parent != NULL)
		parent = elem_obj(t, e->parent);
	HPDF_Dict_AddName(e->dict, "Type", "StructElem");
	HPDF_Dict_AddName(e->dict, "S", e->type);
	if (parent != NULL)
		HPDF_Dict_Add(e->dict, "P", parent);
	if (e->pg >= 0)
		HPDF_Dict_Add(e->dict, "Pg", t->pages[e->pg]);
	if (x->str[TAG_ALT] != NULL)
		HPDF_Dict_Add(e->dict, "Alt", str(t, x->str[TAG_ALT]));
	if (x->str[TAG_E] != NULL)
		HPDF_Dict_Add(e->dict, "E", str(t, x->str[TAG_E]));
	if (x->str[TAG_LANG] != NULL)
		HPDF_Dict_Add(e->dict, "Lang", str(t, x->str[TAG_LANG]));
	if (x->str[TAG_ACTUAL] != NULL)
		HPDF_Dict_Add(e->dict, "ActualText",
		              str(t, x->str[TAG_ACTUAL]));
	if (x->has_scope || x->has_bbox || x->numbering != NULL) {
		HPDF_Dict a = HPDF_Dict_New(mm);

		if (x->has_scope) {
			HPDF_Dict_AddName(a, "O", "Table");
			HPDF_Dict_AddName(a, "Scope",
			                  x->scope == TAG_SCOPE_ROW ? "Row"
			                                            : "Column");
		} else if (x->has_bbox) {
			HPDF_Array bb = HPDF_Array_New(mm);

			HPDF_Dict_AddName(a, "O", "Layout");
			HPDF_Dict_AddName(a, "Placement", "Block");
			for (i = 0; i < 4; i++)
				HPDF_Array_AddReal(bb, (HPDF_REAL)x->bbox[i]);
			HPDF_Dict_Add(a, "BBox", bb);
		} else {
			HPDF_Dict_AddName(a, "O", "List");
			HPDF_Dict_AddName(a, "ListNumbering", x->numbering);
		}
		HPDF_Dict_Add(e->dict, "A", a);
	}
	k = HPDF_Array_New(mm);
	for (i = 0; i < e->nkids; i++) {
		struct kid *kd = &e->kids[i];

		switch (kd->type) {
		case KID_ELEM:
			if (!write_elem(t, kd->elem, e->dict))
				return false;
			HPDF_Array_Add(k, elem_obj(t, kd->elem));
			break;
		case KID_MCID:
			if (kd->page == e->pg) {
				HPDF_Array_AddNumber(k, kd->mcid);
			} else {
				HPDF_Dict mcr = HPDF_Dict_New(mm);

				HPDF_Dict_AddName(mcr, "Type", "MCR");
				HPDF_Dict_Add(mcr, "Pg", t->pages[kd->page]);
				HPDF_Dict_AddNumber(mcr, "MCID", kd->mcid);
				HPDF_Array_Add(k, mcr);
			}
			break;
		case KID_OBJR: {
			HPDF_Dict o = HPDF_Dict_New(mm);

			HPDF_Dict_AddName(o, "Type", "OBJR");
			HPDF_Dict_Add(o, "Pg", t->pages[kd->page]);
			HPDF_Dict_Add(o, "Obj", kd->annot);
			HPDF_Array_Add(k, o);
			break;
		}
		}
	}
	HPDF_Dict_Add(e->dict, "K", k);
	return true;
}

/*
 * The parent tree's /Nums: a page's MCIDs' elements, then each
 * annotation's, written from pdf_tag's own arrays (as libharu objects,
 * an array per page and a proxy per reference), in libharu's bytes.
 */
static HPDF_STATUS
write_parent_tree(HPDF_Dict dict, HPDF_Stream stream)
{
	const struct pdf_tag *t = dict->attr;
	struct buf b;
	HPDF_STATUS ret = HPDF_OK;
	size_t j;
	int i;

	buf_init(&b);
	buf_puts(&b, "/Nums [ ");
	for (i = 0; i <= t->npages && ret == HPDF_OK; i++) {
		if (i < t->npages) {
			put_uint(&b, (unsigned long)i);
			buf_puts(&b, " [ ");
			for (j = 0; j < t->mc[i].n; j++) {
				const struct tag_elem *e = t->mc[i].elems[j];

				if (e != NULL && e->id != 0)
					put_elem_ref(&b, e);
				else
					buf_puts(&b, "null");
				buf_puts(&b, " ");
			}
			buf_puts(&b, "] ");
		} else {
			for (j = 0; j < t->nannots; j++) {
				put_uint(&b, (unsigned long)t->npages + j);
				buf_puts(&b, " ");
				put_elem_ref(&b, t->annots[j].elem);
				buf_puts(&b, " ");
			}
			buf_puts(&b, "]\012");
		}
		if (b.len >= 65536 || i == t->npages) {
			ret =
			    HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.data,
			                      (HPDF_UINT)b.len);
			b.len = 0;
		}
	}
	buf_free(&b);
	return ret;
}

/*
 * Room for n more objects in the cross-reference table.  libharu's list
 * grows by a fixed 1,024 entries, copying the whole table each time:
 * for the million structure elements of a 16,000-page report that was
 * quadratic, a second of the run.
 */
static void
reserve_xref(struct pdf_tag *t, size_t n)
{
	HPDF_List l = t->pdf->xref->entries;

	if (l->block_siz - l->count < n + 1024 && n < 0x10000000)
		l->items_per_block = (HPDF_UINT)(n + 1024);
}

static bool
write_struct_tree(struct pdf_tag *t)
{
	HPDF_MMgr mm = t->pdf->mmgr;
	HPDF_Dict root = HPDF_Dict_New(mm), ptree = HPDF_Dict_New(mm);
	int i;
	size_t j;

	if (root == NULL || ptree == NULL ||
	    HPDF_Xref_Add(t->pdf->xref, root) != HPDF_OK ||
	    HPDF_Xref_Add(t->pdf->xref, ptree) != HPDF_OK)
		return hfail(t, "the structure tree");
	reserve_xref(t, t->nelems);
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	t->tree_root = root;
	t->plain = HPDF_Dict_New(mm);
	if (t->plain == NULL)
		return hfail(t, "the structure tree");
	t->plain->attr = t;
	t->plain->write_fn = write_plain;
	if (!write_elem(t, t->root, root))
		return false;
	HPDF_Dict_Add(root, "K", elem_obj(t, t->root));

	/* Keys: 0..npages-1 the pages, then the annotations; ascending. */
	ptree->attr = t;
	ptree->write_fn = write_parent_tree;
	for (i = 0; i < t->npages; i++) {
		HPDF_Dict_AddNumber(t->pages[i], "StructParents", i);
		/* PDF/UA 7.18.3: tab order follows the structure. */
		HPDF_Dict_AddName(t->pages[i], "Tabs", "S");
	}
	for (j = 0; j < t->nannots; j++) {
		int key = t->npages + (int)j;

		HPDF_Dict_AddNumber(t->annots[j].annot, "StructParent", key);
	}
	HPDF_Dict_Add(root, "ParentTree", ptree);
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
	                    t->npages + (int)t->nannots);
	HPDF_Dict_Add(t->pdf->catalog, "StructTreeRoot", root);
	return t->pdf->error.error_no == HPDF_OK ||
	       hfail(t, "the structure tree");
}

/* ---- ToUnicode ----------------------------------------------------- */

/* ---- metadata ------------------------------------------------------- */

static void
xml_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&apos;");
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

static void
xmp_simple(struct buf *b, const char *name, const char *val)
{
	if (val == NULL || val[0] == '\0')
		return;
	buf_printf(b, "   <%s>", name);
	xml_escape(b, val);
	buf_printf(b, "</%s>\n", name);
}

static void
xmp_alt(struct buf *b, const char *name, const char *val)
{
	if (val == NULL || val[0] == '\0')
		return;
	buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", name);
	xml_escape(b, val);
	buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", name);
}

static void
build_xmp(struct buf *b, const struct tag_meta *m, const char *isodate)
{
	buf_puts(b,
	         "<?xpacket begin=\"\xEF\xBB\xBF\" "
	         "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	         " <rdf:RDF "
	         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	         "  <rdf:Description rdf:about=\"\"\n"
	         "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	         "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	         "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	         "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	         "   <dc:format>application/pdf</dc:format>\n");
	xmp_alt(b, "dc:title", m->title);
	if (has_text(m->author)) {
		buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_escape(b, m->author);
		buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	xmp_alt(b, "dc:description", m->subject);
	if (m->lang != NULL) {
		buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>");
		xml_escape(b, m->lang);
		buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	xmp_simple(b, "pdf:Keywords", m->keywords);
	xmp_simple(b, "pdf:Producer", m->producer);
	xmp_simple(b, "xmp:CreatorTool", m->creator);
	xmp_simple(b, "xmp:CreateDate", isodate);
	xmp_simple(b, "xmp:ModifyDate", isodate);
	xmp_simple(b, "xmp:MetadataDate", isodate);
	buf_puts(b, "   <pdfaid:part>2</pdfaid:part>\n"
	            "   <pdfaid:conformance>B</pdfaid:conformance>\n"
	            "   <pdfuaid:part>1</pdfuaid:part>\n"
	            "  </rdf:Description>\n");
	/* PDF/A-2 6.6.2.3: a schema outside XMP 2005 (here pdfuaid) must
	 * be described by an extension schema. */
	buf_puts(
	    b,
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    "
	    "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
	    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
	    "    "
	    "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
	    "   <pdfaExtension:schemas><rdf:Bag>\n"
	    "    <rdf:li rdf:parseType=\"Resource\">\n"
	    "     <pdfaSchema:schema>PDF/UA Universal Accessibility "
	    "Schema</pdfaSchema:schema>\n"
	    "     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
	    "</pdfaSchema:namespaceURI>\n"
	    "     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	    "     <pdfaSchema:property><rdf:Seq>\n"
	    "      <rdf:li rdf:parseType=\"Resource\">\n"
	    "       <pdfaProperty:name>part</pdfaProperty:name>\n"
	    "       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
	    "       <pdfaProperty:category>internal</pdfaProperty:category>\n"
	    "       <pdfaProperty:description>Indicates, which part of ISO "
	    "14289 standard is followed</pdfaProperty:description>\n"
	    "      </rdf:li>\n"
	    "     </rdf:Seq></pdfaSchema:property>\n"
	    "    </rdf:li>\n"
	    "   </rdf:Bag></pdfaExtension:schemas>\n"
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>");
}

static bool
write_metadata(struct pdf_tag *t, const struct tag_meta *m, struct buf *xmp)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict md, vp, mi;
	HPDF_Date d;
	struct tm tm;
	char iso[96];
	time_t when = m->date;

	gmtime_r(&when, &tm);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
	         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	         tm.tm_min, tm.tm_sec);
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = '+';

	/* Info: the same values as the XMP (PDF/A-2 6.6.3). */
	if (m->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, m->title);
	if (m->author && m->author[0])
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->author);
	if (m->subject && m->subject[0])
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, m->subject);
	if (m->keywords && m->keywords[0])
		HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, m->keywords);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, m->creator);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, m->producer);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);

	build_xmp(xmp, m, iso);
	md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (md == NULL)
		return hfail(t, "the XMP metadata");
	md->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)xmp->data,
	                  (HPDF_UINT)xmp->len);
	HPDF_Dict_Add(pdf->catalog, "Metadata", md);

	HPDF_Dict_Add(pdf->catalog, "Lang", str(t, m->lang));
	mi = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict_AddBoolean(mi, "Marked", HPDF_TRUE);
	HPDF_Dict_Add(pdf->catalog, "MarkInfo", mi);
	/* Replaces whatever HPDF_SetViewerPreference wrote. */
	vp = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
	return pdf->error.error_no == HPDF_OK || hfail(t, "the metadata");
}

static bool
write_output_intent(struct pdf_tag *t, const char *icc_data, size_t len)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict icc, oi;
	HPDF_Array arr;

	icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (icc == NULL)
		return hfail(t, "the output intent");
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(icc, "N", 3);
	HPDF_Stream_Write(icc->stream, (const HPDF_BYTE *)icc_data,
	                  (HPDF_UINT)len);
	oi = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier",
	              str(t, "sRGB IEC61966-2.1"));
	HPDF_Dict_Add(oi, "Info", str(t, "sRGB IEC61966-2.1"));
	HPDF_Dict_Add(oi, "DestOutputProfile", icc);
	arr = HPDF_Array_New(pdf->mmgr);
	HPDF_Array_Add(arr, oi);
	HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr);
	return pdf->error.error_no == HPDF_OK || hfail(t, "the output intent");
}

/*
 * /ID (ISO 32000-1 14.4): both parts from an MD5 sum, as 14.4
 * suggests, over what the file shows and says (the deflated pages,
 * summed by sum_pages(), then the XMP), so that the same input gives
 * the same bytes and a different report a different identifier.
 * libharu's own MD5, which is there anyway.
 */
static bool
write_id(struct pdf_tag *t, const struct buf *xmp)
{
	HPDF_BYTE md[16];
	HPDF_Array id;

	HPDF_MD5Update(&t->id, (const HPDF_BYTE *)xmp->data,
	               (HPDF_UINT32)xmp->len);
	HPDF_MD5Final(md, &t->id);
	id = HPDF_Array_New(t->pdf->mmgr);
	HPDF_Array_Add(id, HPDF_Binary_New(t->pdf->mmgr, md, 16));
	HPDF_Array_Add(id, HPDF_Binary_New(t->pdf->mmgr, md, 16));
	HPDF_Dict_Add(t->pdf->trailer, "ID", id);
	return t->pdf->error.error_no == HPDF_OK || hfail(t, "the document id");
}

bool
pdf_tag_finish(struct pdf_tag *t, const struct tag_meta *m)
{
	struct buf xmp;
	bool ok = false, tree_ok;
	struct task fonts, sum;
	int i;

	buf_init(&xmp);
	t->pdf->pdf_version = HPDF_VER_17;
	if (!install_pages(t))
		goto out;
	/* Fonts and the pages' sum on two threads while this one writes
	 * the structure tree, the metadata and the output intent. */
	task_start(&fonts, prepare_fonts, t);
	task_start(&sum, sum_pages, t);
	tree_ok = write_struct_tree(t);
	if (tree_ok)
		task_start(&t->render, render_plain_elems, t);
	tree_ok = tree_ok && write_metadata(t, m, &xmp) &&
	          write_output_intent(t, m->icc, m->icc_len);
	task_wait(&fonts);
	task_wait(&sum);
	if (!tree_ok)
		goto out;
	for (i = 0; i < (int)(sizeof(t->fonts) / sizeof(t->fonts[0])); i++)
		if (t->fonts[i].type0 != NULL && !write_font(t, &t->fonts[i]))
			goto out;
	if (!write_id(t, &xmp))
		goto out;
	ok = !t->failed;
out:
	buf_free(&xmp);
	return ok;
}

/*
 * Saving: libharu writes the file through a stream of ours straight
 * into `out`, instead of into its memory stream (the whole file, in
 * 4 KB blocks, read out again afterwards).  libharu writes a token at
 * a time, so the bytes are gathered here and handed on in large
 * blocks.
 */
#define SINK_BUF 65536

struct sink {
	FILE *out;
	int err; /* errno of the first failed write */
	size_t n;
	unsigned char buf[SINK_BUF];
};

static bool
sink_flush(struct sink *k)
{
	/* Writing a large file takes a while: a stop signal ends it. */
	if (k->err == 0 && pr_stop_signal() != 0)
		k->err = EINTR;
	if (k->err == 0 && k->n > 0 && fwrite(k->buf, 1, k->n, k->out) != k->n)
		k->err = errno != 0 ? errno : EIO;
	k->n = 0;
	return k->err == 0;
}

static HPDF_STATUS
sink_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	struct sink *k = s->attr;

	if (k->n + n > SINK_BUF && !sink_flush(k))
		return HPDF_FILE_IO_ERROR;
	if (n >= SINK_BUF) {
		if (fwrite(p, 1, n, k->out) != n) {
			k->err = errno != 0 ? errno : EIO;
			return HPDF_FILE_IO_ERROR;
		}
		return HPDF_OK;
	}
	memcpy(k->buf + k->n, p, n);
	k->n += n;
	return HPDF_OK;
}

bool
pdf_tag_save(struct pdf_tag *t, FILE *out, int *err)
{
	struct sink *k = xmalloc(sizeof(*k));
	HPDF_Stream s;
	bool ok;

	k->out = out;
	k->err = 0;
	k->n = 0;
	*err = 0;
	s = HPDF_CallbackWriter_New(t->pdf->mmgr, sink_write, k);
	if (s == NULL) {
		free(k);
		return false;
	}
	/* HPDF_SaveToStream() writes into the document's stream; only a
	 * memory stream's data is cleared first. */
	if (t->pdf->stream != NULL)
		HPDF_Stream_Free(t->pdf->stream);
	t->pdf->stream = s;
	errno = 0;
	ok = HPDF_SaveToStream(t->pdf) == HPDF_OK;
	ok = sink_flush(k) && ok;
	if (k->err == 0 && fflush(out) != 0)
		k->err = errno != 0 ? errno : EIO;
	*err = k->err;
	free(k);
	return ok && *err == 0;
}
