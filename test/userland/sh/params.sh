# Parameter expansion forms.
unset u
e=
v=value
echo "${u:-dflt} ${e:-dflt} ${e-dflt} ${v:-dflt}"
echo "${u:+alt}|${v:+alt}|${e+set}"
echo "${u=assigned} $u"
echo "${#v} ${#u} ${#e}"
p=/usr/local/lib/libfoo.so.1
echo "${p#*/} ${p##*/} ${p%.*} ${p%%.*}"
f=archive.tar.gz
echo "${f%.gz} ${f%%.*} ${f#*.}"
echo "${v%u*}" "${v#?}" "${v%[a-z]}"
n=3; echo "$((n * 4 + 1)) $((n / 2)) $((n % 2)) $((-n)) $((n << 2)) $((n > 2 && n < 5))"
echo $(( (1 + 2) * 3 )) $((0x10)) $((010)) $((7 & 3 | 8)) $((5 ^ 1)) $((!0)) $((~0))
i=0; i=$((i + 1)); : $((i += 5)); echo $i
echo $((n > 1 ? 10 : 20))
set -- one "two words" three
echo "$#" "$1" "$2" "${3}"
echo "$*"
for x in "$@"; do echo "[$x]"; done
for x in $*; do echo "<$x>"; done
shift; echo "$1" $#
shift 2; echo "$#"
echo "${10:-no tenth}"
