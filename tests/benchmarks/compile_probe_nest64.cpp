// Compile-time probe: the derivative of a 64-deep nest of functions of x,
//     u0 = x,  then in turn  u = sin(u),  u = exp(u * x),  u = tanh(u + x),
// evaluated so that code is generated. Measures how compile time grows with depth
// (the chain rule runs 64 levels deep; x reappears at every level, so the derivative
// refers back to every earlier level). See compile_time.py;
// `meson test -C build --benchmark compile_time`.
#include <cstdio>

#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;

// Level N of the nest around u, the three functions taken in turn.
template <int N, class U>
constexpr auto nest(const U& u) {
  if constexpr (N == 0)
    return u;
  else if constexpr (N % 3 == 1)
    return nest<N - 1>(sin(u));
  else if constexpr (N % 3 == 2)
    return nest<N - 1>(exp(u * x));
  else
    return nest<N - 1>(tanh(u + x));
}

constexpr auto f = nest<64>(x);
// 64 levels: 22 sin(u) of 1 node each, 21 exp(u * x) and 21 tanh(u + x) of 3 each, and x.
static_assert(leibniz::tree_size(f) == 22 * 1 + 21 * 3 + 21 * 3 + 1);

constexpr auto df = leibniz::d(f, x);

int main() {
  std::printf("f : %zu nodes as a tree, %zu unique\n", leibniz::tree_size(f), leibniz::node_count(f));
  std::printf("df: %zu nodes as a tree, %zu unique\n", leibniz::tree_size(df), leibniz::node_count(df));
  std::printf("f(0.5)  = %.15g\n", f(x = 0.5));
  std::printf("f'(0.5) = %.15g\n", df(x = 0.5));
}
