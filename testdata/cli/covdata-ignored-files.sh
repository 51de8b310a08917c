# tmp.* files and other names are ignored; a counter file without its
# covmeta file is skipped with a warning.
cp -r "$TD/covdata/small.count" d
echo junk >d/tmp.covmeta.c3611d3f4b8352567501670ae4a4cf441795227927
echo junk >d/metafiles.txt
cp d/covcounters.c3611d3f4b8352567501670ae4a4cf44.20066.1795227927449243161 \
    d/covcounters.0123456789abcdef0123456789abcdef.1.2
covconv --to go d -o out.txt || exit 1
cmp out.txt "$TD/covdata/small.count.out" && echo "same as without them"
