# --from an unknown format.
covmerge --from xml u.out
