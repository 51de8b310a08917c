#include <stdio.h>
#include <setjmp.h>
#include <stdlib.h>
#include "h.h"
static jmp_buf jb;
static void jump(int x) { if (x) longjmp(jb, 1); }
int f(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; while (n-- > 0) { if (n % 3 == 0) continue; s++; } return s; }
int g(int a, int b) { return (a && b) || (!a && !b); }
int main(int argc, char **argv) {
  int s = f(10) + g(argc, 1) + g(0, 0) + clamp(argc, 2, 5);
  if (setjmp(jb) == 0) jump(1); else s++;
  if (argc > 5) exit(3);
  printf("%d\n", s);
  return 0;
}
