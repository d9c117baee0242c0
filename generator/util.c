/*
 * util.c - allocation, buffers, arenas and UTF-8 decoding.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"

static void (*oom_hook)(void);

void
xalloc_on_failure(void (*hook)(void))
{
	oom_hook = hook;
}

static void
oom(void)
{
	static atomic_flag once = ATOMIC_FLAG_INIT;

	/* The hook may allocate (and fail) again: that exits at once. */
	if (!atomic_flag_test_and_set(&once)) {
		fputs("progress-report: error: out of memory\n", stderr);
		if (oom_hook != NULL)
			oom_hook();
	}
	/* _exit(): the other threads still run (the HTML's, the packers,
	 * the hasher), and exit()'s handlers (the libraries' destructors)
	 * freed what they used: a segmentation fault in one run of five
	 * (t-ops-pdf-oom).  The hook has removed the temporaries and
	 * rolled the history back. */
	_exit(EXIT_SYSTEM);
}

/* Not a volatile sig_atomic_t: the handler may run on any thread, and
 * every thread reads it.  A lock-free atomic may be set in a handler. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "atomic_int is lock-free");
static atomic_int stop_sig;

void
pr_stop_set(int sig)
{
	atomic_store_explicit(&stop_sig, sig, memory_order_relaxed);
}

int
pr_stop_signal(void)
{
	return atomic_load_explicit(&stop_sig, memory_order_relaxed);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->len)
		oom(); /* size_t overflow */
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	/* The PDF's content streams are written a byte at a time. */
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = xstrdup("");
	buf_init(b);
	return p;
}

/* Blocks grow geometrically; a request larger than a block gets its own. */
struct pool_block {
	struct pool_block *next;
	size_t used, cap;
	max_align_t data[];
};

void
pool_init(struct pool *p)
{
	p->head = NULL;
	p->owned = NULL;
	p->used = 0;
}

struct pool_owned {
	void **slot;
	struct pool_owned *next;
};

void
pool_own(struct pool *p, void **slot)
{
	struct pool_owned *o = pool_alloc(p, sizeof(*o));

	o->slot = slot;
	o->next = p->owned;
	p->owned = o;
}

void
pool_free(struct pool *p)
{
	struct pool_block *b, *next;
	struct pool_owned *o;

	/* the records live in the blocks */
	for (o = p->owned; o != NULL; o = o->next)
		free(*o->slot);
	p->owned = NULL;
	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	p->head = NULL;
	p->used = 0;
}

size_t
pool_size(const struct pool *p)
{
	/* kept as blocks are filled: the layout asks after every block
	 * it lays out, and a report kept whole has hundreds of blocks */
	return p->used;
}

void *
pool_alloc(struct pool *p, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct pool_block *b = p->head;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = b ? b->cap * 2 : 16384;

		if (cap > (size_t)1 << 22)
			cap = (size_t)1 << 22;
		if (cap < n)
			cap = n;
		b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = p->head;
		p->head = b;
	}
	void *r = (char *)b->data + b->used;
	b->used += n;
	p->used += n;
	memset(r, 0, n);
	return r;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return s == NULL ? NULL : pool_strndup(p, s, strlen(s));
}

int
utf8_decode(const char *str, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	int n, i;

	if (c == 0) {
		*cp = 0;
		return 0;
	}
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4;
		c &= 0x07;
	} else
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return n;
}

/* Right-to-left blocks of the BMP (astral ones are CP_ASTRAL anyway). */
static const struct {
	unsigned lo, hi;
	const char *script;
} rtl_blocks[] = {
    {0x0590, 0x05FF, N_("Hebrew")},    {0x0600, 0x06FF, N_("Arabic")},
    {0x0700, 0x074F, N_("Syriac")},    {0x0750, 0x077F, N_("Arabic")},
    {0x0780, 0x07BF, N_("Thaana")},    {0x07C0, 0x07FF, N_("N'Ko")},
    {0x0800, 0x083F, N_("Samaritan")}, {0x0840, 0x085F, N_("Mandaic")},
    {0x0860, 0x086F, N_("Syriac")},    {0x0870, 0x08FF, N_("Arabic")},
    {0xFB1D, 0xFB4F, N_("Hebrew")},    {0xFB50, 0xFDFF, N_("Arabic")},
    {0xFE70, 0xFEFE, N_("Arabic")},
};

const char *
cp_rtl_script(unsigned cp)
{
	for (size_t i = 0; i < sizeof(rtl_blocks) / sizeof(rtl_blocks[0]); i++)
		if (cp >= rtl_blocks[i].lo && cp <= rtl_blocks[i].hi)
			return _(rtl_blocks[i].script);
	return NULL;
}

static const char *
bidi_name(unsigned cp)
{
	static const char *const marks[] = {"left-to-right mark",
	                                    "right-to-left mark"};
	static const char *const embeds[] = {
	    "left-to-right embedding", "right-to-left embedding",
	    "pop directional formatting", "left-to-right override",
	    "right-to-left override"};
	static const char *const isolates[] = {
	    "left-to-right isolate", "right-to-left isolate",
	    "first strong isolate", "pop directional isolate"};

	if (cp >= 0x200E && cp <= 0x200F)
		return marks[cp - 0x200E];
	if (cp >= 0x202A && cp <= 0x202E)
		return embeds[cp - 0x202A];
	return isolates[cp - 0x2066];
}

