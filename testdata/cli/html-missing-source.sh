# A missing source is a warning per file (the first 10 by name, then one
# count), never a failure: the page lists the profile's lines and hits.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" .
covconv --to html u.count.out s.count.out -o rep
echo "exit $?"
page=rep/$(grep -o 'f/[^"]*serialize[^"]*' rep/index.html)
grep -c 'Source file not found' "$page"
echo "rows: $(grep -c '^<tr id="L' "$page")"
echo "row 22: $(grep -o '<tr id="L22".*</tr>' "$page" | sed 's/<[^>]*>/|/g; s/||*/|/g')"
{
    echo 'mode: set'
    for i in $(seq 1 12); do echo "m$i.go:1.1,1.5 1 1"; done
} >many.out
covconv --to html many.out -o many
echo "exit $?"
covconv -q --to html many.out -o many
echo "quiet: exit $?"
