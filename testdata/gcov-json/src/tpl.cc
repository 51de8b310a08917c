#include <stdexcept>
template <class T> struct Foo { T v; Foo() : v(0) {} void inc() { if (v < 10) v++; } };

static int risky(int x)
{
    if (x > 2)
        throw std::runtime_error("big");
    return x * 2;
}

int main(int argc, char **argv)
{
    (void)argv;
    Foo<int> a;
    Foo<char> b;
    a.inc();
    a.inc();
    int s = 0;
    for (int i = 0; i < 4; i++) {
        try {
            s += risky(i + argc);
        } catch (const std::exception &) {
            s--;
        }
    }
    return s > 100;
}
