# Errors in standard input are reported as <stdin>:LINE.
printf 'mode: count\ngo/token/serialize.go:22.54,24.36 2\n' | covmerge -
