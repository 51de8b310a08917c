# An option that needs a value, given none.
covmerge u.out -o
