# browser.sh - the browser checks of an HTML page (axe-core, keyboard,
# reflow: tests/browser/check-page.mjs; the Nu Html Checker), for
# t-html-browser.sh and t-draft.sh; sourced after common.sh.

NM=$ROOT/tests/node_modules
VNU=$NM/vnu-jar/build/dist/vnu.jar

# browser_tools: true if node, java, chromium and the npm tools are there.
browser_tools() {
	for tool in node java /usr/bin/chromium; do
		command -v "$tool" >/dev/null 2>&1 || return 1
	done
	[ -d "$NM/playwright-core" ] && [ -d "$NM/axe-core" ] && [ -f "$VNU" ]
}

# check_page FILE NAME: the browser checks and the Nu Html Checker;
# screenshots go to $shots.
check_page() {
	checks=$((checks + 1))
	node "$ROOT/tests/browser/check-page.mjs" "$1" "$shots" "$2" ||
	    fail "$2: browser checks (above)"
	checks=$((checks + 1))
	java -jar "$VNU" --errors-only "$1" ||
	    fail "$2: the Nu Html Checker found errors (above)"
}
