# --max-input-size: a bigger input is refused (exit 1), for gzip by its
# decompressed size; a bad size is a usage error.
cp "$TD/cli/u.count.out" .
gzip -n -c u.count.out >u.gz
covmerge --max-input-size 1K u.count.out >/dev/null
echo "plain: $?"
covmerge --max-input-size 1K u.gz >/dev/null
echo "gzip: $?"
covmerge --max-input-size 1Q u.count.out
