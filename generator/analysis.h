/*
 * analysis.h - facts derived from the model: plan against actual per
 * milestone and aspect, indicator progress and course, and the changes
 * since the previous snapshot.  Pure computation, no I/O.
 */
#ifndef PR_ANALYSIS_H
#define PR_ANALYSIS_H

#include "model.h"

/* Call after inputs_load() and history_load_previous(). */
void analysis_run(struct model *m);

#endif
