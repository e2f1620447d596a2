// to_dot draws values and adjoints for scalar expressions only: with vectors or
// matrices it draws the graph with its shapes, without bindings, and says so.
//
// expect: values and adjoints are drawn for scalar expressions only
// expect: without bindings, to_dot\(f\), which shows the shapes
#include <string>

#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::mat<"W">;
constexpr auto x = leibniz::vec<"x">;

std::string graph(const Eigen::MatrixXd& w, const Eigen::VectorXd& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::to_dot(relu(W * x), W = w, x = v);
#else
  (void)w;
  (void)v;
  return leibniz::to_dot(relu(W * x));
#endif
}
