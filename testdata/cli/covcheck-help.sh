# covcheck --help: its own gate options before the shared ones, no --to or
# writer options, exit status 4 listed. Format rows left out (list-formats).
covcheck --help >help.txt
rc=$?
sed '/^Formats/,/^$/{/^  /d;}' help.txt
exit $rc
