# Found by fuzz_roundtrip: Go paths may hold bytes XML 1.0 cannot (a lone
# continuation byte 0x8d that libxml2's xmlGetUTF8Char lets through, a
# control byte, U+FFFE); the Cobertura output must still be well-formed
# (xmllint) with each such byte as '?', and read back.
printf 'mode: count\na/\332\232\215\215b.go:1.1,2.2 1 1\nc/\001d\357\277\276.go:1.1,2.2 1 0\n' >in.out
covconv --to cobertura --source /src in.out -o out.xml || exit 1
xmllint --noout --nonet out.xml && echo "well-formed"
grep -o 'filename="[^"]*"' out.xml
covconv --to lcov out.xml | grep '^SF:'
