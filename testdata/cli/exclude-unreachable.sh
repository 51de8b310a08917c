# lcov 2's LCOV_UNREACHABLE_*: excluded like LCOV_EXCL_*, but code there
# that ran is always a warning and is kept (lcov 2: an "unreachable" error,
# the coverpoint retained by default). Lines 3 (not run) and 7-8 leave;
# line 4 (run 3 times) and its taken branch stay; function u (line 7,
# never run) leaves.
cat >a.c <<'SRC'
int f(int x)
{
    if (x < 0) abort(); // LCOV_UNREACHABLE_LINE
    x++; /* LCOV_UNREACHABLE_LINE */
    return x;
}
/* LCOV_UNREACHABLE_START */ int u(void)
{ return 0; }
/* LCOV_UNREACHABLE_STOP */
SRC
printf 'SF:a.c\nFN:1,f\nFNDA:3,f\nFN:7,u\nFNDA:0,u\nDA:1,3\nDA:3,0\nDA:4,3\nBRDA:4,0,0,3\nBRDA:4,0,1,0\nDA:5,3\nDA:7,0\nDA:8,0\nend_of_record\n' >a.info
covconv --to lcov a.info
