# --mode takes auto, set, count or atomic.
covmerge --mode sum u.out
