# --version and -V of both tools.
covmerge --version && covconv -V
