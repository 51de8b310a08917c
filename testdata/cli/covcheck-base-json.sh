# covcheck --base --format json: the "base" section (totals, delta,
# twelve categories, changed files with their line ranges) and the two
# drop gates in "gates"; the hand-made profiles of tests/test_compare.c.
cp "$TD/check/base/base.info" "$TD/check/base/head.info" \
    "$TD/check/base/change.diff" .
covcheck head.info --base base.info --diff change.diff --format json \
    --max-drop 5 --max-drop-file 10
