# --overlap takes error or keep.
covmerge --overlap=merge u.out
