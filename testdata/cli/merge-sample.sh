# Unit + system of the sample with labels: the result equals sample-merged.out
# (checked against go tool cover -func of the two profiles concatenated).
cp "$TD/sample/unit.out" "$TD/sample/system.out" .
covmerge --label unit=unit.out --label system=system.out unit.out system.out \
    -o merged.out || exit
cmp merged.out "$TD/cli/sample-merged.out" && echo "merged.out: as expected"
