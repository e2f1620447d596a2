// leibniz/matrix/derivative.hpp — d(f, W) where f or W involves vectors and matrices.
//
// A scalar function of a matrix has a derivative shaped like the matrix, and there is no
// forward chain rule that builds it without a tensor in between; so d takes it from the
// compile-time reverse sweep (reverse.hpp), with each node's vector-Jacobian rule
// (matrix/nodes.hpp). The result is an expression like any other: printed, simplified,
// evaluated by the matrix back end.
#pragma once

#include "../derivative.hpp"
#include "../expression.hpp"
#include "../parameters.hpp"
#include "../reverse.hpp"
#include "../shape.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
template <class F, class... Vs>
concept MatrixDerivative = Expression<F> &&(Variable<Vs>&&...) &&
                           (has_matrix<F>::value || (has_matrix<Vs>::value || ...));

template <class F>
constexpr auto matrix_derivative_by(const F& f) {
  return f;
}
template <class F, class V, class... Rest>
constexpr auto matrix_derivative_by(const F& f, const V&, const Rest&... rest) {
  static_assert(sizeof...(Rest) == 0 || shape_of_type<V>::value.scalar,
                "leibniz: d(f, W, x): the derivative by a vector or matrix W is not a scalar, so it cannot be "
                "differentiated again; take hessian(f, x) or hvp(f, ...) for second derivatives");
  const auto df = substitute_parameters(reverse_partial<lifted_t<F>, V>(), parameter_bindings(f));
  if constexpr (sizeof...(Rest) == 0)
    return df;
  else
    return matrix_derivative_by(df, rest...);
}
}  // namespace detail

/// `d(f, W)` for a scalar f of vectors and matrices: the derivative shaped like W, as a
/// matrix expression (`d(squared_norm(A * w - y), A)` is `2 * (A * w - y) * w^T`). By a
/// scalar variable it is a scalar. f must be a scalar: reduce a vector or matrix with
/// sum, mean, squared_norm or dot, or take `jacobian(f, x)`.
///
///     static_assert(d(squared_norm(A * w - y), w) == 2_c * transpose(A) * (A * w - y));
template <class F, class... Vs>
requires detail::MatrixDerivative<F, Vs...>
[[nodiscard]] constexpr auto d(const F& f, const Vs&... vs) {
  static_assert(sizeof...(Vs) > 0, "leibniz::d(f, x): name the variable to differentiate by");
  return detail::matrix_derivative_by(f, vs...);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
