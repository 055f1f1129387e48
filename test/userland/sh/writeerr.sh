# A builtin's failed write: the error and a non-zero status, and the text is
# not flushed later to the restored stdout.
echo lost > /dev/full
echo "echo status $?"
printf 'lost %s\n' too > /dev/full
echo "printf status $?"
( echo lost > /dev/full ) 2>&1 | sed 's/^[^:]*: [0-9]*: /SH: /'
echo kept > /dev/null
echo "null status $?"
echo end
