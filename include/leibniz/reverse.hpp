// leibniz/reverse.hpp — reverse mode at compile time: the adjoint of every node.
//
// The unique nodes of f are put in topological order (dag.hpp); the adjoint of the
// output is 1 and every other node's adjoint is the sum, over the nodes that use it, of
// their adjoint times their local partial derivative (each node's rule, nodes.hpp): add
// distributes the upstream gradient, mul switches it (each factor gets the product of
// the others), max routes it, and where a node feeds several others the gradients add.
// Every adjoint is an expression built once per unique node, so the gradient of an
// n-input function has O(size of f) unique nodes, not O(n size of f); forward mode (one
// symbolic derivative per variable, derivative.hpp) is there to compare.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "dag.hpp"
#include "derivative.hpp"
#include "expression.hpp"
#include "shape.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The mode tag for one symbolic derivative per variable:
/// `gradient<leibniz::forward>(f, x, y)`.
///
///     auto g = leibniz::gradient<leibniz::forward>(x * y, x, y);
struct forward {};

/// The mode tag (the default) for one compile-time adjoint sweep for all variables:
/// `gradient<leibniz::reverse>(f, x, y)`.
///
///     auto g = leibniz::gradient<leibniz::reverse>(x * y, x, y);
struct reverse {};

namespace detail {

// ------------------------------------------------------------------ reverse sweep

/// An operand edge of the DAG: slot `child` is operand `position` of slot `parent`.
struct edge {
  std::size_t parent, position, child;
};

template <class Step>
struct step_operands;
template <class E, std::size_t... S>
struct step_operands<plan_step<E, S...>> {
  static constexpr std::array<std::size_t, sizeof...(S)> slots{S...};
};

template <class... Steps>
consteval auto edges_of(schedule<Steps...>*) {
  constexpr std::size_t count = [] {
    const std::size_t sizes[] = {0, step_operands<Steps>::slots.size()...};
    std::size_t n = 0;
    for (std::size_t k : sizes) n += k;
    return n;
  }();
  std::array<edge, count> edges{};
  std::size_t e = 0, parent = 0;
  const auto add = [&](const auto& slots) {
    std::size_t position = 0;
    for (std::size_t child : slots) edges[e++] = {parent, position++, child};
    ++parent;
    return 0;
  };
  [[maybe_unused]] const int in_order[] = {0, add(step_operands<Steps>::slots)...};  // not a fold (pack.hpp)
  return edges;
}

/// The local partial derivative of node E by its operand number K: the node's own rule.
template <class E, std::size_t K>
constexpr auto local_partial() {
  return E::template partial<K>(E{});
}

/// The share of the adjoint of operand K that comes through node E, whose adjoint is G:
/// the node's own vector-Jacobian rule where it has one (matrix products, transposes,
/// reductions: matrix/nodes.hpp); otherwise, for a node that acts entry by entry, G
/// times the local partial, summed back over the axes along which the operand was
/// broadcast (a scalar added to a matrix gets the sum of the matrix's adjoint).
template <class E, std::size_t K, class G>
constexpr auto vjp_term(const G& g) {
  if constexpr (requires { E::template vjp<K>(E{}, g); }) {
    return E::template vjp<K>(E{}, g);
  } else if constexpr (!has_matrix_v<E>) {
    return make_product(g, local_partial<E, K>());
  } else {
    // summed back over the axes along which the operand was broadcast (matrix/nodes.hpp)
    return sum_back<shape_v<element_t<K, children_t<E>>>>(make_product(g, local_partial<E, K>()), E{});
  }
}

/// The adjoints df/dnode of every node of the schedule S whose output is slot Out.
template <class S, std::size_t Out>
struct reverse_sweep {
  static constexpr auto edges = edges_of(static_cast<S*>(nullptr));
  using nodes = decltype(schedule_nodes(static_cast<S*>(nullptr)));

  template <std::size_t Child>
  static consteval auto incoming() {
    constexpr std::size_t count = [] {
      std::size_t n = 0;
      for (const edge& e : edges) n += e.child == Child;
      return n;
    }();
    std::array<edge, count> in{};
    std::size_t k = 0;
    for (const edge& e : edges)
      if (e.child == Child)
        in[k++] = e;
    return in;
  }

  template <std::size_t Child>
  static constexpr auto incoming_v = incoming<Child>();

  // Used only in decltype: each adjoint type is built once, by the compiler.
  template <std::size_t I>
  static constexpr auto adjoint() {
    if constexpr (I == Out) {
      return constant<1>{};
    } else {
      constexpr auto& in = incoming_v<I>;
      if constexpr (in.size() == 0) {
        return constant<0>{};
      } else {
        return [&]<std::size_t... J>(std::index_sequence<J...>) {
          return make_sum(
              vjp_term<element_t<in[J].parent, nodes>, in[J].position>(decltype(adjoint<in[J].parent>()){})...);
        }
        (std::make_index_sequence<in.size()>{});
      }
    }
  }
};

/// df/dx by the reverse sweep: the adjoint of x's node, or 0 if f does not use x.
template <class F, class V>
constexpr auto reverse_partial() {
  using sched = schedule_for_t<F>;
  using S = typename sched::schedule_type;
  constexpr std::size_t slot = slot_of<V>(static_cast<S*>(nullptr));
  static_assert(shape_v<F>.scalar,
                "leibniz: d(f, x) and gradient(f, x, ...) take a scalar f, but f is a vector or matrix: reduce it to "
                "a scalar (sum, mean, squared_norm, dot, ...) or take jacobian(f, x)");
  if constexpr (slot == S::size) {
    return constant<0>{};
  } else {
    using adjoint = decltype(reverse_sweep<S, sched::outputs[0]>::template adjoint<slot>());
    if constexpr (!has_matrix_v<F>)
      return adjoint{};
    else  // shaped like the variable: an adjoint broadcast to it is filled out
      return expand_to_like(reduce_to<shape_v<V>>(adjoint{}), V{});
  }
}

template <class Mode, class F, class V>
constexpr auto partial() {
  if constexpr (std::is_same_v<Mode, reverse>)
    return reverse_partial<F, V>();
  else
    return derivative<V::name>(F{});
}

}  // namespace detail

}  // namespace leibniz

LEIBNIZ_HEADER_END
