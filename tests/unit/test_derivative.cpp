// tests/unit/test_derivative.cpp — d(f, x) for every operation, checked two ways:
// symbolically (`==` against the expected expression) and numerically (against central
// finite differences of a plain double reference function, first and second derivative).
// For every unary operation also the laws: linearity, negation, product rule, chain rule.
// Then + - * /, max and min, several variables, n-th derivatives and the non-smooth
// conventions.
//
// Compile time (g++ -O2: about 80 s without these three rules, about 14 s with them):
//  - every expression is built in a constant expression (`constexpr` locals, `F{}(x)`
//    for the builder lambdas), so the simplifier's builders are never compiled to
//    machine code: only evaluation is;
//  - symbolic facts are checked as CHECK_SYMBOLIC(a == b): decided at compile time,
//    reported at run time, and never decomposed by Catch (which would instantiate the
//    printer for every expression type compared);
//  - the templates only compute numbers; the assertions are made in non-template
//    functions (expect_close, expect_true), so Catch's code is compiled once.
#include <catch2/catch.hpp>

#include <cmath>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <utility>

#include <leibniz/leibniz.hpp>

#include "numeric.hpp"

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;

/// A symbolic fact, decided at compile time, reported at run time.
#define CHECK_SYMBOLIC(...) CHECK(std::bool_constant<(__VA_ARGS__)>::value)

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

using points = std::initializer_list<double>;
using points2 = std::initializer_list<std::pair<double, double>>;

double plain_sigmoid(double v) {
  return 1 / (1 + std::exp(-v));
}

// ------------------------------------------------------------------------- reporting

/// CHECK that `got` is within `rel` of `want` (relative; absolute below 1).
void expect_close(std::string_view function, std::string_view what, double at, double got, double want, double rel) {
  INFO(function << ": " << what << " at x = " << at << ": got " << got << ", want " << want);
  CHECK(numeric::close(got, want, rel));
}
void expect_close(std::string_view what, std::pair<double, double> at, double got, double want, double rel) {
  INFO(what << " at (x, y) = (" << at.first << ", " << at.second << "): got " << got << ", want " << want);
  CHECK(numeric::close(got, want, rel));
}
/// CHECK a symbolic fact (an `==` of expressions, decided by the caller at compile time).
void expect_true(std::string_view function, std::string_view what, bool ok) {
  INFO(function << ": " << what);
  CHECK(ok);
}

// ------------------------------------------------------------------------- one variable

/// A law of differentiation: `lhs` and `rhs` are the same function. SameForm is the
/// caller's `lhs == rhs` (decided at compile time); MustBeSameForm says whether the
/// canonical forms must agree (false only where a law's two sides are one function in
/// two forms, said so at the call). Where the forms differ, the values must agree at the
/// points; where they agree, the values are the same computation and are not compared
/// (which also keeps those evaluations from being compiled).
template <bool SameForm, bool MustBeSameForm = true, class A, class B>
void check_law(std::string_view function, std::string_view what, const A& lhs, const B& rhs, points ps) {
  expect_true(function, what, SameForm || !MustBeSameForm);
  if constexpr (!SameForm)
    for (double p : ps) expect_close(function, what, p, lhs(x = p), rhs(x = p), 1e-12);
}

// The fixed partners in the laws: g in linearity, h in the product rule, u in the chain rule.
constexpr auto partner(auto v) {
  return atan(v);
}
constexpr auto factor(auto v) {
  return exp(v);
}
constexpr auto inner(auto v) {
  return v * v;
}
// For x in these, u = x * x is in (0, 1): inside every function's domain.
constexpr points inner_points{-0.8, 0.4, 0.7};

