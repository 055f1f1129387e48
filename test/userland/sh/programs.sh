# Small programs: fizzbuzz, string reversal, fibonacci, word counting, getopts.
i=1
while [ $i -le 15 ]; do
  if [ $((i % 15)) -eq 0 ]; then echo FizzBuzz
  elif [ $((i % 3)) -eq 0 ]; then echo Fizz
  elif [ $((i % 5)) -eq 0 ]; then echo Buzz
  else echo $i; fi
  i=$((i + 1))
done
a=0; b=1; out=
for k in 1 2 3 4 5 6 7 8 9 10; do out="$out $a"; t=$((a + b)); a=$b; b=$t; done
echo "fib:$out"
rev() { s=$1; r=; while [ -n "$s" ]; do c=${s%"${s#?}"}; r="$c$r"; s=${s#?}; done; echo "$r"; }
rev "hello world"
words=0; for w in the quick brown fox jumps; do words=$((words + 1)); done; echo "words=$words"
parse() {
  OPTIND=1
  while getopts "ab:c" opt "$@"; do
    case $opt in
      a) echo "flag a";;
      b) echo "b=$OPTARG";;
      c) echo "flag c";;
      ?) echo "bad option";;
    esac
  done
  shift $((OPTIND - 1))
  echo "rest: $*"
}
parse -a -b val -c file1 file2
parse -ac -bX rest
max() { m=$1; shift; for x; do [ "$x" -gt "$m" ] && m=$x; done; echo $m; }
max 3 9 2 7
upper=$(echo "mixed Case" | tr a-z A-Z); echo "$upper"
