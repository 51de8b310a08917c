# Names with quotes, control bytes, UTF-8 and a byte that is not UTF-8 are
# valid JSON that jq reads back to the same names (a backslash became '/'
# when read, as in every path; jq reads \udce9, covkit's escape of byte
# 0xe9, as U+FFFD).
printf 'SF:q"b\\\\s\ttab\001c.c\nDA:1,1\nend_of_record\nSF:\303\251t\351.c\nDA:1,1\nend_of_record\n' >in.info
env -i PATH="$PATH" covconv -q --to coveralls in.info -o out.json || exit 1
grep '"name"' out.json
jq -r '.source_files[].name' out.json | od -c | sed 's/  */ /g'
