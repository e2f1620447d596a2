// d(f, v) differentiates by a variable; by any other expression (here x * y) it is
// a compile error saying so.
//
// expect: must be a variable
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

constexpr auto f = sin(x) * y;
#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto df = leibniz::d(f, x* y);  // x * y is not a variable
#else
constexpr auto df = leibniz::d(f, x);
static_assert(df == cos(x) * y);
#endif
