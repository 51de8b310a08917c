module example.com/root/shapes
