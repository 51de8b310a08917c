# A file without records keeps its (empty) section when suites are named
# (found by the round-trip fuzz target: the file was dropped).
printf 'TN:x\nSF:a.c\nend_of_record\nTN:y\nSF:b.c\nDA:1,1\nend_of_record\n' > in.info
covmerge in.info
