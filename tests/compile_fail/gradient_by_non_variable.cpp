// gradient(f, xs...) takes derivatives by variables; by any other expression (here
// sin(x)) it is a compile error saying so.
//
// expect: derivatives are taken by variables
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

constexpr auto f = sin(x) * y;
#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto g = leibniz::gradient(f, sin(x), y);  // sin(x) is not a variable
#else
constexpr auto g = leibniz::gradient(f, x, y);
static_assert(g[y] == sin(x));
#endif
