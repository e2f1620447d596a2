// tests/unit/test_evaluate.cpp — evaluating expressions: named bindings, result types,
// precision, the numerically stable kernels, and IEEE semantics.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>
#include <type_traits>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

constexpr auto f = sin(x) + x * y;

template <class T, class U>
constexpr bool is = std::is_same_v<T, U>;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_CASE("variables are bound by name, in any order", "[evaluate][bindings]") {
  const double expected = std::sin(1.0) + 1.0 * 2.0;
  CHECK(f(x = 1.0, y = 2.0) == expected);
  CHECK(f(y = 2.0, x = 1.0) == expected);
  CHECK(f(x = 2.0, y = 1.0) == std::sin(2.0) + 2.0);  // the names decide, not the positions

  constexpr auto g = x - 2_c * y + 3_c * z;
  CHECK(g(x = 1.0, y = 2.0, z = 3.0) == 6.0);
  CHECK(g(z = 3.0, y = 2.0, x = 1.0) == 6.0);
  CHECK(g(y = 2.0, z = 3.0, x = 1.0) == 6.0);
  CHECK(g(z = 1.0, x = 3.0, y = 2.0) == 2.0);
}

TEST_CASE("bindings the expression does not use are ignored", "[evaluate][bindings]") {
  CHECK(sin(x)(x = 1.0, y = 5.0) == std::sin(1.0));
  CHECK(sin(x)(z = 7.0, x = 1.0, y = 5.0) == std::sin(1.0));
  CHECK((x * x)(x = 3.0, leibniz::var<"unused"> = 1.0) == 9.0);
  // an expression without variables takes any bindings, or none
  CHECK((2_c)(x = 1.0) == 2.0);
  CHECK(leibniz::eval(c<1, 4>) == 0.25);
  CHECK(leibniz::eval(c<1, 4>, x = 1.0, y = 2.0) == 0.25);
  // a derivative may lose a variable: it is still evaluated with the original bindings
  constexpr auto fy = d(f, y);  // x
  CHECK(fy(x = 1.5, y = 2.0) == 1.5);
  constexpr auto zero = d(f, z);
  CHECK(zero(x = 1.5, y = 2.0) == 0.0);
}

TEST_CASE("eval(f, bindings...) is f(bindings...)", "[evaluate][eval]") {
  CHECK(leibniz::eval(f, x = 1.0, y = 2.0) == f(x = 1.0, y = 2.0));
  CHECK(leibniz::eval(f, y = -3.0, x = 0.25) == f(x = 0.25, y = -3.0));
  STATIC_REQUIRE(is<decltype(leibniz::eval(f, x = 1.0f, y = 2.0f)), decltype(f(x = 1.0f, y = 2.0f))>);
  const auto g = 2.5 * exp(x) - y / 4.0;
  CHECK(leibniz::eval(g, x = 0.5, y = 2.0) == g(x = 0.5, y = 2.0));
  CHECK(leibniz::eval(g, x = 0.5, y = 2.0) == Approx(2.5 * std::exp(0.5) - 0.5).epsilon(1e-15));
}