/// One unary operation. F builds the expression from its argument (F{}(x) is the
/// function under test), FP builds the expected derivative expression, ref is the same
/// function in plain double code, ps are points inside its domain. Checks:
///   d(f(x), x) == fp(x)                                symbolic
///   f(x) at p == ref(p)                                value
///   d(f(x), x) at p ~ ref'(p)                          5-point central difference
///   d<2>(f(x), x) at p ~ ref''(p)                      5-point second difference
///   d<2>(f(x), x) at p ~ (d(f(x), x))'(p)              5-point difference of the derivative
/// and the laws of differentiation, symbolically (==), by value where the forms differ:
///   linearity      d(2 f + 3 g) == 2 d(f) + 3 d(g),  d(f - g / 2) == d(f) - d(g) / 2
///   negation       d(-f) == -d(f)
///   product rule   d(f h) == d(f) h + f d(h)
///   chain rule     d(f(u(x))) == fp(u(x)) d(u(x)),  d(sin(f(x))) == cos(f(x)) d(f(x))
/// ChainStructural is false only where d(f(u(x))) is the same function as fp(u) d(u)
/// in another form (said so at the call).
template <bool ChainStructural = true, class F, class FP, class Ref>
void check_unary(std::string_view name, F, FP, Ref ref, points ps) {
  constexpr auto fx = F{}(x);
  constexpr auto dfx = d(fx, x);
  constexpr auto d2fx = d<2>(fx, x);
  constexpr bool symbolic = dfx == FP{}(x);
  constexpr bool second = d2fx == d(dfx, x);
  expect_true(name, "d(f(x), x) == expected", symbolic);
  expect_true(name, "d<2>(f(x), x) == d(d(f(x), x), x)", second);
  const auto derivative_at = [&](double v) { return double(dfx(x = v)); };
  for (double p : ps) {
    expect_close(name, "value", p, fx(x = p), ref(p), 1e-13);
    expect_close(name, "d(f, x) vs differences of f", p, dfx(x = p), numeric::derivative(ref, p),
                 numeric::first_tolerance);
    expect_close(name, "d<2>(f, x) vs second differences of f", p, d2fx(x = p), numeric::second_derivative(ref, p),
                 numeric::second_tolerance);
    expect_close(name, "d<2>(f, x) vs differences of d(f, x)", p, d2fx(x = p), numeric::derivative(derivative_at, p),
                 numeric::first_tolerance);
  }

  constexpr auto g = partner(x);
  constexpr auto dg = d(g, x);
  constexpr auto linear = d(2_c * fx + 3_c * g, x);
  constexpr auto linear_expected = 2_c * dfx + 3_c * dg;
  check_law<linear == linear_expected>(name, "linearity", linear, linear_expected, ps);
  constexpr auto linear2 = d(fx - c<1, 2> * g, x);
  constexpr auto linear2_expected = dfx - c<1, 2> * dg;
  check_law<linear2 == linear2_expected>(name, "linearity with a fraction", linear2, linear2_expected, ps);

  constexpr auto negated = d(-fx, x);
  constexpr auto negated_expected = -dfx;
  check_law<negated == negated_expected>(name, "negation", negated, negated_expected, ps);

  constexpr auto h = factor(x);
  constexpr auto product = d(fx * h, x);
  constexpr auto product_expected = dfx * h + fx * d(h, x);
  check_law<product == product_expected>(name, "product rule", product, product_expected, ps);

  constexpr auto u = inner(x);
  constexpr auto chain = d(F{}(u), x);
  constexpr auto chain_expected = FP{}(u)*d(u, x);
  check_law<chain == chain_expected, ChainStructural>(name, "chain rule, f inside", chain, chain_expected,
                                                      inner_points);
  constexpr auto outer = d(sin(fx), x);
  constexpr auto outer_expected = cos(fx) * dfx;
  check_law<outer == outer_expected>(name, "chain rule, f outside", outer, outer_expected, ps);
}

// ------------------------------------------------------------------------- two variables

/// A function of x and y (Build{}() builds it): its partial derivatives, first and
/// second, by finite differences in each variable (ref is the same function in plain
/// double code), and the mixed partials d(f, x, y) and d(f, y, x) agree.
template <class Build, class Ref>
void check_partials(Build, Ref ref, points2 ps) {
  constexpr auto f = Build{}();
  constexpr auto fx = d(f, x);
  constexpr auto fy = d(f, y);
  constexpr auto fxx = d(f, x, x);
  constexpr auto fyy = d(f, y, y);
  constexpr auto fxy = d(f, x, y);
  constexpr auto fyx = d(f, y, x);
  for (auto at : ps) {
    const auto [px, py] = at;
    const auto in_x = [&](double v) { return ref(v, py); };
    const auto in_y = [&](double v) { return ref(px, v); };
    const auto fx_in_y = [&](double v) { return double(fx(x = px, y = v)); };
    const auto fy_in_x = [&](double v) { return double(fy(x = v, y = py)); };
    expect_close("value", at, f(x = px, y = py), ref(px, py), 1e-13);
    expect_close("d(f, x)", at, fx(x = px, y = py), numeric::derivative(in_x, px), numeric::first_tolerance);
    expect_close("d(f, y)", at, fy(x = px, y = py), numeric::derivative(in_y, py), numeric::first_tolerance);
    expect_close("d(f, x, x)", at, fxx(x = px, y = py), numeric::second_derivative(in_x, px),
                 numeric::second_tolerance);
    expect_close("d(f, y, y)", at, fyy(x = px, y = py), numeric::second_derivative(in_y, py),
                 numeric::second_tolerance);
    expect_close("d(f, x, y)", at, fxy(x = px, y = py), numeric::derivative(fx_in_y, py), numeric::first_tolerance);
    expect_close("d(f, y, x)", at, fyx(x = px, y = py), numeric::derivative(fy_in_x, px), numeric::first_tolerance);
    expect_close("d(f, x, y) vs d(f, y, x)", at, fxy(x = px, y = py), fyx(x = px, y = py), 1e-13);
  }
}

