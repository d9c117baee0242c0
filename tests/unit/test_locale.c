/*
 * test_locale.c - words, numbers and dates in both shipped languages,
 * and the errors of a broken locale file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locale.h"
#include "unit.h"

static char *
fmt_num(const struct locale *l, double v, int dec)
{
	static struct buf b;

	buf_reset(&b);
	locale_number(l, v, dec, &b);
	return b.data;
}

/* locale_digits() gives the digits of "%.14e", whether it reads them
 * itself (decimals of up to nine places) or from printf. */
static void
digits_as_printf(void)
{
	static const double fixed[] = {0,
	                               0.125,
	                               1.005,
	                               2.675,
	                               46.65,
	                               1e-5,
	                               1e14,
	                               9.99e14,
	                               1e15,
	                               1e16,
	                               1e300,
	                               5e-324,
	                               0.1 + 0.2,
	                               100.0 / 3,
	                               123456789012345.0,
	                               999999999999999.0,
	                               12.3456789,
	                               0.000123456789};
	unsigned long long x = 42;
	int i, bad = 0;

	for (i = 0; i < 400000; i++) {
		char want[32], got[16], exp[8];
		double v;
		int e;

		if (i < (int)(sizeof(fixed) / sizeof(fixed[0])))
			v = fixed[i];
		else {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			/* a decimal of 0 to 11 places, or any double */
			if (i % 4 != 3)
				v = (double)(long long)((x >> 20) %
				                        100000000000ULL) /
				    pow(10, (double)((x >> 8) % 12));
			else {
				memcpy(&v, &x, sizeof(v));
				if (!isfinite(v))
					continue;
			}
			if (x & 1)
				v = -v;
		}
		snprintf(want, sizeof(want), "%.14e", fabs(v));
		e = locale_digits(v, got);
		snprintf(exp, sizeof(exp), "%d", e);
		if ((want[0] != got[0] || memcmp(want + 2, got + 1, 14) != 0 ||
		     atoi(strchr(want, 'e') + 1) != e || got[15] != '\0') &&
		    bad++ < 5)
			fprintf(stderr,
			        "locale_digits(%.17g): %s e%s, printf %s\n", v,
			        got, exp, want);
	}
	CHECK(bad == 0);
}

int
main(void)
{
	struct locale *de = locale_load("report-templates/de");
	struct locale *en = locale_load("report-templates/en");
	struct buf b;

	digits_as_printf();
	CHECK(de != NULL && en != NULL);
	if (de == NULL || en == NULL)
		return unit_done("test_locale");
	CHECK_STR(locale_lang(de), "de");
	CHECK_STR(locale_str(de, "status.at_risk"), "gefährdet");
	CHECK_STR(locale_str(de, "months.3"), "März");
	CHECK_STR(locale_str(en, "status.in_progress"), "in progress");

	CHECK_STR(fmt_num(de, 1234.5, 1), "1.234,5");
	CHECK_STR(fmt_num(en, 1234.5, 1), "1,234.5");
	CHECK_STR(fmt_num(de, 1234567, 0), "1.234.567");
	CHECK_STR(fmt_num(de, 999, 0), "999");
	CHECK_STR(fmt_num(de, -0.04, 1), "0,0");
	CHECK_STR(fmt_num(de, -12.25, 2), "−12,25");
	CHECK_STR(fmt_num(de, 0.125, 0), "0");
	/* Half away from zero, of the decimal number (docs/facts.md);
	 * printf would give 2, 0.12, 1.00, -2 and 46.6 here. */
	CHECK_STR(fmt_num(en, 2.5, 0), "3");
	CHECK_STR(fmt_num(en, 0.125, 2), "0.13");
	CHECK_STR(fmt_num(en, 1.005, 2), "1.01");
	CHECK_STR(fmt_num(en, -2.5, 0), "−3");
	CHECK_STR(fmt_num(en, 46.65, 1), "46.7");
	CHECK_STR(fmt_num(en, 46.64, 1), "46.6");
	CHECK_STR(fmt_num(en, 9.96, 1), "10.0");
	CHECK_STR(fmt_num(en, 999.5, 0), "1,000");
	CHECK_STR(fmt_num(en, 0.05, 1), "0.1");
	CHECK_STR(fmt_num(en, 0.04, 1), "0.0");
	CHECK_STR(fmt_num(en, 0.0123, 3), "0.012");
	CHECK_STR(fmt_num(en, 0.0005, 3), "0.001");
	CHECK_STR(fmt_num(en, 0, 2), "0.00");
	CHECK_STR(fmt_num(en, 123456789012.5, 0), "123,456,789,013");
	CHECK_STR(fmt_num(en, 100.0 / 3, 1), "33.3");

	buf_init(&b);
	locale_date(de, (struct pr_date){2027, 2, 28}, &b);
	CHECK_STR(b.data, "28. Februar 2027");
	buf_reset(&b);
	locale_date(en, (struct pr_date){2027, 2, 28}, &b);
	CHECK_STR(b.data, "28 February 2027");
	buf_reset(&b);
	locale_month_year(de, (struct pr_date){2026, 12, 1}, &b);
	CHECK_STR(b.data, "Dezember 2026");
	buf_free(&b);

	/* A missing word shows as its key, so the gap is visible. */
	CHECK_STR(locale_str(de, "no.such.word"), "no.such.word");
	CHECK(diag_count(DIAG_WARNING) == 1);
	locale_str(de, "no.such.word");
	CHECK(diag_count(DIAG_WARNING) == 1); /* reported once */

	/* A folder without a locale file is a system error. */
	CHECK(locale_load("/nonexistent") == NULL);
	CHECK(diag_count(DIAG_SYSTEM) == 1);
	diag_flush();

	locale_free(de);
	locale_free(en);
	return unit_done("test_locale");
}