TEST_CASE("the result type follows the usual arithmetic conversions", "[evaluate][types]") {
  STATIC_REQUIRE(is<decltype(f(x = 1.0, y = 2.0)), double>);
  STATIC_REQUIRE(is<decltype(f(x = 1.0f, y = 2.0f)), float>);
  STATIC_REQUIRE(is<decltype(f(x = 1.0L, y = 2.0L)), long double>);
  STATIC_REQUIRE(is<decltype(f(x = 1.0f, y = 2.0)), double>);
  STATIC_REQUIRE(is<decltype(f(x = 1.0f, y = 2.0L)), long double>);
  STATIC_REQUIRE(is<decltype(f(x = 1.0, y = 2.0L)), long double>);
  // integers count as double, even next to a float
  STATIC_REQUIRE(is<decltype(f(x = 1, y = 2)), double>);
  STATIC_REQUIRE(is<decltype(f(x = 1L, y = 2u)), double>);
  STATIC_REQUIRE(is<decltype(f(x = 1, y = 2.0f)), double>);
  STATIC_REQUIRE(is<decltype(f(x = short(1), y = char(2))), double>);
  // no bindings at all: double
  STATIC_REQUIRE(is<decltype(leibniz::eval(2_c)), double>);
  STATIC_REQUIRE(is<decltype(leibniz::eval(leibniz::pi)), double>);
  // runtime constants take part: a float constant stays float with float bindings,
  // a double constant makes it double, integers held as double
  const auto gf = 0.5f * x;
  const auto gd = 0.5 * x;
  const auto gi = 2 * x;
  STATIC_REQUIRE(is<decltype(gf(x = 1.0f)), float>);
  STATIC_REQUIRE(is<decltype(gf(x = 1.0)), double>);
  STATIC_REQUIRE(is<decltype(gf(x = 1.0L)), long double>);
  STATIC_REQUIRE(is<decltype(gd(x = 1.0f)), double>);
  STATIC_REQUIRE(is<decltype(gi(x = 1.0f)), double>);
  STATIC_REQUIRE(is<decltype(leibniz::eval(sin(leibniz::runtime_constant<float>(1.0f)))), float>);
  // the same holds for derivatives
  STATIC_REQUIRE(is<decltype(d(f, x)(x = 1.0f, y = 2.0f)), float>);
  STATIC_REQUIRE(is<decltype(d(f, y)(x = 1.0f, y = 2.0f)), float>);  // x alone: still float

  // and the values
  CHECK(f(x = 1, y = 2) == std::sin(1.0) + 2.0);
  CHECK(f(x = 1.0f, y = 2.0f) == std::sin(1.0f) + 2.0f);
  CHECK(f(x = 1.0L, y = 2.0L) == std::sin(1.0L) + 2.0L);
  CHECK(gf(x = 3.0f) == 1.5f);
  CHECK(gi(x = 1.5f) == 3.0);
  CHECK((x * y)(x = 3, y = 7) == 21.0);
  CHECK((x / y)(x = 1, y = 2) == 0.5);  // not integer division
}

TEST_CASE("every operand is evaluated in the result type", "[evaluate][precision]") {
  // exact constants in the precision asked for
  CHECK(leibniz::eval(c<1, 3>, x = 0.0f) == 1.0f / 3.0f);
  CHECK(leibniz::eval(c<1, 3>, x = 0.0) == 1.0 / 3.0);
  CHECK(leibniz::eval(c<1, 3>, x = 0.0L) == 1.0L / 3.0L);
  CHECK(leibniz::eval(leibniz::pi, x = 0.0f) == std::numbers::pi_v<float>);
  CHECK(leibniz::eval(leibniz::pi, x = 0.0L) == std::numbers::pi_v<long double>);
  // long double keeps digits double would lose: (1 + 2^-30)^2 - 1 = 2^-29 + 2^-60
  // (x^2 needs 61 bits: long double has 64, double 53)
  constexpr auto g = x * x - 1_c;
  const long double v = 1.0L + std::ldexp(1.0L, -30);
  CHECK(g(x = v) == std::ldexp(1.0L, -29) + std::ldexp(1.0L, -60));
  CHECK(g(x = double(v)) == std::ldexp(1.0, -29));  // in double the 2^-60 is gone
  // float computes in float
  const float w = 1.0f + std::ldexp(1.0f, -12);
  CHECK(g(x = w) == w * w - 1.0f);
  // exact integer powers are products: x^3 at -2 is exactly -8, x^-1 at 4 is 0.25
  CHECK(pow(x, 3_c)(x = -2.0) == -8.0);
  CHECK(pow(x, -1_c)(x = 4.0) == 0.25);
  CHECK(pow(x, c<3, 2>)(x = 4.0) == 8.0);
  CHECK(sqrt(x)(x = 2.0) == std::sqrt(2.0));
}

