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

/// A step's operand slots, named by the slots alone (not by the step's node).
template <std::size_t... S>
struct slot_list {
  static constexpr std::array<std::size_t, sizeof...(S)> slots{S...};
};
template <class Step>
struct step_slots;
template <class E, std::size_t... S>
struct step_slots<plan_step<E, S...>> {
  using type = slot_list<S...>;
};

template <class... Steps>
consteval auto edges_of(schedule<Steps...>*) {
  constexpr std::size_t count = [] {
    const std::size_t sizes[] = {0, step_slots<Steps>::type::slots.size()...};
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
  [[maybe_unused]] const int in_order[] = {0, add(step_slots<Steps>::type::slots)...};  // not a fold (pack.hpp)
  return edges;
}

/// The edges into each node: all edges ordered by child (in their own order within a
/// child), and where each child's run starts. Built in one pass, where scanning every
/// edge for every node made the sweep quadratic in the size of f.
template <std::size_t Edges, std::size_t Nodes>
struct incoming_edges {
  std::array<edge, Edges> by_child{};
  std::array<std::size_t, Nodes + 1> start{};
};
template <std::size_t Nodes, std::size_t Edges>
consteval incoming_edges<Edges, Nodes> index_incoming(const std::array<edge, Edges>& edges) {
  incoming_edges<Edges, Nodes> in;
  for (const edge& e : edges) ++in.start[e.child + 1];
  for (std::size_t i = 0; i < Nodes; ++i) in.start[i + 1] += in.start[i];
  std::array<std::size_t, Nodes> filled{};
  for (const edge& e : edges) in.by_child[in.start[e.child] + filled[e.child]++] = e;
  return in;
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
  } else if constexpr (!has_matrix<E>::value) {
    return make_product(g, local_partial<E, K>());
  } else {
    // summed back over the axes along which the operand was broadcast (matrix/nodes.hpp)
    return sum_back<shape_of_type<element_t<K, children_t<E>>>::value>(make_product(g, local_partial<E, K>()), E{});
  }
}

/// The DAG of the schedule S whose output is slot Out: its edges and its nodes.
template <class S, std::size_t Out>
struct reverse_sweep {
  static constexpr auto incoming = index_incoming<S::size>(edges_of(static_cast<S*>(nullptr)));
  using nodes = decltype(schedule_nodes(static_cast<S*>(nullptr)));
};

// The adjoint of every node is a type computed by class templates, never by functions
// of the sweep: GCC's back end names every function it is handed after its template
// arguments (here the whole schedule), a cost that grows faster than the name (dag.hpp).
template <class Sweep, std::size_t I, class Incoming>
struct adjoint_sum;

/// df/dnode for slot I of the sweep: 1 for the output, else the sum over the nodes that
/// use it of their share of its adjoint (vjp_term).
template <class Sweep, std::size_t I>
struct adjoint_of
    : adjoint_sum<Sweep, I, std::make_index_sequence<Sweep::incoming.start[I + 1] - Sweep::incoming.start[I]>> {};
template <class S, std::size_t Out>
struct adjoint_of<reverse_sweep<S, Out>, Out> {
  using type = constant<1>;
};

template <class Sweep, std::size_t I>
struct adjoint_sum<Sweep, I, std::index_sequence<>> {
  using type = constant<0>;
};
/// The share of a node's adjoint that comes through the edge In: its parent's adjoint
/// times the parent's local partial by operand In.position.
template <class Sweep, edge In>
struct adjoint_term {
  using type = decltype(vjp_term<element_t<In.parent, typename Sweep::nodes>, In.position>(
      typename adjoint_of<Sweep, In.parent>::type{}));
};
template <class Sweep, std::size_t I>
struct adjoint_sum<Sweep, I, std::index_sequence<0>> {  // one term: already canonical, no make_sum to name
  using type = typename adjoint_term<Sweep, Sweep::incoming.by_child[Sweep::incoming.start[I]]>::type;
};
template <class Sweep, std::size_t I, std::size_t... J>
struct adjoint_sum<Sweep, I, std::index_sequence<J...>> {
  using type = decltype(make_sum(
      typename adjoint_term<Sweep, Sweep::incoming.by_child[Sweep::incoming.start[I] + J]>::type{}...));
};

/// df/dx by the reverse sweep: the adjoint of x's node, or 0 if f does not use x.
template <class F, class V>
constexpr auto reverse_partial() {
  using sched = schedule_for_t<F>;
  using S = typename sched::schedule_type;
  constexpr std::size_t slot = slot_in<V, S>::type::value;
  static_assert(shape_of_type<F>::value.scalar,
                "leibniz: d(f, x) and gradient(f, x, ...) take a scalar f, but f is a vector or matrix: reduce it to "
                "a scalar (sum, mean, squared_norm, dot, ...) or take jacobian(f, x)");
  if constexpr (slot == S::size) {
    return constant<0>{};
  } else {
    using adjoint = typename adjoint_of<reverse_sweep<S, sched::outputs[0]>, slot>::type;
    if constexpr (!has_matrix<F>::value)
      return adjoint{};
    else  // shaped like the variable: an adjoint broadcast to it is filled out
      return expand_to_like(reduce_to<shape_of_type<V>::value>(adjoint{}), V{});
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
