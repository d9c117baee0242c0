/*
 * test_doctree.c - containment rules, links, iteration and text.
 */
#include "doctree.h"
#include "unit.h"

int
main(void)
{
	struct pr_doc *d = pr_doc_new();
	struct pr_node *sec, *h, *p, *em, *tab, *row, *cell, *item, *list;
	struct pr_iter it;
	struct buf b;
	int enters = 0, exits = 0;

	sec = pr_new_section(d, NULL, 1);
	h = pr_new_heading(d, NULL, 1);
	p = pr_node_new(d, PR_PARA, NULL);
	em = pr_node_new(d, PR_EMPH, NULL);

	CHECK(pr_node_append(d->root, sec));
	CHECK(pr_node_append(sec, h));
	CHECK(pr_append_text(d, h, NULL, "Über"));
	CHECK(pr_append_text(d, h, NULL, "sicht"));
	CHECK(h->first == h->last); /* merged into one text node */
	CHECK(pr_node_append(sec, p));
	CHECK(pr_node_append(p, em));
	CHECK(pr_append_text(d, em, NULL, "Größe"));

	/* Refused: blocks in inlines, inlines in containers, a node twice,
	 * a heading outside a section. */
	CHECK(!pr_node_append(em, pr_node_new(d, PR_PARA, NULL)));
	CHECK(!pr_node_append(d->root, pr_new_text(d, NULL, "x")));
	CHECK(!pr_node_append(d->root, p));
	CHECK(!pr_node_append(d->root, pr_new_heading(d, NULL, 1)));
	CHECK(!pr_append_text(d, sec, NULL, "loose"));

	tab = pr_node_new(d, PR_TABLE, NULL);
	row = pr_node_new(d, PR_ROW, NULL);
	cell = pr_new_cell(d, NULL, true, PR_SCOPE_COL, PR_ALIGN_LEFT);
	CHECK(pr_node_append(sec, tab));
	CHECK(pr_node_append(tab, row));
	CHECK(!pr_node_append(tab, pr_node_new(d, PR_PARA, NULL)));
	CHECK(pr_node_append(row, cell));
	CHECK(!pr_node_append(row, pr_node_new(d, PR_ROW, NULL)));

	list = pr_node_new(d, PR_LIST, NULL);
	item = pr_node_new(d, PR_ITEM, NULL);
	CHECK(pr_node_append(sec, list));
	CHECK(!pr_node_append(list, pr_node_new(d, PR_PARA, NULL)));
	CHECK(pr_node_append(list, item));

	/* Unlink and insert keep the links consistent. */
	pr_node_unlink(p);
	CHECK(p->parent == NULL && h->next == tab);
	CHECK(pr_node_insert_before(tab, p));
	CHECK(h->next == p && p->next == tab && tab->prev == p);
	CHECK(pr_tree_check(d->root) == 0);

	pr_iter_init(&it, d->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		if (it.ev == PR_EV_ENTER)
			enters++;
		else
			exits++;
	}
	/* 12 nodes; leaves (2 texts) get no EXIT. */
	CHECK(enters == 12);
	CHECK(exits == 10);

	/* Skipping the section's children goes straight to its EXIT. */
	pr_iter_init(&it, d->root);
	pr_iter_next(&it);			 /* document */
	CHECK(pr_iter_next(&it) == PR_EV_ENTER); /* section */
	pr_iter_skip_children(&it);
	CHECK(pr_iter_next(&it) == PR_EV_EXIT && it.cur == sec);
	CHECK(pr_iter_next(&it) == PR_EV_EXIT && it.cur == d->root);
	CHECK(pr_iter_next(&it) == PR_EV_NONE);

	buf_init(&b);
	pr_node_text(sec, &b);
	CHECK_STR(b.data, "ÜbersichtGröße");
	buf_reset(&b);
	pr_tree_dump(d->root, &b);
	CHECK(strstr(b.data, "  section level=1\n") != NULL);
	CHECK(strstr(b.data, "cell th scope=col") != NULL);
	buf_free(&b);

	pr_doc_free(d);
	return unit_done("test_doctree");
}
