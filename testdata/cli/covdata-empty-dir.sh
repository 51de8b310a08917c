# A directory without any covmeta file is an error (go tool covdata warns
# and writes an empty file that go tool cover then rejects).
mkdir empty
covmerge empty
