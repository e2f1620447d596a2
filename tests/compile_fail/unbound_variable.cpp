// Evaluating an expression without a value for one of its variables is a compile
// error that names the variable: here f uses y, and only x is bound.
//
// expect: has no value
// expect: variable_is_not_bound<[^"]*"y"
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

double value() {
  constexpr auto f = sin(x) + x * y;
#ifdef LEIBNIZ_COMPILE_FAIL
  return f(x = 1.0);  // y has no value
#else
  return f(x = 1.0, y = 2.0);
#endif
}
