# Escaping in Cobertura output. A path, a function name and the <source>
# hold & < > " ' TAB LF CR and non-ASCII UTF-8; a class without lines and
# methods gives <methods/> and <lines/>. The expected bytes were written
# by libxml2 2.9.14's xmlTextWriter (covkit before its own emitter), so
# they pin byte identity with it; xmllint validates the report against
# coverage-04.dtd and reads each value back unchanged.
export SOURCE_DATE_EPOCH=1
cat >in.json <<'JSON'
{"format_version": "1", "gcc_version": "12.2.0", "current_working_directory": "/w", "files": [
 {"file": "/w/a&b<c>d\"e'f\tg\nh\ri ünï/Ωx.c",
  "functions": [{"name": "f&<>\"'\t\n\r_é\u00a0€𝄞", "start_line": 1, "end_line": 3, "execution_count": 2},
                {"name": "plain", "start_line": 5, "end_line": 5, "execution_count": 0}],
  "lines": [{"line_number": 1, "count": 2, "branches": [{"count": 1, "fallthrough": true, "throw": false}, {"count": 0, "fallthrough": false, "throw": false}]},
            {"line_number": 2, "count": 2, "branches": []},
            {"line_number": 5, "count": 0, "branches": []}]},
 {"file": "rel/ok.c", "lines": [{"line_number": 7, "count": 1, "branches": []}]},
 {"file": "only/fn.c", "functions": [{"name": "nolines", "start_line": 1, "end_line": 3, "execution_count": 2}], "lines": []}
]}
JSON
src=$(printf '/s&<>"'"'"'\t\n\r é/x')
covconv --to cobertura --source "$src" in.json -o out.xml || exit 1
cat out.xml
XML_CATALOG_FILES=$TD/cobertura/catalog.xml xmllint --noout --nonet --valid \
    out.xml && echo "valid against coverage-04.dtd"
back() { xmllint --xpath "string($1)" out.xml >got; }
back //source
printf '%s\n' "$src" | cmp -s - got && echo "<source> read back"
back '//method[1]/@name'
printf 'f&<>"'"'"'\t\n\r_é\302\240€𝄞\n' | cmp -s - got &&
    echo "method name read back"
back '//class[1]/@filename'
printf '/w/a&b<c>d"e'"'"'f\tg\nh\ri ünï/Ωx.c\n' | cmp -s - got &&
    echo "filename read back"
printf 'mode: set\n' >empty.out
covconv --to cobertura --source / empty.out