TEST_CASE("sigmoid and softplus are stable for any argument", "[evaluate][stable]") {
  constexpr auto s = sigmoid(x);
  constexpr auto ds = d(s, x);
  constexpr auto d2s = d<2>(s, x);
  constexpr auto sp = softplus(x);
  constexpr auto dsp = d(sp, x);

  CHECK(s(x = 1000.0) == 1.0);
  CHECK(s(x = -1000.0) == 0.0);
  CHECK(s(x = 0.0) == 0.5);
  CHECK(s(x = -40.0) == Approx(4.248354255291589e-18).epsilon(1e-12));  // e^-40, no cancellation
  CHECK(s(x = -700.0) == Approx(std::exp(-700.0)).epsilon(1e-12));
  CHECK(ds(x = 1000.0) == 0.0);
  CHECK(ds(x = -1000.0) == 0.0);
  CHECK(ds(x = 0.0) == 0.25);
  CHECK(ds(x = 40.0) == Approx(4.248354255291589e-18).epsilon(1e-12));
  CHECK(ds(x = -40.0) == Approx(4.248354255291589e-18).epsilon(1e-12));
  CHECK(d2s(x = 40.0) == Approx(-4.248354255291589e-18).epsilon(1e-12));  // sigma'' = sigma' (1 - 2 sigma)
  CHECK(d2s(x = -40.0) == Approx(4.248354255291589e-18).epsilon(1e-12));
  CHECK(std::isfinite(d2s(x = 1000.0)));
  CHECK(std::isfinite(d2s(x = -1000.0)));

  CHECK(sp(x = 1000.0) == 1000.0);
  CHECK(sp(x = -1000.0) == 0.0);
  CHECK(sp(x = 0.0) == Approx(std::log(2.0)).epsilon(1e-15));
  CHECK(sp(x = -40.0) == Approx(4.248354255291589e-18).epsilon(1e-12));  // log1p(e^-40)
  CHECK(sp(x = 40.0) == 40.0);
  CHECK(sp(x = 1e-20) == Approx(std::log(2.0)).epsilon(1e-15));
  CHECK(dsp(x = 1000.0) == 1.0);
  CHECK(dsp(x = -1000.0) == 0.0);
  CHECK(dsp(x = -40.0) == Approx(4.248354255291589e-18).epsilon(1e-12));

  // in float too
  CHECK(s(x = 100.0f) == 1.0f);
  CHECK(s(x = -100.0f) >= 0.0f);
  CHECK(std::isfinite(ds(x = 100.0f)));
  CHECK(std::isfinite(ds(x = -100.0f)));
  CHECK(sp(x = 100.0f) == 100.0f);
  CHECK(std::isfinite(sp(x = -100.0f)));
}

TEST_CASE("tanh's derivative keeps its digits for large arguments", "[evaluate][stable]") {
  constexpr auto dt = d(tanh(x), x);
  // 1 / cosh(20)^2 = 4 e^-40 / (1 + e^-40)^2; 1 - tanh(20)^2 would be 0
  CHECK(dt(x = 20.0) == Approx(4 * 4.248354255291589e-18).epsilon(1e-12));
  CHECK(dt(x = -20.0) == Approx(4 * 4.248354255291589e-18).epsilon(1e-12));
  CHECK(dt(x = 400.0) == 0.0);
  CHECK(dt(x = 1e6) == 0.0);  // cosh overflows to infinity: 1 / infinity^2 is 0, not NaN
}

