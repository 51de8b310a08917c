package shapes

import "testing"

func TestShapes(t *testing.T) {
	var l List[int]
	l.Push(1)
	_ = Map(map[string]int{"a": 1}, func(v int) int { return v + 1 })
	_ = Quotes()
	_ = Anon()
	_ = Iface()
	c := Counter()
	c()
	_, _ = Pair()
	_ = hook()
	_ = BeforeDirective() + AfterLine() + AfterBlock() + AfterColumn()
}
