# --to summary layout: text (directory rows, indented files, Total) and
# markdown, for Go data (no branches: "-") and lcov data (no statements:
# "-"); markdown escapes a path's '|', '_', '*' and '<'; --format needs
# --to summary and text or markdown (exit 2). The numbers themselves are
# checked against go tool cover, covdata and lcov --summary in
# tests/summary.sh.
cp "$TD/sample/unit.out" .
covconv --to summary unit.out || exit
covconv --to summary --format markdown unit.out || exit
printf 'TN:\nSF:/src/a|b/x_y*<z>.c\nFN:1,main\nFNDA:1,main\nDA:1,1\nDA:2,0\nBRDA:2,0,0,0\nBRDA:2,0,1,-\nend_of_record\nSF:top.c\nDA:3,4\nend_of_record\n' >c.info
covconv --to summary c.info || exit
covconv --to summary --format=markdown c.info || exit
covconv --to summary --format html c.info
echo "exit $?"
covconv --to go --format markdown unit.out
echo "exit $?"
