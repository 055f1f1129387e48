# Redirections: > >> < 2> 2>&1 >&2 <> here-documents.
d=$(mktemp -d)
echo first > $d/f
echo second >> $d/f
cat < $d/f
wc -l < $d/f
ls /nonexistent-path-for-test 2> $d/err; echo "ls status $?"
test -s $d/err && echo "stderr captured"
{ echo out; echo err >&2; } > $d/both 2>&1
sort $d/both
{ echo to-stderr >&2; } 2>/dev/null; echo "silenced"
exec 3> $d/fd3
echo via-fd3 >&3
exec 3>&-
cat $d/fd3
cat <<EOF2
here $((1 + 1)) ${d%/*}/x
  indented stays
EOF2
cat <<'EOF3'
quoted $not_expanded `nor this`
EOF3
cat <<-EOF4
	tab stripped
		two tabs
	EOF4
read line < $d/f; echo "read: $line"
while read l; do echo "line: $l"; done < $d/f
echo data > $d/g; cat $d/g > $d/h; cat $d/h
: > $d/empty; test -f $d/empty && ! test -s $d/empty && echo "empty created"
echo x 1>$d/one; cat $d/one
rm -rf $d
