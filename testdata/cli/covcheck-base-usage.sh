# Must-fail uses of --base and --max-drop: without --base (usage, 2), a
# bad value (2), a base that does not exist (I/O, 3), a base that is not
# coverage data (1), --base - with an input - (2); no report is written.
cp "$TD/check/base/base.info" "$TD/check/base/head.info" .
covcheck head.info --max-drop 1; echo "exit $?"
covcheck head.info --max-drop-file 1; echo "exit $?"
covcheck head.info --base base.info --max-drop 101; echo "exit $?"
covcheck head.info --base base.info --max-drop 0.12345; echo "exit $?"
covcheck head.info --base missing.info; echo "exit $?"
echo "not coverage" >junk.txt
covcheck head.info --base junk.txt -o report.txt; echo "exit $?"
[ -e report.txt ] && echo "report written"
covcheck - --base - <head.info; echo "exit $?"
