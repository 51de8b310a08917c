#include <stdexcept>
#include <cstdio>
#include "h.h"
template <typename T> T twice(T x) { if (x > 2) return x + x; else return x; }
struct S { int v; S(int a) : v(a) {} int get() const { return v > 0 ? v : -v; } };
int thrower(int x) { if (x == 3) throw std::runtime_error("x"); return x; }
int main(int argc, char **argv) {
  int s = 0;
  for (int i = 0; i < 5; i++) { try { s += thrower(i); } catch (const std::exception &e) { s -= 1; } }
  for (int i = 0; i < 4; i++) s += i;
  s += twice(3) + (int)twice(1.5);
  S o(argc); s += o.get();
  s = clamp(s, 0, 100);
  switch (argc) { case 1: s++; break; case 2: s--; break; default: break; }
  if (argc > 1 && argv[1][0]) goto out;
  printf("%d\n", s);
out:
  return 0;
}
