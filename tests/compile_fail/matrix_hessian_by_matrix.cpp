// The Hessian by a matrix would be a 4-index tensor: a compile error says to take hvp,
// the Hessian times a direction, instead.
//
// expect: hessian\(f, W\) by a matrix W would be a 4-index tensor, which is not provided; take hvp
#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::mat<"W">;
constexpr auto x = leibniz::vec<"x">;

Eigen::MatrixXd curvature(const Eigen::MatrixXd& w, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::hessian(squared_norm(W * x), W)(W = w, x = v);  // by a matrix
#else
  return leibniz::hessian(squared_norm(W * x), x)(W = w, x = v);
#endif
}
