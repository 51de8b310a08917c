# gcov -j -t output (two documents, one per line) on stdin, sniffed; covmerge
# writes the line family's format (lcov). sq.h, in both units, is summed.
covmerge - < "$TD/gcov-json/multi-stdout.json"
