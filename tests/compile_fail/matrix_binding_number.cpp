// A matrix variable is bound to an Eigen matrix; a number is refused, with the
// variable's name in the message.
//
// expect: a vector or matrix variable \(vec<...>, mat<...>\) is bound to an Eigen matrix
// expect: matrix_variable_needs_a_matrix<[^"]*"A"
#include <leibniz/leibniz.hpp>

constexpr auto A = leibniz::mat<"A">;

double total(const Eigen::MatrixXd& a) {
#ifdef LEIBNIZ_COMPILE_FAIL
  (void)a;
  return sum(A)(A = 2.0);  // a number for a matrix
#else
  return sum(A)(A = a);
#endif
}
