# A malformed diff: exit 1 naming the diff, the line and what was
# expected; no report. A missing diff file: exit 3.
cp "$TD/check/position.count.out" .
printf -- '--- a/x.go\n+++ b/x.go\n@@ -1,2 +1,2 @@\n x\n?y\n' >bad.diff
covcheck position.count.out --diff bad.diff -o report.txt
echo "exit $?"
ls
printf -- '--- a/x.go\n+++ b/x.go\n@@ -1,3 +1,3 @@\n x\n' >short.diff
covcheck position.count.out --diff short.diff; echo "exit $?"
printf -- '--- a/x.go\n+++ b/x.go\n@@ -1 +1 @ x\n' >hdr.diff
covcheck position.count.out --diff hdr.diff; echo "exit $?"
covcheck position.count.out --diff nothere.diff; echo "exit $?"
covcheck nothere.out; echo "exit $?"
