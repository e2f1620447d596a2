// tests/static/static_simplify.cpp — the static tier of simplify.hpp: one static_assert a
// line, compiled and never run. A failure breaks the build and names the line.
// The runtime twin (with values) is tests/unit/test_simplify.cpp.
#include <type_traits>

#include <leibniz/leibniz.hpp>

namespace {

using namespace leibniz::literals;
using leibniz::c;

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

// ------------------------------------------------------------- the canonical forms promised to users
static_assert(x * y == y * x);
static_assert(x * x == pow(x, 2_c));
static_assert(x * x == square(x));
static_assert(2_c * x + 3_c * x == 5_c * x);
static_assert(x - x == 0_c);
static_assert(x / x == 1_c);
static_assert(-(-x) == x);
static_assert(sqrt(x) == pow(x, c<1, 2>));
static_assert(sqrt(x) * sqrt(x) == x);
static_assert(2_c * (x + y) == 2_c * x + 2_c * y);
static_assert(x - (y - z) == x - y + z);
static_assert(log(exp(x)) == x);
static_assert(sin(0_c) == 0_c);

// ------------------------------------------------------------------------- constants
static_assert(c<2, 4> == c<1, 2>);
static_assert(c<3, -6> == c<-1, 2>);
static_assert(c<0, 5> == 0_c);
static_assert(1.5_c == c<3, 2>);
static_assert(-3_c == c<-3>);
static_assert(c<1, 2> + c<1, 3> == c<5, 6>);
static_assert(c<2, 3> * c<3, 4> == c<1, 2>);
static_assert(1_c / c<3, 4> == c<4, 3>);
static_assert(!(c<1, 2> == c<1, 3>));

// ------------------------------------------------------------------------- sums
static_assert((x + y) + z == x + (y + z));
static_assert(x + y == y + x);
static_assert(z + y + x == x + y + z);
static_assert(sin(x) + x == x + sin(x));
static_assert(1_c + x + 2_c == x + 3_c);
static_assert(c<1, 2> + x + c<1, 3> == x + c<5, 6>);
static_assert(x + 1_c - 1_c == x);
static_assert(x + 0_c == x);
static_assert(x + x == 2_c * x);
static_assert(x * y + y * x == 2_c * x * y);
static_assert(c<1, 2> * x + c<1, 2> * x == x);
static_assert(x + y + x + y == 2_c * x + 2_c * y);
static_assert(x + y - x == y);
static_assert(2_c * x * y - y * x * 2_c == 0_c);
static_assert(3_c * (x + y) - 3_c * x == 3_c * y);
static_assert(sin(x) - sin(x) == 0_c);
static_assert(sin(x) + 2_c * sin(x) == 3_c * sin(x));
static_assert(x * x + 2_c * square(x) == 3_c * pow(x, 2_c));
static_assert(-(x - y) == y - x);
static_assert(-(x + y) == -x - y);
static_assert(+x == x);
static_assert(x - y == x + (-1_c) * y);

// ------------------------------------------------------------------------- products
static_assert((x * y) * z == x * (y * z));
static_assert(z * y * x == x * y * z);
static_assert(sin(x) * x == x * sin(x));
static_assert((x + y) * z == z * (y + x));
static_assert(0_c * x == 0_c);
static_assert(sin(x) * 0_c == 0_c);
static_assert(0_c * x * y * exp(z) == 0_c);
static_assert(0_c / x == 0_c);
static_assert(1_c * x == x);
static_assert(2_c * x * 3_c == 6_c * x);
static_assert(c<1, 2> * x * 2_c == x);
static_assert(x / 2_c == c<1, 2> * x);
static_assert(-1_c * -1_c * x == x);
static_assert(x * x * x == pow(x, 3_c));
static_assert(x * (1_c / x) == 1_c);
static_assert(sqrt(x) * x == pow(x, c<3, 2>));
static_assert(pow(x, 2_c) * pow(x, -2_c) == 1_c);
static_assert(x * pow(x, y) == pow(x, y + 1_c));
static_assert(pow(x, y) * pow(x, z) == pow(x, y + z));
static_assert(sin(x) * sin(x) == square(sin(x)));
static_assert(x * y / (y * x) == 1_c);
static_assert(x * y * z / (z * y) == x);
static_assert((x + y) / (x + y) == 1_c);
static_assert(x / (y / z) == x * z / y);
static_assert(sqrt(2_c) * sqrt(2_c) == 2_c);

// ------------------------------------------------------------------------- grown one operand at a time
// A sum or a product grown by one operand that cannot merge takes a shortcut (simplify.hpp,
// insert_operand); it must give exactly the type of the general way, which plans all the
// operands at once. Each grown in several orders, so the new operand lands first, between
// and last.
template <class Grown, class... Ts>
constexpr bool sum_as_planned(const Grown&, const Ts&... terms) {
  return std::is_same_v<Grown, decltype(leibniz::detail::canonical_sum(leibniz::detail::make_pack(terms...)))>;
}
template <class Grown, class... Fs>
constexpr bool product_as_planned(const Grown&, const Fs&... factors) {
  return std::is_same_v<Grown, decltype(leibniz::detail::canonical_product(leibniz::detail::make_pack(factors...)))>;
}
static_assert(sum_as_planned(x * y + sin(z) + x + exp(y) + y * z, x * y, sin(z), x, exp(y), y * z));
static_assert(sum_as_planned(y * z + exp(y) + x + sin(z) + x * y, x * y, sin(z), x, exp(y), y * z));
static_assert(sum_as_planned(x + (y * z + (exp(y) + (sin(z) + x * y))), x * y, sin(z), x, exp(y), y * z));
static_assert(sum_as_planned(exp(y) + x * y + y * z + x + sin(z), x * y, sin(z), x, exp(y), y * z));
static_assert(sum_as_planned(3_c * x + y + sin(z), 3_c * x, y, sin(z)));
static_assert(sum_as_planned(sin(z) + y + 3_c * x, 3_c * x, y, sin(z)));
static_assert(x + y + z + 2_c * y == x + 3_c * y + z);  // like terms: the general way
static_assert(x + y + 1_c + z == 1_c + x + y + z);      // a number: the general way
static_assert(product_as_planned(x * y * sin(z) * exp(x) * (y + z), x, y, sin(z), exp(x), y + z));
static_assert(product_as_planned((y + z) * exp(x) * sin(z) * y * x, x, y, sin(z), exp(x), y + z));
static_assert(product_as_planned(x * (y * (sin(z) * (exp(x) * (y + z)))), x, y, sin(z), exp(x), y + z));
static_assert(product_as_planned(sin(z) * 2_c * x * y * exp(x), 2_c, x, y, sin(z), exp(x)));
static_assert(product_as_planned(exp(x) * (y * (-3_c * x)) * sin(z), -3_c, x, y, sin(z), exp(x)));
static_assert(x * y * z * sin(x) * y == x * square(y) * z * sin(x));  // a repeated base: the general way

// ------------------------------------------------------------------------- distribution
static_assert((x + y) * 2_c == 2_c * x + 2_c * y);
static_assert(c<1, 2> * (x + y) == c<1, 2> * x + c<1, 2> * y);
static_assert((x + y) / 2_c == c<1, 2> * x + c<1, 2> * y);
static_assert(3_c * (x + 1_c) == 3_c * x + 3_c);
static_assert(-(x + y + 1_c) == -x - y - 1_c);
static_assert(!(x * (y + z) == x * y + x * z));
static_assert(!(2_c * ((x + y) * (x + z)) == (2_c * x + 2_c * y) * (x + z)));

// ------------------------------------------------------------------------- powers
static_assert(pow(x, 0_c) == 1_c);
static_assert(pow(sin(x) + y, 0_c) == 1_c);
static_assert(pow(x, 1_c) == x);
static_assert(pow(1_c, x) == 1_c);
static_assert(pow(0_c, 2_c) == 0_c);
static_assert(pow(2_c, 10_c) == 1024_c);
static_assert(pow(c<2, 3>, 2_c) == c<4, 9>);
static_assert(pow(2_c, -2_c) == c<1, 4>);
static_assert(pow(-2_c, 3_c) == -8_c);
static_assert(pow(c<-1, 2>, -3_c) == -8_c);
static_assert(square(c<3, 2>) == c<9, 4>);
static_assert(pow(pow(x, y), 2_c) == pow(x, 2_c * y));
static_assert(pow(sqrt(x), 2_c) == x);
static_assert(pow(pow(x, c<1, 3>), 3_c) == x);
static_assert(pow(pow(x, c<1, 2>), 3_c) == pow(x, c<3, 2>));
static_assert(pow(pow(x, 3_c), 2_c) == pow(x, 6_c));
static_assert(1_c / sqrt(x) == pow(x, c<-1, 2>));
static_assert(1_c / (1_c / x) == x);
static_assert(pow(x * y, 2_c) == x * x * y * y);
static_assert(pow(2_c * x, 2_c) == 4_c * x * x);
static_assert(1_c / (x * y) == pow(x, -1_c) * pow(y, -1_c));
static_assert(pow(-x, 2_c) == x * x);
static_assert(pow(-x, 3_c) == -pow(x, 3_c));
static_assert(!(sqrt(x * x) == x));
static_assert(!(sqrt(x * x) == abs(x)));
static_assert(sqrt(x * x) == pow(pow(x, 2_c), c<1, 2>));
static_assert(!(sqrt(x * y) == sqrt(x) * sqrt(y)));

// ------------------------------------------------------------------------- functions at rational points
static_assert(cos(0_c) == 1_c);
static_assert(tan(0_c) == 0_c);
static_assert(exp(0_c) == 1_c);
static_assert(log(1_c) == 0_c);
static_assert(asin(0_c) == 0_c);
static_assert(acos(1_c) == 0_c);
static_assert(atan(0_c) == 0_c);
static_assert(sinh(0_c) == 0_c);
static_assert(cosh(0_c) == 1_c);
static_assert(tanh(0_c) == 0_c);
static_assert(log1p(0_c) == 0_c);
static_assert(expm1(0_c) == 0_c);
static_assert(abs(-3_c) == 3_c);
static_assert(abs(c<-1, 2>) == c<1, 2>);
static_assert(relu(-3_c) == 0_c);
static_assert(relu(c<5, 2>) == c<5, 2>);
static_assert(sigmoid(0_c) == c<1, 2>);
static_assert(sign(-2_c) == -1_c);
static_assert(sign(0_c) == 0_c);
static_assert(sign(c<1, 7>) == 1_c);
static_assert(step(0_c) == 0_c);
static_assert(step(c<1, 2>) == 1_c);
static_assert(step(-1_c) == 0_c);
static_assert(sin(x - x) == 0_c);
static_assert(exp(x * 0_c) + cos(y - y) == 2_c);
static_assert(max(2_c, 3_c) == 3_c);
static_assert(min(2_c, 3_c) == 2_c);
static_assert(max(c<1, 2>, c<1, 3>) == c<1, 2>);
static_assert(min(c<-1, 2>, c<-1, 3>) == c<-1, 2>);
static_assert(max(x, x) == x);
static_assert(min(x, x) == x);
static_assert(max(sin(x) * y, y* sin(x)) == y * sin(x));
static_assert(!(max(x, y) == max(y, x)));
static_assert(log(exp(x * y + z)) == x * y + z);
static_assert(log(exp(0_c)) == 0_c);

// ------------------------------------------------------------------------- what the rules do not know
static_assert(!(square(sin(x)) + square(cos(x)) == 1_c));
static_assert(!(sin(-x) == -sin(x)));
static_assert(!(cos(-x) == cos(x)));
static_assert(!(tan(x) == sin(x) / cos(x)));
static_assert(!((x + 1_c) * (x - 1_c) == x * x - 1_c));
static_assert(!(square(x + y) == x * x + 2_c * x * y + y * y));
static_assert(!(x * y + x * z == x * (y + z)));
static_assert(!(exp(log(x)) == x));
static_assert(!(exp(x) * exp(y) == exp(x + y)));
static_assert(!(log(x * y) == log(x) + log(y)));
static_assert(!((x * y + x) / x == y + 1_c));
static_assert(!(abs(abs(x)) == abs(x)));

// ------------------------------------------------------------------------- runtime constants (constexpr when literal)
static_assert(2.0 * x * 3.0 == 6.0 * x);
static_assert(!(2.0 * x * 3.0 == 5.0 * x));
static_assert(x + 1.0 + 2.0 == x + 3.0);
static_assert(2_c * (3.0 * x) == 6.0 * x);
static_assert(x + 1.0 + 2_c == x + 3.0);
static_assert(c<1, 2> * x * 3.0 == 1.5 * x);
static_assert((2.0 * x) * (3.0 * x) == 6.0 * pow(x, 2_c));
static_assert(2.0 * x == 2.0 * x);
static_assert(!(2.0 * x == 3.0 * x));
static_assert(!(2.0 * x == 2_c * x));
static_assert(!(x * 2.0 + x * 3.0 == 5.0 * x));
static_assert(pow(x, 2.5) == pow(x, 2.5));
static_assert(!(pow(x, 2.5) == pow(x, 2.25)));
static_assert(x + 1.5 == 1.5 + x);
static_assert(!(x + 1.5 == x + 1.25));
static_assert(!(2.0 * (x + y) == 2.0 * x + 2.0 * y));

}  // namespace
