// A matrix variable left unbound is named in the error, as a scalar one is.
//
// expect: a variable of the expression has no value
// expect: variable_is_not_bound<[^"]*"x"
#include <leibniz/leibniz.hpp>

constexpr auto A = leibniz::mat<"A">;
constexpr auto x = leibniz::vec<"x">;

Eigen::VectorXd image(const Eigen::MatrixXd& a, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  (void)v;
  return (A * x)(A = a);  // x has no value
#else
  return (A * x)(A = a, x = v);
#endif
}
