# Field splitting, IFS, "$@", globbing.
v="a b  c"
set -- $v; echo $#
set -- "$v"; echo $#
IFS=:
p="x:y::z"
for f in $p; do echo "[$f]"; done
IFS=' 	
'
s="  lead and trail  "
for w in $s; do echo "<$w>"; done
d=$(mktemp -d); cd $d
touch b.txt a.txt c.log .hidden
echo *.txt
echo *
echo .h*
echo ?.log
echo [ab].txt
echo "*.txt"
echo nomatch*
e='*.txt'; echo $e "$e"
set -- "one two" three
for a in "$@"; do echo "arg: $a"; done
for a in "x$@y"; do echo "wrapped: $a"; done
cd /; rm -rf $d
