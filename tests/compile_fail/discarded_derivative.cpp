// Building an expression and dropping it is always a mistake: d, gradient, eval and
// the functions are [[nodiscard]], so `d(f, x);` alone warns (an error here).
//
// expect: ignoring return value
#include <leibniz/leibniz.hpp>

#pragma GCC diagnostic error "-Wunused-result"

constexpr auto x = leibniz::var<"x">;

double slope() {
  constexpr auto f = sin(x) * x;
#ifdef LEIBNIZ_COMPILE_FAIL
  leibniz::d(f, x);  // the derivative is built and dropped
#endif
  return leibniz::d(f, x)(x = 1.0);
}
