# covconv -h: usage on stdout with --to marked required, exit 0 (format
# rows left out, as in help-covmerge).
covconv -h >help.txt
rc=$?
sed '/^Formats/,/^$/{/^  /d;}' help.txt
exit $rc
