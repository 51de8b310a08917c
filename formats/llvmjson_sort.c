/* llvmjson_sort.c - llvm-cov's order of a file's branches: std::sort's. */
#include "llvmjson.h"

#include <stdbool.h>
#include <string.h>

/*
 * llvm-cov export -format=lcov (clang 14 to 19) sorts a file's branches
 * with std::sort by line and start column and numbers them in that order,
 * so branches at one place (a template's instantiations, a header in
 * several units) come out in whatever order the sort leaves equal
 * elements: past 16 branches in a file, not their first order. Debian's
 * llvm-cov is built with libstdc++, whose std::sort is an introsort
 * (median-of-three pivot, unguarded partition, heapsort past a depth of
 * 2 log2 n, no pass on runs of 16 or fewer), then an insertion sort. The
 * same steps here, on indices, give the same order (a libc++ build of
 * llvm-cov would give another one for such lines).
 */

#define LO_RUN 16 /* libstdc++'s threshold */
#define LO_LESS(a, b) (key[(a)] < key[(b)])

static void lo_swap(uint32_t *v, size_t a, size_t b)
{
    uint32_t t = v[a];
    v[a] = v[b];
    v[b] = t;
}

/* The median of V[A], V[B] and V[C] to V[TO]. */
static void lo_median(uint32_t *v, const uint64_t *key, size_t to, size_t a,
                      size_t b, size_t c)
{
    if (LO_LESS(v[a], v[b])) {
        if (LO_LESS(v[b], v[c]))
            lo_swap(v, to, b);
        else if (LO_LESS(v[a], v[c]))
            lo_swap(v, to, c);
        else
            lo_swap(v, to, a);
    } else if (LO_LESS(v[a], v[c])) {
        lo_swap(v, to, a);
    } else if (LO_LESS(v[b], v[c])) {
        lo_swap(v, to, c);
    } else {
        lo_swap(v, to, b);
    }
}

/* V[FIRST..LAST) around the pivot V[PIVOT] (before FIRST); the cut. */
static size_t lo_partition(uint32_t *v, const uint64_t *key, size_t first,
                           size_t last, size_t pivot)
{
    for (;;) {
        while (LO_LESS(v[first], v[pivot]))
            first++;
        last--;
        while (LO_LESS(v[pivot], v[last]))
            last--;
        if (first >= last)
            return first;
        lo_swap(v, first, last);
        first++;
    }
}

/* Sift VALUE down from HOLE of the heap H[0..LEN), then up to TOP. */
static void lo_adjust(uint32_t *h, const uint64_t *key, size_t hole,
                      size_t len, uint32_t value)
{
    size_t top = hole, child = hole;
    while (child < (len - 1) / 2) {
        child = 2 * (child + 1);
        if (LO_LESS(h[child], h[child - 1]))
            child--;
        h[hole] = h[child];
        hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
        child = 2 * (child + 1);
        h[hole] = h[child - 1];
        hole = child - 1;
    }
    while (hole > top && LO_LESS(h[(hole - 1) / 2], value)) {
        h[hole] = h[(hole - 1) / 2];
        hole = (hole - 1) / 2;
    }
    h[hole] = value;
}

/* Heapsort of H[0..LEN): make the heap, then pop it. */
static void lo_heapsort(uint32_t *h, const uint64_t *key, size_t len)
{
    for (size_t parent = len >= 2 ? (len - 2) / 2 + 1 : 0; parent-- > 0;)
        lo_adjust(h, key, parent, len, h[parent]);
    while (len > 1) {
        len--;
        uint32_t value = h[len];
        h[len] = h[0];
        lo_adjust(h, key, 0, len, value);
    }
}

static void lo_introsort(uint32_t *v, const uint64_t *key, size_t first,
                         size_t last, unsigned depth)
{
    while (last - first > LO_RUN) {
        if (depth == 0) {
            lo_heapsort(v + first, key, last - first);
            return;
        }
        depth--;
        lo_median(v, key, first, first + 1, first + (last - first) / 2,
                  last - 1);
        size_t cut = lo_partition(v, key, first + 1, last, first);
        lo_introsort(v, key, cut, last, depth);
        last = cut;
    }
}

/* Insert V[I] into the sorted run before it (an element no greater is
 * known to be there, except at FIRST). */
static void lo_insert(uint32_t *v, const uint64_t *key, size_t first,
                      size_t i)
{
    uint32_t val = v[i];
    if (LO_LESS(val, v[first])) {
        memmove(v + first + 1, v + first, (i - first) * sizeof *v);
        v[first] = val;
        return;
    }
    while (i > first && LO_LESS(val, v[i - 1])) {
        v[i] = v[i - 1];
        i--;
    }
    v[i] = val;
}

void prof_llvm_branch_order(uint32_t *v, size_t n, const uint64_t *key)
{
    unsigned lg = 0;
    if (n < 2)
        return;
    for (size_t m = n; m > 1; m >>= 1)
        lg++;
    lo_introsort(v, key, 0, n, 2 * lg);
    /* the insertion sort: guarded over the first run, then unguarded (the
     * smallest element is in the first run); the same moves either way */
    for (size_t i = 1; i < n; i++)
        lo_insert(v, key, 0, i);
}
