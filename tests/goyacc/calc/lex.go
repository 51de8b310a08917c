// lex.go - the lexer of the goyacc test grammar, and Eval.
package calc

import "errors"

type lexer struct {
	src    string
	pos    int
	result int
	err    error
}

func (l *lexer) Lex(lval *yySymType) int {
	for l.pos < len(l.src) && l.src[l.pos] == ' ' {
		l.pos++
	}
	if l.pos >= len(l.src) {
		return 0
	}
	c := l.src[l.pos]
	if c >= '0' && c <= '9' {
		start := l.pos
		for l.pos < len(l.src) && l.src[l.pos] >= '0' && l.src[l.pos] <= '9' {
			l.pos++
		}
		lval.n = atoi(l.src[start:l.pos])
		return NUM
	}
	l.pos++
	return int(c)
}

func (l *lexer) Error(s string) {
	if l.err == nil {
		l.err = errors.New(s)
	}
}

// Eval evaluates an arithmetic expression.
func Eval(s string) (int, error) {
	l := &lexer{src: s}
	yyParse(l)
	return l.result, l.err
}
