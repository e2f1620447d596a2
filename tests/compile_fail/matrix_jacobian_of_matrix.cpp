// The Jacobian of a matrix by a matrix would be a 4-index tensor: a compile error says
// it is not provided.
//
// expect: the Jacobian of a matrix by a matrix is a 4-index tensor, which is not provided
#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::mat<"W">;
constexpr auto x = leibniz::vec<"x">;

Eigen::MatrixXd slope(const Eigen::MatrixXd& w, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  (void)v;
  return leibniz::jacobian(exp(W), W)(W = w);  // a matrix by a matrix
#else
  return leibniz::jacobian(W * x, x)(W = w, x = v);
#endif
}
