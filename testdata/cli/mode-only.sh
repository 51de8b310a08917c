# A profile with only a mode line keeps its mode and has no blocks.
printf 'mode: atomic\n' >m.out
covmerge m.out
