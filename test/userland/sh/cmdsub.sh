# Command substitution: $( ) and backquotes, nesting, trailing newlines, status.
echo "now: $(echo inner)"
echo `echo backquote`
echo "$(echo "nested $(echo deep)")"
x=$(printf 'a\n\n\n'); echo "[$x]"
y=$(printf 'l1\nl2'); echo "$y"
echo $(printf 'w1 w2\tw3\nw4')
z=$(false); echo "status $?"
n=$(echo 1; echo 2); echo $n
echo "$(echo '$literal')"
echo `echo \`echo nested backquote\``
a=$(cat <<EOT
from heredoc
EOT
)
echo "$a"
echo "len $(echo hello | wc -c)"
