// The checker on a matrix expression needs a value for every variable, as evaluating
// does: the error names the vector or matrix variable that has none (here x).
//
// expect: a variable of the expression has no value
// expect: variable_is_not_bound<[^"]*"x"
#include <leibniz/leibniz.hpp>

constexpr auto A = leibniz::mat<"A">;
constexpr auto x = leibniz::vec<"x">;

bool checked(const Eigen::MatrixXd& a, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  (void)v;
  return leibniz::check_gradient(sum(exp(A * x)), A = a).ok();  // x has no value
#else
  return leibniz::check_gradient(sum(exp(A * x)), A = a, x = v).ok();
#endif
}
