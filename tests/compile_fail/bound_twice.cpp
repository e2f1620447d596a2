// Binding one variable twice in one evaluation is a compile error that names the
// variable, even when both values agree.
//
// expect: bound twice
// expect: variable_is_bound_twice<[^"]*"x"
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

double value() {
  constexpr auto f = x * y;
#ifdef LEIBNIZ_COMPILE_FAIL
  return f(x = 1.0, y = 2.0, x = 3.0);  // x is bound twice
#else
  return f(x = 1.0, y = 2.0);
#endif
}
