package tools

import "testing"

func TestVersion(t *testing.T) { _ = Version() }
