// tests/benchmarks/bench_gradients_leibniz.cpp — the leibniz variants of B1–B7
// (BENCHMARKS.md), written as a user would write them:
//
// - leibniz-grad: `leibniz::tie(outs...) = leibniz::gradient(f, vars...)(x = X, ...)`,
//   straight into the preallocated output arrays; data (B3's a1 a2, B7's x t) are bound
//   as variables too, but not differentiated.
// - leibniz-f: `leibniz::tie(out) = leibniz::outputs(f)(x = X, ...)`, straight into the
//   preallocated output array, as the references write theirs.
// - leibniz-grad-read (B3 only): the tutorial's way, `auto g = G(x = X, ...)` then each
//   entry read by its variable, `g[w1]`. Each entry is moved into the harness's output,
//   so the row costs what a result of its own costs: new arrays, computed once, read
//   without a copy.
//
// Each function is the formula of its row, as written there; the harness checks the
// values against the hand-written references.
#include <utility>

#include <leibniz/leibniz.hpp>

#include "bench_gradients.hpp"

// -DBENCH_ONLY_GRADIENT=k (1 to 7) compiles Bk's leibniz-grad alone and lists only that
// kernel: its compile time measured by itself (docs/compile-time.md). Not for running.
#ifdef BENCH_ONLY_GRADIENT
#define BENCH_SECTION(k) (BENCH_ONLY_GRADIENT == (k))
#else
#define BENCH_SECTION(k) 1
#endif

namespace {

using namespace leibniz::literals;

#if BENCH_SECTION(1)
// ------------------------------------------------------------------ B1
constexpr auto b1_x1 = leibniz::var<"x1">;
constexpr auto b1_x2 = leibniz::var<"x2">;
constexpr auto f1 = sin(b1_x1) + b1_x1 * b1_x2;

#ifndef BENCH_ONLY_GRADIENT
void b1_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f1)(b1_x1 = in[0], b1_x2 = in[1]);
}
#endif

void b1_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1]) = leibniz::gradient(f1, b1_x1, b1_x2)(b1_x1 = in[0], b1_x2 = in[1]);
}

#endif  // BENCH_SECTION(1)

#if BENCH_SECTION(2)
// ------------------------------------------------------------------ B2
constexpr auto b2_x = leibniz::var<"x">;
constexpr auto b2_y = leibniz::var<"y">;
constexpr auto b2_z = leibniz::var<"z">;
constexpr auto f2 = (b2_x + b2_y) * b2_z;

#ifndef BENCH_ONLY_GRADIENT
void b2_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f2)(b2_x = in[0], b2_y = in[1], b2_z = in[2]);
}
#endif

void b2_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1], out[2]) =
      leibniz::gradient(f2, b2_x, b2_y, b2_z)(b2_x = in[0], b2_y = in[1], b2_z = in[2]);
}

#endif  // BENCH_SECTION(2)

#if BENCH_SECTION(3)
// ------------------------------------------------------------------ B3
constexpr auto b3_w1 = leibniz::var<"w1">;
constexpr auto b3_w2 = leibniz::var<"w2">;
constexpr auto b3_b = leibniz::var<"b">;
constexpr auto b3_a1 = leibniz::var<"a1">;
constexpr auto b3_a2 = leibniz::var<"a2">;
constexpr auto f3 = 1_c / (1_c + exp(-(b3_w1 * b3_a1 + b3_w2 * b3_a2 + b3_b)));

#ifndef BENCH_ONLY_GRADIENT
void b3_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f3)(b3_w1 = in[0], b3_w2 = in[1], b3_b = in[2], b3_a1 = in[3], b3_a2 = in[4]);
}
#endif

void b3_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1], out[2]) = leibniz::gradient(f3, b3_w1, b3_w2, b3_b)(
      b3_w1 = in[0], b3_w2 = in[1], b3_b = in[2], b3_a1 = in[3], b3_a2 = in[4]);
}

#ifndef BENCH_ONLY_GRADIENT
void b3_grad_read(bench::inputs in, bench::outputs out) {
  auto g = leibniz::gradient(f3, b3_w1, b3_w2, b3_b)(b3_w1 = in[0], b3_w2 = in[1], b3_b = in[2], b3_a1 = in[3],
                                                     b3_a2 = in[4]);
  out[0] = std::move(g[b3_w1]);
  out[1] = std::move(g[b3_w2]);
  out[2] = std::move(g[b3_b]);
}
#endif

#endif  // BENCH_SECTION(3)

#if BENCH_SECTION(4)
// ------------------------------------------------------------------ B4
constexpr auto b4_x = leibniz::var<"x">;
constexpr auto b4_y = leibniz::var<"y">;
constexpr auto f4 = pow(1_c - b4_x, 2_c) + 100_c * pow(b4_y - pow(b4_x, 2_c), 2_c);

#ifndef BENCH_ONLY_GRADIENT
void b4_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f4)(b4_x = in[0], b4_y = in[1]);
}
#endif

void b4_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1]) = leibniz::gradient(f4, b4_x, b4_y)(b4_x = in[0], b4_y = in[1]);
}

#endif  // BENCH_SECTION(4)

