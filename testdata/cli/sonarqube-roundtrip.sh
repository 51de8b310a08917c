# SonarQube read and written. hand.xml (checked by hand: 8 lines, 5
# covered, 11 branches, 6 covered; testdata/sonarqube/README.md) written is
# schema-valid and a fixed point after one pass. lcov -> sonarqube -> lcov
# keeps every DA line, hits as 0/1, and the branch totals of every line
# (BRDA ids become 0..B-1, the covered ones first). The Go sample's partial
# lines are 2 branches, 1 covered, as lcov's BRDA pairs (9 of 18).
X=$TD/sonarqube/generic-coverage.xsd
covconv --to summary "$TD/sonarqube/hand.xml" | tail -n 1
covconv --to sonarqube "$TD/sonarqube/hand.xml" -o a.xml || exit 1
covconv --to sonarqube a.xml -o b.xml || exit 1
xmllint --noout --nonet --schema "$X" a.xml
cmp a.xml b.xml && echo "hand.xml: fixed point"
cat >in.info <<'INFO'
SF:src/m.c
DA:1,7
DA:2,0
DA:4,1
BRDA:4,0,0,1
BRDA:4,0,1,0
BRDA:4,1,0,-
BRDA:4,1,1,2
end_of_record
INFO
covconv --to sonarqube in.info -o m.xml || exit 1
cat m.xml
covconv --to lcov m.xml
covconv -q --to sonarqube "$TD/sample/unit.out" -o go.xml || exit 1
xmllint --noout --nonet --schema "$X" go.xml
covconv -q --to summary go.xml | tail -n 1
covconv -q --to lcov "$TD/sample/unit.out" | covconv --to summary - | tail -n 1
