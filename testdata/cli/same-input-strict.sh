# --strict makes input problems errors: exit 1, nothing written, an old
# output kept. Input problems are the same input twice and every warning or
# notice about the inputs (a damaged record, the set-mode notice, which
# --mode answers); what a writer says (a source not found) stays a warning.
# covmerge, covconv and covcheck all take it; past ten repeats, a count.
cp "$TD/cli/u.count.out" a.out && cp a.out b.out
cp "$TD/cli/u.count.out" "$TD/cli/s.set.out" "$TD/lcov/quirks.info" .
echo old >out.out
covmerge --strict a.out b.out -o out.out
echo "exit $?"
cat out.out
covmerge --strict -q a.out a.out -o out.out
echo "exit $?"
covconv --strict --to lcov a.out a.out
echo "exit $?"
covcheck --strict a.out b.out
echo "exit $?"
echo "== damaged records and notices"
covmerge --strict quirks.info -o out.out
echo "exit $?"
covmerge --strict u.count.out s.set.out -o out.out
echo "exit $?"
covmerge --strict --mode count u.count.out s.set.out -o /dev/null
echo "exit $?"
cat out.out
echo "== a writer's warning is no input problem"
covconv --strict --to func "$TD/covdata/small.count.out" >/dev/null
echo "exit $?"
echo "== eleven repeats"
covmerge --strict a.out a.out a.out a.out a.out a.out a.out a.out a.out \
    a.out a.out a.out b.out -o out.out
echo "exit $?"
