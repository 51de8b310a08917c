# Named suites become lcov TN sections: a TN: section with what nobody hit,
# then one per suite with what it hit; a line both hit (5 + 3) is split
# 7 + 1 so the sections add up. Reading the result back gives it again, and
# --suite keeps one suite's view. Without names, one section as before.
printf 'TN:\nSF:a.c\nDA:1,5\nDA:2,0\nDA:3,2\nend_of_record\n' > u.info
printf 'TN:\nSF:a.c\nDA:1,3\nDA:2,0\nDA:3,0\nDA:4,1\nend_of_record\n' > s.info
covmerge --label unit=u.info --label sys=s.info u.info s.info -o m.info
cat m.info
covmerge m.info | cmp - m.info && echo "read back: identical"
echo "== --suite sys"
covmerge --suite sys m.info
echo "== stems only"
covmerge u.info s.info
covmerge --suite nosuch u.info; echo "exit $?"
