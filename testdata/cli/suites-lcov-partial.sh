# Suite sections of Go data with a partial line (issue 14): the sections add
# up to the unlabelled file. Hand check (DESIGN.md "Blocks to lines"):
#   A 1.10,2.5  unit 4 + sys 2 = 6   lines 1, 2
#   B 2.5,3.3   0                    lines 2, 3   => line 2 partial, 6
#   C 5.1,5.9   sys 1                line 5
#   D 7.1,7.5   unit 1               line 7
#   E 7.6,7.9   sys 1                line 7       => line 7 whole, 1
# Unlabelled: BRDA 2,0,0,6 and 2,0,1,0; DA 1:6 2:6 3:0 5:1 7:1.
# Labelled: TN: holds B (DA 2:0 3:0) and the part of line 2 nobody ran
# (BRDA 2,0,1,0); lines 1 and 2 (count 6, two suites) are 5 in unit and 1
# in sys, with the part of line 2 that ran (BRDA 2,0,0,5 and 2,0,0,1);
# line 7 (count 1, two suites) is 1 in each. lcov --summary: the same.
printf 'mode: count\nm/a.go:1.10,2.5 1 4\nm/a.go:2.5,3.3 1 0\nm/a.go:7.1,7.5 1 1\nm/a.go:7.6,7.9 1 0\n' >u.out
printf 'mode: count\nm/a.go:1.10,2.5 1 2\nm/a.go:2.5,3.3 1 0\nm/a.go:5.1,5.9 1 1\nm/a.go:7.1,7.5 1 0\nm/a.go:7.6,7.9 1 1\n' >s.out
covconv --to lcov u.out s.out -o plain.info
covconv --to lcov -l unit=u.out -l sys=s.out u.out s.out -o labelled.info
cat plain.info
echo "== labelled"
cat labelled.info
sum() { lcov --summary --rc lcov_branch_coverage=1 "$1" 2>&1 | grep -v -e '^Reading tracefile' -e '^Summary coverage rate:'; }
sum plain.info
sum labelled.info
