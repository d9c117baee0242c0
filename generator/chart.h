/*
 * chart.h - charts as document-tree blocks: one description, two
 * drawings.  Each function appends to `parent`
 *
 *   a FIGURE holding a DRAWING (vector geometry both renderers paint)
 *   and a CAPTION, whose alt text is generated from the same data and
 *   states what a sighted reader takes from the chart;
 *   then a TABLE with exactly the chart's numbers.
 *
 * With no data to show they append a PARA saying so instead of an
 * empty frame.  Words and number formats come from the locale; text
 * from the inputs (titles, units) is marked with the inputs' language
 * when the report is in another (comp_put_input), in the table, the
 * captions and the drawing alike.
 * Called by the template components (components.c).  All memory is in
 * the document's pool.  They return false only when `parent` may not
 * hold blocks.
 *
 * What they read of the derived facts (analysis.c, docs/facts.md): an
 * indicator's `progress` as a share (1.0 = target reached; shown as a
 * percentage, bars clamped to 0..100 % but the real value in text),
 * `course` and `expected`; a milestone's `due`, `schedule` and
 * `postponed_months`; an aspect's `own_by_status` (its own milestones,
 * for the status chart) and `count` (with its children's, for the
 * roadmap), and the model's `totals`.  They count nothing themselves.
 */
#ifndef PR_CHART_H
#define PR_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "components.h"

/* One indicator's yearly values with baseline, target and the linear
 * path to the target. */
bool chart_indicator_trend(const struct comp_ctx *, struct pr_node *parent,
                           const struct indicator *);

/* Progress from baseline toward target for a set of indicators. */
bool chart_indicator_progress(const struct comp_ctx *, struct pr_node *parent,
                              const struct indicator *const *, size_t n);

/* Milestones by status: a stacked bar per aspect (or resolution point)
 * that has milestones of its own, in input order, plus totals. */
bool chart_status_overview(const struct comp_ctx *, struct pr_node *parent);

/* The roadmap over the strategy's horizon: milestones per aspect on a
 * time axis, planned date against forecast or completion date.
 * `only` limits it to one aspect (and its children); NULL: all.
 * The drawing grows with the rows up to about 680 pt; beyond that the
 * milestone ids and aspect titles are dropped, rows squeezed and
 * finally markers within a crowded row overlap (the legend says so);
 * the table lists every milestone.  Dates more than two years outside the
 * horizon are pinned to the edge of the axis and marked with a chevron. */
bool chart_roadmap(const struct comp_ctx *, struct pr_node *parent,
                   const struct aspect *only);

#endif
