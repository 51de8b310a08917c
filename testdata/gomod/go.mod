// The root module of the source-lookup test tree (see README.md).
module example.com/root // trailing comment

go 1.23
