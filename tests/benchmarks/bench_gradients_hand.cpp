// tests/benchmarks/bench_gradients_hand.cpp — the hand-written Eigen references of
// B1–B7 (BENCHMARKS.md): f-only, hand-fused, hand-blocked.
//
// - f-only: f alone as one Eigen array expression, the function's own cost.
// - hand-fused: the analytic gradient as one fused Eigen expression per partial; every
//   shared subexpression is recomputed in each partial (and inside one partial as often
//   as it appears), as Eigen's lazy expressions do.
// - hand-blocked: shared subexpressions computed once, in blocks of 256 points held in
//   fixed-capacity Eigen arrays (they stay in L1), then every partial from them.
//
// The gradients are derived by hand next to each kernel; the harness checks every
// variant against the others (and against leibniz), so a slip here shows up there.
#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "bench_gradients.hpp"

// -DBENCH_ONLY_GRADIENT=k (1 to 7) compiles Bk's hand-fused alone and lists only that
// kernel: its compile time measured by itself (docs/compile-time.md). Not for running.
#ifdef BENCH_ONLY_GRADIENT
#define BENCH_SECTION(k) (BENCH_ONLY_GRADIENT == (k))
#else
#define BENCH_SECTION(k) 1
#endif

namespace {

using Eigen::ArrayXd;
using Eigen::Index;

/// Points per block: 256 doubles are 2 KiB per array, so the dozen or so temporaries of
/// a block fit in L1 together with the block's inputs.
constexpr Index block = 256;

/// A block's temporary: capacity 256 on the stack, size that of the block (the last
/// block of N = 1,000,000 holds 64 points), so resizing never allocates.
using block_array = Eigen::Array<double, Eigen::Dynamic, 1, Eigen::ColMajor, block, 1>;

/// Calls body(start, size) for consecutive blocks covering [0, n).
template <class Body>
void for_each_block(Index n, Body&& body) {
  for (Index start = 0; start < n; start += block) body(start, std::min(block, n - start));
}

#if BENCH_SECTION(1)
// ------------------------------------------------------------------ B1
// f = sin(x1) + x1*x2;  df/dx1 = cos(x1) + x2,  df/dx2 = x1.

#ifndef BENCH_ONLY_GRADIENT
void b1_f(bench::inputs in, bench::outputs out) {
  const ArrayXd &x1 = in[0], &x2 = in[1];
  out[0] = x1.sin() + x1 * x2;
}
#endif

void b1_fused(bench::inputs in, bench::outputs out) {
  const ArrayXd &x1 = in[0], &x2 = in[1];
  out[0] = x1.cos() + x2;
  out[1] = x1;
}

#ifndef BENCH_ONLY_GRADIENT
void b1_blocked(bench::inputs in, bench::outputs out) {
  // Nothing is shared: blocking only changes the traversal.
  for_each_block(in[0].size(), [&](Index s, Index m) {
    const auto x1 = in[0].segment(s, m);
    const auto x2 = in[1].segment(s, m);
    out[0].segment(s, m) = x1.cos() + x2;
    out[1].segment(s, m) = x1;
  });
}
#endif

#endif  // BENCH_SECTION(1)

#if BENCH_SECTION(2)
// ------------------------------------------------------------------ B2
// f = (x + y)*z;  df/dx = z,  df/dy = z,  df/dz = x + y.

#ifndef BENCH_ONLY_GRADIENT
void b2_f(bench::inputs in, bench::outputs out) {
  out[0] = (in[0] + in[1]) * in[2];
}
#endif

void b2_fused(bench::inputs in, bench::outputs out) {
  out[0] = in[2];
  out[1] = in[2];
  out[2] = in[0] + in[1];
}

#ifndef BENCH_ONLY_GRADIENT
void b2_blocked(bench::inputs in, bench::outputs out) {
  for_each_block(in[0].size(), [&](Index s, Index m) {
    const auto z = in[2].segment(s, m);
    out[0].segment(s, m) = z;
    out[1].segment(s, m) = z;
    out[2].segment(s, m) = in[0].segment(s, m) + in[1].segment(s, m);
  });
}
#endif

#endif  // BENCH_SECTION(2)

#if BENCH_SECTION(3)
// ------------------------------------------------------------------ B3
// u = w1*a1 + w2*a2 + b,  f = s = 1 / (1 + exp(-u)) (the sigmoid),  ds/du = s*(1 - s);
// df/dw1 = s(1-s)*a1,  df/dw2 = s(1-s)*a2,  df/db = s(1-s).
// Inputs: w1 w2 b a1 a2.

#ifndef BENCH_ONLY_GRADIENT
void b3_f(bench::inputs in, bench::outputs out) {
  const ArrayXd &w1 = in[0], &w2 = in[1], &b = in[2], &a1 = in[3], &a2 = in[4];
  out[0] = 1.0 / (1.0 + (-(w1 * a1 + w2 * a2 + b)).exp());
}
#endif

void b3_fused(bench::inputs in, bench::outputs out) {
  const ArrayXd &w1 = in[0], &w2 = in[1], &b = in[2], &a1 = in[3], &a2 = in[4];
  // Expression objects, not arrays: each use below re-evaluates them per point.
  const auto s = 1.0 / (1.0 + (-(w1 * a1 + w2 * a2 + b)).exp());
  const auto ds = s * (1.0 - s);
  out[0] = ds * a1;
  out[1] = ds * a2;
  out[2] = ds;
}

#ifndef BENCH_ONLY_GRADIENT
void b3_blocked(bench::inputs in, bench::outputs out) {
  block_array ds;
  for_each_block(in[0].size(), [&](Index s, Index m) {
    const auto w1 = in[0].segment(s, m), w2 = in[1].segment(s, m), b = in[2].segment(s, m);
    const auto a1 = in[3].segment(s, m), a2 = in[4].segment(s, m);
    ds = 1.0 / (1.0 + (-(w1 * a1 + w2 * a2 + b)).exp());
    ds *= 1.0 - ds;
    out[0].segment(s, m) = ds * a1;
    out[1].segment(s, m) = ds * a2;
    out[2].segment(s, m) = ds;
  });
}
#endif

#endif  // BENCH_SECTION(3)

#if BENCH_SECTION(4)
// ------------------------------------------------------------------ B4
// r = y - x^2,  f = (1 - x)^2 + 100 r^2;
// df/dx = -2(1 - x) - 400 x r,  df/dy = 200 r.

#ifndef BENCH_ONLY_GRADIENT
void b4_f(bench::inputs in, bench::outputs out) {
  const ArrayXd &x = in[0], &y = in[1];
  out[0] = (1.0 - x).square() + 100.0 * (y - x.square()).square();
}
#endif

void b4_fused(bench::inputs in, bench::outputs out) {
  const ArrayXd &x = in[0], &y = in[1];
  out[0] = -2.0 * (1.0 - x) - 400.0 * x * (y - x.square());
  out[1] = 200.0 * (y - x.square());
}

#ifndef BENCH_ONLY_GRADIENT
void b4_blocked(bench::inputs in, bench::outputs out) {
  block_array r;
  for_each_block(in[0].size(), [&](Index s, Index m) {
    const auto x = in[0].segment(s, m);
    r = in[1].segment(s, m) - x.square();
    out[0].segment(s, m) = -2.0 * (1.0 - x) - 400.0 * x * r;
    out[1].segment(s, m) = 200.0 * r;
  });
}
#endif

#endif  // BENCH_SECTION(4)

#if BENCH_SECTION(5)
// ------------------------------------------------------------------ B5
// f = x1*x2*...*x16;  df/dxi = the product of the other fifteen.

constexpr std::size_t b5_n = 16;

/// out = the product of in[j] over j != Skip, as one expression of fifteen factors.
template <std::size_t Skip, std::size_t... J>
void product_except(bench::inputs in, ArrayXd& out, std::index_sequence<J...>) {
  out = (in[J < Skip ? J : J + 1] * ...);
}

#ifndef BENCH_ONLY_GRADIENT
void b5_f(bench::inputs in, bench::outputs out) {
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    out[0] = (in[J] * ...);
  }
  (std::make_index_sequence<b5_n>{});
}
#endif

