/*
 * i18n.c - finding the message catalogue and choosing the language.
 */
#include "i18n.h"

#include <libintl.h>
#include <stdbool.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PR_LOCALEDIR
#define PR_LOCALEDIR "/usr/local/share/locale"
#endif
#define DOMAIN "progress-report"

static bool
has_catalogue(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s/de/LC_MESSAGES/" DOMAIN ".mo",
	             dir) >= (int)sizeof(path))
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The catalogues, first found of:
 *  - $PROGRESS_REPORT_LOCALEDIR (tests, a relocated tree);
 *  - BIN/locale, where make puts them next to an uninstalled
 *    build/progress-report (and build/asan/progress-report);
 *  - BIN/../share/locale, an installed tree wherever it was copied;
 *  - the compiled-in PREFIX/share/locale.
 * Only a folder that holds our catalogue counts, so that a stray
 * "locale" folder beside some other installation is passed over.
 */
static const char *
locale_dir(char *buf, size_t size)
{
	static const char *const rel[] = {"locale", "../share/locale", NULL};
	const char *env = getenv("PROGRESS_REPORT_LOCALEDIR");
	char exe[PATH_MAX], *slash;
	ssize_t n;
	size_t i;

	if (env != NULL && *env != '\0')
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0 && (size_t)n < sizeof(exe) - 1) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; rel[i] != NULL; i++) {
			if (snprintf(buf, size, "%s/%s", exe, rel[i]) <
			        (int)size &&
			    has_catalogue(buf))
				return buf;
		}
	}
	return PR_LOCALEDIR;
}

void
i18n_init(void)
{
	static char dir[PATH_MAX + 32];

	/*
	 * Only LC_MESSAGES: LC_NUMERIC would make strtod() and printf()
	 * read and write decimal commas, LC_CTYPE would change what
	 * counts as a letter.  A locale that is named but not installed
	 * (LANG=de_DE.UTF-8 on a server without it) would leave gettext
	 * in "C", where it ignores LANGUAGE and the locale's name alike.
	 * The messages need no locale data, only the name's language: so
	 * C.UTF-8 (which glibc always has) is set instead and the name
	 * given to gettext as LANGUAGE, unless LANGUAGE says otherwise.
	 */
	if (setlocale(LC_MESSAGES, "") == NULL) {
		static const char *const vars[] = {"LC_ALL", "LC_MESSAGES",
		                                   "LANG", NULL};
		const char *lang = getenv("LANGUAGE"), *v;
		size_t i;

		setlocale(LC_MESSAGES, "C.UTF-8");
		for (i = 0; (lang == NULL || *lang == '\0') && vars[i]; i++)
			if ((v = getenv(vars[i])) != NULL && *v != '\0') {
				setenv("LANGUAGE", v, 1);
				break;
			}
	}
	bindtextdomain(DOMAIN, locale_dir(dir, sizeof(dir)));
	/* Our output is UTF-8 whatever LC_CTYPE (which stays "C") says;
	 * without this gettext would transliterate to ASCII. */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

const char *
i18n_tr(const char *msgid)
{
	/* gettext("") is the catalogue's header, not an empty text. */
	if (msgid == NULL || *msgid == '\0')
		return msgid;
	return dgettext(DOMAIN, msgid);
}
