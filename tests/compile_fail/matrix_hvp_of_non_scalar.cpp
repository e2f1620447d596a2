// A Hessian-vector product is of a scalar function: a compile error says to reduce a
// vector or matrix first.
//
// expect: hvp\(f, \.\.\.\): f must be a scalar; reduce a vector or matrix
#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::mat<"W">;
constexpr auto x = leibniz::vec<"x">;

Eigen::VectorXd curvature(const Eigen::MatrixXd& w, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::hvp(tanh(W * x), x = v)(W = w, x = v)[x];  // a vector-valued f
#else
  return leibniz::hvp(squared_norm(tanh(W * x)), x = v)(W = w, x = v)[x];
#endif
}
