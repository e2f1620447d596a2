// A scalar variable (var) bound to an Eigen matrix: the error says what a var takes and
// how to declare a vector or matrix variable instead, naming the variable.
//
// expect: declare it leibniz::vec<"name"> or leibniz::mat<"name">
// expect: variable<[^"]*"W"
#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::var<"W">;

double value(const Eigen::MatrixXd& m) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return (W * W)(W = m);  // a matrix for a scalar variable
#else
  return (W * W)(W = m(0, 0));
#endif
}
