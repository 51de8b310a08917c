# An unknown long option is a usage error.
covmerge --frobnicate u.out
