// A nested module in the block form of the module directive.
module (
	example.com/root/nested // a nested module path under the root's
)

go 1.23
