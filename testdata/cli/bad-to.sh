# covconv --to an unknown format.
covconv --to docx u.out
