# Diffs the diff fuzz target found, each bad input (exit 1 with a message):
# a 'diff --git' line ending in a badly quoted name (it was exit 3), and a
# file both created and deleted (it had no name at all).
cp $TD/check/fuzz-bad-quoted-name.diff $TD/check/fuzz-created-and-deleted.diff .
covcheck --diff fuzz-bad-quoted-name.diff $TD/check/position.count.out
echo "exit $?"
covcheck --diff fuzz-created-and-deleted.diff $TD/check/position.count.out
echo "exit $?"
