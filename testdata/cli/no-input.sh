# No input: one error line and the --help hint, exit 2.
covmerge -o out.out
