// calc.y - grammar of the goyacc test program (tests/goline.sh): goyacc
// writes //line directives into parser.go, so Go reports its coverage in
// the pseudo-files calc.y and yaccpar. The '/' action is on one line: its
// two branches become two blocks of one range with 2 and 1 statements.
%{
package calc

import "strconv"
%}

%union {
	n int
}

%type <n> expr term factor
%token <n> NUM
%token '+' '-' '*' '/' '(' ')'

%%

top:
	expr
	{
		yylex.(*lexer).result = $1
	}

expr:
	term
|	expr '+' term
	{
		$$ = $1 + $3
	}
|	expr '-' term
	{
		$$ = $1 - $3
	}

term:
	factor
|	term '*' factor
	{
		$$ = $1 * $3
	}
|	term '/' factor
	{ if $3 == 0 { yylex.Error("division by zero"); $$ = 0 } else { $$ = $1 / $3 } }

factor:
	NUM
|	'(' expr ')'
	{
		$$ = $2
	}
|	'-' factor
	{
		$$ = -$2
	}

%%

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
