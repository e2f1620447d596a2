// Compile-time reference for b8_network: the same network's gradient written by hand in
// Eigen (network_by_hand.hpp, which bench_matrix times: the same five GEMMs, softmax, the
// adjoints), so the table shows in the same run what the computation costs to compile
// without leibniz. It includes <leibniz/leibniz.hpp> like every probe, so both are
// measured above the same baseline.
#include <cstdio>

#include <leibniz/leibniz.hpp>

#include "network_by_hand.hpp"

int main() {
  const network_data d{Eigen::MatrixXd::Constant(4, 3, 0.1), Eigen::MatrixXd::Constant(2, 4, 0.2),
                       Eigen::MatrixXd::Ones(3, 5),          Eigen::MatrixXd::Constant(2, 5, 0.5),
                       Eigen::VectorXd::Zero(4),             Eigen::VectorXd::Zero(2)};
  network_gradients g;
  network_by_hand(d, g);
  // Both classes score alike, so the gradient by W2 is zero: printed to use the result.
  std::printf("|dL/dW2| = %g\n", g.gW2.norm());
  return 0;
}
