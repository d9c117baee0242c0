/*
 * test_doc_validate.c - what the validation pass normalises and what it
 * refuses, each with its message at the node's position.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "doc_validate.h"
#include "unit.h"

static struct src_pos
at(unsigned line)
{
	struct src_pos p = {"t.tmpl", line, 1};
	return p;
}

static struct pr_node *
section(struct pr_doc *d, struct pr_node *parent, int level, const char *title,
        unsigned line)
{
	struct src_pos p = at(line);
	struct pr_node *s = pr_new_section(d, &p, level);
	struct pr_node *h = pr_new_heading(d, &p, level);

	pr_node_append(parent, s);
	pr_node_append(s, h);
	pr_append_text(d, h, &p, title);
	return s;
}

/* Runs validation; returns the messages (kept until the next call). */
static char *
validate(struct pr_doc *d, bool *ok)
{
	static char *out;

	free(out);
	*ok = doc_validate(d);
	out = unit_flush_messages();
	return out;
}

int
main(void)
{
	struct pr_doc *d = pr_doc_new();
	struct pr_node *s1, *s2, *p, *link;
	struct src_pos p1 = at(1);
	bool ok;
	char *msg;

	d->title = "Fortschrittsbericht";
	d->lang = "de";
	s1 = section(d, d->root, 1, "Änderungen seit 2025", 1);
	s2 = section(d, s1, 2, "Übersicht", 2);
	section(d, s1, 2, "Übersicht", 3);
	p = pr_node_new(d, PR_PARA, &p1);
	pr_node_append(s2, p);
	pr_node_append(p, pr_new_text(d, &p1, "a"));
	pr_node_append(p, pr_new_text(d, &p1, "b"));
	pr_node_append(p, pr_new_text(d, &p1, ""));
	link = pr_new_link(d, &p1, "#uebersicht-2");
	pr_node_append(p, link);
	pr_append_text(d, link, &p1, "siehe unten");
	msg = validate(d, &ok);
	CHECK(ok);
	CHECK_STR(msg, "");
	CHECK_STR(s1->u.sect.id, "aenderungen-seit-2025");
	CHECK_STR(s2->u.sect.id, "uebersicht");
	CHECK_STR(s2->next->u.sect.id, "uebersicht-2");
	CHECK(p->first->type == PR_TEXT && p->first->next == link);
	CHECK_STR(p->first->u.text.text, "ab");
	pr_doc_free(d);

	/* Every refusal, each at its line. */
	d = pr_doc_new();
	d->lang = "deutsch";
	s1 = section(d, d->root, 1, "Eins", 1);
	section(d, s1, 3, "Drei", 2);
	struct src_pos p4 = at(4), p5 = at(5), p6 = at(6), p7 = at(7);
	p = pr_node_new(d, PR_PARA, &p4);
	pr_node_append(s1, p);
	link = pr_new_link(d, &p4, "javascript:alert(1)");
	pr_node_append(p, link);
	pr_append_text(d, link, &p4, "x");
	pr_node_append(p, pr_new_text(d, &p5, "Emoji \xF0\x9F\x98\x80"));
	pr_node_append(s1, pr_new_figure(d, &p6, ""));
	struct pr_node *t = pr_node_new(d, PR_TABLE, &p7);
	struct pr_node *r = pr_node_new(d, PR_ROW, &p7);
	pr_node_append(s1, t);
	pr_node_append(t, r);
	pr_node_append(
	    r, pr_new_cell(d, &p7, false, PR_SCOPE_NONE, PR_ALIGN_NONE));
	msg = validate(d, &ok);
	CHECK(!ok);
	CHECK(strstr(msg, "progress-report: error: the report has no title") !=
	      NULL);
	CHECK(strstr(msg, "\"deutsch\" is not a language tag") != NULL);
	CHECK(
	    strstr(msg,
	           "t.tmpl:2:1: error: a heading of level 3 follows level 1") !=
	    NULL);
	CHECK(strstr(msg, "t.tmpl:4:1: error: the link address "
	                  "\"javascript:alert(1)\" is not allowed") != NULL);
	CHECK(strstr(msg, "t.tmpl:5:1: error: the character U+1F600, outside "
	                  "the Basic Multilingual Plane") != NULL);
	CHECK(strstr(msg,
	             "t.tmpl:6:1: error: a figure needs a text alternative") !=
	      NULL);
	CHECK(strstr(msg, "t.tmpl:7:1: error: a table needs a header row") !=
	      NULL);
	pr_doc_free(d);

	/* Link schemes: the one rule of pr_link_scheme_ok(), which the
	 * HTML writer keeps too: any case, and something after them. */
	d = pr_doc_new();
	d->title = "T";
	d->lang = "de";
	s1 = section(d, d->root, 1, "Eins", 1);
	p = pr_node_new(d, PR_PARA, &p1);
	pr_node_append(s1, p);
	static const char *const urls[] = {"HTTPS://example.org/",
	                                   "Mailto:a@example.org", "https://",
	                                   "mailto:"};
	for (size_t i = 0; i < 4; i++) {
		struct src_pos pi = at((unsigned)(20 + i));
		link = pr_new_link(d, &pi, urls[i]);
		pr_node_append(p, link);
		pr_append_text(d, link, &pi, "x");
	}
	msg = validate(d, &ok);
	CHECK(!ok);
	CHECK(strstr(msg, "t.tmpl:20:") == NULL);
	CHECK(strstr(msg, "t.tmpl:21:") == NULL);
	CHECK(strstr(msg, "t.tmpl:22:1: error: the link address \"https://\" "
	                  "is not allowed") != NULL);
	CHECK(strstr(msg, "t.tmpl:23:1: error: the link address \"mailto:\" "
	                  "is not allowed") != NULL);
	free(msg);
	pr_doc_free(d);
	return unit_done("test_doc_validate");
}