#if BENCH_SECTION(5)
// ------------------------------------------------------------------ B5
constexpr auto x1 = leibniz::var<"x1">;
constexpr auto x2 = leibniz::var<"x2">;
constexpr auto x3 = leibniz::var<"x3">;
constexpr auto x4 = leibniz::var<"x4">;
constexpr auto x5 = leibniz::var<"x5">;
constexpr auto x6 = leibniz::var<"x6">;
constexpr auto x7 = leibniz::var<"x7">;
constexpr auto x8 = leibniz::var<"x8">;
constexpr auto x9 = leibniz::var<"x9">;
constexpr auto x10 = leibniz::var<"x10">;
constexpr auto x11 = leibniz::var<"x11">;
constexpr auto x12 = leibniz::var<"x12">;
constexpr auto x13 = leibniz::var<"x13">;
constexpr auto x14 = leibniz::var<"x14">;
constexpr auto x15 = leibniz::var<"x15">;
constexpr auto x16 = leibniz::var<"x16">;
constexpr auto f5 = x1 * x2 * x3 * x4 * x5 * x6 * x7 * x8 * x9 * x10 * x11 * x12 * x13 * x14 * x15 * x16;

#ifndef BENCH_ONLY_GRADIENT
void b5_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f5)(x1 = in[0], x2 = in[1], x3 = in[2], x4 = in[3], x5 = in[4], x6 = in[5],
                                              x7 = in[6], x8 = in[7], x9 = in[8], x10 = in[9], x11 = in[10],
                                              x12 = in[11], x13 = in[12], x14 = in[13], x15 = in[14], x16 = in[15]);
}
#endif

void b5_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8], out[9], out[10], out[11],
               out[12], out[13], out[14], out[15]) =
      leibniz::gradient(f5, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16)(
          x1 = in[0], x2 = in[1], x3 = in[2], x4 = in[3], x5 = in[4], x6 = in[5], x7 = in[6], x8 = in[7], x9 = in[8],
          x10 = in[9], x11 = in[10], x12 = in[11], x13 = in[12], x14 = in[13], x15 = in[14], x16 = in[15]);
}

#endif  // BENCH_SECTION(5)

#if BENCH_SECTION(6)
// ------------------------------------------------------------------ B6
constexpr auto b6_x = leibniz::var<"x">;
constexpr auto b6_y = leibniz::var<"y">;
constexpr auto f6 = tanh(exp(cos(sin(tanh(exp(cos(sin(b6_x * b6_y)))))))) + b6_x;

#ifndef BENCH_ONLY_GRADIENT
void b6_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f6)(b6_x = in[0], b6_y = in[1]);
}
#endif

void b6_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1]) = leibniz::gradient(f6, b6_x, b6_y)(b6_x = in[0], b6_y = in[1]);
}

#endif  // BENCH_SECTION(6)

#if BENCH_SECTION(7)
// ------------------------------------------------------------------ B7
constexpr auto w1 = leibniz::var<"w1">;
constexpr auto b1 = leibniz::var<"b1">;
constexpr auto w2 = leibniz::var<"w2">;
constexpr auto b2 = leibniz::var<"b2">;
constexpr auto v1 = leibniz::var<"v1">;
constexpr auto v2 = leibniz::var<"v2">;
constexpr auto c = leibniz::var<"c">;
constexpr auto x = leibniz::var<"x">;
constexpr auto t = leibniz::var<"t">;
constexpr auto z1 = relu(w1 * x + b1);
constexpr auto z2 = relu(w2 * x + b2);
constexpr auto f7 = pow(v1 * z1 + v2 * z2 + c - t, 2_c);

#ifndef BENCH_ONLY_GRADIENT
void b7_f(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0]) = leibniz::outputs(f7)(w1 = in[0], b1 = in[1], w2 = in[2], b2 = in[3], v1 = in[4], v2 = in[5],
                                              c = in[6], x = in[7], t = in[8]);
}
#endif

void b7_grad(bench::inputs in, bench::outputs out) {
  leibniz::tie(out[0], out[1], out[2], out[3], out[4], out[5], out[6]) =
      leibniz::gradient(f7, w1, b1, w2, b2, v1, v2, c)(w1 = in[0], b1 = in[1], w2 = in[2], b2 = in[3], v1 = in[4],
                                                       v2 = in[5], c = in[6], x = in[7], t = in[8]);
}

#endif  // BENCH_SECTION(7)

}  // namespace

std::vector<bench::kernel> bench::leibniz_kernels() {
  std::vector<bench::kernel> kernels;
#if BENCH_SECTION(1)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B1", "leibniz-f", b1_f});
#endif
  kernels.push_back({"B1", "leibniz-grad", b1_grad});
#endif
#if BENCH_SECTION(2)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B2", "leibniz-f", b2_f});
#endif
  kernels.push_back({"B2", "leibniz-grad", b2_grad});
#endif
#if BENCH_SECTION(3)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B3", "leibniz-f", b3_f});
#endif
  kernels.push_back({"B3", "leibniz-grad", b3_grad});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B3", "leibniz-grad-read", b3_grad_read});
#endif
#endif
#if BENCH_SECTION(4)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B4", "leibniz-f", b4_f});
#endif
  kernels.push_back({"B4", "leibniz-grad", b4_grad});
#endif
#if BENCH_SECTION(5)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B5", "leibniz-f", b5_f});
#endif
  kernels.push_back({"B5", "leibniz-grad", b5_grad});
#endif
#if BENCH_SECTION(6)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B6", "leibniz-f", b6_f});
#endif
  kernels.push_back({"B6", "leibniz-grad", b6_grad});
#endif
#if BENCH_SECTION(7)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B7", "leibniz-f", b7_f});
#endif
  kernels.push_back({"B7", "leibniz-grad", b7_grad});
#endif
  return kernels;
}
