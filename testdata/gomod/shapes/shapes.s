// Empty: lets shapes.go declare Asm without a body.
