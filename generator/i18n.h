/*
 * i18n.h - messages in the user's language (GNU gettext, glibc's own).
 *
 * English is the source language.  diag.c translates the format
 * strings of diag(), diag_error(), diag_warning(), diag_syserr() and
 * diag_log() itself, so their callers write plain English literals and
 * xgettext finds them by keyword (Makefile, target po).  Text built
 * elsewhere and passed in as a "%s" argument is wrapped where it is
 * written: _() where it is used at once, N_() in a table whose entries
 * are translated later with _().
 *
 * Deliberately free of <libintl.h>: that header pulls in <locale.h>,
 * which the unit tests' -Igenerator would resolve to our own locale.h.
 */
#ifndef PR_I18N_H
#define PR_I18N_H

#define _(s)  i18n_tr(s)
#define N_(s) s

/*
 * Chooses the message language by the usual rules (LANGUAGE, then
 * LC_ALL, LC_MESSAGES, LANG) for LC_MESSAGES only: numbers are read and
 * written in the C locale whatever the environment says.  Call once,
 * before any thread starts.
 */
void i18n_init(void);

/* The translation of msgid, or msgid itself. */
const char *i18n_tr(const char *msgid) __attribute__((format_arg(1)));

#endif
