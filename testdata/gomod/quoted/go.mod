module "example.com/quoted/v2" // a quoted module path

go 1.23
