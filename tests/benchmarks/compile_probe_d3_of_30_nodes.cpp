// Compile-time probe: the third derivative of a ~30-node expression in x that mixes
// elementary functions, evaluated so that code is generated. Measures how compile
// time grows with repeated differentiation (each d multiplies the size: the product
// and chain rules copy subexpressions, which the simplifier and sharing keep in check).
// See compile_time.py; `meson test -C build --benchmark compile_time`.
#include <cstdio>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

constexpr auto x = leibniz::var<"x">;

constexpr auto f = exp(-x) * sin(x) + log(1_c + square(x)) / (2_c + tanh(x)) + sqrt(x) * cos(3_c * x) + atan(x);
static_assert(leibniz::tree_size(f) >= 28 && leibniz::tree_size(f) <= 32, "the probe is about 30 nodes");

constexpr auto d3f = leibniz::d<3>(f, x);

int main() {
  std::printf("f         = %s  (%zu nodes as a tree)\n", leibniz::to_string(f).c_str(), leibniz::tree_size(f));
  std::printf("d3f/dx3   : %zu nodes as a tree, %zu unique\n", leibniz::tree_size(d3f), leibniz::node_count(d3f));
  std::printf("f(0.7)    = %.15g\n", f(x = 0.7));
  std::printf("f'''(0.7) = %.15g\n", d3f(x = 0.7));
}
