# A Go text profile: --to func scans the sources (go tool cover -func's
# table). Sources that are not found are one warning each and leave their
# functions out (go tool cover fails instead); the total line still comes
# (`total:`, with go tool cover's colon); -q silences the warnings; exit 0.
# --to percent needs no functions and works (same figures as covdata
# percent on the directory the text was made from).
covconv --to func "$TD/covdata/small.count.out"
echo "exit $?"
covconv -q --to func "$TD/covdata/small.count.out"
covconv --to percent "$TD/covdata/small.count.out"