void b5_fused(bench::inputs in, bench::outputs out) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (product_except<I>(in, out[I], std::make_index_sequence<b5_n - 1>{}), ...);
  }
  (std::make_index_sequence<b5_n>{});
}

#ifndef BENCH_ONLY_GRADIENT
void b5_blocked(bench::inputs in, bench::outputs out) {
  // prefix[i] = x1*...*xi (prefix[0] = 1); walking back, suffix = x(i+2)*...*x16 and
  // df/dx(i+1) = prefix[i] * suffix: 2*16 multiplications per point instead of 16*15.
  std::array<block_array, b5_n> prefix;
  block_array suffix;
  for_each_block(in[0].size(), [&](Index s, Index m) {
    prefix[0].setOnes(m);
    for (std::size_t i = 1; i < b5_n; ++i) prefix[i] = prefix[i - 1] * in[i - 1].segment(s, m);
    suffix.setOnes(m);
    for (std::size_t i = b5_n; i-- > 0;) {
      out[i].segment(s, m) = prefix[i] * suffix;
      suffix *= in[i].segment(s, m);
    }
  });
}
#endif

#endif  // BENCH_SECTION(5)

#if BENCH_SECTION(6)
// ------------------------------------------------------------------ B6
// u0 = x*y, u1 = sin u0, u2 = cos u1, u3 = exp u2, u4 = tanh u3, u5 = sin u4,
// u6 = cos u5, u7 = exp u6, u8 = tanh u7;  f = u8 + x.
// D = du8/du0 = (1 - u8^2) * u7 * (-sin u5) * cos u4 * (1 - u4^2) * u3 * (-sin u1) * cos u0
// (the two minus signs cancel); df/dx = D*y + 1,  df/dy = D*x.

