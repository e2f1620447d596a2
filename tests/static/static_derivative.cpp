// tests/static/static_derivative.cpp — the static tier of derivative.hpp: one
// static_assert a line, compiled and never run. The runtime twin (with the numbers,
// finite differences and laws for every operation) is tests/unit/test_derivative.cpp.
#include <leibniz/leibniz.hpp>

namespace {

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

// ------------------------------------------------------------------------- every operation
static_assert(d(exp(x), x) == exp(x));
static_assert(d(log(x), x) == 1_c / x);
static_assert(d(sqrt(x), x) == 1_c / (2_c * sqrt(x)));
static_assert(d(sqrt(x), x) == c<1, 2> * pow(x, c<-1, 2>));
static_assert(d(sin(x), x) == cos(x));
static_assert(d(cos(x), x) == -sin(x));
static_assert(d(tan(x), x) == 1_c + square(tan(x)));
static_assert(d(asin(x), x) == 1_c / sqrt(1_c - x * x));
static_assert(d(acos(x), x) == -1_c / sqrt(1_c - x * x));
static_assert(d(atan(x), x) == 1_c / (1_c + x * x));
static_assert(d(sinh(x), x) == cosh(x));
static_assert(d(cosh(x), x) == sinh(x));
static_assert(d(tanh(x), x) == pow(cosh(x), -2_c));
static_assert(d(tanh(x), x) == 1_c / square(cosh(x)));
static_assert(d(pow(x, 3_c), x) == 3_c * x * x);
static_assert(d(pow(x, c<5, 2>), x) == c<5, 2> * pow(x, c<3, 2>));
static_assert(d(pow(x, -2_c), x) == -2_c / (x * x * x));
static_assert(d(pow(x, c<1, 3>), x) == c<1, 3> * pow(x, c<-2, 3>));
static_assert(d(pow(x, 2_c), x) == 2_c * x);
static_assert(d(pow(x, 1_c), x) == 1_c);
static_assert(d(pow(x, 0_c), x) == 0_c);
static_assert(d(pow(x, 2.5), x) == 2.5 * pow(x, 1.5));
static_assert(!(d(pow(x, 2.5), x) == 2.5 * pow(x, 1.25)));
static_assert(d(pow(x, y), x) == y * pow(x, y - 1_c));
static_assert(d(pow(x, y), y) == pow(x, y) * log(x));
static_assert(d(pow(2_c, x), x) == log(2_c) * pow(2_c, x));
static_assert(d(pow(x, x), x) == pow(x, x) + pow(x, x) * log(x));
static_assert(d(abs(x), x) == sign(x));
static_assert(d(log1p(x), x) == 1_c / (1_c + x));
static_assert(d(expm1(x), x) == exp(x));
static_assert(d(sigmoid(x), x) == sigmoid(x) * sigmoid(-x));
static_assert(d(softplus(x), x) == sigmoid(x));
static_assert(d(relu(x), x) == step(x));
static_assert(d(square(x), x) == 2_c * x);
static_assert(d(step(x), x) == 0_c);
static_assert(d(sign(x), x) == 0_c);
static_assert(d(-x, x) == -1_c);
static_assert(d(-sin(x), x) == -cos(x));
static_assert(d(max(x, y), x) == 1_c - step(y - x));
static_assert(d(max(x, y), y) == step(y - x));
static_assert(d(min(x, y), x) == 1_c - step(x - y));
static_assert(d(min(x, y), y) == step(x - y));
static_assert(d(max(x, 0.5), x) == 1_c - step(0.5 - x));

// ------------------------------------------------------------------------- + - * /
static_assert(d(x + y, x) == 1_c);
static_assert(d(x - y, y) == -1_c);
static_assert(d(x * y, x) == y);
static_assert(d(x * y, y) == x);
static_assert(d(x / y, x) == 1_c / y);
static_assert(d(x / y, y) == -x / (y * y));
static_assert(d(x * x * x * y, x) == 3_c * x * x * y);
static_assert(d(2.0 * x * x, x) == 4.0 * x);
static_assert(d(x + 2.5, x) == 1_c);

// ------------------------------------------------------------------------- the laws, on compound operands
static_assert(d(sin(x) + exp(x * y), x) == d(sin(x), x) + d(exp(x * y), x));
static_assert(d(2_c * sin(x) + 3_c * atan(x), x) == 2_c * cos(x) + 3_c * d(atan(x), x));
static_assert(d(sin(x) * exp(x * y), x) == d(sin(x), x) * exp(x * y) + sin(x) * d(exp(x * y), x));
static_assert(d(sin(x * x), x) == cos(x * x) * 2_c * x);
static_assert(d(exp(sin(x)), x) == exp(sin(x)) * cos(x));
static_assert(d(log(sin(x)), x) == cos(x) / sin(x));
static_assert(d(tanh(2_c * x), x) == 2_c / square(cosh(2_c * x)));
static_assert(d(sqrt(x * x + y * y), x) == x / sqrt(x * x + y * y));
static_assert(d(log(x * x), x) == 2_c / x);
static_assert(d(sin(x) * x, x) == cos(x) * x + sin(x));
static_assert(d(relu(2_c * x), x) == 2_c * step(2_c * x));
static_assert(d(abs(x * y), x) == y * sign(x * y));

// ------------------------------------------------------------------------- several variables, n-th derivatives
static_assert(d(sin(x * y), x, y) == d(d(sin(x * y), x), y));
static_assert(d(x * y * z, x, y) == z);
static_assert(d(x * y * z, z, y, x) == 1_c);
static_assert(d(x * y * z, x, x) == 0_c);
static_assert(d<0>(sin(x), x) == sin(x));
static_assert(d<1>(sin(x), x) == cos(x));
static_assert(d<2>(sin(x), x) == -sin(x));
static_assert(d<3>(sin(x), x) == -cos(x));
static_assert(d<4>(sin(x), x) == sin(x));
static_assert(d<8>(cos(x), x) == cos(x));
static_assert(d<4>(exp(2_c * x), x) == 16_c * exp(2_c * x));
static_assert(d<3>(pow(x, 3_c), x) == 6_c);
static_assert(d<4>(pow(x, 3_c), x) == 0_c);
static_assert(d<2>(x * x * y, x) == 2_c * y);
static_assert(d<2>(tanh(x), x) == -2_c * sinh(x) / pow(cosh(x), 3_c));
static_assert(d<3>(exp(sin(x)) * x, x) == d(exp(sin(x)) * x, x, x, x));

// ------------------------------------------------------------------------- by a variable not in f: 0
static_assert(d(sin(x), y) == 0_c);
static_assert(d(x * x + exp(x), z) == 0_c);
static_assert(d(2_c, x) == 0_c);
static_assert(d(leibniz::pi, x) == 0_c);
static_assert(d(leibniz::pi * x, x) == leibniz::pi);
static_assert(d(2.5 * x, y) == 0_c);
static_assert(d(x, x) == 1_c);
static_assert(d(y, x) == 0_c);
static_assert(d(x + y - x, x) == 0_c);
static_assert(d(z / z * x, z) == 0_c);

// ------------------------------------------------------------------------- the course examples
constexpr auto x1 = leibniz::var<"x1">;
constexpr auto x2 = leibniz::var<"x2">;
static_assert(d(sin(x1) + x1 * x2, x1) == cos(x1) + x2);
static_assert(d(sin(x1) + x1 * x2, x2) == x1);
static_assert(d((x + y) * z, z) == x + y);
static_assert(d((x + y) * z, x) == z);
static_assert(d((x + y) * z, y) == z);
static_assert(d(square(leibniz::var<"w2"> * relu(leibniz::var<"w1"> * x + leibniz::var<"b1">) + leibniz::var<"b2"> - y),
                leibniz::var<"b2">) ==
              2_c * (leibniz::var<"w2"> * relu(leibniz::var<"w1"> * x + leibniz::var<"b1">) + leibniz::var<"b2"> - y));

}  // namespace
