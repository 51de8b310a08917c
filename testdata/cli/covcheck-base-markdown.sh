# covcheck --base --format markdown (the PR comment) on the hand-made
# profiles of testdata/check/base: the headline (line coverage, its change
# from the base, the patch), the comparison table, the drop gates' rows,
# changed files and indirect changes (at most 2 rows, "ø" for an equal
# percentage), the categories; then two suites as rows.
cp "$TD/check/base/base.info" "$TD/check/base/head.info" \
    "$TD/check/base/change.diff" .
covcheck head.info --base base.info --diff change.diff --max-files 2 \
    --max-drop 1 --max-drop-file 60 --format markdown
echo "exit $?"
covcheck head.info base.info --base base.info --format markdown --max-files 1
