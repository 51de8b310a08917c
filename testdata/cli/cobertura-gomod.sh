# With a go.mod in the source directory (default: the current directory),
# Go filenames are relative to the module root, as GitLab needs; packages
# keep the import path.
printf 'module example.com/m // the module\n\ngo 1.22\n' >go.mod
SOURCE_DATE_EPOCH=1 covconv --to cobertura "$TD/cobertura/go-small.out" |
    grep -e '<source>' -e '<package ' -e '<class ' | sed "s|$PWD|CWD|"
