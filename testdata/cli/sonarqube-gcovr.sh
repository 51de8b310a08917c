# A real gcovr 5.2 SonarQube report (zlib's test suite: the run of
# cobertura/zlib-A), saved as coverage.xml as CI jobs save it, is detected
# as SonarQube (not read as an empty Cobertura report) and gives the totals
# of gcovr's own summary of the run, and the branch totals xmllint counts
# in the file. gcovr's Cobertura report of the same run converted by
# covkit is gcovr's SonarQube report element for element, and valid.
gzip -dc "$TD/sonarqube/zlib-A.gcovr.xml.gz" >coverage.xml
covconv --to summary coverage.xml | tail -n 1
grep TOTAL "$TD/cobertura/zlib-A.gcovr-summary.txt"
xmllint --xpath 'concat("branches ", sum(//lineToCover/@coveredBranches), "/",
    sum(//lineToCover/@branchesToCover))' coverage.xml
covconv --to sonarqube "$TD/cobertura/zlib-A.gcovr.xml.gz" -o ours.xml ||
    exit 1
xmllint --noout --nonet --schema "$TD/sonarqube/generic-coverage.xsd" \
    coverage.xml ours.xml
# the elements, one a line, without layout
elements() { tr '<' '\n' <"$1" | sed -n 's|^\(file [^>]*[^/]\)/*>.*|\1|p
    s|^\(lineToCover [^>]*[^/]\)/*>.*|\1|p'; }
elements coverage.xml >gcovr.txt
elements ours.xml >ours.txt
cmp gcovr.txt ours.txt && echo "same as gcovr --sonarqube: $(wc -l <ours.txt) elements"