void
cp_describe(struct buf *b, unsigned cp, const char *where)
{
	const char *in = where ? " in \"" : "", *end = where ? "\"" : "";

	where = where ? where : "";
	/* A line feed is refused only where a line cannot break. */
	switch (cp == '\n' ? CP_CONTROL : cp_classify(cp)) {
	case CP_CONTROL:
		if (cp == '\t')
			buf_printf(
			    b,
			    _("the tab character U+0009%s%s%s, which the "
			      "report cannot show; write a space instead"),
			    in, where, end);
		else
			buf_printf(
			    b,
			    _("the control character U+%04X%s%s%s, which "
			      "the report cannot show; remove it (text may "
			      "hold line breaks, no other control "
			      "characters)"),
			    cp, in, where, end);
		break;
	case CP_BIDI:
		buf_printf(b,
		           _("the direction control U+%04X (%s)%s%s%s, which "
		             "would make the text read differently in the PDF "
		             "and in the HTML; remove it"),
		           cp, bidi_name(cp), in, where, end);
		break;
	case CP_FORMAT:
		if (cp == 0xAD)
			buf_printf(
			    b,
			    _("the soft hyphen U+00AD%s%s%s, which the PDF "
			      "would print as a hyphen and the HTML hides; "
			      "remove it (the report hyphenates long words "
			      "itself)"),
			    in, where, end);
		else
			buf_printf(
			    b,
			    _("the invisible character U+FEFF (zero width "
			      "no-break space, or byte-order mark, as text "
			      "copied from Word or Excel may hold)%s%s%s, "
			      "which the report cannot show; remove it"),
			    in, where, end);
		break;
	case CP_RTL:
		buf_printf(b,
		           _("the character U+%04X of the %s script%s%s%s, "
		             "which is written right to left; the report "
		             "cannot set right-to-left text yet, only "
		             "left-to-right scripts (Latin, Greek, Cyrillic)"),
		           cp, cp_rtl_script(cp), in, where, end);
		break;
	default:
		buf_printf(b,
		           _("the character U+%04X%s%s%s, outside the Basic "
		             "Multilingual Plane, which the report's fonts "
		             "cannot show; replace it (emoji and rare scripts "
		             "are not supported)"),
		           cp, in, where, end);
		break;
	}
}

enum cp_class
cp_classify(unsigned cp)
{
	if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
		return CP_CONTROL;
	if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return CP_BIDI;
	if (cp == 0xAD || cp == 0xFEFF)
		return CP_FORMAT;
	if (cp > 0xFFFF)
		return CP_ASTRAL;
	if (cp >= 0x0590 && cp_rtl_script(cp) != NULL)
		return CP_RTL;
	return CP_SHOWN;
}

