// A variable is bound to a number (or an Eigen array); binding it to anything
// else, here a string, is a compile error saying so.
//
// expect: a variable is bound to a number
// expect: variable<[^"]*"x"
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;

double value() {
  constexpr auto f = x * x;
#ifdef LEIBNIZ_COMPILE_FAIL
  return f(x = "2.0");  // a string is not a number
#else
  return f(x = 2.0);
#endif
}
