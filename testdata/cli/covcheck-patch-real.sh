# Real data: testdata/check/position.diff is `git diff --no-index` of a
# hand-edited old copy of Go 1.23.5's go/token/position.go against the real
# file, and position.count.out is the corpus unit profile of that file (see
# testdata/check/README.md). Hand check, by the profile's blocks:
#   added lines (new numbering): 141 152 156 157 158 159 160 167 172 208
#                                212 231 232
#   141 in 140.77,142.3 (49496)         covered
#   152 in 151.14,152.70 (0)            not covered
#   156 ends 154.2,156.26, starts 156.26,157.84 (both 0)  not covered
#   157 in 156.26,157.84 (0)            not covered
#   158 '}', 159-160 comments, 167 blank: in no block  not coverable
#   172 in 170.30,175.2 (8)             covered
#   208 in 207.16,209.4 (60)            covered
#   212 in 211.16,213.4 (53)            covered
#   231 ends 229.2,231.25 (7), starts 231.25,232.84 (0)  covered (partial)
#   232 in 231.25,232.84 (0)            not covered
# => 9 coverable, 5 covered (55.55%), uncovered 152, 156-157, 232. The
# diff path new/go/token/position.go meets go/token/position.go by suffix.
cp "$TD/check/position.count.out" "$TD/check/position.diff" .
covcheck position.count.out --diff position.diff --fail-under-patch 60
echo "exit $?"
covcheck position.count.out --diff position.diff --format markdown
covcheck position.count.out --diff position.diff --format json
