// A scalar variable takes a number or an Eigen array of points. An Eigen vector is
// linear algebra, not a set of points: the error says how to bind it as an array.
//
// expect: bind an Eigen vector or matrix as an array: `x = v.array\(\)`
// expect: variable<[^"]*"x"
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;

Eigen::ArrayXd values(const Eigen::VectorXd& v) {
  constexpr auto f = x * x;
#ifdef LEIBNIZ_COMPILE_FAIL
  return f(x = v);  // a vector: many points, but not an array
#else
  return f(x = v.array());
#endif
}
