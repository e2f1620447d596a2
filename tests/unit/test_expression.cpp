// tests/unit/test_expression.cpp — what an expression is: variables, exact constants,
// runtime constants, the concepts, and the empty-object guarantee.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <type_traits>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;
using leibniz::c;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto x1 = leibniz::var<"x1">;

template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
}  // namespace

TEST_CASE("a variable is its name", "[expression][variable]") {
  STATIC_REQUIRE(same<decltype(x), decltype(leibniz::var<"x">)>);
  STATIC_REQUIRE(same<decltype(x), leibniz::variable<"x">>);
  STATIC_REQUIRE(!same<decltype(x), decltype(y)>);
  STATIC_REQUIRE(!same<decltype(x), decltype(x1)>);
  STATIC_REQUIRE(x.name.view() == "x");
  STATIC_REQUIRE(x1.name.view() == "x1");
  STATIC_REQUIRE(decltype(x1)::name.size() == 2);
  STATIC_REQUIRE(leibniz::fixed_string("x1").view() == "x1");
  STATIC_REQUIRE(x == leibniz::var<"x">);
  STATIC_REQUIRE(!(x == y));
  STATIC_REQUIRE(x != y);

  // x = v is a binding that carries the name and the value
  const auto b = (x = 2.5);
  STATIC_REQUIRE(same<decltype(b), leibniz::binding<"x", double>>);
  CHECK(b.value == 2.5);
  STATIC_REQUIRE(same<decltype(y = 1.5f), leibniz::binding<"y", float>>);
  STATIC_REQUIRE(same<decltype(y = 3), leibniz::binding<"y", int>>);

  // a variable evaluates to what it is bound to
  CHECK(x(x = 4.0) == 4.0);
  CHECK(x1(x1 = -1.25) == -1.25);
}

TEST_CASE("exact constants are reduced rationals in the type", "[expression][constant]") {
  STATIC_REQUIRE(same<decltype(c<2>), leibniz::constant<2, 1>>);
  STATIC_REQUIRE(same<decltype(c<2, 4>), leibniz::constant<1, 2>>);
  STATIC_REQUIRE(same<decltype(c<6, 4>), leibniz::constant<3, 2>>);
  STATIC_REQUIRE(same<decltype(c<3, -6>), leibniz::constant<-1, 2>>);
  STATIC_REQUIRE(same<decltype(c<-3, -6>), leibniz::constant<1, 2>>);
  STATIC_REQUIRE(same<decltype(c<0, 7>), leibniz::constant<0, 1>>);
  STATIC_REQUIRE(same<decltype(c<10, 5>), leibniz::constant<2, 1>>);
  STATIC_REQUIRE(c<2, 4> == c<1, 2>);
  STATIC_REQUIRE(!(c<1, 2> == c<1, 3>));
  STATIC_REQUIRE(c<1, 2> + c<1, 2> == c<1>);
  STATIC_REQUIRE(c<1, 2> * c<2, 3> == c<1, 3>);
  STATIC_REQUIRE(c<1, 2> - c<1, 3> == c<1, 6>);
  STATIC_REQUIRE(c<1, 2> / c<1, 4> == c<2>);
  STATIC_REQUIRE(-c<1, 2> == c<-1, 2>);

  STATIC_REQUIRE(decltype(c<6, 4>)::value.num == 3);
  STATIC_REQUIRE(decltype(c<6, 4>)::value.den == 2);
}

