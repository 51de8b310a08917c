# gcov JSON (gzip, sniffed) to Go text: one whole-line block per line.
covconv --to go "$TD/gcov-json/zlib-A-gzclose.gcov.json.gz"
