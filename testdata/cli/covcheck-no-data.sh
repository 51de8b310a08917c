# No lines at all fails a line gate (gcovr: "likely an error"); no
# functions (a Go text profile has none) passes a function gate.
printf 'mode: set\n' >empty.out
covcheck empty.out --fail-under-line 1 --fail-under-func 90
