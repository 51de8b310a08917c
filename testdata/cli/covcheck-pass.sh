# Every gate met: exit 0, nothing on stderr. The numbers are those of
# covcheck-vs-lcov (lcov --summary) and of the real-data patch case.
cp "$TD/check/position.count.out" "$TD/check/position.diff" .
covcheck position.count.out --diff position.diff --fail-under-line 92.36 \
    --fail-under-branch 50 --fail-under-stmt 90 --fail-under-file 90 \
    --fail-under-package 90 --fail-under-patch 55.5
