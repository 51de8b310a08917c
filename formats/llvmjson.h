/* llvmjson.h - what the llvm-cov JSON files share (private: llvmjson*.c). */
#ifndef FORMATS_LLVMJSON_H
#define FORMATS_LLVMJSON_H

#include <stddef.h>
#include <stdint.h>

/* Reorder V[0..N) (indices into KEY) by KEY[V[i]] ascending, moving the
 * elements exactly as libstdc++'s std::sort does (introsort, then
 * insertion sort), so that elements with equal keys end up in the order
 * llvm-cov's lcov export (clang 14 to 19, built with libstdc++) gives a
 * file's branches, which it sorts with std::sort by line and column. */
void prof_llvm_branch_order(uint32_t *v, size_t n, const uint64_t *key);

#endif
