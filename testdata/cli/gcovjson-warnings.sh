# Negative counts (gcc PR 68080) are read as 0 with one warning; an unknown
# format_version is read with a warning. Exit 0.
printf '%s\n' \
 '{"gcc_version":"16.1.0","format_version":"3","files":[{"file":"/s/n.c","lines":[{"line_number":1,"count":-3},{"line_number":2,"count":-1},{"line_number":3,"count":4}]}]}' \
 | covconv --to go -
