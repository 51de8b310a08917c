// Command gofuncs prints, for each Go file named on standard input, what
// go tool cover -func takes from go/parser: every top-level function with
// a body, as "FILE\tNAME\tLINE.COL,ENDLINE.ENDCOL" (token.Position, line
// directives applied), or "FILE\terror" when the file does not parse.
// tests/interop.sh compares covkit's Go scanner with it.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
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
			fmt.Fprintf(out, "%s\t%s\t%d.%d,%d.%d\n", name, fd.Name.Name,
				s.Line, s.Column, e.Line, e.Column)
		}
	}
}
