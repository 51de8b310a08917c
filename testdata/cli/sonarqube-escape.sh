# Paths are escaped in the path attribute (xmllint reads each back
# exactly), a byte XML cannot hold is written as '?', and two paths that
# would become one are refused (exit 1, no output file).
printf 'SF:x<&>"\047\t.c\nDA:1,1\nend_of_record\nSF:bad\001.c\nDA:2,0\nend_of_record\n' >in.info
covconv --to sonarqube in.info -o out.xml || exit 1
xmllint --noout --nonet --schema "$TD/sonarqube/generic-coverage.xsd" out.xml
grep '<file ' out.xml
for i in 1 2; do
    xmllint --xpath "string(//file[$i]/@path)" out.xml | od -An -c | tr -s ' '
done
covconv --to lcov out.xml | grep SF: | od -An -c | tr -s ' '
printf 'SF:a\001.c\nDA:1,1\nend_of_record\nSF:a?.c\nDA:2,1\nend_of_record\n' >clash.info
covconv --to sonarqube clash.info -o clash.xml
echo "exit $?"
ls clash.xml 2>/dev/null || echo "no clash.xml"
