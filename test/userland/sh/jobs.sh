# Background jobs, wait, $!, exit statuses of waited jobs.
sleep 0.1 &
p=$!
[ -n "$p" ] && echo "have pid"
wait $p; echo "waited $?"
(exit 5) &
wait $!; echo "bg status $?"
echo a > /dev/null & echo b
wait
for i in 1 2 3; do (echo "job $i" > /dev/null) & done
wait; echo "all done"
