// tests/unit/test_gradient.cpp — gradient, hessian, jacobian and jvp: the compile-time
// reverse sweep (symbolically and by value), forward mode giving the same values, the
// size of reverse gradients, results indexed by variable and by structured bindings,
// and the course's patterns of the backward flow.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <leibniz/leibniz.hpp>

#include "numeric.hpp"

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;
constexpr auto x1 = leibniz::var<"x1">;
constexpr auto x2 = leibniz::var<"x2">;

template <bool B>
using truth = std::bool_constant<B>;
#define CHECK_SYMBOLIC(...) CHECK(truth<(__VA_ARGS__)>::value)

/// x1 * x2 * ... * xN over variables named "p0", "p1", ...
template <std::size_t... I>
constexpr auto product_of(std::index_sequence<I...>) {
  return (leibniz::var<leibniz::detail::parameter_name<'p', I>()> * ...);
}
template <std::size_t N>
constexpr std::size_t reverse_nodes() {
  constexpr auto f = product_of(std::make_index_sequence<N>{});
  return leibniz::node_count(leibniz::gradient(f));
}
}  // namespace

TEST_CASE("course example 1: forward and reverse mode on sin(x1) + x1 x2", "[gradient][course]") {
  constexpr auto f = sin(x1) + x1 * x2;
  constexpr auto reverse = leibniz::gradient(f, x1, x2);
  constexpr auto forward = leibniz::gradient<leibniz::forward>(f, x1, x2);
  // The adjoint sweep builds exactly the textbook partials.
  CHECK_SYMBOLIC(reverse[x1] == cos(x1) + x2);
  CHECK_SYMBOLIC(reverse[x2] == x1);
  CHECK_SYMBOLIC(forward[x1] == d(f, x1));
  const auto r = reverse(x1 = 1.0, x2 = 2.0);
  const auto fw = forward(x1 = 1.0, x2 = 2.0);
  CHECK(r[x1] == std::cos(1.0) + 2.0);
  CHECK(r[x2] == 1.0);
  CHECK(fw[x1] == r[x1]);
  CHECK(fw[x2] == r[x2]);
}

TEST_CASE("course example 2: backprop through (x + y) z", "[gradient][course]") {
  constexpr auto f = (x + y) * z;
  const auto [gx, gy, gz] = leibniz::gradient(f, x, y, z)(x = -2.0, y = 5.0, z = -4.0);
  CHECK(gx == -4.0);
  CHECK(gy == -4.0);
  CHECK(gz == 3.0);
}

TEST_CASE("course example 3: add distributes, mul switches, max routes, branches add", "[gradient][course]") {
  constexpr auto G = leibniz::gradient(x + y + z, x, y, z);  // add: the upstream gradient to each
  CHECK_SYMBOLIC(G[x] == c<1> && G[y] == c<1> && G[z] == c<1>);
  constexpr auto M = leibniz::gradient(x * y, x, y);  // mul: each input gets the other
  CHECK_SYMBOLIC(M[x] == y && M[y] == x);
  constexpr auto R = leibniz::gradient(max(x, y), x, y);  // max: to the larger input only
  const auto at = R(x = 3.0, y = 1.0);
  CHECK(at[x] == 1.0);
  CHECK(at[y] == 0.0);
  const auto tie_goes_to_first = R(x = 2.0, y = 2.0);
  CHECK(tie_goes_to_first[x] == 1.0);
  CHECK(tie_goes_to_first[y] == 0.0);
  constexpr auto B = leibniz::gradient(sin(x) * cos(x) + exp(x), x);  // x feeds three nodes
  CHECK(B(x = 0.3)[x] == Approx(std::cos(0.6) + std::exp(0.3)).epsilon(1e-14));
}

