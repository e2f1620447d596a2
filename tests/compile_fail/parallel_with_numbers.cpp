// leibniz::parallel splits arrays of points over threads: with numbers alone there is
// nothing to split, and the error says so (before any word about OpenMP).
//
// expect: leibniz::parallel is for arrays of points: bind at least one variable to an Eigen array
#include <leibniz/leibniz.hpp>
#include <leibniz/parallel.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

double slope(double a) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::gradient(x * y, x, y)(leibniz::parallel, x = a, y = 2.0)[x];
#else
  return leibniz::gradient(x * y, x, y)(x = a, y = 2.0)[x];
#endif
}
