# HTML report: a file whose name and source hold <script>, quotes and &
# comes out escaped everywhere (index, page title, tree, source, suite and
# function names); bytes that are not UTF-8 and control bytes show as \xNN.
name='x/<script>alert(1)</script>"'"'"'&.go'
mkdir -p "src/$(dirname "$name")"
printf 'package x\n\nfunc F(a int) string {\n\tif a > 0 { return "<script>alert(\\"x\\")</script>" }\n\treturn `'"'"'&amp;` + "\377\001"\n}\n' >"src/$name"
printf 'mode: count\n%s:3.22,4.11 1 5\n%s:4.11,4.48 1 0\n%s:5.2,5.30 1 5\n' "$name" "$name" "$name" >p.out
printf 'TN:\nSF:/<b>&"\047.c\nFN:1,<script>f("&\047")\nFNDA:1,<script>f("&\047")\nDA:1,1\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nend_of_record\n' >c.info
covconv --to html --source-root src --label '<em>"unit"&'=p.out p.out -o go
covconv -q --to html --label '<s>'=c.info c.info -o c
for r in go c; do
    echo "== $r: script tags (only the report's own)"
    cat $r/index.html $r/f/*.html | grep -o '<script[^>]*>' | sort | uniq -c
    echo "== $r: every tag and attribute name (data would add some)"
    cat $r/index.html $r/f/*.html | grep -o '<[^ >]*' | sort -u | tr '\n' ' '
    echo
    cat $r/index.html $r/f/*.html | grep -o ' [^ =]*="' | sort -u | tr '\n' ' '
    echo
done
echo "== escaped forms in the Go page"
for s in '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;.go' \
    'return &quot;&lt;script&gt;alert(\&quot;x\&quot;)&lt;/scrip' \
    '`&#39;&amp;amp;`' '<span class="x">\xff</span><span class="x">\x01</span>' \
    '&lt;em&gt;&quot;unit&quot;&amp;'; do
    printf '%s: ' "$s"; grep -cF -- "$s" go/f/*.html
done
echo "== escaped forms in the lcov page"
for s in '&lt;script&gt;f(&quot;&amp;&#39;&quot;)' '/&lt;b&gt;&amp;&quot;&#39;.c' '&lt;s&gt;'; do
    printf '%s: ' "$s"; grep -cF -- "$s" c/f/*.html
done
