# input-cases.sh - sourced: run_case CASE TMP runs `check` on the
# broken-input case tests/inputs/CASE (the current folder is
# tests/inputs) as t-inputs-check.sh does, prints the messages about the
# case's own files, and leaves the exit status in TMP/rc.  The two big
# cases (huge-string, too-big-file) are made in TMP/big.  Needs $PR.

make_big() {
	case $1 in
	huge-string)
		{
			printf 'milestones:\n  - id: M-1\n    aspect: 01a\n'
			printf '    planned: 2027-01-31\n    status: planned\n'
			printf '    title: "'
			head -c 10485760 /dev/zero | tr '\0' x
			printf '"\n'
		} >"$2/huge.yaml"
		;;
	too-big-file)
		truncate -s 65M "$2/big.yaml"
		;;
	esac
}

run_case() {
	_c=$1 _t=$2 _where=.
	case $_c in
	huge-string | too-big-file)
		_where=$_t/big
		rm -rf "$_where"
		mkdir -p "$_where/$_c"
		cp "$_c"/* "$_where/$_c/"
		rm -f "$_where/$_c"/expected*.txt
		make_big "$_c" "$_where/$_c"
		;;
	esac
	_rc=0
	(cd "$_where" && "$PR" check --quiet --db "$_t/no-history.sqlite" \
	    --inputs "$_c") >"$_t/out" 2>&1 || _rc=$?
	echo $_rc >"$_t/rc"
	rm -rf "$_t/big"
	# The cases' settings have no accessibility statement; that
	# warning is t-inputs-check's.
	grep "^$_c[/:]" "$_t/out" | grep -v -e 'no accessibility_statement block' \
	    -e 'keinen Block accessibility_statement' || true
}
