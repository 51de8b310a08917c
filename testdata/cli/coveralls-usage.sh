# --coveralls-* without --to coveralls, or empty: usage errors (exit 2);
# two paths that become one name, and line numbers past the limits (one
# file, all files): exit 1
# with the old output untouched and no temporary left.
printf 'SF:a.c\nDA:1,1\nend_of_record\n' >in.info
covconv --to lcov --coveralls-flag unit in.info; echo "exit $?"
covmerge --coveralls-parallel in.info; echo "exit $?"
covconv --to coveralls --coveralls-flag '' in.info; echo "exit $?"
echo old >out.json
printf 'SF:%s/a.c\nDA:1,1\nend_of_record\nSF:a.c\nDA:2,1\nend_of_record\n' \
    "$PWD" >twice.info
env -i PATH="$PATH" covconv --to coveralls twice.info -o out.json 2>err
echo "exit $?"
sed "s|$PWD|CWD|" err
printf 'SF:a.c\nDA:4194305,1\nend_of_record\n' >far.info
env -i PATH="$PATH" covconv --to coveralls far.info -o out.json
echo "exit $?"
i=0
while [ $i -lt 17 ]; do
    printf 'SF:f%d.c\nDA:4194304,1\nend_of_record\n' $i
    i=$((i + 1))
done >many.info
env -i PATH="$PATH" covconv --to coveralls many.info -o out.json
echo "exit $?"
cat out.json
ls -A | grep -v '^err$'