bool
utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	unsigned cp;

	while (i < len) {
		int n;

		if (s[i] == '\0') {
			if (bad)
				*bad = i;
			return false;
		}
		/* A sequence cut by len is invalid too. */
		if (len - i < 4) {
			char tmp[5] = {0};
			memcpy(tmp, s + i, len - i);
			n = utf8_decode(tmp, &cp);
		} else
			n = utf8_decode(s + i, &cp);
		if (n <= 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

static size_t
strhash(const char *s)
{
	size_t h = 1469598103934665603ULL; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* -- memo ---------------------------------------------------------- */

/* A slot: 16 bytes, so that the table of a full memo stays small; the
 * tag is stored in the text before its key. */
struct memo_slot {
	uint64_t hash; /* 0: empty */
	uint32_t off;  /* the tag, then the key's bytes, then the value's */
	uint16_t len, vlen;
};

/* A memo holds at most max / MEMO_PER_ENTRY entries (its table, grown
 * by doubling: under max bytes) and max bytes of text. */
#define MEMO_PER_ENTRY 64

void
memo_init(struct memo *m, size_t max)
{
	memset(m, 0, sizeof(*m));
	m->max = max < UINT32_MAX ? max : UINT32_MAX;
	buf_init(&m->text);
}

void
memo_free(struct memo *m)
{
	free(m->slot);
	buf_free(&m->text);
	memset(m, 0, sizeof(*m));
}

static uint64_t
memo_hash(const void *tag, const char *s, size_t len)
{
	uint64_t x = UINT64_C(0xcbf29ce484222325) ^ (uintptr_t)tag;
	size_t i;

	for (i = 0; i < len; i++)
		x = (x ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return x != 0 ? x : 1;
}

static void
memo_grow(struct memo *m)
{
	size_t cap = m->cap != 0 ? m->cap * 2 : 1024, i, j;
	struct memo_slot *v = xcalloc(cap, sizeof(*v));

	for (i = 0; i < m->cap; i++) {
		if (m->slot[i].hash == 0)
			continue;
		for (j = m->slot[i].hash & (cap - 1); v[j].hash != 0;
		     j = (j + 1) & (cap - 1))
			;
		v[j] = m->slot[i];
	}
	free(m->slot);
	m->slot = v;
	m->cap = cap;
}

const void *
memo_get(const struct memo *m, const void *tag, const char *key, size_t len)
{
	uint64_t hash;
	size_t i;

	if (m->cap == 0)
		return NULL;
	hash = memo_hash(tag, key, len);
	for (i = hash & (m->cap - 1); m->slot[i].hash != 0;
	     i = (i + 1) & (m->cap - 1)) {
		const struct memo_slot *e = &m->slot[i];
		const char *t = m->text.data + e->off;

		if (e->hash == hash && e->len == len &&
		    memcmp(t, &tag, sizeof(tag)) == 0 &&
		    memcmp(t + sizeof(tag), key, len) == 0)
			return t + sizeof(tag) + len;
	}
	return NULL;
}

void
memo_put(struct memo *m, const void *tag, const char *key, size_t len,
         const void *val, size_t vlen)
{
	uint64_t hash = memo_hash(tag, key, len);
	size_t i, need = sizeof(tag) + len + vlen;

	if (len > UINT16_MAX || vlen > UINT16_MAX || need > m->max)
		return;
	if (m->text.len + need > m->max ||
	    (m->n + 1) * MEMO_PER_ENTRY > m->max) {
		memset(m->slot, 0, m->cap * sizeof(*m->slot));
		m->n = 0;
		m->text.len = 0;
	}
	if (2 * (m->n + 1) > m->cap)
		memo_grow(m);
	for (i = hash & (m->cap - 1); m->slot[i].hash != 0;
	     i = (i + 1) & (m->cap - 1))
		;
	m->slot[i] = (struct memo_slot){hash, (uint32_t)m->text.len,
	                                (uint16_t)len, (uint16_t)vlen};
	m->n++;
	buf_append(&m->text, &tag, sizeof(tag));
	buf_append(&m->text, key, len);
	buf_append(&m->text, val, vlen);
}

void
strmap_init(struct strmap *m)
{
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->len = 0;
}

void
strmap_free(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	strmap_init(m);
}

static void
strmap_rehash(struct strmap *m)
{
	struct strmap n;
	size_t i;

	n.cap = m->cap ? m->cap * 2 : 64;
	n.len = 0;
	n.keys = xcalloc(n.cap, sizeof(*n.keys));
	n.vals = xcalloc(n.cap, sizeof(*n.vals));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL)
			strmap_put(&n, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = n;
}

void *
strmap_put(struct strmap *m, const char *key, void *val)
{
	size_t i;

	if ((m->len + 1) * 2 > m->cap)
		strmap_rehash(m);
	for (i = strhash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == NULL) {
			m->keys[i] = key;
			m->vals[i] = val;
			m->len++;
			return NULL;
		}
		if (strcmp(m->keys[i], key) == 0) {
			void *old = m->vals[i];
			m->vals[i] = val;
			return old;
		}
	}
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = strhash(key) & (m->cap - 1); m->keys[i] != NULL;
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return NULL;
}

char *
fmt_scaled(char *end, long long v, int decimals)
{
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	unsigned long long scale = 1, ip, fp;
	char *p = end;
	int i;

	for (i = 0; i < decimals; i++)
		scale *= 10;
	ip = u / scale;
	fp = u % scale;
	if (fp != 0) {
		while (fp % 10 == 0) {
			fp /= 10;
			decimals--;
		}
		for (; decimals > 0; decimals--) {
			*--p = (char)('0' + fp % 10);
			fp /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

void
task_start(struct task *t, void *(*fn)(void *), void *arg)
{
	t->threaded = pthread_create(&t->tid, NULL, fn, arg) == 0;
	if (!t->threaded)
		fn(arg);
}

void
task_wait(struct task *t)
{
	if (t->threaded)
		pthread_join(t->tid, NULL);
	t->threaded = false;
}

bool
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return false;
		c += w;
		n -= (size_t)w;
	}
	return true;
}

int
open_regular(int dirfd, const char *name, int flags, struct stat *st)
{
	struct stat own;
	int fd, e;

	if (st == NULL)
		st = &own;
	fd = openat(dirfd, name, flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -2;
	}
	/* Reads of a regular file never block anyway; clearing the flag
	 * keeps stdio's error handling plain. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

static const char *
file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return _("a FIFO");
	if (S_ISDIR(mode))
		return _("a folder");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return _("a device");
	if (S_ISSOCK(mode))
		return _("a socket");
	if (S_ISLNK(mode))
		return _("a symbolic link");
	return _("not a file");
}

void
diag_not_regular(int level, const char *path, const struct stat *st,
                 const char *allowed)
{
	diag((enum diag_level)level, &(struct src_pos){path, 0, 0},
	     "this is not a regular file (it is %s); %s",
	     file_kind(st->st_mode), _(allowed));
}