#ifndef BENCH_ONLY_GRADIENT
void b6_f(bench::inputs in, bench::outputs out) {
  const ArrayXd &x = in[0], &y = in[1];
  out[0] = (x * y).sin().cos().exp().tanh().sin().cos().exp().tanh() + x;
}
#endif

void b6_fused(bench::inputs in, bench::outputs out) {
  const ArrayXd &x = in[0], &y = in[1];
  const auto u0 = x * y;
  const auto u1 = u0.sin();
  const auto u3 = u1.cos().exp();
  const auto u4 = u3.tanh();
  const auto u5 = u4.sin();
  const auto u7 = u5.cos().exp();
  const auto u8 = u7.tanh();
  const auto d = (1.0 - u8.square()) * u7 * u5.sin() * u4.cos() * (1.0 - u4.square()) * u3 * u1.sin() * u0.cos();
  out[0] = d * y + 1.0;
  out[1] = d * x;
}

#ifndef BENCH_ONLY_GRADIENT
void b6_blocked(bench::inputs in, bench::outputs out) {
  block_array u0, u1, u3, u4, u5, u7, u8, d;
  for_each_block(in[0].size(), [&](Index s, Index m) {
    const auto x = in[0].segment(s, m), y = in[1].segment(s, m);
    u0 = x * y;
    u1 = u0.sin();
    u3 = u1.cos().exp();
    u4 = u3.tanh();
    u5 = u4.sin();
    u7 = u5.cos().exp();
    u8 = u7.tanh();
    d = (1.0 - u8.square()) * u7 * u5.sin() * u4.cos() * (1.0 - u4.square()) * u3 * u1.sin() * u0.cos();
    out[0].segment(s, m) = d * y + 1.0;
    out[1].segment(s, m) = d * x;
  });
}
#endif

#endif  // BENCH_SECTION(6)

#if BENCH_SECTION(7)
// ------------------------------------------------------------------ B7
// h1 = w1*x + b1, z1 = relu h1, h2 = w2*x + b2, z2 = relu h2,
// r = v1*z1 + v2*z2 + c - t, L = r^2;  with g = dL/dr = 2r and relu'(h) = [h > 0]
// (relu'(0) = 0):  dL/dw1 = g v1 [h1>0] x,  dL/db1 = g v1 [h1>0],  dL/dw2 = g v2 [h2>0] x,
// dL/db2 = g v2 [h2>0],  dL/dv1 = g z1,  dL/dv2 = g z2,  dL/dc = g.
// Inputs: w1 b1 w2 b2 v1 v2 c x t; outputs: w1 b1 w2 b2 v1 v2 c.

