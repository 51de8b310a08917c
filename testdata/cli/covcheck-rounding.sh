# Percentages: one decimal rounded, as go tool cover -func prints them
# (2 of 3 lines is 66.7%, where rounding down gave 66.66%), and a gate
# line never shows a value on the wrong side of its requirement: 2 of 3
# fails 66.67 (66.666...) and shows 66.66%; 1999 of 2000 fails 100 and
# shows 99.95% (one decimal: 100.0%); 2 of 3 passes 66.6 and shows 66.7%.
printf 'TN:\nSF:a.c\nDA:1,1\nDA:2,1\nDA:3,0\nend_of_record\n' >three.info
awk 'BEGIN { print "TN:"; print "SF:b.c"
    for (i = 1; i <= 2000; i++) print "DA:" i "," (i > 1)
    print "end_of_record" }' >many.info
covcheck --fail-under-line 66.67 three.info
echo "exit $?"
covcheck --fail-under-line 66.6 three.info
echo "exit $?"
covcheck --fail-under-line 100 --format markdown many.info
echo "exit $?"
covcheck --fail-under-line 100 --format json many.info | grep -e percent -e result
