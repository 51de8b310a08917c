module example.com/goview

go 1.23
