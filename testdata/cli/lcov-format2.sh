# lcov output in lcov 1.x form (default) and lcov 2.2 form (FNL/FNA).
covmerge "$TD/lcov/small.info"
echo ---
covmerge --lcov-format 2 "$TD/lcov/small.info"
