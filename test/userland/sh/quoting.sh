# Quoting: single, double, backslash, nesting, special characters.
a=hello
echo 'single $a "x"' "double $a 'y'" back\ slash \$a
echo "tab	inside" 'new
line'
echo "escapes: \$ \` \\ \" \a"
echo '\n stays' "\n stays too"
echo "$a"'$a'"$a"
echo "${a}world" "${a}_x" "$a"_x
b="  spaced   out  "
echo $b
echo "$b"
echo ""
echo '' x
printf '%s|' "a b" c "" d; echo
x=\'; echo "$x" '"' \"
echo \# not a comment # but this is
echo a#b