constexpr points2 plane{{0.3, 1.2}, {-1.5, 0.7}, {2.0, -0.4}};

}  // namespace

// ------------------------------------------------------------------------- every unary operation

TEST_CASE("d(exp)", "[derivative][exp]") {
  check_unary(
      "exp", [](auto a) { return exp(a); }, [](auto a) { return exp(a); }, [](double v) { return std::exp(v); },
      {-2.0, -0.5, 0.3, 1.7});
}

TEST_CASE("d(log)", "[derivative][log]") {
  check_unary(
      "log", [](auto a) { return log(a); }, [](auto a) { return 1_c / a; }, [](double v) { return std::log(v); },
      {0.2, 1.0, 3.5});
}

TEST_CASE("d(sqrt)", "[derivative][sqrt]") {
  check_unary(
      "sqrt", [](auto a) { return sqrt(a); }, [](auto a) { return 1_c / (2_c * sqrt(a)); },
      [](double v) { return std::sqrt(v); }, {0.2, 1.0, 4.0});
  CHECK_SYMBOLIC(d(sqrt(x), x) == c<1, 2> * pow(x, c<-1, 2>));
}

TEST_CASE("d(sin)", "[derivative][sin]") {
  check_unary(
      "sin", [](auto a) { return sin(a); }, [](auto a) { return cos(a); }, [](double v) { return std::sin(v); },
      {-2.0, 0.3, 1.7});
}

TEST_CASE("d(cos)", "[derivative][cos]") {
  check_unary(
      "cos", [](auto a) { return cos(a); }, [](auto a) { return -sin(a); }, [](double v) { return std::cos(v); },
      {-2.0, 0.3, 1.7});
}

TEST_CASE("d(tan)", "[derivative][tan]") {
  check_unary(
      "tan", [](auto a) { return tan(a); }, [](auto a) { return 1_c + square(tan(a)); },
      [](double v) { return std::tan(v); }, {-1.2, 0.3, 1.0});
}

TEST_CASE("d(asin)", "[derivative][asin]") {
  check_unary(
      "asin", [](auto a) { return asin(a); }, [](auto a) { return 1_c / sqrt(1_c - a * a); },
      [](double v) { return std::asin(v); }, {-0.8, 0.1, 0.6});
}

TEST_CASE("d(acos)", "[derivative][acos]") {
  check_unary(
      "acos", [](auto a) { return acos(a); }, [](auto a) { return -1_c / sqrt(1_c - a * a); },
      [](double v) { return std::acos(v); }, {-0.8, 0.1, 0.6});
}

TEST_CASE("d(atan)", "[derivative][atan]") {
  check_unary(
      "atan", [](auto a) { return atan(a); }, [](auto a) { return 1_c / (1_c + a * a); },
      [](double v) { return std::atan(v); }, {-3.0, 0.2, 5.0});
}

TEST_CASE("d(sinh)", "[derivative][sinh]") {
  check_unary(
      "sinh", [](auto a) { return sinh(a); }, [](auto a) { return cosh(a); }, [](double v) { return std::sinh(v); },
      {-2.0, 0.3, 1.5});
}

TEST_CASE("d(cosh)", "[derivative][cosh]") {
  check_unary(
      "cosh", [](auto a) { return cosh(a); }, [](auto a) { return sinh(a); }, [](double v) { return std::cosh(v); },
      {-2.0, 0.3, 1.5});
}

