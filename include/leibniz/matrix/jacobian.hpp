// leibniz/matrix/jacobian.hpp — jacobian(f, x): the Jacobian of a vector by a vector, as a
// matrix expression that keeps its structure.
//
// Built forward, node by node, from the operand Jacobians: a function applied entry by
// entry contributes diag(f'(u)), a matrix product W u (W free of x) contributes W, a sum
// adds, a hadamard product switches. So `jacobian(W * x, x)` is `W` and
// `jacobian(relu(x), x)` is `diag(step(x))`: a Jacobian is never formed entry by entry.
#pragma once

#include <cstddef>
#include <utility>

#include "../detail/children.hpp"
#include "../expression.hpp"
#include "../gradient.hpp"
#include "../shape.hpp"
#include "../simplify.hpp"
#include "derivative.hpp"
#include "diagonal.hpp"
#include "nodes.hpp"
#include "variable.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class E>
struct jacobian_is_not_provided_for_this_node {
  static constexpr bool value = false;
};

/// v as a factor of a Jacobian: a scalar scales, a vector is diag(v).
template <class V>
constexpr auto as_row_scaling(const V& v) {
  if constexpr (shape_of_type<V>::value.scalar)
    return v;
  else
    return make_reduction<diag_op>(v);
}

template <class V, class E>
constexpr auto jacobian_of(const E& e);

/// The Jacobian of a scalar c by x: the row vector transpose(d(c, x)).
template <class V, class C>
constexpr auto jacobian_of_scalar(const C& c) {
  return make_transpose(d(c, V{}));
}

/// Operand K's share of the Jacobian of the entrywise node e: diag(partial) J(operand),
/// or, for a scalar operand c broadcast over e, the outer product partial (d c / dx)^T.
template <class V, std::size_t K, class E>
constexpr auto jacobian_term(const E& e) {
  using C = element_t<K, children_t<E>>;
  if constexpr (!C::template depends_on<V::name>)
    return constant<0>{};
  else if constexpr (shape_of_type<C>::value.scalar)
    return make_matmul(expand_to_like(E::template partial<K>(e), e), jacobian_of_scalar<V>(get<K>(children(e))));
  else
    return make_matmul(as_row_scaling(E::template partial<K>(e)), jacobian_of<V>(get<K>(children(e))));
}

/// d e / d x for a column vector e of a column vector x (a matrix, rows are e's entries).
template <class V, class E>
constexpr auto jacobian_of(const E& e) {
  constexpr fixed_string name = V::name;
  if constexpr (!E::template depends_on<name>) {
    return constant<0>{};
  } else if constexpr (Variable<E>) {
    return make_reduction<eye_op>(e);
  } else if constexpr (shape_of_type<E>::value.scalar) {
    return jacobian_of_scalar<V>(e);
  } else if constexpr (is_matrix_product_v<E>) {
    static_assert(!std::remove_cvref_t<decltype(e.lhs())>::template depends_on<name> ||
                      jacobian_is_not_provided_for_this_node<E>::value,
                  "leibniz::jacobian(f, x): in a product A * u, only u may depend on x");
    return make_matmul(e.lhs(), jacobian_of<V>(e.rhs()));
  } else if constexpr (is_filled_v<E>) {  // a scalar c filled out to a column: ones (dc/dx)^T
    return make_matmul(expand_to_like(constant<1>{}, e), jacobian_of_scalar<V>(e.arg()));
  } else if constexpr (is_reduction_v<E> && requires { E::op::jacobian(e.arg(), constant<0>{}); }) {
    return E::op::jacobian(e.arg(), jacobian_of<V>(e.arg()));  // the op's own rule (softmax)
  } else if constexpr (E::kind == node_kind::matrix) {
    static_assert(jacobian_is_not_provided_for_this_node<E>::value,
                  "leibniz::jacobian(f, x): f contains a transpose, or a reduction of x to a vector; not provided");
    return constant<0>{};
  } else {
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return make_sum(jacobian_term<V, K>(e)...);
    }
    (std::make_index_sequence<children_t<E>::size>{});
  }
}

}  // namespace detail

/// The Jacobian of a column vector f by a column vector x (rows: f's entries, columns:
/// x's), as an expression that keeps structure: `jacobian(W * x, x)` is `W`,
/// `jacobian(relu(x), x)` is `diag(step(x))`. A matrix by a matrix would be a 4-index
/// tensor and is not provided.
///
///     static_assert(leibniz::jacobian(relu(x), x) == diag(step(x)));
template <class F, class V>
requires(Expression<F>&& Variable<V> && !detail::shape_of_type<V>::value.scalar)
    [[nodiscard]] constexpr auto jacobian(const F& f, const V&) {
  static_assert(detail::shape_of_type<V>::value.is_column() &&
                    (detail::shape_of_type<F>::value.is_column() || detail::shape_of_type<F>::value.scalar),
                "leibniz::jacobian(f, x): f and x are column vectors (the Jacobian of a matrix by a matrix is a "
                "4-index tensor, which is not provided; for a scalar f use d(f, x))");
  return detail::jacobian_of<V>(f);
}

