# -o naming a FIFO (or a device such as /dev/null) writes into it in place:
# a temporary renamed over it would replace the node with a regular file
mkfifo pipe
cat pipe > got &
covmerge "$TD/sample/unit.out" -o pipe
wait
test -p pipe && echo "pipe is still a FIFO"
covmerge "$TD/sample/unit.out" | cmp - got && echo "same bytes as stdout"
