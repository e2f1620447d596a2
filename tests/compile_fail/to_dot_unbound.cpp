// Drawing an annotated graph needs a value for every variable, as evaluating does: the
// error names the variable that has none (here y), once, without a cascade.
//
// expect: has no value
// expect: variable_is_not_bound<[^"]*"y"
#include <string>

#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

std::string graph() {
  constexpr auto f = (x + y) * x;
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::to_dot(f, x = 1.0);  // y has no value
#else
  return leibniz::to_dot(f, x = 1.0, y = 2.0) + leibniz::to_dot(f);  // unannotated needs none
#endif
}
