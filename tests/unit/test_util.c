/*
 * test_util.c - buffers, arenas, maps, UTF-8, dates and the message
 * order of diag.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "unit.h"
#include "util.h"

static void *
count_call(void *arg)
{
	(*(int *)arg)++;
	return NULL;
}

/*
 * memo: values found by bytes and tag (the same bytes under another tag,
 * or with a NUL inside, are another key), for every key stored since
 * the memo was last emptied; its text and entries stay within their
 * bounds however many are stored; a value longer than the bound is not
 * stored.
 */
static void
test_memo(void)
{
	struct memo m;
	static const int tags[2];
	char key[40], val[40];
	size_t i, k, bad = 0, over = 0, kept = 0;
	const void *hit;

	memo_init(&m, 4096);
	CHECK(memo_get(&m, &tags[0], "a", 1) == NULL);
	memo_put(&m, &tags[0], "a\0b", 3, "one", 4);
	memo_put(&m, &tags[1], "a\0b", 3, "two", 4);
	CHECK((hit = memo_get(&m, &tags[0], "a\0b", 3)) != NULL &&
	      strcmp(hit, "one") == 0);
	CHECK((hit = memo_get(&m, &tags[1], "a\0b", 3)) != NULL &&
	      strcmp(hit, "two") == 0);
	CHECK(memo_get(&m, &tags[0], "a\0c", 3) == NULL);
	CHECK(memo_get(&m, &tags[0], "a", 1) == NULL);
	memset(key, 'k', sizeof(key));
	memo_put(&m, &tags[0], key, 8, NULL, 0);
	CHECK(memo_get(&m, &tags[0], key, 8) != NULL); /* an empty value */
	{
		static char big[5000];

		memo_put(&m, &tags[0], "big", 3, big, sizeof(big));
		CHECK(memo_get(&m, &tags[0], "big", 3) == NULL);
	}
	/* Many keys: each found with its own value until the memo is
	 * emptied, never one with another's. */
	for (i = 0; i < 5000; i++) {
		size_t n = (size_t)snprintf(key, sizeof(key), "key%zu", i);

		snprintf(val, sizeof(val), "value of %zu", i);
		memo_put(&m, &tags[i % 2], key, n, val, strlen(val) + 1);
		if (m.text.len > m.max || m.n > m.max / 64)
			over++;
		for (k = i >= 3 ? i - 3 : 0; k <= i; k++) {
			char want[40];

			n = (size_t)snprintf(key, sizeof(key), "key%zu", k);
			snprintf(want, sizeof(want), "value of %zu", k);
			hit = memo_get(&m, &tags[k % 2], key, n);
			if (hit != NULL && strcmp(hit, want) != 0)
				bad++;
			kept += hit != NULL;
			if (memo_get(&m, &tags[(k + 1) % 2], key, n) != NULL)
				bad++;
		}
	}
	CHECK(bad == 0);
	CHECK(over == 0);
	CHECK(kept > 15000); /* emptied now and then, not at every put */
	memo_free(&m);
}

int
main(void)
{
	struct buf b;
	struct pool p;
	struct strmap m;
	unsigned cp;
	size_t bad;
	char key[32];
	int i;

	test_memo();
	/* fmt_scaled against printf's %.*f with the zeros trimmed. */
	{
		static const long long vals[] = {
		    0,      1,      -1,     5,        10,           999, 1000,
		    -1000,  1001,   12500,  -12500,   78,           -78, 841890,
		    595276, 100000, 123456, -9999999, LLONG_MAX / 2};
		static const int decs[] = {2, 3};
		size_t vi, di;

		for (vi = 0; vi < sizeof(vals) / sizeof(vals[0]); vi++)
			for (di = 0; di < 2; di++) {
				char out[40], want[64], *q, *e;
				int d = decs[di];
				long long scale = d == 2 ? 100 : 1000;
				long long v = vals[vi];
				unsigned long long u =
				    v < 0 ? 0ULL - (unsigned long long)v
				          : (unsigned long long)v;

				out[39] = '\0';
				q = fmt_scaled(out + 39, v, d);
				snprintf(want, sizeof(want), "%s%llu.%0*llu",
				         v < 0 ? "-" : "", u / scale, d,
				         u % (unsigned long long)scale);
				e = want + strlen(want) - 1;
				while (*e == '0')
					*e-- = '\0';
				if (*e == '.')
					*e = '\0';
				CHECK_STR(q, want);
			}
	}

	/* A task has run once task_wait() returns, and waiting twice is
	 * harmless. */
	{
		struct task t;
		int calls = 0;

		task_start(&t, count_call, &calls);
		task_wait(&t);
		CHECK(calls == 1);
		task_wait(&t);
		CHECK(calls == 1);
	}

	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK(b.len == 3890);
	CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_free(&b);

	pool_init(&p);
	CHECK(pool_size(&p) == 0);
	char *s = pool_strdup(&p, "Straße");
	CHECK_STR(s, "Straße");
	/* what was handed out, rounded up to the alignment, over many
	 * blocks */
	{
		size_t al = sizeof(max_align_t), want;

		want = (strlen("Straße") + 1 + al - 1) / al * al;
		for (i = 0; i < 10000; i++) {
			CHECK(pool_alloc(&p, 100) != NULL);
			want += (100 + al - 1) / al * al;
		}
		CHECK(pool_size(&p) == want);
	}
	pool_free(&p);
	CHECK(pool_size(&p) == 0);

	strmap_init(&m);
	pool_init(&p);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "M-%04d", i);
		CHECK(strmap_put(&m, pool_strdup(&p, key),
		                 (void *)(long)(i + 1)) == NULL);
	}
	CHECK((long)strmap_get(&m, "M-4711") == 4712);
	CHECK(strmap_get(&m, "M-5000") == NULL);
	CHECK((long)strmap_put(&m, "M-0001", (void *)7L) == 2);
	strmap_free(&m);
	pool_free(&p);

	CHECK(utf8_decode("ä", &cp) == 2 && cp == 0xE4);
	CHECK(utf8_decode("\xF0\x9F\x98\x80", &cp) == 4 && cp == 0x1F600);
	CHECK(utf8_decode("\xC0\x80", &cp) == -1);     /* overlong */
	CHECK(utf8_decode("\xED\xA0\x80", &cp) == -1); /* surrogate */
	CHECK(utf8_valid("Größe", strlen("Größe"), NULL));
	CHECK(!utf8_valid("ab\xFF", 3, &bad) && bad == 2);
	CHECK(!utf8_valid("a\xC3", 2, &bad) && bad == 1);

	CHECK(date_valid(2028, 2, 29));
	CHECK(!date_valid(2026, 2, 29));
	CHECK(!date_valid(2026, 2, 30));
	CHECK(!date_valid(2026, 13, 1));
	CHECK(date_months_between((struct pr_date){2026, 11, 30},
	                          (struct pr_date){2027, 2, 1}) == 3);
	CHECK(date_cmp((struct pr_date){2026, 1, 2},
	               (struct pr_date){2026, 1, 3}) < 0);

	enum ms_status st;
	CHECK(ms_status_from_key("at_risk", &st) && st == MS_AT_RISK);
	CHECK(!ms_status_from_key("late", &st));
	CHECK_STR(ms_status_key(MS_IN_PROGRESS), "in_progress");
	return unit_done("test_util");
}
