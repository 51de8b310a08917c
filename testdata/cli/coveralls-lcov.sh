# --to coveralls of lcov data: an absolute path under the current directory
# becomes relative (with its source's digest), a relative one stays, an
# absolute one elsewhere stays with a warning; counts exact to 2^64-1;
# BRDA '-' is 0 hits; duplicate sections add up.
mkdir -p src
printf 'int f(int x)\n{\n\tif (x)\n\t\treturn 1;\n\treturn 0;\n}\n' >src/a.c
cat >in.info <<EOT
SF:$PWD/src/a.c
DA:1,18446744073709551615
DA:3,2
DA:4,0
BRDA:3,0,0,2
BRDA:3,0,1,-
end_of_record
SF:src/b.c
DA:2,1
end_of_record
SF:/elsewhere/c.c
DA:1,0
end_of_record
SF:src/b.c
DA:2,4
DA:5,1
end_of_record
EOT
env -i PATH="$PATH" covconv --to coveralls in.info 2>&1 | sed "s|$PWD|CWD|"
