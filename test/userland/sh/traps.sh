# Traps, signals to self, set -e, readonly, command -v.
trap 'echo got USR1' USR1
kill -USR1 $$
echo after-signal
trap - USR1
trap 'echo cleanup; exit 0' EXIT
readonly ro=fixed
(ro=changed) 2>/dev/null || echo "readonly kept $ro"
command -v cd
command -v echo
command -v nonexistent_cmd_zz || echo "not found by command -v"
(set -e; false; echo never) ; echo "set -e subshell $?"
(set -e; false || true; echo "or keeps going")
(set -e; if false; then :; fi; echo "if keeps going")
f() { echo "in f"; false; echo "f continues"; }
f
echo "end"
