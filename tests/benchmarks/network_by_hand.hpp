// tests/benchmarks/network_by_hand.hpp — B8's gradient written by hand in Eigen: the
// two-layer softmax cross-entropy network's backpropagation, five GEMMs. bench_matrix.cpp
// times leibniz's gradient against it; compile_probe_b8_by_hand.cpp compiles it as
// b8_network's reference in the compile-time table.
#pragma once

#include <Eigen/Core>

struct network_data {
  Eigen::MatrixXd w1, w2, x, y;
  Eigen::VectorXd c1, c2;
};

struct network_gradients {
  Eigen::MatrixXd gW1, gW2;
  Eigen::VectorXd gb1, gb2;
};

/// Backpropagation by hand: forward pass, softmax, then the adjoints, five GEMMs.
inline void network_by_hand(const network_data& d, network_gradients& g) {
  const double batch = double(d.x.cols());
  Eigen::MatrixXd a1(d.w1.rows(), d.x.cols());
  a1.noalias() = d.w1 * d.x;
  a1.colwise() += d.c1;
  const Eigen::MatrixXd h = a1.cwiseMax(0.0);
  Eigen::MatrixXd z(d.w2.rows(), d.x.cols());
  z.noalias() = d.w2 * h;
  z.colwise() += d.c2;
  Eigen::MatrixXd p = (z.rowwise() - z.colwise().maxCoeff()).array().exp();
  p.array().rowwise() /= p.colwise().sum().array();
  const Eigen::MatrixXd dz = (p - d.y) / batch;
  g.gW2.noalias() = dz * h.transpose();
  g.gb2 = dz.rowwise().sum();
  Eigen::MatrixXd dh(h.rows(), h.cols());
  dh.noalias() = d.w2.transpose() * dz;
  dh.array() *= (a1.array() > 0).cast<double>();
  g.gW1.noalias() = dh * d.x.transpose();
  g.gb1 = dh.rowwise().sum();
}