TEST_CASE("the _c literal makes exact constants", "[expression][constant][literal]") {
  STATIC_REQUIRE(same<decltype(2_c), leibniz::constant<2, 1>>);
  STATIC_REQUIRE(2_c == c<2>);
  STATIC_REQUIRE(0_c == c<0>);
  STATIC_REQUIRE(1.5_c == c<3, 2>);
  STATIC_REQUIRE(0.25_c == c<1, 4>);
  STATIC_REQUIRE(2.50_c == c<5, 2>);
  STATIC_REQUIRE(0.1_c == c<1, 10>);
  STATIC_REQUIRE(1'000_c == c<1000>);
  STATIC_REQUIRE(-3_c == c<-3>);
  STATIC_REQUIRE(same<decltype(-3_c), leibniz::constant<-3, 1>>);
  STATIC_REQUIRE(-1.5_c == c<-3, 2>);
  STATIC_REQUIRE(!(2_c == 3_c));

  // and they evaluate exactly to their value
  CHECK(leibniz::eval(1.5_c) == 1.5);
  CHECK(leibniz::eval(-3_c) == -3.0);
  CHECK(leibniz::eval(c<1, 3>) == 1.0 / 3.0);
  CHECK(leibniz::eval(c<1, 3>, x = 1.0f) == 1.0f / 3.0f);
  CHECK(leibniz::eval(c<1, 3>, x = 1.0L) == 1.0L / 3.0L);
}

TEST_CASE("pi is a named constant, exact in the type", "[expression][constant][pi]") {
  STATIC_REQUIRE(same<decltype(leibniz::pi), leibniz::named_constant<leibniz::pi_tag>>);
  STATIC_REQUIRE(leibniz::StaticExpression<decltype(leibniz::pi)>);
  STATIC_REQUIRE(leibniz::pi == leibniz::pi);
  STATIC_REQUIRE(!(leibniz::pi == c<355, 113>));
  STATIC_REQUIRE(std::is_empty_v<decltype(leibniz::pi)>);
  CHECK(leibniz::eval(leibniz::pi) == std::numbers::pi);
  CHECK(leibniz::eval(leibniz::pi, x = 0.0f) == std::numbers::pi_v<float>);
  CHECK(leibniz::eval(leibniz::pi, x = 0.0L) == std::numbers::pi_v<long double>);
  CHECK((2_c * leibniz::pi * x)(x = 0.5) == Approx(std::numbers::pi).epsilon(1e-15));
  CHECK(sin(leibniz::pi * x)(x = 1.0) == Approx(0.0).margin(1e-15));
}

TEST_CASE("a number mixed into an expression is a runtime constant", "[expression][runtime]") {
  const auto f = 2.5 * x;
  STATIC_REQUIRE(same<decltype(f), leibniz::product<leibniz::runtime_constant<double>, leibniz::variable<"x">>>);
  CHECK(f(x = 2.0) == 5.0);

  // integers are held as double, floats stay float
  const auto g = 3 * x;
  STATIC_REQUIRE(same<decltype(g), leibniz::product<leibniz::runtime_constant<double>, leibniz::variable<"x">>>);
  CHECK(g(x = 2.0) == 6.0);
  const auto h = 0.5f * x;
  STATIC_REQUIRE(same<decltype(h), leibniz::product<leibniz::runtime_constant<float>, leibniz::variable<"x">>>);
  CHECK(h(x = 3.0f) == 1.5f);

  // on either side, with every operator and function that takes two operands
  CHECK((x + 1.5)(x = 1.0) == 2.5);
  CHECK((1.5 + x)(x = 1.0) == 2.5);
  CHECK((x - 1.5)(x = 1.0) == -0.5);
  CHECK((1.5 - x)(x = 1.0) == 0.5);
  CHECK((x / 4.0)(x = 1.0) == 0.25);
  CHECK((4.0 / x)(x = 2.0) == 2.0);
  CHECK(pow(x, 2.5)(x = 4.0) == Approx(32.0).epsilon(1e-15));
  CHECK(pow(2.0, x)(x = 3.0) == Approx(8.0).epsilon(1e-15));
  CHECK(max(x, 0.5)(x = 0.25) == 0.5);
  CHECK(min(0.5, x)(x = 0.25) == 0.25);
}

TEST_CASE("a runtime expression holds its values; a static one holds nothing", "[expression][empty]") {
  // static expressions: empty objects, constexpr
  STATIC_REQUIRE(std::is_empty_v<decltype(x)>);
  STATIC_REQUIRE(std::is_empty_v<decltype(c<1, 2>)>);
  STATIC_REQUIRE(std::is_empty_v<decltype(2_c)>);
  constexpr auto f = sin(x) + x * y;
  STATIC_REQUIRE(std::is_empty_v<decltype(f)>);
  STATIC_REQUIRE(std::is_empty_v<decltype(leibniz::d(f, x))>);
  STATIC_REQUIRE(std::is_empty_v<decltype(exp(sin(x) * y) / (x + 1_c) - sqrt(abs(y)) * max(x, y))>);
  STATIC_REQUIRE(std::is_empty_v<decltype(leibniz::d(exp(sin(x) * y) / (x + 1_c), x, y))>);
  STATIC_REQUIRE(sizeof(f) == 1);

  // runtime expressions hold each value once; one runtime constant is one number
  const auto g = 2.5 * x;
  STATIC_REQUIRE(!std::is_empty_v<decltype(g)>);
  STATIC_REQUIRE(sizeof(g) == sizeof(double));
  const auto g2 = 2.5 * sin(x) + 3.5 * cos(y) * x;
  STATIC_REQUIRE(sizeof(g2) == 2 * sizeof(double));
  CHECK(g2(x = 2.0, y = 0.5) == Approx(2.5 * std::sin(2.0) + 3.5 * std::cos(0.5) * 2.0).epsilon(1e-15));

  // the value is copied in: changing the source afterwards changes nothing
  double a = 2.5;
  const auto k = a * x + a;
  a = 100.0;
  CHECK(k(x = 2.0) == 7.5);
  // and a copy carries the values along
  const auto k2 = k;
  CHECK(k2(x = 1.0) == 5.0);
  CHECK(k2 == k);
}

TEST_CASE("the concepts accept what they name and nothing else", "[expression][concepts]") {
  using leibniz::Expression;
  using leibniz::StaticExpression;
  using leibniz::Variable;

  STATIC_REQUIRE(Expression<decltype(x)>);
  STATIC_REQUIRE(Expression<decltype(2_c)>);
  STATIC_REQUIRE(Expression<decltype(leibniz::pi)>);
  STATIC_REQUIRE(Expression<decltype(sin(x) + x * y)>);
  STATIC_REQUIRE(Expression<decltype(2.0 * x)>);
  STATIC_REQUIRE(Expression<const decltype(x)&>);
  STATIC_REQUIRE(Expression<leibniz::runtime_constant<double>>);
  STATIC_REQUIRE(!Expression<double>);
  STATIC_REQUIRE(!Expression<int>);
  STATIC_REQUIRE(!Expression<decltype(x = 1.0)>);
  STATIC_REQUIRE(!Expression<leibniz::fixed_string<1>>);

  STATIC_REQUIRE(Variable<decltype(x)>);
  STATIC_REQUIRE(Variable<const decltype(x1)&>);
  STATIC_REQUIRE(!Variable<decltype(2_c * x)>);
  STATIC_REQUIRE(!Variable<decltype(sin(x))>);
  STATIC_REQUIRE(Variable<decltype(x + 0_c + y - y)>);  // simplifies back to x
  STATIC_REQUIRE(!Variable<decltype(2_c)>);
  STATIC_REQUIRE(!Variable<double>);

  STATIC_REQUIRE(StaticExpression<decltype(x)>);
  STATIC_REQUIRE(StaticExpression<decltype(2_c * x)>);
  STATIC_REQUIRE(StaticExpression<decltype(sin(x) + x * y)>);
  STATIC_REQUIRE(!StaticExpression<decltype(2.0 * x)>);
  STATIC_REQUIRE(!StaticExpression<decltype(sin(x) + pow(x, 0.5))>);
  STATIC_REQUIRE(!StaticExpression<leibniz::runtime_constant<float>>);
  STATIC_REQUIRE(!StaticExpression<double>);
}

TEST_CASE("a static expression is usable in constant expressions", "[expression][constexpr]") {
  constexpr auto f = sin(x) * x + 1_c / y;
  constexpr auto fx = leibniz::d(f, x);
  STATIC_REQUIRE(fx == cos(x) * x + sin(x));
  STATIC_REQUIRE(leibniz::tree_size(f) > 0);
  CHECK(fx(x = 0.0, y = 1.0) == 0.0);
  CHECK(f(x = 1.0, y = 2.0) == Approx(std::sin(1.0) + 0.5).epsilon(1e-15));
}