#ifndef BENCH_ONLY_GRADIENT
void b7_f(bench::inputs in, bench::outputs out) {
  const ArrayXd &w1 = in[0], &b1 = in[1], &w2 = in[2], &b2 = in[3], &v1 = in[4], &v2 = in[5], &c = in[6], &x = in[7],
                &t = in[8];
  out[0] = (v1 * (w1 * x + b1).max(0.0) + v2 * (w2 * x + b2).max(0.0) + c - t).square();
}
#endif

void b7_fused(bench::inputs in, bench::outputs out) {
  const ArrayXd &w1 = in[0], &b1 = in[1], &w2 = in[2], &b2 = in[3], &v1 = in[4], &v2 = in[5], &c = in[6], &x = in[7],
                &t = in[8];
  const auto h1 = w1 * x + b1;
  const auto h2 = w2 * x + b2;
  const auto g = 2.0 * (v1 * h1.max(0.0) + v2 * h2.max(0.0) + c - t);
  out[0] = (h1 > 0.0).select(g * v1 * x, 0.0);
  out[1] = (h1 > 0.0).select(g * v1, 0.0);
  out[2] = (h2 > 0.0).select(g * v2 * x, 0.0);
  out[3] = (h2 > 0.0).select(g * v2, 0.0);
  out[4] = g * h1.max(0.0);
  out[5] = g * h2.max(0.0);
  out[6] = g;
}

#ifndef BENCH_ONLY_GRADIENT
void b7_blocked(bench::inputs in, bench::outputs out) {
  block_array h1, h2, g, g1, g2;
  for_each_block(in[0].size(), [&](Index s, Index m) {
    const auto x = in[7].segment(s, m);
    h1 = in[0].segment(s, m) * x + in[1].segment(s, m);
    h2 = in[2].segment(s, m) * x + in[3].segment(s, m);
    h1 = h1.max(0.0);  // z1 from here on; z1 > 0 exactly where h1 > 0
    h2 = h2.max(0.0);
    g = 2.0 * (in[4].segment(s, m) * h1 + in[5].segment(s, m) * h2 + in[6].segment(s, m) - in[8].segment(s, m));
    g1 = (h1 > 0.0).select(g * in[4].segment(s, m), 0.0);
    g2 = (h2 > 0.0).select(g * in[5].segment(s, m), 0.0);
    out[0].segment(s, m) = g1 * x;
    out[1].segment(s, m) = g1;
    out[2].segment(s, m) = g2 * x;
    out[3].segment(s, m) = g2;
    out[4].segment(s, m) = g * h1;
    out[5].segment(s, m) = g * h2;
    out[6].segment(s, m) = g;
  });
}
#endif

#endif  // BENCH_SECTION(7)

}  // namespace

std::vector<bench::kernel> bench::hand_kernels() {
  std::vector<bench::kernel> kernels;
#if BENCH_SECTION(1)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B1", "f-only", b1_f});
#endif
  kernels.push_back({"B1", "hand-fused", b1_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B1", "hand-blocked", b1_blocked});
#endif
#endif
#if BENCH_SECTION(2)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B2", "f-only", b2_f});
#endif
  kernels.push_back({"B2", "hand-fused", b2_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B2", "hand-blocked", b2_blocked});
#endif
#endif
#if BENCH_SECTION(3)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B3", "f-only", b3_f});
#endif
  kernels.push_back({"B3", "hand-fused", b3_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B3", "hand-blocked", b3_blocked});
#endif
#endif
#if BENCH_SECTION(4)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B4", "f-only", b4_f});
#endif
  kernels.push_back({"B4", "hand-fused", b4_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B4", "hand-blocked", b4_blocked});
#endif
#endif
#if BENCH_SECTION(5)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B5", "f-only", b5_f});
#endif
  kernels.push_back({"B5", "hand-fused", b5_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B5", "hand-blocked", b5_blocked});
#endif
#endif
#if BENCH_SECTION(6)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B6", "f-only", b6_f});
#endif
  kernels.push_back({"B6", "hand-fused", b6_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B6", "hand-blocked", b6_blocked});
#endif
#endif
#if BENCH_SECTION(7)
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B7", "f-only", b7_f});
#endif
  kernels.push_back({"B7", "hand-fused", b7_fused});
#ifndef BENCH_ONLY_GRADIENT
  kernels.push_back({"B7", "hand-blocked", b7_blocked});
#endif
#endif
  return kernels;
}
