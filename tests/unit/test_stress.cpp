// tests/unit/test_stress.cpp — depth and size: a 64-deep nest of operations, and the
// third derivative of a 30-node expression, both checked against finite differences.
// They guard the compiler's limits (template depth, compile time) as much as the values:
// this file should compile in well under 20 s with g++ -O2.
#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

#include <leibniz/leibniz.hpp>

#include "numeric.hpp"

using namespace leibniz::literals;
using leibniz::d;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

/// N levels, cycling through sin, exp, tanh, + x, * x (x at the bottom).
template <int N>
constexpr auto nest() {
  if constexpr (N == 0)
    return x;
  else if constexpr (N % 5 == 1)
    return sin(nest<N - 1>());
  else if constexpr (N % 5 == 2)
    return exp(nest<N - 1>());
  else if constexpr (N % 5 == 3)
    return tanh(nest<N - 1>());
  else if constexpr (N % 5 == 4)
    return nest<N - 1>() + x;
  else
    return nest<N - 1>() * x;
}

/// The same function in plain double code: the reference.
double plain_nest(int n, double v) {
  double u = v;
  for (int level = 1; level <= n; ++level) {
    switch (level % 5) {
      case 1:
        u = std::sin(u);
        break;
      case 2:
        u = std::exp(u);
        break;
      case 3:
        u = std::tanh(u);
        break;
      case 4:
        u = u + v;
        break;
      default:
        u = u * v;
        break;
    }
  }
  return u;
}
}  // namespace

TEST_CASE("a 64-deep nest differentiates and evaluates", "[stress][depth]") {
  constexpr auto f = nest<64>();
  constexpr auto df = d(f, x);
  // 64 operations over one variable: 65 distinct nodes; written out, every "+ x" and
  // "* x" repeats the leaf (13 + 12 of them)
  STATIC_REQUIRE(leibniz::node_count(f) == 65);
  STATIC_REQUIRE(leibniz::tree_size(f) == 90);
  // the derivative shares the function's nodes: its DAG stays linear in the depth,
  // while its tree is quadratic
  STATIC_REQUIRE(leibniz::node_count(df) < 4 * leibniz::node_count(f));
  STATIC_REQUIRE(leibniz::tree_size(df) > 10 * leibniz::tree_size(f));

  const auto reference = [](double v) { return plain_nest(64, v); };
  for (double p : {0.3, 0.5, 0.9, 1.4}) {
    INFO("at x = " << p);
    CHECK(f(x = p) == Approx(reference(p)).epsilon(1e-12));
    CHECK(numeric::close(df(x = p), numeric::derivative(reference, p), 1e-7));
  }
}

TEST_CASE("a 20-deep nest has a second derivative", "[stress][depth]") {
  // (the second derivative of the 64-deep nest alone took 9 s with g++ and 19 s with
  // clang++ to compile: its tree is quadratic and evaluation walks the tree)
  constexpr auto f = nest<20>();
  constexpr auto df = d(f, x);
  constexpr auto d2f = d(df, x);
  const auto reference = [](double v) { return plain_nest(20, v); };
  const auto derivative_at = [&](double v) { return double(df(x = v)); };
  for (double p : {0.3, 0.5, 0.9, 1.4}) {
    INFO("at x = " << p);
    CHECK(f(x = p) == Approx(reference(p)).epsilon(1e-12));
    CHECK(numeric::close(df(x = p), numeric::derivative(reference, p), 1e-7));
    CHECK(numeric::close(d2f(x = p), numeric::second_derivative(reference, p), 1e-5));
    CHECK(numeric::close(d2f(x = p), numeric::derivative(derivative_at, p), 1e-7));
  }
}

TEST_CASE("the third derivative of a 30-node expression", "[stress][order]") {
  constexpr auto f =
      sin(x * y) * exp(-x * x / 4_c) + log(1_c + x * x) / (1_c + y * y) + sqrt(x * x + y * y + 1_c) * tanh(x - y);
  // about 30 nodes: 26 distinct ones, 43 written out
  STATIC_REQUIRE(leibniz::node_count(f) == 26);
  STATIC_REQUIRE(leibniz::tree_size(f) == 43);
  constexpr auto f2 = d<2>(f, x);
  constexpr auto f3 = d<3>(f, x);
  constexpr auto fxyx = d(f, x, y, x);
  const auto plain = [](double a, double b) {
    return std::sin(a * b) * std::exp(-a * a / 4) + std::log(1 + a * a) / (1 + b * b) +
           std::sqrt(a * a + b * b + 1) * std::tanh(a - b);
  };
  for (auto [px, py] : {std::pair{0.3, 1.2}, std::pair{-1.5, 0.7}, std::pair{2.0, -0.4}}) {
    INFO("at x = " << px << ", y = " << py);
    CHECK(f(x = px, y = py) == Approx(plain(px, py)).epsilon(1e-13));
    const auto f2_in_x = [&, py = py](double v) { return double(f2(x = v, y = py)); };
    CHECK(numeric::close(f3(x = px, y = py), numeric::derivative(f2_in_x, px), numeric::first_tolerance));
    CHECK(numeric::close(f2(x = px, y = py),
                         numeric::second_derivative([&, py = py](double v) { return plain(v, py); }, px),
                         numeric::second_tolerance));
    // a mixed third derivative, by differences in y of d(f, x, x)
    const auto f2_in_y = [&, px = px](double v) { return double(f2(x = px, y = v)); };
    CHECK(numeric::close(fxyx(x = px, y = py), numeric::derivative(f2_in_y, py), numeric::first_tolerance));
  }
}

namespace {
/// sin(x) + sin(2x) + ... + sin(n x): 3n + 2 unique nodes, more than 256 for n = 90.
template <std::size_t... K>
constexpr auto many_sines(std::index_sequence<K...>) {
  return leibniz::detail::make_sum(sin(leibniz::c<std::intmax_t(K) + 1> * x)...);
}
}  // namespace

TEST_CASE("schedules longer than 256 steps (Clang's fold limit) evaluate", "[stress][width]") {
  constexpr auto f = many_sines(std::make_index_sequence<90>{});
  static_assert(leibniz::node_count(f) > 256);
  double value = 0, slope = 0;
  for (int k = 1; k <= 90; ++k) value += std::sin(k * 0.3), slope += k * std::cos(k * 0.3);
  CHECK(f(x = 0.3) == Approx(value).epsilon(1e-13));
  CHECK(leibniz::gradient(f, x)(x = 0.3)[x] == Approx(slope).epsilon(1e-13));
  const Eigen::ArrayXd X = Eigen::ArrayXd::Constant(11, 0.3);
  const Eigen::ArrayXd out = f(x = X);
  CHECK(out[10] == Approx(value).epsilon(1e-13));
}
