package shapes

// Line directives move positions: go tool cover -func prints the
// adjusted line of the func keyword.
func BeforeDirective() int { return 1 }

//line lines.go:100
func AfterLine() int {
	return 2
}

/*line lines.go:200:5*/ func AfterBlock() int { return 3 }

func AfterBlockNextLine() int { return 4 }

//line :300:1
func AfterColumn() int {
	return 5
}
