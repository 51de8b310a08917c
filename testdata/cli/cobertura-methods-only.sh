# Slather (Swift) lists a class's lines only under <methods>: they are the
# class's lines (2 lines, 1 hit, as the file's header, ReportGenerator and
# Codecov count them). A class with lines of its own counts each line once
# (Second.swift: 4 lines, not 7). Totals equal the header's lines-valid and
# lines-covered.
cp "$TD/policy/slather-methods.xml" in.xml
covconv --to summary in.xml
echo "header: $(xmllint --xpath 'string(/coverage/@lines-covered)' in.xml)/$(
    xmllint --xpath 'string(/coverage/@lines-valid)' in.xml)"
