/*
 * test_locale.c - words, numbers and dates in both shipped languages,
 * and the errors of a broken locale file.
 */
#include <stdlib.h>

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

int
main(void)
{
	struct locale *de = locale_load("report-templates/de");
	struct locale *en = locale_load("report-templates/en");
	struct buf b;

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
