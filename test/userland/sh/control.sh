# if/elif/else, while, until, for, case, break, continue, nesting.
for n in 1 2 3 4 5 6; do
  if [ $n -eq 1 ]; then echo one
  elif [ $n -lt 4 ]; then echo "small $n"
  else echo "big $n"; fi
done
i=0
while [ $i -lt 10 ]; do
  i=$((i + 1))
  [ $i -eq 3 ] && continue
  [ $i -eq 7 ] && break
  echo "w$i"
done
j=3; until [ $j -eq 0 ]; do echo "u$j"; j=$((j - 1)); done
for a in x y; do for b in 1 2 3; do
  [ $b = 2 ] && continue 2
  echo "$a$b"
done; done
for a in p q; do for b in 1 2; do [ $a = q ] && break 2; echo "$a$b"; done; done
for w in apple banana cherry "date fruit" 42 -x ""; do
  case $w in
    a*) echo "A: $w";;
    b*|c*) echo "B or C: $w";;
    *\ *) echo "space: $w";;
    [0-9]*) echo "digit: $w";;
    -*) echo "dash: $w";;
    '') echo empty;;
  esac
done
case foo in (foo) echo paren-pattern;; esac
case x in y) echo no;; esac; echo "case status $?"
for empty in; do echo never; done; echo after-empty-for
if false; then :; fi; echo "if status $?"
while false; do :; done; echo "while status $?"
