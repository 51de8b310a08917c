module example.com/root/nested/deep
