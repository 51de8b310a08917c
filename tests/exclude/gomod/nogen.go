// Code generated DO NOT EDIT.

package excl

// NoGen is not generated: "// Code generated " then " DO NOT EDIT." must
// both be there.
func NoGen() int { return 5 }
