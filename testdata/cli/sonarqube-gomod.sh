# With a go.mod in the source directory (default: the current directory),
# Go paths are relative to the module root, as SonarQube resolves them
# from the project's base directory; no function warning (SonarQube has no
# functions, so no source is read for them).
printf 'module example.com/m\n\ngo 1.22\n' >go.mod
covconv --to sonarqube "$TD/cobertura/go-small.out"
