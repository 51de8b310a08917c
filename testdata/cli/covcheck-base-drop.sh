# --max-drop on either side of the true drop. One file of 320 lines:
# base 160 hit (50%), head 159 hit (49.6875%): the drop is exactly
# 0.3125 points, so --max-drop 0.3125 passes and 0.3124 fails (exit 4);
# 0 fails; a head above the base passes --max-drop 0. --max-drop-file the
# same on the file.
mk() { # HITS -> an lcov file of 320 lines, the first HITS hit
    awk -v h="$1" 'BEGIN { print "SF:src/a.c"
        for (i = 1; i <= 320; i++) print "DA:" i "," (i <= h ? 1 : 0)
        print "end_of_record" }'
}
mk 160 >base.info
mk 159 >head.info
for n in 0.3125 0.3124 0; do
    covcheck -q head.info --base base.info --max-drop $n >/dev/null
    echo "--max-drop $n: exit $?"
done
covcheck -q head.info --base base.info --max-drop-file 0.3124 >/dev/null
echo "--max-drop-file 0.3124: exit $?"
covcheck -q head.info --base base.info --max-drop-file 0.3125 >/dev/null
echo "--max-drop-file 0.3125: exit $?"
covcheck -q base.info --base head.info --max-drop 0 --max-drop-file 0 \
    >/dev/null
echo "rose, --max-drop 0: exit $?"
covcheck head.info --base base.info --max-drop 0.3124 | sed -n '/^Gates/,$p'
