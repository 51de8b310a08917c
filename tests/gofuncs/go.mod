module covkit.test/gofuncs

go 1.23
