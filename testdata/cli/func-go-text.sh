# A Go text profile has no function data (cover -func reads the source):
# --to func refuses it with a usage error (exit 2) and points to GOCOVERDIR.
# --to percent needs no functions and works (same figures as covdata
# percent on the directory the text was made from).
covconv --to func "$TD/covdata/small.count.out"
echo "exit $?"
covconv --to percent "$TD/covdata/small.count.out"
