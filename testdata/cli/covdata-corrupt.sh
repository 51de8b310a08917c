# Corrupt bytes in a GOCOVERDIR (written over real files here): each is
# exit 1 naming the file and the byte offset of the bad field, or a
# warning where go tool covdata also only warns.
poke() { # FILE OFFSET HEXBYTES
    for h in $(echo "$3" | sed 's/\(..\)/\1 /g'); do
        printf "\\$(printf %o "0x$h")"
    done | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
try() {
    rm -rf d && cp -r "$TD/covdata/small.count" d && poke "d/$1" "$2" "$3"
    covmerge d >/dev/null
    echo "exit $?"
}
m=covmeta.c3611d3f4b8352567501670ae4a4cf44
c=covcounters.c3611d3f4b8352567501670ae4a4cf44.20070.1795227927451779418
try "$m" 0 ff          # magic
try "$m" 48 09         # counter mode
try "$m" 56 ffff       # package 0 offset
try "$m" 134 ff        # function 0 offset of package 0
try "$m" 272 7f        # package 0 function 0: unit count
try "$m" 274 30        # package 0 function 0: file name index
try "$m" 276 ffffffffffffffffffffff  # a unit's start column: > 10 bytes
try "$m" 275 00        # a unit's start line 0
try "$c" 8 00          # meta-data hash
try "$c" 24 07         # flavor
try "$c" 32 ff         # function record count
try "$c" 140 09        # a record's counter count
try "$c" 141 05        # a record's package index (skipped, warned)
