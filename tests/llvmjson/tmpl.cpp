// tmpl.cpp - a C++ program for the llvm-json test: a template
// instantiated twice, one instantiated eight times with conditions on one
// line (more than 16 branches on a line: the order llvm-cov's lcov export
// gives them is its sort's), a class, a lambda, a function never called.
#include <cstdio>
#include <string>
#include <vector>

template <typename T>
T largest(const std::vector<T> &v)
{
    T best = v.empty() ? T() : v[0];
    for (const T &x : v)
        if (best < x)
            best = x;
    return best;
}

template <int N> int pick(int a, int b)
{
    if ((a > N && b < N) || a == b) return (a < b) ? 1 : 2;
    return 0;
}

class Counter {
public:
    explicit Counter(int limit) : limit_(limit) {}
    bool step()
    {
        if (n_ >= limit_ || (n_ > 2 && n_ % 7 == 0))
            return false;
        n_++;
        return true;
    }
    int n() const { return n_; }

private:
    int limit_;
    int n_ = 0;
};

static int never_called(int x)
{
    return x > 0 ? x : -x;
}

int main(int argc, char **)
{
    std::vector<int> ints = {4, 9, 2};
    std::vector<std::string> words = {"pear", "apple", "zebra"};
    Counter c(argc > 1 ? 3 : 10);
    while (c.step()) {
    }
    int p = 0;
    for (int i = 0; i < 10; i++)
        p += pick<1>(i, argc) + pick<2>(i, 3) + pick<3>(argc, i) +
             pick<4>(i, i) + pick<5>(i, 9) + pick<6>(2, i) + pick<7>(i, 7) +
             pick<8>(i, 1);
    auto twice = [](int v) { return v * 2; };
    std::printf("%d %s %d %d %d\n", largest(ints), largest(words).c_str(),
                c.n(), twice(argc), p);
    if (argc > 4)
        return never_called(argc);
    return 0;
}
