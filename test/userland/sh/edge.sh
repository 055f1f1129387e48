# Edge cases of expansion and parsing.
x="a b"
echo "${x:-"q u o t e d"}" ${u:-"two words"} ${u:-'single $x'}
set -- "" "" ; echo "$#"
set --; for a in "$@"; do echo never; done; echo "empty \$@ ok"
set -- a; echo "[$@]" "[$*]"
e=""; set -- $e; echo "unquoted empty gives $# fields"
IFS=,; line="f1,f2,,f4"; set -- $line; echo "$# fields: $1|$2|$3|$4"; IFS=' 	
'
printf 'k1:v1\nk2:v2\n' | while IFS=: read k v; do echo "$k=$v"; done
n=5; echo $((n+=2)) $n $((n*=3)) $n $((n-=1)) $((n/=4)) $((n%=3))
echo $(( 1 + (2 * (3 + 4)) )) $((10 > 9)) $((1 == 1 && 0 || 2))
a=1; b=2; echo $((a+b)) $(($a+$b)) $((a<b?a:b))
echo "$(echo "a)b")" '$(not)' "\$(not)"
echo `echo '$HOME'` | sed 's/.*/[&]/'
f() { echo "f:$#:$*"; }; f "" ""; f
unset -f f; f 2>/dev/null || echo "f undefined"
echo ${#}
v=abcdef; echo ${v#abc} ${v%def} ${v#"a"*} ${v%%c*}
w='*'; echo "$w" ; case abc in $w) echo "star var matches";; esac
case 'a*' in 'a*') echo literal-star;; esac
case ab in a\*) echo no;; a?) echo qmark;; esac
case x in [!a-c]) echo negated-class;; esac
echo a\
b
echo "line1
line2"
echo $((0x1f + 010 + 1))
for i in 1 2 3; do echo $i; done | while read j; do echo "got $j"; done
{ echo a; echo b; } | sort -r
HOME=/home/someone; echo "tilde: ~ ~/x" ~ ~/x; d=~; [ "$d" = "$HOME" ] && echo "tilde expands"
: ${newvar:=default}; echo $newvar
echo "${undefined-}" "${undefined:-}" end