TEST_CASE("d(tanh)", "[derivative][tanh]") {
  check_unary(
      "tanh", [](auto a) { return tanh(a); }, [](auto a) { return pow(cosh(a), -2_c); },
      [](double v) { return std::tanh(v); }, {-2.0, 0.3, 1.5});
  CHECK_SYMBOLIC(d(tanh(x), x) == 1_c / square(cosh(x)));
}

TEST_CASE("d(pow) with an exact exponent", "[derivative][pow]") {
  check_unary(
      "pow(., 3)", [](auto a) { return pow(a, 3_c); }, [](auto a) { return 3_c * a * a; },
      [](double v) { return v * v * v; }, {-1.5, 0.4, 2.0});
  check_unary(
      "pow(., 5/2)", [](auto a) { return pow(a, c<5, 2>); }, [](auto a) { return c<5, 2> * pow(a, c<3, 2>); },
      [](double v) { return std::pow(v, 2.5); }, {0.3, 1.0, 2.5});
  check_unary(
      "pow(., -2)", [](auto a) { return pow(a, -2_c); }, [](auto a) { return -2_c / (a * a * a); },
      [](double v) { return 1 / (v * v); }, {-2.0, 0.5, 3.0});
  check_unary(
      "pow(., 1/3)", [](auto a) { return pow(a, c<1, 3>); }, [](auto a) { return c<1, 3> * pow(a, c<-2, 3>); },
      [](double v) { return std::cbrt(v); }, {-2.0, 0.5, 3.0});
  CHECK_SYMBOLIC(d(pow(x, 1_c), x) == 1_c);
  CHECK_SYMBOLIC(d(pow(x, 0_c), x) == 0_c);
  CHECK_SYMBOLIC(d(pow(x, 2_c), x) == 2_c * x);
}

TEST_CASE("d(pow) with a runtime exponent", "[derivative][pow][runtime]") {
  check_unary(
      "pow(., 2.5)", [](auto a) { return pow(a, 2.5); }, [](auto a) { return 2.5 * pow(a, 1.5); },
      [](double v) { return std::pow(v, 2.5); }, {0.3, 1.0, 2.5});
  CHECK_SYMBOLIC(!(d(pow(x, 2.5), x) == 2.5 * pow(x, 1.25)));  // the runtime values take part in ==
  // a runtime base with a variable exponent: d(2.0^x) = log(2.0) 2.0^x
  constexpr auto g = pow(2.0, x);
  constexpr auto dg = d(g, x);
  CHECK_SYMBOLIC(dg == log(leibniz::runtime_constant<double>(2.0)) * g);
  for (double p : {-1.0, 0.5, 3.0})
    expect_close("2.0^x", "d vs differences", p, dg(x = p),
                 numeric::derivative([](double v) { return std::pow(2.0, v); }, p), numeric::first_tolerance);
}

TEST_CASE("d(pow) with a variable exponent", "[derivative][pow]") {
  constexpr auto f = pow(x, y);
  CHECK_SYMBOLIC(d(f, x) == y * pow(x, y - 1_c));
  CHECK_SYMBOLIC(d(f, y) == pow(x, y) * log(x));
  CHECK_SYMBOLIC(d(f, x, y) == d(d(f, x), y));
  check_partials([] { return pow(x, y); }, [](double a, double b) { return std::pow(a, b); },
                 {{0.5, 1.5}, {2.0, -0.7}, {1.3, 3.0}});
  // both at once: x^x. The chain rule is not structural here: d((x^2)^(x^2)) keeps
  // 2 x^3 (x^2)^(x^2 - 1), which the rules do not merge with (x^2)^(x^2) (the bases x
  // and x^2 differ); the values agree.
  check_unary<false>(
      "x^x", [](auto a) { return pow(a, a); }, [](auto a) { return pow(a, a) + pow(a, a) * log(a); },
      [](double v) { return std::pow(v, v); }, {0.5, 1.0, 2.0});
  // a constant base: d(2^x) = log(2) 2^x
  check_unary(
      "2^x", [](auto a) { return pow(2_c, a); }, [](auto a) { return log(2_c) * pow(2_c, a); },
      [](double v) { return std::pow(2.0, v); }, {-1.0, 0.5, 3.0});
}

