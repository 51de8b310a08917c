# The corpus GOCOVERDIRs (gofmt runs, go test -test.gocoverdir) give
# byte-for-byte what `go tool covdata textfmt` printed for them, alone and
# merged; count + set gives set mode with the notice, equal to
# `covdata merge -pcombine` made 0/1.
G=$CORPUS/go
for x in A.count:system.A.count B.count:system.B.count S.set:system.S.set \
    T.atomic:system.T.atomic unit.count:unit-covdir.count; do
    d=${x%%:*} o=${x##*:}
    covconv --to go "$G/covdata/$d" -o "$d.out" || exit 1
    cmp "$d.out" "$G/system/$o.out" && echo "$d: identical to textfmt"
done
covmerge "$G/covdata/A.count" "$G/covdata/B.count" -o AB.out || exit 1
cmp AB.out "$G/system/system.AB.count.out" && echo "A+B: identical"
covmerge "$G/covdata/A.count" "$G/covdata/S.set" -o AS.out 2>&1 |
    sed "s|$CORPUS|CORPUS|"
awk 'NR == 1 { print "mode: set"; next } { $NF = $NF > 0; print }' \
    "$G/ref/covdata/pcombine.A.count+S.set.out" | cmp - AS.out &&
    echo "A+S: pcombine made 0/1"
