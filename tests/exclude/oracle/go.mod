module covkit.test/exclude-oracle

go 1.21
