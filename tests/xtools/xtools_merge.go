// xtools_merge prints what golang.org/x/tools/cover.ParseProfiles makes of
// a (concatenated) Go coverage profile: one line per block, in the Go text
// format, files and blocks in x/tools' order. The interop test compares it
// with covmerge's output. Build: GOPATH=/usr/share/gocode GO111MODULE=off.
package main

import (
	"bufio"
	"fmt"
	"os"

	"golang.org/x/tools/cover"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: xtools_merge PROFILE")
		os.Exit(2)
	}
	profiles, err := cover.ParseProfiles(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	mode := "set"
	if len(profiles) > 0 {
		mode = profiles[0].Mode
	}
	fmt.Fprintf(w, "mode: %s\n", mode)
	for _, p := range profiles {
		for _, b := range p.Blocks {
			fmt.Fprintf(w, "%s:%d.%d,%d.%d %d %d\n", p.FileName,
				b.StartLine, b.StartCol, b.EndLine, b.EndCol, b.NumStmt, b.Count)
		}
	}
}
