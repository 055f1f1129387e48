# Loops with redirections, nested functions and status propagation.
count() { i=0; while read line; do i=$((i+1)); done; echo "$i lines"; }
printf 'a\nb\nc\n' | count
count <<EOT
1
2
EOT
for f in one two three; do echo $f; done > /dev/null; echo "loop redirected, status $?"
total=0
for n in $(seq 1 10); do total=$((total + n)); done; echo "sum=$total"
i=0; while :; do i=$((i+1)); if [ $i -ge 4 ]; then break; fi; done; echo "i=$i"
until false; do echo once; break; done
r=$(for x in a b c; do printf '%s-' $x; done); echo "$r"
k=0; while [ $k -lt 3 ]; do k=$((k+1)); case $k in 2) continue;; esac; echo "k=$k"; done
outer() { for x in 1 2 3; do inner $x || return $x; done; }
inner() { [ $1 -lt 2 ]; }
outer; echo "outer returned $?"
if (exit 0) && ! (exit 1); then echo compound-cond; fi
while false; do :; done || echo never-or
echo "final $?"
