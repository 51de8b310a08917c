# Suites survive json and are remapped when a json input is merged with
# others: jq lists, per suite, the blocks that suite hit, which must be the
# blocks with a count > 0 in that suite's Go profile; counts of the merge
# equal the Go merge of the same three profiles; the family recorded in
# the document picks Go output without --to.
cp "$TD/sample/unit.out" "$TD/sample/system.out" .
covmerge --label unit=unit.out --label system=system.out unit.out system.out \
    --to json -o m.json || exit
covmerge --label first=system.out system.out m.json --to json -o m2.json || exit
jq -c '.suites, .inputs, .family' m2.json
hit_by() { # suite: the ranges whose suites hold it
    jq -r --arg s "$1" '(.suites | index($s)) as $i | .files[] | .path as $p
        | .blocks[] | select(any(.suites[]; . == $i))
        | "\($p):\(.start_line).\(.start_col),\(.end_line).\(.end_col)"' m2.json |
        sort
}
hit_in() { awk 'NR > 1 && $NF > 0 { print $1 }' "$1" | sort -u; }
hit_by unit >u.got && hit_in unit.out | cmp - u.got && echo "unit: $(wc -l <u.got) blocks attributed"
hit_by system >s.got && hit_in system.out | cmp - s.got && echo "system: $(wc -l <s.got) blocks attributed"
hit_by first >f.got && cmp s.got f.got && echo "first: same blocks as system"
covmerge m2.json -o via.out && covmerge -q system.out unit.out system.out -o direct.out &&
    cmp via.out direct.out && echo "counts: equal to the Go merge"
