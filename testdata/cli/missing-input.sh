# An input that does not exist: I/O error, exit 3.
covmerge nothere.out