TEST_CASE("log1p and expm1 keep precision near 0", "[evaluate][stable]") {
  CHECK(log1p(x)(x = 1e-12) == Approx(9.999999999995e-13).epsilon(1e-15));
  CHECK(expm1(x)(x = 1e-12) == Approx(1.0000000000005e-12).epsilon(1e-15));
  CHECK(log1p(x)(x = -1e-12) == Approx(-1.0000000000005e-12).epsilon(1e-15));
  CHECK(expm1(x)(x = -1e-12) == Approx(-9.999999999995e-13).epsilon(1e-15));
  // where log(1 + x) and exp(x) - 1 lose about 4 of their 16 digits
  CHECK(std::abs((log(1_c + x))(x = 1e-12) / 9.999999999995e-13 - 1) > 1e-6);
  CHECK(std::abs((exp(x) - 1_c)(x = 1e-12) / 1.0000000000005e-12 - 1) > 1e-6);
  constexpr auto dl = d(log1p(x), x);
  constexpr auto de = d(expm1(x), x);
  CHECK(dl(x = 1e-12) == Approx(1 / (1 + 1e-12)).epsilon(1e-15));
  CHECK(de(x = 1e-12) == Approx(std::exp(1e-12)).epsilon(1e-15));
}

TEST_CASE("IEEE semantics: NaN and infinities, never an exception", "[evaluate][ieee]") {
  CHECK(std::isnan(log(x)(x = -1.0)));
  CHECK(log(x)(x = 0.0) == -infinity);
  CHECK((1_c / x)(x = 0.0) == infinity);
  CHECK((1_c / x)(x = -0.0) == -infinity);
  CHECK((x / y)(x = -1.0, y = 0.0) == -infinity);
  CHECK(std::isnan((x / y)(x = 0.0, y = 0.0)));
  CHECK(std::isnan(sqrt(x)(x = -1.0)));
  CHECK(std::isnan(asin(x)(x = 2.0)));
  CHECK(std::isnan(acos(x)(x = -2.0)));
  CHECK(std::isnan(log1p(x)(x = -2.0)));
  CHECK(log1p(x)(x = -1.0) == -infinity);
  CHECK(exp(x)(x = 1000.0) == infinity);
  CHECK(exp(x)(x = -1000.0) == 0.0);
  CHECK(pow(x, -2_c)(x = 0.0) == infinity);
  CHECK(std::isnan(pow(x, 2.5)(x = -1.0)));
  CHECK(d(log(x), x)(x = 0.0) == infinity);
  CHECK(d(sqrt(x), x)(x = 0.0) == infinity);
  // NaN goes through every function
  CHECK(std::isnan(sin(x)(x = not_a_number)));
  CHECK(std::isnan(sigmoid(x)(x = not_a_number)));
  CHECK(std::isnan(softplus(x)(x = not_a_number)));
  CHECK(std::isnan(relu(x)(x = not_a_number)));
  CHECK(std::isnan(abs(x)(x = not_a_number)));
  CHECK(std::isnan(step(x)(x = not_a_number)));
  CHECK(std::isnan(sign(x)(x = not_a_number)));
  CHECK(std::isnan(d(relu(x), x)(x = not_a_number)));
  CHECK(std::isnan(d(abs(x), x)(x = not_a_number)));
  // infinities where the limits are finite
  CHECK(sigmoid(x)(x = infinity) == 1.0);
  CHECK(sigmoid(x)(x = -infinity) == 0.0);
  CHECK(tanh(x)(x = infinity) == 1.0);
  CHECK(atan(x)(x = infinity) == Approx(std::numbers::pi / 2).epsilon(1e-15));
  CHECK(relu(x)(x = -infinity) == 0.0);
  CHECK(softplus(x)(x = -infinity) == 0.0);
  CHECK(softplus(x)(x = infinity) == infinity);

  // nothing throws, whatever the values
  constexpr auto g = log(x) / sqrt(y) + pow(x, y) + asin(x) * acos(y) + 1_c / (x - y) + exp(x * y);
  CHECK_NOTHROW(g(x = -1.0, y = 0.0));
  CHECK_NOTHROW(g(x = not_a_number, y = infinity));
  CHECK_NOTHROW(g(x = infinity, y = -infinity));
  CHECK_NOTHROW(d(g, x)(x = 0.0, y = 0.0));
  CHECK_NOTHROW(d(g, y)(x = -infinity, y = not_a_number));
  CHECK(std::isnan(g(x = -1.0, y = 0.5)));
}
