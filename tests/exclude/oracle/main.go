// Command oracle answers tests/exclude.sh with Go's own parser:
//
//	oracle gen FILE...           FILE true|false, as go/ast.IsGenerated says
//	oracle ignore MOD DIR PROF   the blocks of Go profile PROF (module MOD in
//	                             DIR) outside every block whose '{' line has a
//	                             `// coverage-ignore` comment, as go/ast sees
//	                             the blocks (one line per block, sorted)
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == "gen" {
		for _, p := range os.Args[2:] {
			f, err := parser.ParseFile(token.NewFileSet(), p, nil,
				parser.ParseComments|parser.PackageClauseOnly)
			check(err)
			fmt.Println(filepath.Base(p), ast.IsGenerated(f))
		}
		return
	}
	if len(os.Args) == 5 && os.Args[1] == "ignore" {
		ignore(os.Args[2], os.Args[3], os.Args[4])
		return
	}
	fmt.Fprintln(os.Stderr, "usage: oracle gen FILE... | oracle ignore MOD DIR PROFILE")
	os.Exit(2)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type span struct{ sl, sc, el, ec int }

func (s span) holds(b span) bool {
	return (s.sl < b.sl || s.sl == b.sl && s.sc <= b.sc) &&
		(b.el < s.el || b.el == s.el && b.ec <= s.ec)
}

// ignored: the spans of the blocks of FILE marked `// coverage-ignore`.
func ignored(file string) []span {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	check(err)
	marked := map[int]bool{}
	for _, g := range f.Comments {
		for _, c := range g.List {
			if isMarker(c.Text) {
				marked[fset.Position(c.Pos()).Line] = true
			}
		}
	}
	var out []span
	ast.Inspect(f, func(n ast.Node) bool {
		if b, ok := n.(*ast.BlockStmt); ok {
			l := fset.Position(b.Lbrace)
			r := fset.Position(b.Rbrace)
			if marked[l.Line] {
				out = append(out, span{l.Line, l.Column, r.Line, r.Column + 1})
			}
		}
		return true
	})
	return out
}

// isMarker: a // comment whose first word is coverage-ignore (then the
// end, a space or punctuation other than '-' and '_').
func isMarker(text string) bool {
	t, ok := strings.CutPrefix(text, "//")
	t = strings.TrimLeft(t, " \t")
	rest, ok2 := strings.CutPrefix(t, "coverage-ignore")
	if !ok || !ok2 {
		return false
	}
	return rest == "" || !strings.ContainsAny(rest[:1],
		"-_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

func ignore(mod, dir, prof string) {
	fh, err := os.Open(prof)
	check(err)
	defer fh.Close()
	spans := map[string][]span{}
	var keep []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "mode:") || line == "" {
			continue
		}
		colon := strings.LastIndex(line, ":")
		name := line[:colon]
		var b span
		var n, c int
		_, err := fmt.Sscanf(line[colon+1:], "%d.%d,%d.%d %d %d",
			&b.sl, &b.sc, &b.el, &b.ec, &n, &c)
		check(err)
		if _, ok := spans[name]; !ok {
			rel := strings.TrimPrefix(name, mod+"/")
			spans[name] = ignored(filepath.Join(dir, rel))
		}
		out := false
		for _, s := range spans[name] {
			out = out || s.holds(b)
		}
		if !out {
			keep = append(keep, line)
		}
	}
	check(sc.Err())
	sort.Strings(keep)
	for _, l := range keep {
		fmt.Println(l)
	}
}
