# Found by fuzz_roundtrip: two paths that differ only in bytes XML 1.0
# cannot hold both become "a?.c" in Cobertura and would be read back as one
# file. The writer refuses (exit 1), naming both paths, and leaves the old
# output as it was; files that only share a name after the source root is
# taken off (one source, two spellings) are still written.
printf 'SF:a\001.c\nDA:1,1\nend_of_record\nSF:a\002.c\nDA:2,1\nend_of_record\n' >clash.info
echo old >out.xml
covconv --to cobertura clash.info -o out.xml
echo "exit $?"
cat out.xml
printf 'SF:/src/b.c\nDA:1,1\nend_of_record\nSF:b.c\nDA:2,1\nend_of_record\n' >same.info
covconv --to cobertura --source /src same.info -o same.xml && grep -c 'filename="b.c"' same.xml
