// leibniz/dag.hpp — the shared-subexpression graph: each unique node computed once.
//
// Identical subexpressions of a static expression have identical types, so the unique
// nodes of several outputs are found by type alone. A plan lists them in topological
// order (operands before the nodes that use them), each step naming the slots of its
// operands; running a plan fills one value per step. The value type is the caller's: a
// scalar, a SIMD batch or a block of an Eigen array (see detail/lanes.hpp), so the
// same plan serves all three. Expressions with runtime constants are scheduled in their
// lifted form (parameters.hpp), where every runtime constant is its own parameter.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "detail/children.hpp"
#include "detail/lanes.hpp"
#include "detail/pack.hpp"
#include "expression.hpp"
#include "nodes.hpp"
#include "simplify.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// What computes a node's value: its `kernel` (nodes.hpp), or the node itself for
/// leaves (constants compute their own value).
template <class E>
struct kernel_of {
  using type = E;
};
template <class E>
requires requires {
  typename E::kernel;
}
struct kernel_of<E> {
  using type = typename E::kernel;
};

/// A computed step as evaluation sees it: kernel K applied to the values in slots S...
/// Its type names neither the node nor the bindings, so steps of different nodes with
/// one kernel and the same slots share their code, and every name stays short.
template <class K, std::size_t... S>
struct step_call {};
/// A step whose value is loaded, not computed: a variable.
struct no_step_call {};
/// A variable's step once the bindings are known: it loads the binding in position K,
/// of type B. Like step_call, it names neither the node nor the other bindings.
template <std::size_t K, class B>
struct load_call {};

/// One step of a plan: the node E, computed from the values in the slots Operands.
template <class E, std::size_t... Operands>
struct plan_step {
  using node = E;
  using call = std::conditional_t<Variable<E>, no_step_call, step_call<typename kernel_of<E>::type, Operands...>>;
  using calls_function = std::bool_constant<requires { typename E::op; }>;  // an elementary function's latency
};

/// The unique nodes of some expressions in topological order.
template <class... Steps>
struct schedule {
  static constexpr std::size_t size = sizeof...(Steps);
};

// Planning is done by class templates whose answers are types (`std::integral_constant`
// for numbers): GCC hands every function, consteval ones included, every variable and
// every static data member it instantiates to its back end, which names it by mangling
// its template arguments, a cost that grows faster than the name; a plan's partial
// schedules name every node placed so far. Classes and their member types are never
// named (docs/compile-time.md).

/// The slot of node E in the plan, or the plan's size if E is not in it yet.
template <class E, class Schedule>
struct slot_in;
template <class E, class... Steps>
struct slot_in<E, schedule<Steps...>> {
  using type = typename index_in_list<E, typename Steps::node...>::type;
  using placed = std::bool_constant<(type::value < sizeof...(Steps))>;
};

template <class E, class Schedule, class Operands, class Slots>
struct place_operands;

/// E added to the plan with the operands it needs, each unique node once: the plan
/// after it (`schedule_type`) and E's slot there (`slot`, an integral constant).
template <class E, class Schedule, bool Placed = slot_in<E, Schedule>::placed::value>
struct place {
  using schedule_type = Schedule;
  using slot = typename slot_in<E, Schedule>::type;
};
template <class E, class Schedule>
struct place<E, Schedule, false> : place_operands<E, Schedule, children_t<E>, std::index_sequence<>> {
  static_assert(E::is_static, "leibniz internal: plan the lifted expression (parameters.hpp)");
};

template <class E, class... Steps, std::size_t... Slots>
struct place_operands<E, schedule<Steps...>, pack<>, std::index_sequence<Slots...>> {
  using schedule_type = schedule<Steps..., plan_step<E, Slots...>>;
  using slot = std::integral_constant<std::size_t, sizeof...(Steps)>;
};
template <class E, class Schedule, class C, class... Cs, std::size_t... Slots>
struct place_operands<E, Schedule, pack<C, Cs...>, std::index_sequence<Slots...>>
    : place_operands<E, typename place<C, Schedule>::schedule_type, pack<Cs...>,
                     std::index_sequence<Slots..., place<C, Schedule>::slot::value>> {};

/// A plan for several outputs, and the slot of each output.
template <class Schedule, std::size_t... Slots>
struct scheduled {
  using schedule_type = Schedule;
  static constexpr std::size_t size = Schedule::size;
  static constexpr std::array<std::size_t, sizeof...(Slots)> outputs{Slots...};
};

