# --subtract equals `go tool covdata subtract -i=A,B` (corpus ref output).
# --intersect keeps A's counts where B's merged data hit the block; covdata
# intersect also zeroes a counter that any single run of B left at zero,
# so it zeroes more: every difference must be one it zeroed and we kept.
C=$CORPUS/go
covmerge $C/covdata/A.count --subtract $C/covdata/B.count | cmp - $C/ref/covdata/subtract.A-B.count.out && echo "subtract: same as covdata"
covmerge $C/covdata/A.count --intersect $C/covdata/B.count > i.out
covmerge $C/system/system.A.count.out --intersect $C/system/system.B.count.out | cmp - i.out && echo "intersect: dirs and text agree"
paste -d' ' i.out $C/ref/covdata/intersect.A_B.count.out | awk 'NR > 1 && $3 != $6 { if ($6 == 0 && $3 > 0) k++; else bad++ } END { print "intersect: kept where covdata zeroed:", k + 0, "other differences:", bad + 0 }'
# what B hit that A did not: B minus A, then intersect is symmetric in coverage
covmerge $C/system/system.A.count.out --subtract $C/system/system.A.count.out | grep -c ' [1-9][0-9]*$'
