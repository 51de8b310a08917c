# With a go.mod in the source directory (default: the current directory),
# Go paths are relative to the module root, as SonarQube resolves them
# from the project's base directory; no function warning (SonarQube has no
# functions, so no source is read for them). The output is
# testdata/sonarqube/go-small.xml (checked by hand: README there), which
# reads back with the totals of the lcov output: the Go profile's lines,
# its partial lines as branches.
printf 'module example.com/m\n\ngo 1.22\n' >go.mod
covconv --to sonarqube "$TD/cobertura/go-small.out" -o out.xml || exit 1
cmp out.xml "$TD/sonarqube/go-small.xml" && echo "same as go-small.xml"
covconv --to summary out.xml | tail -n 1
covconv -q --to lcov "$TD/cobertura/go-small.out" | covconv --to summary - |
    tail -n 1
