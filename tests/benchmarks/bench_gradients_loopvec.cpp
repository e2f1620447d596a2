// tests/benchmarks/bench_gradients_loopvec.cpp — the hand-loop-vectorised references of
// B1–B7 (BENCHMARKS.md): the analytic gradient as plain loops over raw pointers.
//
// Compiled alone with -O3 -march=native -ffast-math (tests/benchmarks/meson.build):
// -ffast-math lets GCC call glibc's vector math library (libmvec: _ZGVeN8v_sin and
// friends) from vectorised loops and reassociate sums, which no Eigen code may do. Every
// pointer parameter is __restrict, so the loops vectorise without run-time alias checks.
// The values differ from the IEEE variants by a few ulp (libmvec is accurate to 4 ulp),
// which the harness allows for (tolerance 1e-6 instead of 1e-9 for this column).
//
// Same derivations as bench_gradients_hand.cpp.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "bench_gradients.hpp"

namespace {

using std::size_t;

// B1: df/dx1 = cos(x1) + x2, df/dx2 = x1.
void b1_loop(size_t n, const double* __restrict x1, const double* __restrict x2, double* __restrict g1,
             double* __restrict g2) {
  for (size_t i = 0; i < n; ++i) {
    g1[i] = std::cos(x1[i]) + x2[i];
    g2[i] = x1[i];
  }
}

// B2: df/dx = z, df/dy = z, df/dz = x + y.
void b2_loop(size_t n, const double* __restrict x, const double* __restrict y, const double* __restrict z,
             double* __restrict gx, double* __restrict gy, double* __restrict gz) {
  for (size_t i = 0; i < n; ++i) {
    gx[i] = z[i];
    gy[i] = z[i];
    gz[i] = x[i] + y[i];
  }
}

// B3: s = 1/(1 + exp(-(w1 a1 + w2 a2 + b))), ds = s(1-s); (ds a1, ds a2, ds).
void b3_loop(size_t n, const double* __restrict w1, const double* __restrict w2, const double* __restrict b,
             const double* __restrict a1, const double* __restrict a2, double* __restrict gw1, double* __restrict gw2,
             double* __restrict gb) {
  for (size_t i = 0; i < n; ++i) {
    const double s = 1.0 / (1.0 + std::exp(-(w1[i] * a1[i] + w2[i] * a2[i] + b[i])));
    const double ds = s * (1.0 - s);
    gw1[i] = ds * a1[i];
    gw2[i] = ds * a2[i];
    gb[i] = ds;
  }
}

// B4: r = y - x^2; df/dx = -2(1-x) - 400 x r, df/dy = 200 r.
void b4_loop(size_t n, const double* __restrict x, const double* __restrict y, double* __restrict gx,
             double* __restrict gy) {
  for (size_t i = 0; i < n; ++i) {
    const double r = y[i] - x[i] * x[i];
    gx[i] = -2.0 * (1.0 - x[i]) - 400.0 * x[i] * r;
    gy[i] = 200.0 * r;
  }
}

// B5: df/dxi = prefix * suffix products, in blocks of 256 points: a loop over points
// with 16 pointers in an array would not vectorise (the pointers could alias), loops
// over one block of one array at a time do.
constexpr size_t b5_n = 16;
constexpr size_t b5_block = 256;

void b5_block_kernel(size_t m, const std::array<const double*, b5_n>& x, const std::array<double*, b5_n>& g) {
  double prefix[b5_n][b5_block];
  double suffix[b5_block];
  for (size_t k = 0; k < m; ++k) prefix[0][k] = 1.0;
  for (size_t i = 1; i < b5_n; ++i) {
    const double* __restrict xi = x[i - 1];
    for (size_t k = 0; k < m; ++k) prefix[i][k] = prefix[i - 1][k] * xi[k];
  }
  for (size_t k = 0; k < m; ++k) suffix[k] = 1.0;
  for (size_t i = b5_n; i-- > 0;) {
    const double* __restrict xi = x[i];
    double* __restrict gi = g[i];
    for (size_t k = 0; k < m; ++k) {
      gi[k] = prefix[i][k] * suffix[k];
      suffix[k] *= xi[k];
    }
  }
}

// B6: u0 = xy, u1 = sin u0, u3 = exp cos u1, u4 = tanh u3, u5 = sin u4, u7 = exp cos u5,
// u8 = tanh u7; D = (1-u8^2) u7 sin(u5) cos(u4) (1-u4^2) u3 sin(u1) cos(u0);
// df/dx = D y + 1, df/dy = D x.
//
// Split into five loops over a block of 256 points: GCC 12 merges sin(a) and cos(a) of
// the same a in one loop body into sincos (cexpi) before vectorising, and then does not
// vectorise the loop at all (168 ns per point instead of ~20). No loop below takes both
// the sine and the cosine of one value.
constexpr size_t b6_block = 256;

void b6_block_kernel(size_t m, const double* __restrict x, const double* __restrict y, double* __restrict gx,
                     double* __restrict gy) {
  double u0[b6_block], u1[b6_block], u4[b6_block], u5[b6_block], d[b6_block];
  for (size_t k = 0; k < m; ++k) {
    u0[k] = x[k] * y[k];
    u1[k] = std::sin(u0[k]);
  }
  for (size_t k = 0; k < m; ++k) d[k] = std::cos(u0[k]) * std::sin(u1[k]);
  for (size_t k = 0; k < m; ++k) {
    const double u3 = std::exp(std::cos(u1[k]));
    u4[k] = std::tanh(u3);
    u5[k] = std::sin(u4[k]);
    d[k] *= u3 * (1.0 - u4[k] * u4[k]);
  }
  for (size_t k = 0; k < m; ++k) {
    const double u7 = std::exp(std::cos(u5[k]));
    const double u8 = std::tanh(u7);
    d[k] *= std::cos(u4[k]) * u7 * (1.0 - u8 * u8);
  }
  for (size_t k = 0; k < m; ++k) {
    const double dk = d[k] * std::sin(u5[k]);
    gx[k] = dk * y[k] + 1.0;
    gy[k] = dk * x[k];
  }
}

// B7: g = 2(v1 z1 + v2 z2 + c - t), relu'(h) = [h > 0];
// (g v1 [h1>0] x, g v1 [h1>0], g v2 [h2>0] x, g v2 [h2>0], g z1, g z2, g).
void b7_loop(size_t n, const double* __restrict w1, const double* __restrict b1, const double* __restrict w2,
             const double* __restrict b2, const double* __restrict v1, const double* __restrict v2,
             const double* __restrict c, const double* __restrict x, const double* __restrict t, double* __restrict gw1,
             double* __restrict gb1, double* __restrict gw2, double* __restrict gb2, double* __restrict gv1,
             double* __restrict gv2, double* __restrict gc) {
  for (size_t i = 0; i < n; ++i) {
    const double h1 = w1[i] * x[i] + b1[i];
    const double h2 = w2[i] * x[i] + b2[i];
    const double z1 = h1 > 0.0 ? h1 : 0.0;
    const double z2 = h2 > 0.0 ? h2 : 0.0;
    const double g = 2.0 * (v1[i] * z1 + v2[i] * z2 + c[i] - t[i]);
    const double g1 = h1 > 0.0 ? g * v1[i] : 0.0;
    const double g2 = h2 > 0.0 ? g * v2[i] : 0.0;
    gw1[i] = g1 * x[i];
    gb1[i] = g1;
    gw2[i] = g2 * x[i];
    gb2[i] = g2;
    gv1[i] = g * z1;
    gv2[i] = g * z2;
    gc[i] = g;
  }
}

size_t points(bench::inputs in) {
  return static_cast<size_t>(in[0].size());
}

void b1(bench::inputs in, bench::outputs out) {
  b1_loop(points(in), in[0].data(), in[1].data(), out[0].data(), out[1].data());
}

void b2(bench::inputs in, bench::outputs out) {
  b2_loop(points(in), in[0].data(), in[1].data(), in[2].data(), out[0].data(), out[1].data(), out[2].data());
}

void b3(bench::inputs in, bench::outputs out) {
  b3_loop(points(in), in[0].data(), in[1].data(), in[2].data(), in[3].data(), in[4].data(), out[0].data(),
          out[1].data(), out[2].data());
}

void b4(bench::inputs in, bench::outputs out) {
  b4_loop(points(in), in[0].data(), in[1].data(), out[0].data(), out[1].data());
}

void b5(bench::inputs in, bench::outputs out) {
  const size_t n = points(in);
  std::array<const double*, b5_n> x;
  std::array<double*, b5_n> g;
  for (size_t start = 0; start < n; start += b5_block) {
    for (size_t i = 0; i < b5_n; ++i) {
      x[i] = in[i].data() + start;
      g[i] = out[i].data() + start;
    }
    b5_block_kernel(std::min(b5_block, n - start), x, g);
  }
}

void b6(bench::inputs in, bench::outputs out) {
  const size_t n = points(in);
  for (size_t start = 0; start < n; start += b6_block)
    b6_block_kernel(std::min(b6_block, n - start), in[0].data() + start, in[1].data() + start, out[0].data() + start,
                    out[1].data() + start);
}

void b7(bench::inputs in, bench::outputs out) {
  b7_loop(points(in), in[0].data(), in[1].data(), in[2].data(), in[3].data(), in[4].data(), in[5].data(), in[6].data(),
          in[7].data(), in[8].data(), out[0].data(), out[1].data(), out[2].data(), out[3].data(), out[4].data(),
          out[5].data(), out[6].data());
}

}  // namespace

std::vector<bench::kernel> bench::loopvec_kernels() {
  return {
      {"B1", "hand-loopvec", b1}, {"B2", "hand-loopvec", b2}, {"B3", "hand-loopvec", b3}, {"B4", "hand-loopvec", b4},
      {"B5", "hand-loopvec", b5}, {"B6", "hand-loopvec", b6}, {"B7", "hand-loopvec", b7},
  };
}
