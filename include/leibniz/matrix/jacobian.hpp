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
#include "../shape.hpp"
#include "../simplify.hpp"
#include "diagonal.hpp"
#include "nodes.hpp"
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
  if constexpr (shape_v<V>.scalar)
    return v;
  else
    return make_reduction<diag_op>(v);
}

template <fixed_string Name, class E>
constexpr auto jacobian_of(const E& e);

template <fixed_string Name, std::size_t K, class E>
constexpr auto jacobian_term(const E& e) {
  using C = element_t<K, children_t<E>>;
  if constexpr (!C::template depends_on<Name>)
    return constant<0>{};
  else
    return make_matmul(as_row_scaling(E::template partial<K>(e)), jacobian_of<Name>(get<K>(children(e))));
}

/// d e / d x for a column vector e of a column vector x (a matrix, rows are e's entries).
template <fixed_string Name, class E>
constexpr auto jacobian_of(const E& e) {
  if constexpr (!E::template depends_on<Name>) {
    return constant<0>{};
  } else if constexpr (Variable<E>) {
    return make_reduction<eye_op>(e);
  } else if constexpr (is_matrix_product_v<E> && !E::template depends_on<Name>) {
    return constant<0>{};
  } else if constexpr (is_matrix_product_v<E>) {
    static_assert(!std::remove_cvref_t<decltype(e.lhs())>::template depends_on<Name> ||
                      jacobian_is_not_provided_for_this_node<E>::value,
                  "leibniz::jacobian(f, x): in a product A * u, only u may depend on x");
    return make_matmul(e.lhs(), jacobian_of<Name>(e.rhs()));
  } else if constexpr (E::kind == node_kind::matrix) {
    static_assert(jacobian_is_not_provided_for_this_node<E>::value,
                  "leibniz::jacobian(f, x): f contains a reduction or transpose of x; not provided yet");
    return constant<0>{};
  } else {
    static_assert(shape_v<E>.scalar == false || jacobian_is_not_provided_for_this_node<E>::value,
                  "leibniz::jacobian(f, x): a scalar part of f depends on x; not provided yet");
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return make_sum(jacobian_term<Name, K>(e)...);
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
requires(Expression<F>&& Variable<V> && !detail::shape_v<V>.scalar)
    [[nodiscard]] constexpr auto jacobian(const F& f, const V&) {
  static_assert(detail::shape_v<V>.is_column() && (detail::shape_v<F>.is_column() || detail::shape_v<F>.scalar),
                "leibniz::jacobian(f, x): f and x are column vectors (the Jacobian of a matrix by a matrix is a "
                "4-index tensor, which is not provided; for a scalar f use d(f, x))");
  return detail::jacobian_of<V::name>(f);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
