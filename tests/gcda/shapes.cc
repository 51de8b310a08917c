// shapes.cc - the C++ program of tests/gcda.sh: templates, exceptions.
#include <cstdio>
#include <stdexcept>
#include <string>

class Counter {
public:
    explicit Counter(int start) : n_(start) {}
    void add(int k) { n_ += k; }
    int get() const { return n_ > 100 ? 100 : n_; }
    bool odd() const { return n_ % 2 != 0; }

private:
    int n_;
};

template <typename T>
T largest(const T *v, int n)
{
    T best = v[0];
    for (int i = 1; i < n; i++)
        if (best < v[i])
            best = v[i];
    return best;
}

static int parse(const std::string &s)
{
    if (s.empty())
        throw std::invalid_argument("empty");
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            throw std::invalid_argument(s);
        v = v * 10 + (c - '0');
    }
    return v;
}

static int never_used(int x)
{
    return x > 0 ? x : -x;
}

int main(int argc, char **argv)
{
    Counter c(0);
    int ints[] = {4, 8, 1};
    double dbl[] = {0.5, 2.5};
    c.add(largest(ints, 3));
    c.add((int)largest(dbl, 2));
    for (int i = 1; i < argc; i++) {
        try {
            c.add(parse(argv[i]));
        } catch (const std::invalid_argument &e) {
            std::printf("bad: %s\n", e.what());
        }
    }
    if (argc > 5)
        c.add(never_used(argc));
    std::printf("%d %d\n", c.get(), c.odd() ? 1 : 0);
    return 0;
}
