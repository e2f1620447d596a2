// A gradient's values are indexed by the variables it was taken by; indexing by
// another variable is a compile error that names it.
//
// expect: this result has no entry for the variable
// expect: variable_is_not_in_this_result<.*"z"
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

double read() {
  const auto g = leibniz::gradient(x * y, x, y)(x = 1.0, y = 2.0);
#ifdef LEIBNIZ_COMPILE_FAIL
  return g[z];  // the gradient was taken by x and y only
#else
  (void)z;
  return g[y];
#endif
}
