// tests/unit/matrix_numeric.hpp — finite differences of functions of Eigen matrices, and
// sample matrices, shared by the matrix tests. Independent of leibniz on purpose, like
// numeric.hpp: it only calls functions, so it can check what leibniz computes.
#pragma once

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include "numeric.hpp"

namespace numeric {

/// The largest difference between a gradient (an Eigen matrix) and the central finite
/// differences of value(M) entry by entry, M moved from m, relative to max(1, |fd|).
template <class Value, class M, class G>
double worst_entry_error(Value&& value, const M& m, const G& gradient) {
  double worst = 0;
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      const double fd = derivative(
          [&](double t) {
            M moved = m;
            moved(i, j) = t;
            return value(moved);
          },
          m(i, j));
      worst = std::max(worst, std::abs(fd - gradient(i, j)) / std::max(1.0, std::abs(fd)));
    }
  return worst;
}

/// A rows x cols matrix of smooth, distinct entries in [-1, 1] (sin of the position,
/// shifted by seed): no special points, the same on every machine.
inline Eigen::MatrixXd sample(Eigen::Index rows, Eigen::Index cols, double seed) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = std::sin(seed + 1.3 * double(i) + 0.7 * double(j));
  return m;
}

}  // namespace numeric
