// tests/benchmarks/bench_gradients.hpp — the contract between the runtime benchmark's
// harness (bench_gradients.cpp) and the translation units that hold its kernels.
//
// Every variant of B1–B7 (BENCHMARKS.md, docs/benchmarks.md) is a kernel: a
// plain function that reads the benchmark's inputs and writes its outputs. Each kernel
// lives in the translation unit of its kind, so each can be compiled with its own flags
// (the loop-vectorised references with -ffast-math) and its compile time measured alone
// (bench_compile.py): bench_gradients_hand.cpp, bench_gradients_loopvec.cpp,
// bench_gradients_leibniz.cpp.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace bench {

/// The inputs of one benchmark, one array of N points per variable or datum, in the
/// order of its row in BENCHMARKS.md (variables, then data): B3 is w1 w2 b a1 a2.
using inputs = std::span<const Eigen::ArrayXd>;

/// Preallocated arrays of N points the kernel overwrites: every listed partial, in the
/// order of the row (B7: w1 b1 w2 b2 v1 v2 c), or, for the value variants, f alone.
using outputs = std::span<Eigen::ArrayXd>;

/// One variant of one benchmark: `{"B1", "hand-fused", &b1_fused}`. The variant name is
/// one of the harness's columns (f-only, hand-fused, hand-blocked, hand-loopvec,
/// leibniz-f, leibniz-grad, leibniz-grad-read, leibniz-grad-par), which also says
/// whether it computes f or the gradient.
struct kernel {
  std::string_view benchmark;
  std::string_view variant;
  void (*run)(inputs in, outputs out);
};

/// f-only, hand-fused and hand-blocked of B1–B7 (bench_gradients_hand.cpp).
std::vector<kernel> hand_kernels();

/// hand-loopvec of B1–B7: plain loops, -ffast-math (bench_gradients_loopvec.cpp).
std::vector<kernel> loopvec_kernels();

/// leibniz-f and leibniz-grad of B1–B7, leibniz-grad-read of B3 (bench_gradients_leibniz.cpp).
std::vector<kernel> leibniz_kernels();

/// leibniz-grad-par of B1–B7: leibniz-grad on every core, `tie(leibniz::parallel, ...)`,
/// with OpenMP (bench_gradients_parallel.cpp).
std::vector<kernel> parallel_kernels();

}  // namespace bench
