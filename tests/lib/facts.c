/*
 * facts.c INPUTS DB - prints analysis.c's counts over the whole report,
 * one "name value" line each, as the model holds them after the run
 * that `build --inputs INPUTS --db DB` made.  tests/t-history-years.sh
 * compares them with the numbers the PDF and the HTML state.
 */
#include <stdio.h>

#include "analysis.h"
#include "diag.h"
#include "history.h"
#include "inputs.h"

int
main(int argc, char **argv)
{
	struct model m;
	struct history *h;
	const struct fact_counts *t = &m.totals;

	if (argc != 3)
		return 2;
	diag_init("facts");
	model_init(&m);
	if (!inputs_load(&m, argv[1], 0) ||
	    (h = history_open(argv[2], true)) == NULL)
		return 1;
	if (!history_load_previous(h, &m))
		return 1;
	history_close(h);
	analysis_run(&m);
	printf("milestones %u\n", t->milestones);
	printf("done_on_time %u\n", t->by_plan[PLAN_DONE_ON_TIME]);
	printf("done_late %u\n", t->by_plan[PLAN_DONE_LATE]);
	printf("open_on_schedule %u\n", t->by_plan[PLAN_OPEN_ON_SCHEDULE]);
	printf("open_postponed %u\n", t->by_plan[PLAN_OPEN_POSTPONED]);
	printf("overdue %u\n", t->by_plan[PLAN_OVERDUE]);
	printf("cancelled %u\n", t->by_plan[PLAN_CANCELLED]);
	printf("indicators %u\n", t->indicators);
	printf("on_course %u\n", t->by_course[COURSE_ON]);
	printf("off_course %u\n", t->by_course[COURSE_OFF]);
	printf("target_reached %u\n", t->by_trend[TREND_REACHED]);
	printf("unreachable %u\n", t->by_trend[TREND_UNREACHABLE]);
	model_free(&m);
	diag_flush();
	return 0;
}
