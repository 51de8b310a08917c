# Two pods of one program in one GOCOVERDIR, built -covermode=count and
# -covermode=set: merged to set mode with a notice (go tool covdata
# textfmt refuses: "counter mode clash").
cp -r "$TD/covdata/mixed" .
covconv --to go mixed
