# covconv --to cobertura of a hand-made Go profile equals the golden file,
# which was checked by hand (lines, partial lines as 50% (1/2), rates and
# totals; see testdata/cobertura/README.md) and is valid against
# coverage-04.dtd through its DOCTYPE (local catalog, no network).
export SOURCE_DATE_EPOCH=1700000000
covconv --to cobertura --source /src "$TD/cobertura/go-small.out" -o out.xml ||
    exit 1
cmp out.xml "$TD/cobertura/go-small.expected.xml" && echo "same as golden"
XML_CATALOG_FILES=$TD/cobertura/catalog.xml xmllint --noout --nonet --valid \
    out.xml && echo "valid against coverage-04.dtd"
