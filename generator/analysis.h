/*
 * analysis.h - facts derived from the model: plan against actual per
 * milestone and aspect, indicator progress, course and trend, and the
 * changes since the previous snapshot (docs/facts.md).  Pure
 * computation, no I/O.
 */
#ifndef PR_ANALYSIS_H
#define PR_ANALYSIS_H

#include "model.h"

/* Call after inputs_load() and history_load_previous(). */
void analysis_run(struct model *m);

/* A milestone's due date: the completion date, else the forecast, else
 * the planned date (absent when all three are). */
struct pr_date analysis_due(struct pr_date completed, struct pr_date forecast,
                            struct pr_date planned);

#endif
