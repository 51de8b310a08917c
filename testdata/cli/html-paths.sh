# HTML report: page names derived from hostile profile paths stay inside
# DIR/f, never collide (not even ignoring case, or after characters are
# replaced), stay short, and every index link finds its page.
long=$(printf 'd%.0s' $(seq 1 40))/$(printf 'e%.0s' $(seq 1 200))/x.go
{
    echo 'mode: set'
    for p in ../../etc/passwd.go /abs/dir/x.go A.go a.go 'a b.go' a_b.go \
        'a?b.go' .hidden.go '..' "$long"; do
        echo "$p:1.1,1.5 1 1"
    done
} >p.out
printf 'SF:ctl\001\033\177.c\nDA:1,1\nend_of_record\nSF:CTL\001\033\177.c\nDA:1,0\nend_of_record\n' >c.info
covconv -q --to html p.out -o rep
covconv -q --to html --from lcov c.info -o crep
for r in rep crep; do
    echo "== $r"
    echo "pages: $(ls $r/f | wc -l)"
    echo "entries: $(cd $r && find . ! -path './f/*' | sort | tr '\n' ' ')"
    echo "bad names: $(ls $r/f | grep -cv '^[A-Za-z0-9_][A-Za-z0-9._-]*\.html$')"
    echo "same ignoring case: $(ls $r/f | tr A-Z a-z | sort | uniq -d | wc -l)"
    echo "longest name: $(ls $r/f | awk '{ if (length > m) m = length } END { print (m <= 100) ? "<= 100" : m }')"
    n=0
    for h in $(grep -o 'href="f/[^"]*"' $r/index.html | sed 's/href="//; s/"$//'); do
        [ -f "$r/$h" ] && n=$((n + 1))
    done
    echo "links to existing pages: $n"
done
echo "== nothing outside: $(ls -A | tr '\n' ' ')"