/// The Hessian of a scalar f by a column vector x, as a matrix expression that keeps
/// structure: the Jacobian of d(f, x) by x. `hessian(transpose(x) * A * x, x)` is
/// `A + A^T`, `hessian(squared_norm(A * x - y), x)` is `2 * A^T * A`; it evaluates to an
/// Eigen matrix. By a matrix it would be a 4-index tensor: take `hvp` instead.
///
///     static_assert(leibniz::hessian(transpose(x) * A * x, x) == A + transpose(A));
template <class F, class V>
requires(Expression<F>&& Variable<V> && !detail::shape_of_type<V>::value.scalar)
    [[nodiscard]] constexpr auto hessian(const F& f, const V& x) {
  static_assert(detail::shape_of_type<F>::value.scalar,
                "leibniz::hessian(f, x): f must be a scalar; reduce it with sum, mean, squared_norm or dot");
  static_assert(detail::shape_of_type<V>::value.is_column(),
                "leibniz::hessian(f, W) by a matrix W would be a 4-index tensor, which is not provided; take "
                "hvp(f, W = V) (the Hessian times a direction V), shaped like W");
  if constexpr (!detail::shape_of_type<F>::value.scalar || !detail::shape_of_type<V>::value.is_column())
    return constant<0>{};  // after the message above, without a cascade of further errors
  else
    return detail::jacobian_of<V>(d(f, x));
}

/// A directional derivative of vectors or matrices: the expression (in the variables
/// and the tangents `~x`) and the tangents it was given, bound at each call.
template <class E, class Tangents>
struct tangent_expression {
  E expression;  // of the variables and the tangent variables ~x
  Tangents tangents;

  /// The value at the bindings, the tangents added: an Eigen matrix shaped like f.
  template <class... Bs>
  auto operator()(const Bs&... bindings) const {
    return detail::unpack(tangents, [&](const auto&... t) { return expression(bindings..., t...); });
  }
};

namespace detail {
/// Column vector f's derivative along the tangent of the column vector V: J(f, x) ~x.
template <class V, class F>
constexpr auto jvp_term(const F& f) {
  static_assert(shape_of_type<V>::value.is_column(),
                "leibniz::jvp(f, x = v): for a vector f, the tangents are of column vectors (vec<...>)");
  return make_matmul(jacobian_of<V>(f), tangent_of(V{}));
}
}  // namespace detail

/// The directional derivative of f along tangents given as bindings, when f or a tangent
/// is a vector or matrix: for a scalar f, <d(f, W), V> summed over the tangents; for a
/// column vector f of column vectors, J(f, x) v (structure kept: jvp(W * x, x = v) is
/// W * v). Returns a callable: `jvp(f, x = v)(bindings)` is an Eigen matrix shaped like f
/// (a number for a scalar f). The tangents are referred to: keep them alive.
///
///     Eigen::VectorXd t = leibniz::jvp(relu(W * x), x = v)(W = w, x = x0);
template <class F, class... Ts>
requires(Expression<F> && (detail::is_binding_v<Ts> && ...) &&
         (detail::has_matrix<F>::value || (detail::MatrixValue<typename Ts::value_type> || ...)))
    [[nodiscard]] constexpr auto jvp(const F& f, const Ts&... tangents) {
  static_assert(detail::shape_of_type<F>::value.scalar || detail::shape_of_type<F>::value.is_column(),
                "leibniz::jvp(f, x = v): f must be a scalar, or a column vector of column vectors; the derivative "
                "of a matrix is a tensor of more than two indices, which is not provided");
  auto expression = [&] {
    if constexpr (detail::shape_of_type<F>::value.scalar)
      return detail::make_sum(detail::inner_product(d(f, decltype(detail::variable_named<Ts::name, F>()){}),
                                                    detail::tangent_of(detail::variable_named<Ts::name, F>()))...);
    else
      return detail::make_sum(detail::jvp_term<decltype(detail::variable_named<Ts::name, F>())>(f)...);
  }();
  auto bound = detail::make_pack(detail::as_tangent_binding(tangents)...);
  return tangent_expression<decltype(expression), decltype(bound)>{expression, bound};
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
