// leibniz/matrix/diagonal.hpp — diag(v) (a vector as a diagonal matrix, never stored
// dense inside a product) and the identity: the structure Jacobians keep.
#pragma once

#include <string_view>

#include <Eigen/Core>

#include "../constant.hpp"
#include "../expression.hpp"
#include "../shape.hpp"
#include "../simplify.hpp"
#include "nodes.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

struct diag_op;

/// The diagonal of a square matrix, a column vector: the adjoint of diag(v) by v.
struct diagonal_op {
  static constexpr std::string_view name = "diagonal";
  static constexpr shape shape_of(shape a) { return detail::matrix_shape(a.rows, 1); }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto&, const auto& g) { return detail::make_reduction<diag_op>(g); }
  template <class M>
  static auto evaluate(const M& a) {  // an expression: assigned to the node's buffer
    return a.diagonal();
  }
};

/// diag(v): the square matrix with v on its diagonal. Multiplied with a matrix it scales
/// its rows, in O(n m), as Eigen's DiagonalWrapper.
struct diag_op {
  static constexpr std::string_view name = "diag";
  static constexpr shape shape_of(shape a) { return detail::matrix_shape(a.rows, a.rows); }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto&, const auto& g) { return detail::make_reduction<diagonal_op>(g); }
  template <class M>
  static auto evaluate(const M& a) {
    using dense = Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    return dense(a.col(0).asDiagonal());
  }
};

/// The n x n identity for a vector x of n entries: the Jacobian of x by itself.
struct eye_op {
  static constexpr std::string_view name = "eye";
  static constexpr std::string_view latex = "I";
  static constexpr shape shape_of(shape a) { return detail::matrix_shape(a.rows, a.rows); }
  static constexpr auto of_scalar(const auto&) { return constant<1>{}; }
  static constexpr auto vjp(const auto&, const auto&) { return constant<0>{}; }
  template <class M>
  static auto evaluate(const M& a) {
    using dense = Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    return dense::Identity(a.rows(), a.rows());  // an expression: assigned to the node's buffer
  }
};

/// A column vector as a diagonal matrix, kept as structure: `jacobian(relu(x), x)` is
/// `diag(step(x))`, and `diag(v) * A` scales A's rows without forming diag(v).
///
///     auto J = leibniz::jacobian(relu(x), x);   // diag(step(x))
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto diag(const A& a) {
  static_assert(detail::shape_of_type<A>::value.scalar || detail::shape_of_type<A>::value.is_column(),
                "leibniz: diag(v) takes a column vector");
  return detail::make_reduction<diag_op>(a);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
