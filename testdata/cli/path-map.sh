# --path-map rewrites input paths (PCRE2, $1 groups, applied in order);
# inputs that map to one path merge; a bad regex is a usage error.
printf 'mode: set\nexample.com/m/a.go:1.1,2.2 1 1\n' > a.out
printf 'mode: set\nmirror/m/a.go:1.1,2.2 1 0\nexample.com/m/b.go:1.1,2.2 1 0\n' > b.out
covmerge --path-map '^(example\.com|mirror)/m/=src/' --path-map 'b\.go$=c.go' a.out b.out
covmerge --path-map '(=x' a.out; echo "exit $?"
covmerge --path-map 'noequals' a.out; echo "exit $?"
