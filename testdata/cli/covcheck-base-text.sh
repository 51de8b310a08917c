# covcheck --base with --diff on the hand-made profiles of
# tests/test_compare.c (testdata/check/base; every category occurs, the
# derivation is in that file): totals, changed files and indirect changes
# (at most 2 rows each), the categories; then without --diff (identity
# mapping, one "Changed files" list).
cp "$TD/check/base/base.info" "$TD/check/base/head.info" \
    "$TD/check/base/change.diff" .
covcheck head.info --base base.info --diff change.diff --max-files 2
echo "exit $?"
covcheck head.info --base base.info --max-files 0
