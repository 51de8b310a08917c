# git diff piped in (--diff -). The repository's go/token/position.go is
# 240 numbered lines; the change edits lines 141 (covered in the profile:
# block 140.77,142.3) and 152 (not: 151.14,152.70 has 0), so 1 of 2. A new
# NOTES.md is listed as not in the profile and not counted, then counted
# as 2 uncovered lines with --missing-as-uncovered (1 of 4). A deleted
# file and a binary file are skipped.
cp "$TD/check/position.count.out" .
mkdir -p repo/go/token && cd repo && git init -q . || exit 1
seq 1 240 >go/token/position.go
printf 'a\n' >gone.txt
printf '\000\001' >bin.dat
git add . && git -c user.name=t -c user.email=t@t commit -qm old || exit 1
sed -e '141s/.*/changed/' -e '152s/.*/changed/' go/token/position.go >new &&
    mv new go/token/position.go
git rm -q gone.txt
printf '\000\002' >bin.dat
printf 'x\ny\n' >NOTES.md
git add -N NOTES.md
git diff | covcheck ../position.count.out --diff - --fail-under-patch 60
echo "exit $?"
git diff | covcheck ../position.count.out --diff - --missing-as-uncovered \
    --format json | sed -n '/"patch"/,$p'
