// The small examples of docs/reference.md and docs/concepts.md, compiled and run: each
// block below is quoted there by its marker, and the test suite checks what this
// program prints.
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <tuple>
#include <type_traits>

#include <Eigen/Core>
#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

int main() {
  {
    // [snippet:concept-types]
    constexpr auto f = sin(x) * y;
    static_assert(std::is_empty_v<decltype(f)>);  // nothing is stored: the type is the function
    static_assert(x * y == y * x);                // one canonical form, one type
    static_assert(leibniz::d(f, x) == y * cos(x));
    std::cout << "d(f, x) = " << leibniz::d(f, x) << '\n';
    // [snippet:concept-types-end]
  }
  {
    // [snippet:concept-dag]
    constexpr auto u = exp(x * y);
    constexpr auto g = u * sin(u) + u;  // u written three times
    std::cout << "tree_size " << leibniz::tree_size(g) << ", node_count " << leibniz::node_count(g) << '\n';
    // [snippet:concept-dag-end]
  }
  {
    // [snippet:concept-runtime]
    const auto h = x * 2.0 + x * 3.0;  // two runtime constants: equal types, different values
    std::cout << h << " = " << h(x = 1.0) << '\n';
    // [snippet:concept-runtime-end]
  }
  {
    // [snippet:ref-gradient]
    const auto G = leibniz::gradient(sin(x) + x * y, x, y);           // reverse mode
    std::cout << "df/dx = " << G[x] << ", df/dy = " << G[y] << '\n';  // expressions
    const auto g = G(x = 1.0, y = 2.0);                               // values, one pass
    std::cout << "g[x] = " << g[x] << ", g[y] = " << g[y] << '\n';
    auto [gx, gy] = G(x = 1.0, y = 2.0);  // in the order the variables were given
    // [snippet:ref-gradient-end]
    std::cout << "gx = " << gx << ", gy = " << gy << '\n';
  }
  {
    // [snippet:ref-gradient-all]
    const auto g = leibniz::gradient(x * y * z)(x = 1.0, y = 2.0, z = 3.0);  // x, y, z by name
    std::cout << "grad(x y z) = " << get<0>(g) << ", " << get<1>(g) << ", " << get<2>(g) << '\n';
    // [snippet:ref-gradient-all-end]
  }
  {
    // [snippet:ref-modes]
    const auto F = leibniz::gradient<leibniz::forward>(exp(x * y), x, y);  // a derivative per variable
    const auto R = leibniz::gradient<leibniz::reverse>(exp(x * y), x, y);  // one adjoint sweep
    std::cout << "forward " << F(x = 1.0, y = 2.0)[x] << ", reverse " << R(x = 1.0, y = 2.0)[x] << "; unique nodes "
              << leibniz::node_count(F) << " and " << leibniz::node_count(R) << '\n';
    // [snippet:ref-modes-end]
  }
  {
    // [snippet:ref-hessian]
    const auto H = leibniz::hessian(x * x * y, x, y)(x = 1.0, y = 2.0);
    std::cout << "H = [[" << H[x][x] << ", " << H[x][y] << "], [" << H[y][x] << ", " << H[y][y] << "]]\n";
    // [snippet:ref-hessian-end]
  }
  {
    // [snippet:ref-jacobian]
    const auto J = leibniz::jacobian(std::tuple{x * y, x + y}, x, y)(x = 1.0, y = 2.0);
    std::cout << "J = [[" << J[0][x] << ", " << J[0][y] << "], [" << J[1][x] << ", " << J[1][y] << "]]\n";
    // [snippet:ref-jacobian-end]
  }
  {
    // [snippet:ref-jvp]
    const auto t = leibniz::jvp(x * y, x = 1.0, y = 0.5);  // along (1, 0.5): y + 0.5 x
    std::cout << "jvp = " << t << " = " << t(x = 3.0, y = 2.0) << '\n';
    // [snippet:ref-jvp-end]
  }
  {
    // [snippet:ref-outputs]
    auto [value, slope] = leibniz::outputs(sin(x) * y, cos(x) * y)(x = 0.0, y = 2.0);
    std::cout << "outputs: " << value << ", " << slope << '\n';
    // [snippet:ref-outputs-end]
  }
  {
    // [snippet:ref-arrays]
    Eigen::ArrayXd X(4);
    X << 0.0, 1.0, 2.0, 3.0;
    const Eigen::ArrayXd v = (x * x + y)(x = X, y = 10.0);  // y broadcasts
    std::cout << "x^2 + y over X: " << v.transpose() << '\n';
    Eigen::ArrayXd dx = leibniz::gradient(x * x + y, x, y)(x = X, y = 10.0)[x];
    std::cout << "d/dx over X:    " << dx.transpose() << '\n';
    // [snippet:ref-arrays-end]
  }
  {
    Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(4, 0.0, 3.0), Y = Eigen::ArrayXd::Constant(4, 2.0);
    // [snippet:ref-tie]
    Eigen::ArrayXd gx(4), gy(4);  // allocated once, reused as often as needed
    leibniz::tie(gx, gy) = leibniz::gradient(x * y, x, y)(x = X, y = Y);
    std::cout << "gx = " << gx.transpose() << "; gy = " << gy.transpose() << '\n';
    // [snippet:ref-tie-end]
  }
  {
    Eigen::ArrayXd X(3), Y(4);
    X.setOnes();
    Y.setOnes();
    // [snippet:ref-sizes]
    try {
      Eigen::ArrayXd v = (x * y)(x = X, y = Y);  // 3 elements and 4
    } catch (const std::invalid_argument& e) {
      std::cout << "invalid_argument: " << e.what() << '\n';
    }
    // [snippet:ref-sizes-end]
  }
  {
    // [snippet:ref-to-dot]
    std::cout << leibniz::to_dot(sin(x) * sin(x) + x);  // sin(x) drawn once
    // [snippet:ref-to-dot-end]
  }
  {
    // [snippet:ref-check-gradient]
    const auto report = leibniz::check_gradient(sin(x) * y, x = 1.0, y = 2.0);
    std::cout << (report.ok() ? "gradient ok" : "gradient WRONG") << '\n';
    // [snippet:ref-check-gradient-end]
    // [snippet:ref-check-hessian]
    std::cout << (leibniz::check_hessian(exp(x * y), x = 0.5, y = 2.0).ok() ? "hessian ok" : "hessian WRONG") << '\n';
    // [snippet:ref-check-hessian-end]
  }
  {
    // [snippet:ref-check-callable]
    // Any function of an Eigen vector, and a gradient written by hand (here, a wrong one).
    const auto f = [](const Eigen::VectorXd& v) { return v.squaredNorm() + v[0] * v[1]; };
    const auto grad = [](const Eigen::VectorXd& v) { return Eigen::VectorXd(2 * v); };  // forgot v0 v1
    const Eigen::VectorXd x0 = Eigen::VectorXd::Constant(2, 1.0);
    const auto report = leibniz::check_gradient(f, grad, x0);
    std::cout << (report.ok() ? "hand-written gradient ok" : "hand-written gradient WRONG") << '\n';
    // [snippet:ref-check-callable-end]
  }
}