TEST_CASE("reverse and forward mode give the same values", "[gradient][modes]") {
  constexpr auto f = tanh(exp(cos(sin(x * y)))) + x / (1_c + y * y) + sigmoid(x - y) * softplus(z) + pow(x, y);
  constexpr auto r = leibniz::gradient(f);  // all free variables, sorted: x, y, z
  constexpr auto fw = leibniz::gradient<leibniz::forward>(f);
  for (const auto& [xv, yv, zv] : {std::tuple{0.7, 1.3, -0.4}, std::tuple{1.9, 0.2, 2.5}}) {
    const auto a = r(x = xv, y = yv, z = zv);
    const auto b = fw(x = xv, y = yv, z = zv);
    CHECK(a[x] == Approx(b[x]).epsilon(1e-13));
    CHECK(a[y] == Approx(b[y]).epsilon(1e-13));
    CHECK(a[z] == Approx(b[z]).epsilon(1e-13));
    // and both agree with finite differences
    CHECK(a[x] == Approx(numeric::derivative([&](double t) { return f(x = t, y = yv, z = zv); }, xv)).epsilon(1e-8));
    CHECK(a[y] == Approx(numeric::derivative([&](double t) { return f(x = xv, y = t, z = zv); }, yv)).epsilon(1e-8));
    CHECK(a[z] == Approx(numeric::derivative([&](double t) { return f(x = xv, y = yv, z = t); }, zv)).epsilon(1e-8));
  }
}

TEST_CASE("the reverse gradient of x1 ... xn has O(n) unique nodes", "[gradient][size]") {
  // n variables and n products of the n - 1 others: 2n.
  static_assert(reverse_nodes<4>() == 8);
  static_assert(reverse_nodes<8>() == 16);
  static_assert(reverse_nodes<16>() == 32);
  static_assert(reverse_nodes<32>() == 64);
  constexpr auto f8 = product_of(std::make_index_sequence<8>{});
  constexpr auto g8 = leibniz::gradient(f8);
  CHECK(g8(leibniz::var<"p0"> = 1.0, leibniz::var<"p1"> = 2.0, leibniz::var<"p2"> = 3.0, leibniz::var<"p3"> = 4.0,
           leibniz::var<"p4"> = 5.0, leibniz::var<"p5"> = 6.0, leibniz::var<"p6"> = 7.0,
           leibniz::var<"p7"> = 8.0)[leibniz::var<"p2">] == 40320.0 / 3.0);
}

TEST_CASE("a reverse sweep through a deep chain stays a chain", "[gradient][size]") {
  constexpr auto f = tanh(exp(cos(sin(tanh(exp(cos(sin(x * y)))))))) + x;  // benchmark B6
  constexpr auto G = leibniz::gradient(f, x, y);
  CHECK(leibniz::node_count(G) < 3 * leibniz::node_count(f));
  const auto g = G(x = 0.8, y = 1.1);
  CHECK(g[x] == Approx(numeric::derivative([&](double t) { return f(x = t, y = 1.1); }, 0.8)).epsilon(1e-8));
  CHECK(g[y] == Approx(numeric::derivative([&](double t) { return f(x = 0.8, y = t); }, 1.1)).epsilon(1e-8));
}

TEST_CASE("results are indexed by variable, by position and by structured bindings", "[gradient][values]") {
  constexpr auto G = leibniz::gradient(x * x * y, y, x);  // the order given is kept
  auto g = G(x = 3.0, y = 2.0);
  CHECK(g[x] == 12.0);
  CHECK(g[y] == 9.0);
  CHECK(leibniz::get<0>(g) == 9.0);
  auto [gy, gx] = g;
  CHECK(gy == 9.0);
  CHECK(gx == 12.0);
  static_assert(std::tuple_size_v<decltype(g)> == 2);
  CHECK(g.size() == 2);
  // float in, float out; a variable the function does not use has the partial 0.
  const auto gf = leibniz::gradient(x * x, x, y)(x = 2.0f, y = 1.0f);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(gf[x])>, float>);
  CHECK(gf[x] == 4.0f);
  CHECK(gf[y] == 0.0f);
  CHECK_SYMBOLIC(leibniz::gradient(x * x, x, y)[y] == c<0>);
}

TEST_CASE("gradient(f) takes every free variable, sorted by name", "[gradient]") {
  constexpr auto f = z * sin(y) + x;
  constexpr auto G = leibniz::gradient(f);
  const auto [gx, gy, gz] = G(x = 1.0, y = 0.5, z = 2.0);
  CHECK(gx == 1.0);
  CHECK(gy == Approx(2.0 * std::cos(0.5)));
  CHECK(gz == Approx(std::sin(0.5)));
}

