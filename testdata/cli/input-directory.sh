# A directory given as a Go text profile: no reader takes directories.
mkdir cover.d
covmerge --from go cover.d
