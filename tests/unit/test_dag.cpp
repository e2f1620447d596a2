// tests/unit/test_dag.cpp — the shared-subexpression graph: every unique node is computed
// once per evaluation (proven with a counting operation), for one expression, for many
// outputs at once and over arrays; nodes holding runtime constants are told apart by
// value, never merged by type.
#include <catch2/catch.hpp>

#include <cmath>

#include <leibniz/leibniz.hpp>

#include "counting.hpp"

using namespace leibniz::literals;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

long calls_of(auto&& evaluate) {
  counted_op::calls = 0;
  evaluate();
  return counted_op::calls;
}
}  // namespace

TEST_CASE("a subexpression used several times is computed once", "[dag]") {
  constexpr auto u = counted(x * y);
  constexpr auto f = sin(u) * u + exp(u) + u;  // u written 4 times
  static_assert(leibniz::tree_size(f) > 4 * leibniz::tree_size(u));
  double value = 0;
  CHECK(calls_of([&] { value = f(x = 0.5, y = 2.0); }) == 1);
  CHECK(value == Approx(std::sin(1.0) * 1.0 + std::exp(1.0) + 1.0).epsilon(1e-15));

  // A node shared inside a shared node: still once each.
  constexpr auto v = counted(u + x);
  constexpr auto g = v * v * u + log(v) + v / u;
  CHECK(calls_of([&] { value = g(x = 0.5, y = 2.0); }) == 2);
  CHECK(value == Approx(1.5 * 1.5 * 1.0 + std::log(1.5) + 1.5).epsilon(1e-15));
}

TEST_CASE("derivatives evaluated together share their nodes", "[dag]") {
  constexpr auto u = counted(x * y);
  constexpr auto f = sin(u) + u * u;
  // d/dx and d/dy both contain cos(u) and u: one set, one pass, u computed once.
  const auto G = leibniz::gradient(f, x, y);
  decltype(G(x = 0.5, y = 2.0)) g;
  CHECK(calls_of([&] { g = G(x = 0.5, y = 2.0); }) == 1);
  CHECK(g[x] == Approx((std::cos(1.0) + 2.0) * 2.0));
  CHECK(g[y] == Approx((std::cos(1.0) + 2.0) * 0.5));
  // Each derivative alone computes u again: that is what the set saves.
  CHECK(calls_of([&] { (void)leibniz::d(f, x)(x = 0.5, y = 2.0), (void)leibniz::d(f, y)(x = 0.5, y = 2.0); }) == 2);

  const auto H = leibniz::hessian(f, x, y);
  CHECK(calls_of([&] { (void)H(x = 0.5, y = 2.0); }) == 1);
}

TEST_CASE("over arrays, a shared node is computed once per chunk of elements", "[dag][arrays]") {
  constexpr auto u = counted(x * y);
  constexpr auto f = sin(u) * u + exp(u) + u;
  const Eigen::Index n = 1001;
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(n, -1.0, 1.0);
  Eigen::ArrayXd out;
  const long calls = calls_of([&] { out = f(x = X, y = 3.0); });
  using schedule = typename leibniz::detail::schedule_for_t<std::remove_cvref_t<decltype(f)>>::schedule_type;
  constexpr std::size_t chain = leibniz::detail::function_chain_length(static_cast<schedule*>(nullptr));
  static_assert(chain == 2);  // counted, then sin or exp
  const long width = long(leibniz::detail::lanes<leibniz::detail::chunk_t<double, chain>>::width);
  CHECK(calls == (n + width - 1) / width);  // one per chunk, the last one padded
  for (Eigen::Index i = 0; i < n; i += 97) {
    const double ui = X[i] * 3.0;
    CHECK(out[i] == Approx(std::sin(ui) * ui + std::exp(ui) + ui).epsilon(1e-14));
  }
}

TEST_CASE("nodes holding runtime constants are told apart by value", "[dag][runtime]") {
  // Same type, different values: never merged.
  const auto f = x * 2.0 + x * 3.0;
  CHECK(f(x = 1.5) == 7.5);
  const auto g = sin(x * 2.0) + sin(x * 3.0);
  static_assert(std::is_same_v<decltype(sin(x * 2.0)), decltype(sin(x * 3.0))>);
  CHECK(g(x = 0.25) == Approx(std::sin(0.5) + std::sin(0.75)).epsilon(1e-15));
  const auto h = counted(x * 2.0) + exp(counted(x * 3.0));
  double value = 0;
  CHECK(calls_of([&] { value = h(x = 0.5); }) == 2);
  CHECK(value == Approx(1.0 + std::exp(1.5)).epsilon(1e-15));
  // ... and in derivatives: d/dx of sin(2x) + sin(3x) keeps both.
  const auto G = leibniz::gradient(g, x);
  CHECK(G(x = 0.25)[x] == Approx(2 * std::cos(0.5) + 3 * std::cos(0.75)).epsilon(1e-15));
  CHECK(leibniz::to_string(G[x]) == leibniz::to_string(leibniz::d(g, x)));
}

TEST_CASE("node_count is the number of nodes a set evaluates", "[dag]") {
  constexpr auto f = sin(x) * sin(x) + sin(x);
  static_assert(leibniz::node_count(f) == 5);  // x, sin(x), 2, sin(x)^2, the sum
  const auto G = leibniz::gradient(f, x);      // 2 sin(x) cos(x) + cos(x)
  CHECK(leibniz::node_count(G) <= leibniz::tree_size(G[x]));
}
