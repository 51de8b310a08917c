// tmpl.cpp - a C++ program for the llvm-json test: a template
// instantiated twice, a class, a lambda, a function never called.
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
    auto twice = [](int v) { return v * 2; };
    std::printf("%d %s %d %d\n", largest(ints), largest(words).c_str(),
                c.n(), twice(argc));
    if (argc > 4)
        return never_called(argc);
    return 0;
}