TEST_CASE("d(abs)", "[derivative][abs]") {
  check_unary(
      "abs", [](auto a) { return abs(a); }, [](auto a) { return sign(a); }, [](double v) { return std::abs(v); },
      {-2.0, -0.3, 0.5, 3.0});
}

TEST_CASE("d(log1p)", "[derivative][log1p]") {
  check_unary(
      "log1p", [](auto a) { return log1p(a); }, [](auto a) { return 1_c / (1_c + a); },
      [](double v) { return std::log1p(v); }, {-0.5, 1e-3, 2.0});
}

TEST_CASE("d(expm1)", "[derivative][expm1]") {
  check_unary(
      "expm1", [](auto a) { return expm1(a); }, [](auto a) { return exp(a); }, [](double v) { return std::expm1(v); },
      {-1.0, 1e-3, 2.0});
}

TEST_CASE("d(sigmoid)", "[derivative][sigmoid]") {
  check_unary(
      "sigmoid", [](auto a) { return sigmoid(a); }, [](auto a) { return sigmoid(a) * sigmoid(-a); }, plain_sigmoid,
      {-3.0, 0.2, 4.0});
  // the textbook form sigma (1 - sigma) is the same function, in another form
  constexpr auto ds = d(sigmoid(x), x);
  constexpr auto textbook = sigmoid(x) * (1_c - sigmoid(x));
  check_law<ds == textbook, false>("sigmoid", "sigma (1 - sigma)", ds, textbook, {-3.0, 0.2, 4.0});
}

TEST_CASE("d(softplus)", "[derivative][softplus]") {
  check_unary(
      "softplus", [](auto a) { return softplus(a); }, [](auto a) { return sigmoid(a); },
      [](double v) { return std::log1p(std::exp(v)); }, {-3.0, 0.2, 4.0});
}

TEST_CASE("d(erf)", "[derivative][erf]") {
  // erf'(x) = 2 exp(-x^2) / sqrt(pi)
  check_unary(
      "erf", [](auto a) { return erf(a); }, [](auto a) { return 2_c * exp(-square(a)) / sqrt(leibniz::pi); },
      [](double v) { return std::erf(v); }, {-1.5, -0.2, 0.4, 2.0});
  CHECK_SYMBOLIC(erf(0_c) == 0_c);
}

TEST_CASE("d(normal_cdf)", "[derivative][normal_cdf]") {
  // Phi'(x) = exp(-x^2 / 2) / sqrt(2 pi), the standard normal density
  check_unary(
      "normal_cdf", [](auto a) { return normal_cdf(a); },
      [](auto a) { return exp(-square(a) / 2_c) / sqrt(2_c * leibniz::pi); },
      [](double v) { return 0.5 * std::erfc(-v / std::sqrt(2.0)); }, {-2.5, -0.3, 0.6, 1.9});
  CHECK_SYMBOLIC(normal_cdf(0_c) == c<1, 2>);
  // accurate in the lower tail, where 1 - Phi(-x) would lose every digit
  constexpr auto phi = normal_cdf(x);
  expect_close("normal_cdf", "lower tail", -30.0, phi(x = -30.0), 0.5 * std::erfc(30.0 / std::sqrt(2.0)), 1e-13);
  CHECK(phi(x = -30.0) > 0.0);
}

TEST_CASE("d(gelu)", "[derivative][gelu]") {
  // gelu(x) = x Phi(x), gelu'(x) = Phi(x) + x exp(-x^2 / 2) / sqrt(2 pi)
  check_unary(
      "gelu", [](auto a) { return gelu(a); },
      [](auto a) { return normal_cdf(a) + a * exp(-square(a) / 2_c) / sqrt(2_c * leibniz::pi); },
      [](double v) { return v * 0.5 * std::erfc(-v / std::sqrt(2.0)); }, {-2.5, -0.3, 0.6, 1.9});
  CHECK_SYMBOLIC(gelu(0_c) == 0_c);
  // gelu''(x) = (2 - x^2) exp(-x^2 / 2) / sqrt(2 pi)
  constexpr auto d2 = d<2>(gelu(x), x);
  for (double p : {-1.2, 0.0, 0.8})
    expect_close("gelu", "d<2> closed form", p, d2(x = p),
                 (2 - p * p) * std::exp(-p * p / 2) / std::sqrt(2 * 3.14159265358979323846), 1e-14);
}

