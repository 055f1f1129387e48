# Functions: arguments, return values, recursion, local, scope.
greet() { echo "hello, $1 ($#)"; }
greet world
greet "two words" extra
fact() {
  if [ "$1" -le 1 ]; then echo 1; return; fi
  local sub
  sub=$(fact $(($1 - 1)))
  echo $(($1 * sub))
}
echo "5! = $(fact 5)"
status() { return $1; }
status 7; echo "returned $?"
g=global
scope() { local g=local; echo "inside $g"; h=set-in-function; }
scope; echo "outside $g $h"
outer() { inner() { echo "inner defined"; }; inner; }
outer; inner
args() { echo "$0" > /dev/null; for a; do printf '<%s>' "$a"; done; echo; }
args a "b c" '' d
set -- keep these
f() { set -- changed; echo "$1"; }
f; echo "$1 $2"
count=0
counter() { count=$((count + 1)); }
counter; counter; counter; echo "count=$count"
r() { echo start; return 3; echo never; }
r; echo "r=$?"
