# Builtins: export, unset, set, eval, read, printf, echo, test, shift, type, trap, cd, pwd.
export EXPORTED=yes
sh -c 'echo "child sees $EXPORTED"'
NOTEXP=no; sh -c 'echo "child sees [$NOTEXP]"'
TEMPVAR=temp sh -c 'echo "prefix $TEMPVAR"'; echo "after [$TEMPVAR]"
unset EXPORTED; echo "unset [$EXPORTED]"
eval 'x=evaluated; echo $x'
cmd='echo via eval'; eval $cmd
printf '%d %5s|%-5s|%x %o %c %%\n' 42 right left 255 8 zed
printf '%.2f %e %g\n' 3.14159 12345.678 0.0001
printf '%s\n' a b c
printf 'no newline'; echo
echo -n "dash echo: "; echo 'a\tb'
[ -n "x" ] && echo "n ok"; [ -z "" ] && echo "z ok"
[ abc = abc ] && [ abc != abd ] && echo "str ok"
[ 3 -lt 5 -a 5 -gt 1 ] && echo "and ok"
[ 1 -eq 2 -o 2 -eq 2 ] && echo "or ok"
test ! -d /nonexistent && echo "not dir ok"
[ -d / ] && [ -e /bin ] && echo "files ok"
echo "a b c" | { read x y; echo "x=$x y=$y"; }
echo "1 2 3" | { read -r a b c d; echo "d=[$d] c=$c"; }
cd /tmp; pwd; cd /; pwd
trap 'echo exiting' EXIT
t=$(type cd); echo "$t"
set -- a b c; shift; echo "$@"
true; echo $?; false; echo $?
: ; echo "colon $?"
