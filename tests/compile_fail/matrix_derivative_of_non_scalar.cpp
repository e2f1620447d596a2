// d(f, x) and gradient(f, x) take a scalar f. A vector-valued f (here A * x) must be
// reduced to a scalar first, or differentiated with jacobian: the error says so.
//
// expect: take a scalar f, but f is a vector or matrix: reduce it to a scalar
#include <leibniz/leibniz.hpp>

constexpr auto A = leibniz::mat<"A">;
constexpr auto x = leibniz::vec<"x">;

Eigen::VectorXd slope(const Eigen::MatrixXd& a, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::d(A * x, x)(A = a, x = v);  // A * x is a vector
#else
  return leibniz::d(squared_norm(A * x), x)(A = a, x = v);
#endif
}
