# Sourcing and running scripts; $0-independent checks; exit codes.
d=$(mktemp -d)
cat > $d/lib.sh <<'EOT'
libvar=from-lib
libfn() { echo "libfn $1"; }
EOT
. $d/lib.sh
echo $libvar; libfn arg
cat > $d/run.sh <<'EOT'
echo "script args: $# $1"
exit 4
EOT
sh $d/run.sh one two; echo "script exit $?"
sh -c 'exit 9'; echo "dash -c exit $?"
sh -c 'echo "$0 $1"' name arg
(exit 300); echo "exit wraps $?"
rm -rf $d
nonexistent_command_xyz 2>/dev/null; echo "not found $?"
