# File and package gates with --include/--exclude on the Go corpus unit
# profile (go/ast ... go/token, 30 files in 9 directories); --max-files
# limits the lists; the report goes to -o atomically, messages to stderr.
covcheck "$CORPUS/go/unit/unit.count.out" --include '^go/(doc|token)/' \
    --exclude '/serialize\.go$' --fail-under-file 50 \
    --fail-under-package 60 --max-files 2 -o report.txt
echo "exit $?"
cat report.txt
covcheck "$CORPUS/go/unit/unit.count.out" --include '^go/(doc|token)/' \
    --exclude '/serialize\.go$' --fail-under-file 50 --format markdown \
    --max-files 0
