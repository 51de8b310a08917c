module example.com/excl

go 1.21
