# --format gitlab: a GitLab Code Quality report (a JSON array) of the same
# change as covcheck-github-escape: one "covkit-uncovered" issue per run
# of uncovered added lines (3-5 and 8; not the old uncovered 9-10), and
# one "covkit-not-in-profile" issue (severity info, line 1) for the new
# file not in the profile, or with --missing-as-uncovered its lines 1-2.
# Paths are JSON strings (',' ':' '%' as they are, the newline as \n).
# Each fingerprint is the MD5 of check_name, NUL, path, NUL, "BEGIN-END",
# recomputed here with md5sum. Without --diff: an empty array.
printf 'TN:\nSF:src/a,b:c%%d.c\n' >t.info
for l in 1 2 6 7; do printf 'DA:%s,3\n' $l; done >>t.info
for l in 3 4 5 8 9 10; do printf 'DA:%s,0\n' $l; done >>t.info
printf 'LF:10\nLH:4\nend_of_record\n' >>t.info
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
covcheck t.info --diff p.diff --format gitlab --fail-under-line 50
echo "exit $?"
covcheck t.info --diff p.diff --format gitlab --missing-as-uncovered -o gl.json
echo "exit $?"
grep -E '"(path|begin|end|fingerprint)"' gl.json
fp() { printf '%s\0%s\0%s' "$1" "$2" "$3" | md5sum | cut -c1-32; }
fp covkit-uncovered 'src/a,b:c%d.c' 3-5
fp covkit-uncovered 'src/a,b:c%d.c' 8-8
fp covkit-uncovered 'nl
name.c' 1-2
covcheck t.info --format gitlab
