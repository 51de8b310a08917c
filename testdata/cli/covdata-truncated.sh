# A truncated meta-data file and a truncated counter file: exit 1 naming
# the file and the byte offset.
cp -r "$TD/covdata/small.count" d
m=d/covmeta.c3611d3f4b8352567501670ae4a4cf44
c=d/covcounters.c3611d3f4b8352567501670ae4a4cf44.20070.1795227927451779418
head -c 300 "$m" >cut && cp cut "$m"
covmerge d
echo "exit $?"
cp "$TD/covdata/small.count/${m#d/}" "$m"
head -c 120 "$c" >cut && cp cut "$c"
covmerge d
