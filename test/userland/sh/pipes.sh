# Pipelines, && || !, subshells, grouping, exit statuses.
echo "a b c" | tr ' ' '\n' | sort -r
printf 'x\ny\nz\n' | grep -v y | wc -l
true | false; echo "pipe status $?"
false | true; echo "pipe status $?"
! true; echo "not true $?"
! false; echo "not false $?"
true && echo and1
false && echo never
false || echo or1
true || echo never
false || false || echo chained
true && false || echo fallback
(exit 3); echo "subshell $?"
x=outer; (x=inner; echo "in $x"); echo "out $x"
{ x=grouped; echo "group"; }; echo "$x"
(cd /; pwd); pwd > /dev/null
echo $( (echo nested) )
seq 1 5 | while read n; do echo "n=$n"; done
echo done | { read v; echo "got $v"; }
echo -n "" | cat; echo "empty pipe ok"
