# covmerge --help: usage on stdout, exit 0. The format rows are left out
# here (list-formats checks them) so adding a format does not change this.
covmerge --help >help.txt
rc=$?
sed '/^Formats/,/^$/{/^  /d;}' help.txt
exit $rc