TEST_CASE("runtime constants are carried into gradients and printed back", "[gradient][runtime]") {
  const double a = 2.5, b = -0.75;
  const auto f = a * x * x * y + pow(x, 1.5) + b * exp(y);
  const auto G = leibniz::gradient(f, x, y);
  const auto g = G(x = 2.0, y = 0.5);
  CHECK(g[x] == Approx(2 * a * 2.0 * 0.5 + 1.5 * std::sqrt(2.0)).epsilon(1e-14));
  CHECK(g[y] == Approx(a * 4.0 + b * std::exp(0.5)).epsilon(1e-14));
  CHECK(leibniz::eval(G[x], x = 2.0, y = 0.5) == Approx(g[x]).epsilon(1e-14));
  CHECK(leibniz::to_string(G[y]).find("2.5") != std::string::npos);
  CHECK(leibniz::to_string(G[y]).find('#') == std::string::npos);
}

TEST_CASE("hessian: second partials, symmetric, forward over reverse", "[gradient][hessian]") {
  constexpr auto f = x * x * y + sin(x * y) + exp(y);
  const auto H = leibniz::hessian(f, x, y)(x = 0.5, y = 1.5);
  const double s = std::sin(0.75), co = std::cos(0.75);
  CHECK(H[x][x] == Approx(2 * 1.5 - 1.5 * 1.5 * s).epsilon(1e-14));
  CHECK(H[x][y] == Approx(2 * 0.5 + co - 0.75 * s).epsilon(1e-14));
  CHECK(H[y][x] == H[x][y]);
  CHECK(H[y][y] == Approx(-0.25 * s + std::exp(1.5)).epsilon(1e-14));
  CHECK(H.size() == 2);
  // the same as d(f, x, y)
  CHECK(H[x][y] == Approx(d(f, x, y)(x = 0.5, y = 1.5)).epsilon(1e-14));
}

TEST_CASE("jacobian of several outputs, J[i][x]", "[gradient][jacobian]") {
  const auto J = leibniz::jacobian(std::tuple{x * y, x + 3.0 * y, sin(x)}, x, y)(x = 1.0, y = 2.0);
  CHECK(J.size() == 3);
  CHECK(J[0][x] == 2.0);
  CHECK(J[0][y] == 1.0);
  CHECK(J[1][x] == 1.0);
  CHECK(J[1][y] == 3.0);
  CHECK(J[2][x] == Approx(std::cos(1.0)));
  CHECK(J[2][y] == 0.0);
  CHECK(J.get<1>()[y] == 3.0);
}

TEST_CASE("jvp: the directional derivative along a tangent", "[gradient][jvp]") {
  constexpr auto f = sin(x1) + x1 * x2;
  const auto t = leibniz::jvp(f, x1 = 1.0, x2 = 0.0);  // one forward pass: the x1 tangent
  CHECK(t(x1 = 1.0, x2 = 2.0) == Approx(std::cos(1.0) + 2.0));
  const auto v = leibniz::jvp(f, x1 = 0.5, x2 = -2.0);
  const auto g = leibniz::gradient(f, x1, x2)(x1 = 1.0, x2 = 2.0);
  CHECK(v(x1 = 1.0, x2 = 2.0) == Approx(0.5 * g[x1] - 2.0 * g[x2]).epsilon(1e-15));
}

TEST_CASE("outputs: several expressions evaluated together, by position", "[gradient][outputs]") {
  auto [value, slope] = leibniz::outputs(x * x, 2_c * x)(x = 3.0);
  CHECK(value == 9.0);
  CHECK(slope == 6.0);
  const auto o = leibniz::outputs(2.0 * x, x * 3.0 + 1.0, sin(x));  // runtime constants of each kept apart
  const auto v = o(x = 2.0);
  CHECK(v[0] == 4.0);
  CHECK(v[1] == 7.0);
  CHECK(v[2] == std::sin(2.0));
  CHECK(v.size() == 3);
}
