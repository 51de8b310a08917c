# --format github: workflow commands escaped as GitHub's actions/toolkit
# escapes them. The file "src/a,b:c%d.c" has lines 1-10, 3-5 and 8-10
# not covered; the diff adds 3, 4, 5 (one run: endLine), 6 (covered) and
# 8 (alone: no endLine); 9 and 10 are old uncovered lines, never
# annotated. In the file= property ',' ':' '%' become %2C %3A %25; in
# messages only '%' (and CR, LF). A new file whose quoted name holds a
# newline is missing from the profile: a notice (file= with %0A), then
# with --missing-as-uncovered a warning for its 2 added lines. Failed
# gates are ::error lines with stderr's text ('%' as %25), and the last
# line is the totals notice. Without --diff: the notice and errors only.
mkdir -p src
printf 'TN:\nSF:src/a,b:c%%d.c\n' >t.info
for l in 1 2 6 7; do printf 'DA:%s,3\n' $l; done >>t.info
for l in 3 4 5 8 9 10; do printf 'DA:%s,0\n' $l; done >>t.info
printf 'LF:10\nLH:4\nend_of_record\n' >>t.info
seq 1 10 >'src/a,b:c%d.c'
cat >p.diff <<'DIFF'
diff --git a/src/a,b:c%d.c b/src/a,b:c%d.c
--- a/src/a,b:c%d.c
+++ b/src/a,b:c%d.c
@@ -1,10 +1,10 @@
 1
 2
-x
-x
-x
-x
+3
+4
+5
+6
 7
-x
+8
 9
 10
diff --git "a/nl\nname.c" "b/nl\nname.c"
new file mode 100644
--- /dev/null
+++ "b/nl\nname.c"
@@ -0,0 +1,2 @@
+int a;
+int b;
DIFF
covcheck t.info --diff p.diff --format github --fail-under-line 50 \
    --fail-under-file 50
echo "exit $?"
covcheck t.info --diff p.diff --format github --missing-as-uncovered
echo "exit $?"
covcheck t.info --format github --fail-under-line 45 -o gh.txt
echo "exit $?"
cat gh.txt
