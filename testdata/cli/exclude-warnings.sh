# Marker problems are warnings naming file and line, and the output is still
# written: an LCOV_EXCL_STOP alone, an LCOV_EXCL_START never stopped (to the
# end, as lcov), a GCOVR_EXCL_START never stopped (nothing, as gcovr), a
# GCOVR_EXCL_LINE inside a section, a coverage-ignore opening no block.
cat >a.c <<'SRC'
int f(int x)
{
    /* LCOV_EXCL_STOP */
    if (x)
        x++; // GCOVR_EXCL_START
    x += 2; // GCOVR_EXCL_LINE
    /* LCOV_EXCL_START */
    return x;
}
SRC
printf 'package a\n\nfunc F() int {\n\treturn 1 // coverage-ignore\n}\n' >a.go
printf 'SF:a.c\nFN:1,f\nFNDA:2,f\nDA:1,2\nDA:4,2\nBRDA:4,0,0,1\nBRDA:4,0,1,1\nDA:5,1\nDA:6,2\nDA:8,2\nend_of_record\n' >a.info
printf 'mode: set\na.go:3.14,5.2 1 1\n' >a.out
covconv --to lcov --warn-excluded-hits a.info
covconv --to go a.out
