module example.com/yacccalc

go 1.23