TEST_CASE("d(relu)", "[derivative][relu]") {
  check_unary(
      "relu", [](auto a) { return relu(a); }, [](auto a) { return step(a); }, [](double v) { return v > 0 ? v : 0.0; },
      {-2.0, -0.1, 0.4, 3.0});
}

TEST_CASE("d(square)", "[derivative][square]") {
  check_unary(
      "square", [](auto a) { return square(a); }, [](auto a) { return 2_c * a; }, [](double v) { return v * v; },
      {-2.0, 0.3, 1.5});
}

TEST_CASE("d(step) and d(sign) are 0", "[derivative][step][sign]") {
  check_unary(
      "step", [](auto a) { return step(a); }, [](auto) { return 0_c; }, [](double v) { return v > 0 ? 1.0 : 0.0; },
      {-1.0, 0.5, 2.0});
  check_unary(
      "sign", [](auto a) { return sign(a); }, [](auto) { return 0_c; },
      [](double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }, {-1.0, 0.5, 2.0});
  CHECK_SYMBOLIC(d(step(x * y), y) == 0_c);
  CHECK_SYMBOLIC(d(sign(sin(x)), x) == 0_c);
}

TEST_CASE("d of unary minus", "[derivative][negate]") {
  check_unary(
      "-", [](auto a) { return -a; }, [](auto) { return -1_c; }, [](double v) { return -v; }, {-1.0, 0.5, 2.0});
  CHECK_SYMBOLIC(d(-sin(x), x) == -cos(x));
  CHECK_SYMBOLIC(d(-(x * y), y) == -x);
}

// ------------------------------------------------------------------------- + - * / and max, min

TEST_CASE("d of + - * /", "[derivative][arithmetic]") {
  CHECK_SYMBOLIC(d(x + y, x) == 1_c);
  CHECK_SYMBOLIC(d(x + y, y) == 1_c);
  CHECK_SYMBOLIC(d(x - y, x) == 1_c);
  CHECK_SYMBOLIC(d(x - y, y) == -1_c);
  CHECK_SYMBOLIC(d(x * y, x) == y);
  CHECK_SYMBOLIC(d(x * y, y) == x);
  CHECK_SYMBOLIC(d(x / y, x) == 1_c / y);
  CHECK_SYMBOLIC(d(x / y, y) == -x / (y * y));
  CHECK_SYMBOLIC(d(x / y, x, y) == -1_c / (y * y));
  check_partials([] { return x + y; }, [](double a, double b) { return a + b; }, plane);
  check_partials([] { return x - y; }, [](double a, double b) { return a - b; }, plane);
  check_partials([] { return x * y; }, [](double a, double b) { return a * b; }, plane);
  check_partials([] { return x / y; }, [](double a, double b) { return a / b; }, plane);

  // on compound operands: the sum, product and quotient rules
  constexpr auto f = sin(x);
  constexpr auto g = exp(x * y);
  CHECK_SYMBOLIC(d(f + g, x) == d(f, x) + d(g, x));
  CHECK_SYMBOLIC(d(f - g, x) == d(f, x) - d(g, x));
  CHECK_SYMBOLIC(d(f * g, x) == d(f, x) * g + f * d(g, x));
  constexpr auto quotient = d(f / g, x);
  constexpr auto quotient_rule = (d(f, x) * g - f * d(g, x)) / (g * g);  // another form of the same function
  for (auto [px, py] : plane)
    expect_close("quotient rule", {px, py}, quotient(x = px, y = py), quotient_rule(x = px, y = py), 1e-13);
  check_partials([] { return sin(x) / exp(x * y); }, [](double a, double b) { return std::sin(a) / std::exp(a * b); },
                 plane);
  check_partials([] { return x * x * y - 3_c * y / x + 2.5 * x; },
                 [](double a, double b) { return a * a * b - 3 * b / a + 2.5 * a; }, plane);

  // runtime constants are differentiated as constants
  CHECK_SYMBOLIC(d(2.0 * x, x) == leibniz::runtime_constant<double>(2.0));
  CHECK_SYMBOLIC(d(2.0 * x * x, x) == 4.0 * x);
  CHECK_SYMBOLIC(d(x + 2.5, x) == 1_c);
  constexpr auto pitfall = d(x * 2.0 + x * 3.0, x);
  CHECK(pitfall(x = 1.0) == 5.0);
}

