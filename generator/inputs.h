/*
 * inputs.h - reading the departments' YAML (and CSV) files into the
 * model, with every problem reported at file:line:col.
 */
#ifndef PR_INPUTS_H
#define PR_INPUTS_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"

/*
 * Reads every *.yaml, *.yml and *.csv file in `dir` (in name order)
 * into `m`, resolves references and runs all cross-checks.  Problems go
 * to diag(); returns false if any was an error.  The model is then only
 * fit for model_free().
 */
bool inputs_load(struct model *m, const char *dir);

/*
 * For the coordinating office in December: per responsible unit, what
 * is missing or stale for the reporting year.  Prints to `out`.
 */
void inputs_print_missing(const struct model *m, FILE *out);

#endif
