# Usage errors, exit 2 each: a bad percentage, more than 4 decimals, a
# patch gate without --diff, stdin twice, a bad regex, a bad --format,
# and --to (covcheck writes no profile).
printf 'mode: set\n' >a.out
covcheck a.out --fail-under-line 101; echo "exit $?"
covcheck a.out --fail-under-line 80.12345; echo "exit $?"
covcheck a.out --fail-under-line 8x; echo "exit $?"
covcheck a.out --fail-under-patch 80; echo "exit $?"
covcheck - --diff - </dev/null; echo "exit $?"
covcheck a.out --exclude '('; echo "exit $?"
covcheck a.out --format html; echo "exit $?"
covcheck a.out --to go; echo "exit $?"
