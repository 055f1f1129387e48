# Here-documents in functions, loops and pipelines; multiple here-docs on one line.
show() {
  cat <<END
function $1
END
}
show one
for n in 1 2; do
  cat <<END | tr a-z A-Z
loop $n
END
done
cat <<A; cat <<B
first
A
second
B
x=value
cat <<"Q"
$x stays
Q
cat <<E
  $x expands \$x not
  tab:	kept
E
