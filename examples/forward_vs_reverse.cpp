// Forward and reverse mode on one graph, side by side.
//
// Forward mode carries a tangent from one input to the output: one pass per input, so
// d inputs cost d passes. Reverse mode carries an adjoint from the output back to all
// inputs at once: one pass per output. leibniz does both at compile time:
// gradient<leibniz::forward> takes one symbolic derivative per variable,
// gradient<leibniz::reverse> (the default) builds every adjoint in one sweep. The
// program prints both results, the number of distinct nodes each has (what evaluation
// computes) and the time per gradient. Since every expression is simplified to a
// canonical form, the two modes can arrive at the very same expressions, as they do
// here; then they cost the same to run. Timings are printed, not checked: they depend
// on the machine.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <leibniz/leibniz.hpp>

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

// Nanoseconds per call of f, averaged over many calls; `sink` keeps the work alive.
template <class F>
double nanoseconds_per_call(F&& f) {
  constexpr int calls = 50000;
  volatile double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) sink = sink + f(1e-9 * i);
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / calls;
}

int main() {
  int failures = 0;

  // [snippet:two-inputs]
  // f(x1, x2) = sin(x1) + x1 * x2: two inputs, one output.
  constexpr auto f = sin(x1) + x1 * x2;
  constexpr auto forward = leibniz::gradient<leibniz::forward>(f, x1, x2);  // one pass per input
  constexpr auto reverse = leibniz::gradient<leibniz::reverse>(f, x1, x2);  // one sweep for all

  std::printf("f = sin(x1) + x1 * x2 at x1 = 1, x2 = 2\n");
  const auto gf = forward(x1 = 1.0, x2 = 2.0);
  const auto gr = reverse(x1 = 1.0, x2 = 2.0);
  std::printf("  forward: df/dx1 = %.6f, df/dx2 = %.6f\n", gf[x1], gf[x2]);
  std::printf("  reverse: df/dx1 = %.6f, df/dx2 = %.6f\n", gr[x1], gr[x2]);
  std::printf("  exact:   cos(1) + 2 = %.6f, x1 = 1\n", std::cos(1.0) + 2.0);
  // [snippet:two-inputs-end]
  failures += std::abs(gf[x1] - gr[x1]) > 1e-15 || std::abs(gf[x2] - gr[x2]) > 1e-15;

  // Printing an entry shows the expression the compiler built for it.
  std::printf("  df/dx1 = %s (forward), %s (reverse)\n", leibniz::to_string(forward[x1]).c_str(),
              leibniz::to_string(reverse[x1]).c_str());

  // The annotated graph of f (for Graphviz), as backpropagation is usually drawn: x1 feeds
  // two nodes, so its gradient is the sum of what flows back along its two edges.
  std::printf("%s", leibniz::to_dot(f, x1 = 1.0, x2 = 2.0).c_str());

  // [snippet:product16]
  // 16 inputs: the product x1 * x2 * ... * x16. Each partial is the product of the other 15.
  constexpr auto p = x1 * x2 * x3 * x4 * x5 * x6 * x7 * x8 * x9 * x10 * x11 * x12 * x13 * x14 * x15 * x16;
  constexpr auto P_forward = leibniz::gradient<leibniz::forward>(p);  // all free variables
  constexpr auto P_reverse = leibniz::gradient(p);                    // reverse is the default
  // [snippet:product16-end]

  const auto at = [](const auto& G, double shift) {
    return G(x1 = 1.01 + shift, x2 = 1.02, x3 = 1.03, x4 = 1.04, x5 = 1.05, x6 = 1.06, x7 = 1.07, x8 = 1.08, x9 = 1.09,
             x10 = 1.10, x11 = 1.11, x12 = 1.12, x13 = 1.13, x14 = 1.14, x15 = 1.15, x16 = 1.16);
  };
  const auto pf = at(P_forward, 0.0), pr = at(P_reverse, 0.0);
  double worst = 0;  // over the 16 entries, position by position (both sorted by name)
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((worst = std::fmax(worst, std::abs(leibniz::get<I>(pf) - leibniz::get<I>(pr)) / std::abs(leibniz::get<I>(pr)))),
     ...);
  }
  (std::make_index_sequence<16>{});
  std::printf("\np = x1 * x2 * ... * x16, 16 inputs, 1 output\n");
  std::printf("  dp/dx1: forward %.12f, reverse %.12f\n", pf[x1], pr[x1]);
  std::printf("  dp/dx16: forward %.12f, reverse %.12f\n", pf[x16], pr[x16]);
  std::printf("  largest relative difference over the 16 entries: %.1e\n", worst);
  failures += worst > 1e-14;

  // [snippet:side-by-side]
  std::printf("\n%-28s %12s %12s\n", "", "forward", "reverse");
  std::printf("%-28s %12zu %12zu\n", "unique nodes, sin(x1)+x1*x2", leibniz::node_count(forward),
              leibniz::node_count(reverse));
  std::printf("%-28s %12zu %12zu\n", "unique nodes, 16-product", leibniz::node_count(P_forward),
              leibniz::node_count(P_reverse));
  // [snippet:side-by-side-end]

  // Best of 5 rounds, the two modes taking turns, so neither pays for a cold start.
  double t_small_f = 1e300, t_small_r = 1e300, t_forward = 1e300, t_reverse = 1e300;
  for (int round = 0; round < 5; ++round) {
    t_small_f =
        std::fmin(t_small_f, nanoseconds_per_call([&](double s) { return forward(x1 = 1.0 + s, x2 = 2.0)[x1]; }));
    t_small_r =
        std::fmin(t_small_r, nanoseconds_per_call([&](double s) { return reverse(x1 = 1.0 + s, x2 = 2.0)[x1]; }));
    t_forward = std::fmin(t_forward, nanoseconds_per_call([&](double s) { return at(P_forward, s)[x1]; }));
    t_reverse = std::fmin(t_reverse, nanoseconds_per_call([&](double s) { return at(P_reverse, s)[x1]; }));
  }
  std::printf("%-28s %9.1f ns %9.1f ns\n", "time per gradient, small", t_small_f, t_small_r);
  std::printf("%-28s %9.1f ns %9.1f ns\n", "time per gradient, 16-prod", t_forward, t_reverse);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