TEST_CASE("d(max) and d(min)", "[derivative][max][min]") {
  CHECK_SYMBOLIC(d(max(x, y), x) == 1_c - step(y - x));
  CHECK_SYMBOLIC(d(max(x, y), y) == step(y - x));
  CHECK_SYMBOLIC(d(min(x, y), x) == 1_c - step(x - y));
  CHECK_SYMBOLIC(d(min(x, y), y) == step(x - y));
  CHECK_SYMBOLIC(d(max(x, 0.5), x) == 1_c - step(0.5 - x));
  // away from ties, max and min are smooth: finite differences agree
  static constexpr points2 off_ties{{0.3, 1.2}, {-1.5, -2.7}, {2.0, -0.4}, {-0.2, 0.1}};
  check_partials([] { return max(x, y); }, [](double a, double b) { return a > b ? a : b; }, off_ties);
  check_partials([] { return min(x, y); }, [](double a, double b) { return a < b ? a : b; }, off_ties);
  check_partials([] { return max(sin(x), x * y); }, [](double a, double b) { return std::max(std::sin(a), a * b); },
                 off_ties);
  check_partials([] { return min(sin(x), x * y); }, [](double a, double b) { return std::min(std::sin(a), a * b); },
                 off_ties);
}

// ------------------------------------------------------------------------- several variables, n-th derivatives

TEST_CASE("d(f, x, y) is d(d(f, x), y), and mixed partials agree", "[derivative][partial]") {
  constexpr auto f = sin(x * y) + exp(x) * pow(y, 3_c) + x / y + sqrt(x * x + y * y);
  CHECK_SYMBOLIC(d(f, x, y) == d(d(f, x), y));
  CHECK_SYMBOLIC(d(f, y, x) == d(d(f, y), x));
  CHECK_SYMBOLIC(d(f, x, y, x) == d(d(d(f, x), y), x));
  check_partials(
      [] { return sin(x * y) + exp(x) * pow(y, 3_c) + x / y + sqrt(x * x + y * y); },
      [](double a, double b) { return std::sin(a * b) + std::exp(a) * b * b * b + a / b + std::sqrt(a * a + b * b); },
      plane);
  // the three variables of one monomial
  CHECK_SYMBOLIC(d(x * y * z, x, y) == z);
  CHECK_SYMBOLIC(d(x * y * z, z, y, x) == 1_c);
  CHECK_SYMBOLIC(d(x * y * z, x, x) == 0_c);
}

TEST_CASE("d<n>(f, x) is d applied n times", "[derivative][nth]") {
  constexpr auto f = exp(sin(x)) * x;
  CHECK_SYMBOLIC(d<0>(f, x) == f);
  CHECK_SYMBOLIC(d<1>(f, x) == d(f, x));
  CHECK_SYMBOLIC(d<2>(f, x) == d(d(f, x), x));
  CHECK_SYMBOLIC(d<3>(f, x) == d(d(d(f, x), x), x));
  CHECK_SYMBOLIC(d<3>(f, x) == d(f, x, x, x));
  CHECK_SYMBOLIC(d<4>(sin(x), x) == sin(x));
  CHECK_SYMBOLIC(d<2>(sin(x), x) == -sin(x));
  CHECK_SYMBOLIC(d<8>(cos(x), x) == cos(x));
  CHECK_SYMBOLIC(d<4>(exp(2_c * x), x) == 16_c * exp(2_c * x));
  CHECK_SYMBOLIC(d<3>(pow(x, 3_c), x) == 6_c);
  CHECK_SYMBOLIC(d<4>(pow(x, 3_c), x) == 0_c);
  CHECK_SYMBOLIC(d<2>(x * x * y, x) == 2_c * y);
  constexpr auto f2 = d<2>(f, x);
  constexpr auto f3 = d<3>(f, x);
  const auto f2_at = [&](double v) { return double(f2(x = v)); };
  for (double p : {-1.0, 0.5, 2.0})
    expect_close("exp(sin(x)) x", "d<3> vs differences of d<2>", p, f3(x = p), numeric::derivative(f2_at, p),
                 numeric::first_tolerance);
}