template <class Schedule, class Outputs, class Slots>
struct place_all;
template <class Schedule, std::size_t... Slots>
struct place_all<Schedule, pack<>, std::index_sequence<Slots...>> {
  using type = scheduled<Schedule, Slots...>;
};
template <class Schedule, class O, class... Os, std::size_t... Slots>
struct place_all<Schedule, pack<O, Os...>, std::index_sequence<Slots...>>
    : place_all<typename place<O, Schedule>::schedule_type, pack<Os...>,
                std::index_sequence<Slots..., place<O, Schedule>::slot::value>> {};

/// The plan of the static expressions Os..., computed once per list of types.
template <class... Os>
using schedule_for_t = typename place_all<schedule<>, pack<Os...>, std::index_sequence<>>::type;

/// The position of the binding named Name among the bindings Bs (0 if none is: an
/// unbound variable is reported by the bindings' check, and adds no error of its own). A
/// class template, so that no function is named after every binding (above).
template <std::size_t Found, std::size_t Count>
struct found_or_first : std::integral_constant<std::size_t, (Found < Count ? Found : 0)> {};
template <fixed_string Name, class... Bs>
struct binding_slot : found_or_first<index_in_list<name_tag<Name>, name_tag<Bs::name>...>::value, sizeof...(Bs)> {};

/// How a step of the plan is evaluated with the bindings Bs: a computed step by its
/// kernel, a variable by loading its binding.
template <class Step, class Bindings>
struct call_with {
  using type = typename Step::call;
};
template <fixed_string Name, class... Bs>
struct call_with<plan_step<variable<Name>>, pack<Bs...>> {
  using type = load_call<binding_slot<Name, Bs...>::value, element_t<binding_slot<Name, Bs...>::value, pack<Bs...>>>;
};

/// The value of one step: a kernel applied to the values of its operands (nodes.hpp),
/// or a binding, which `read` loads (`read.template load<K, B>()`).
template <class V, class K, std::size_t... S, class Read>
constexpr V step_value(step_call<K, S...>*, const V* values, const Read&) {
  return K::template compute<V>(values[S]...);
}
template <class V, std::size_t K, class B, class Read>
constexpr V step_value(load_call<K, B>*, const V*, const Read& read) {
  return read.template load<K, B>();
}

/// Computes every step of the plan, in order, into values[0 .. Schedule::size), the
/// variables bound by Bindings (a pack of bindings) and loaded by `read`.
/// Forced inline, with its loop: in an array kernel the steps' values then stay in
/// registers; called per SIMD batch, the values went through memory and the call cost
/// as much as the work (B7's gradient: 1.3x faster inlined).
template <class Bindings, class V, class... Steps, class Read>
LEIBNIZ_ALWAYS_INLINE constexpr void run_schedule(schedule<Steps...>*, V* values, const Read& read) {
  [&]<std::size_t... I>(std::index_sequence<I...>) LEIBNIZ_ALWAYS_INLINE {  // braced list, not a fold (pack.hpp)
    [[maybe_unused]] const int in_order[] = {
        0, ((values[I] = step_value<V>(static_cast<typename call_with<Steps, Bindings>::type*>(nullptr), values, read)),
            0)...};
  }
  (std::index_sequence_for<Steps...>{});
}

/// One step's depth in function calls: the deepest of its operands', plus one if it
/// calls an elementary function.
template <bool CallsFunction, std::size_t... S>
constexpr std::size_t step_depth(const std::size_t* depth) {
  std::size_t d = 0;
  for (std::size_t s : {std::size_t(0), depth[S]...}) d = s > d ? s : d;
  return d + (CallsFunction ? 1 : 0);
}
template <bool CallsFunction, class K, std::size_t... S>
constexpr std::size_t step_depth(step_call<K, S...>*, const std::size_t* depth) {
  return step_depth<CallsFunction, S...>(depth);
}
template <bool CallsFunction>
constexpr std::size_t step_depth(no_step_call*, const std::size_t*) {
  return 0;
}

/// The longest chain of elementary functions (unary nodes) in the schedule: how many
/// function latencies one element waits for in turn. Array evaluation interleaves
/// several batches when it is long (simd.hpp).
template <class... Steps>
consteval std::size_t function_chain_length(schedule<Steps...>*) {
  std::array<std::size_t, sizeof...(Steps) + 1> depth{};
  std::size_t i = 0, longest = 0;
  // Per step, a function of its slots alone: a lambda here would be named after the
  // whole schedule once per step (above).
  [[maybe_unused]] const int in_order[] = {
      0, (depth[i] = step_depth<Steps::calls_function::value>(static_cast<typename Steps::call*>(nullptr),
                                                               depth.data()),
          longest = depth[i] > longest ? depth[i] : longest, ++i, 0)...};  // not a fold (pack.hpp)
  return longest;
}

/// The schedule's steps as a pack of node types, for counting and drawing.
template <class... Steps>
constexpr auto schedule_nodes(schedule<Steps...>*) {
  return pack<typename Steps::node...>{};
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
