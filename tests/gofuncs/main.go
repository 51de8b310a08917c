// Command gofuncs reads Go file names (one per line) on standard input and
// prints what go tool cover -func takes from go/parser: every top-level
// function with a body, its bare name, Pos() and End() as token.Position
// gives them (line directives applied).
//
//	gofuncs            "FILE\tNAME\tLINE.COL,ENDLINE.ENDCOL" per function
//	                   ("FILE\terror" when FILE does not parse); it printed
//	                   the expectations of tests/test_gosrc.c
//	gofuncs -profile   a Go coverage profile with four blocks at the edges
//	                   of every function (see edges), for tests/interop.sh:
//	                   go tool cover -func and covconv --to func must then
//	                   agree to the column on every extent
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

// edges prints blocks just outside and just inside both ends of a
// function at S-E. Their statements (1, 2, 4, 8) and counts give 4 of 6
// covered (66.7%) when the extent is right; a start or end one column off
// includes or excludes a block and changes the figure.
func edges(out *bufio.Writer, name string, s, e token.Position) {
	if s.Column >= 2 { // ends at the func keyword: before the function
		fmt.Fprintf(out, "%s:%d.%d,%d.%d 1 1\n", name, s.Line, s.Column-1, s.Line, s.Column)
	}
	fmt.Fprintf(out, "%s:%d.%d,%d.%d 2 0\n", name, s.Line, s.Column, s.Line, s.Column+1)
	if e.Column >= 1 {
		fmt.Fprintf(out, "%s:%d.%d,%d.%d 4 1\n", name, e.Line, e.Column-1, e.Line, e.Column)
	}
	fmt.Fprintf(out, "%s:%d.%d,%d.%d 8 1\n", name, e.Line, e.Column, e.Line, e.Column+1)
}

func main() {
	profile := flag.Bool("profile", false, "print a coverage profile of the function edges")
	flag.Parse()
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if *profile {
		fmt.Fprintln(out, "mode: count")
	}
	for in.Scan() {
		name := in.Text()
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			fmt.Fprintf(out, "%s\terror\n", name)
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			s, e := fset.Position(fd.Pos()), fset.Position(fd.End())
			if *profile {
				edges(out, name, s, e)
				continue
			}
			fmt.Fprintf(out, "%s\t%s\t%d.%d,%d.%d\n", name, fd.Name.Name,
				s.Line, s.Column, e.Line, e.Column)
		}
	}
}