TEST_CASE("d(f, v) for a v not in f is 0", "[derivative][zero]") {
  CHECK_SYMBOLIC(d(sin(x), y) == 0_c);
  CHECK_SYMBOLIC(d(x * x + exp(x), z) == 0_c);
  CHECK_SYMBOLIC(d(2_c, x) == 0_c);
  CHECK_SYMBOLIC(d(leibniz::pi, x) == 0_c);
  CHECK_SYMBOLIC(d(leibniz::pi * x, x) == leibniz::pi);
  CHECK_SYMBOLIC(d(2.5 * x, y) == 0_c);
  CHECK_SYMBOLIC(d(x, x) == 1_c);
  CHECK_SYMBOLIC(d(y, x) == 0_c);
  CHECK_SYMBOLIC(d(x * y, z) == 0_c);
  // a variable that cancels out is not in f
  CHECK_SYMBOLIC(d(x + y - x, x) == 0_c);
  CHECK_SYMBOLIC(d(z / z * x, z) == 0_c);
}

// ------------------------------------------------------------------------- the non-smooth points

TEST_CASE("non-smooth points follow the documented conventions", "[derivative][nonsmooth]") {
  constexpr auto drelu = d(relu(x), x);
  constexpr auto dabs = d(abs(x), x);
  // relu'(0) = 0 and abs'(0) = 0
  CHECK(drelu(x = 0.0) == 0.0);
  CHECK(drelu(x = -0.0) == 0.0);
  CHECK(drelu(x = 1e-300) == 1.0);
  CHECK(drelu(x = -1e-300) == 0.0);
  CHECK(dabs(x = 0.0) == 0.0);
  CHECK(dabs(x = -0.0) == 0.0);
  CHECK(dabs(x = 2.0) == 1.0);
  CHECK(dabs(x = -2.0) == -1.0);
  // step(0) = 0, sign(0) = 0
  constexpr auto s = step(x);
  constexpr auto sg = sign(x);
  CHECK(s(x = 0.0) == 0.0);
  CHECK(sg(x = 0.0) == 0.0);
  // through the chain rule
  constexpr auto shifted = d(relu(x - 1_c), x);
  constexpr auto scaled = d(relu(2_c * x), x);
  CHECK(shifted(x = 1.0) == 0.0);
  CHECK(scaled(x = 0.0) == 0.0);
  CHECK(scaled(x = 0.5) == 2.0);

  // max routes the gradient to its first argument on ties, min likewise
  constexpr auto max_x = d(max(x, y), x);
  constexpr auto max_y = d(max(x, y), y);
  constexpr auto min_x = d(min(x, y), x);
  constexpr auto min_y = d(min(x, y), y);
  CHECK(max_x(x = 1.0, y = 1.0) == 1.0);
  CHECK(max_y(x = 1.0, y = 1.0) == 0.0);
  CHECK(min_x(x = 1.0, y = 1.0) == 1.0);
  CHECK(min_y(x = 1.0, y = 1.0) == 0.0);
  constexpr auto swapped_y = d(max(y, x), y);
  constexpr auto swapped_x = d(max(y, x), x);
  CHECK(swapped_y(x = 1.0, y = 1.0) == 1.0);
  CHECK(swapped_x(x = 1.0, y = 1.0) == 0.0);
  constexpr auto max_half = d(max(x, 0.5), x);
  constexpr auto half_max = d(max(0.5, x), x);
  constexpr auto min_half = d(min(x, 0.5), x);
  CHECK(max_half(x = 0.5) == 1.0);
  CHECK(half_max(x = 0.5) == 0.0);
  CHECK(min_half(x = 0.5) == 1.0);
  CHECK(max_half(x = 1.0) == 1.0);
  CHECK(max_half(x = 0.0) == 0.0);
  // the partials add up to 1 on a tie, as max(x, x) = x says
  CHECK(max_x(x = -3.0, y = -3.0) + max_y(x = -3.0, y = -3.0) == 1.0);
  CHECK(min_x(x = -3.0, y = -3.0) + min_y(x = -3.0, y = -3.0) == 1.0);
  // away from the tie, the larger (smaller) one takes it all
  CHECK(max_x(x = 2.0, y = 1.0) == 1.0);
  CHECK(max_y(x = 2.0, y = 1.0) == 0.0);
  CHECK(max_x(x = 1.0, y = 2.0) == 0.0);
  CHECK(max_y(x = 1.0, y = 2.0) == 1.0);
  CHECK(min_x(x = 2.0, y = 1.0) == 0.0);
  CHECK(min_y(x = 2.0, y = 1.0) == 1.0);
  CHECK(min_x(x = 1.0, y = 2.0) == 1.0);
  CHECK(min_y(x = 1.0, y = 2.0) == 0.0);
}
