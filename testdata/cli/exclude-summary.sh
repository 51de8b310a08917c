# What the markers leave out is counted in the summary and by covcheck
# (lines 5-7 of a.c: LCOV_EXCL_START..STOP, the STOP line kept; line 3's
# branches: LCOV_EXCL_BR_LINE; function g starts on an excluded line).
cat >a.c <<'SRC'
int f(int x)
{
    if (x) /* LCOV_EXCL_BR_LINE */
        x++;
    /* LCOV_EXCL_START */
    x += 2;
int g(void) { return 0; }
    /* LCOV_EXCL_STOP */
    return x;
}
SRC
printf 'SF:a.c\nFN:1,f\nFNDA:2,f\nFN:7,g\nFNDA:0,g\nDA:1,2\nDA:3,2\nBRDA:3,0,0,1\nBRDA:3,0,1,1\nDA:4,1\nDA:6,2\nDA:7,0\nDA:8,2\nDA:9,2\nend_of_record\n' >a.info
covconv --to summary a.info
covcheck a.info
covcheck --no-exclude-markers a.info
