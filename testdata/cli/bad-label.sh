# --label needs NAME=INPUT.
covmerge --label unit u.out
