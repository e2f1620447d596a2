// tests/benchmarks/bench_gradients_parallel.cpp — leibniz-grad-par of B1–B7
// (BENCHMARKS.md): leibniz-grad (bench_gradients_leibniz.cpp) on every core,
//
//     leibniz::tie(leibniz::parallel, outs...) = leibniz::gradient(f, vars...)(x = X, ...);
//
// compiled with OpenMP (-fopenmp), which only this translation unit needs. The harness
// checks that the results are bitwise leibniz-grad's and prints the 2-core scaling.
#include <leibniz/leibniz.hpp>
#include <leibniz/parallel.hpp>

#include "bench_gradients.hpp"

namespace {

using namespace leibniz::literals;
constexpr auto par = leibniz::parallel;

void b1(bench::inputs in, bench::outputs out) {
  constexpr auto x1 = leibniz::var<"x1">;
  constexpr auto x2 = leibniz::var<"x2">;
  constexpr auto f = sin(x1) + x1 * x2;
  leibniz::tie(par, out[0], out[1]) = leibniz::gradient(f, x1, x2)(x1 = in[0], x2 = in[1]);
}

void b2(bench::inputs in, bench::outputs out) {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto y = leibniz::var<"y">;
  constexpr auto z = leibniz::var<"z">;
  constexpr auto f = (x + y) * z;
  leibniz::tie(par, out[0], out[1], out[2]) = leibniz::gradient(f, x, y, z)(x = in[0], y = in[1], z = in[2]);
}

void b3(bench::inputs in, bench::outputs out) {
  constexpr auto w1 = leibniz::var<"w1">;
  constexpr auto w2 = leibniz::var<"w2">;
  constexpr auto b = leibniz::var<"b">;
  constexpr auto a1 = leibniz::var<"a1">;
  constexpr auto a2 = leibniz::var<"a2">;
  constexpr auto f = 1_c / (1_c + exp(-(w1 * a1 + w2 * a2 + b)));
  leibniz::tie(par, out[0], out[1], out[2]) =
      leibniz::gradient(f, w1, w2, b)(w1 = in[0], w2 = in[1], b = in[2], a1 = in[3], a2 = in[4]);
}

void b4(bench::inputs in, bench::outputs out) {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto y = leibniz::var<"y">;
  constexpr auto f = pow(1_c - x, 2_c) + 100_c * pow(y - pow(x, 2_c), 2_c);
  leibniz::tie(par, out[0], out[1]) = leibniz::gradient(f, x, y)(x = in[0], y = in[1]);
}

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

void b5(bench::inputs in, bench::outputs out) {
  constexpr auto f = x1 * x2 * x3 * x4 * x5 * x6 * x7 * x8 * x9 * x10 * x11 * x12 * x13 * x14 * x15 * x16;
  leibniz::tie(par, out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8], out[9], out[10], out[11],
               out[12], out[13], out[14], out[15]) =
      leibniz::gradient(f, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16)(
          x1 = in[0], x2 = in[1], x3 = in[2], x4 = in[3], x5 = in[4], x6 = in[5], x7 = in[6], x8 = in[7], x9 = in[8],
          x10 = in[9], x11 = in[10], x12 = in[11], x13 = in[12], x14 = in[13], x15 = in[14], x16 = in[15]);
}

void b6(bench::inputs in, bench::outputs out) {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto y = leibniz::var<"y">;
  constexpr auto f = tanh(exp(cos(sin(tanh(exp(cos(sin(x * y)))))))) + x;
  leibniz::tie(par, out[0], out[1]) = leibniz::gradient(f, x, y)(x = in[0], y = in[1]);
}

void b7(bench::inputs in, bench::outputs out) {
  constexpr auto w1 = leibniz::var<"w1">;
  constexpr auto b1 = leibniz::var<"b1">;
  constexpr auto w2 = leibniz::var<"w2">;
  constexpr auto b2 = leibniz::var<"b2">;
  constexpr auto v1 = leibniz::var<"v1">;
  constexpr auto v2 = leibniz::var<"v2">;
  constexpr auto c = leibniz::var<"c">;
  constexpr auto x = leibniz::var<"x">;
  constexpr auto t = leibniz::var<"t">;
  constexpr auto f = pow(v1 * relu(w1 * x + b1) + v2 * relu(w2 * x + b2) + c - t, 2_c);
  leibniz::tie(par, out[0], out[1], out[2], out[3], out[4], out[5], out[6]) =
      leibniz::gradient(f, w1, b1, w2, b2, v1, v2, c)(w1 = in[0], b1 = in[1], w2 = in[2], b2 = in[3], v1 = in[4],
                                                      v2 = in[5], c = in[6], x = in[7], t = in[8]);
}

}  // namespace

std::vector<bench::kernel> bench::parallel_kernels() {
  return {{"B1", "leibniz-grad-par", b1}, {"B2", "leibniz-grad-par", b2}, {"B3", "leibniz-grad-par", b3},
          {"B4", "leibniz-grad-par", b4}, {"B5", "leibniz-grad-par", b5}, {"B6", "leibniz-grad-par", b6},
          {"B7", "leibniz-grad-par", b7}};
}
