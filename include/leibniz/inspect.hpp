// leibniz/inspect.hpp — looking at an expression: its variables and its size.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <vector>

#include "detail/children.hpp"
#include "detail/pack.hpp"
#include "dag.hpp"
#include "expression.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

/// The distinct variables of a list, sorted by name.
template <class... Vs>
consteval auto unique_sorted_variables(pack<Vs...>*) {
  constexpr std::size_t n = sizeof...(Vs);
  struct order {
    std::array<std::size_t, n> index{};
    std::size_t count = 0;
  };
  constexpr order o = [] {
    const std::array<std::string_view, n> names{Vs::name.view()...};
    order r;
    for (std::size_t i = 0; i < n; ++i) {
      bool seen = false;
      for (std::size_t j = 0; j < r.count; ++j) seen = seen || names[r.index[j]] == names[i];
      if (seen)
        continue;
      std::size_t k = r.count++;
      for (; k > 0 && names[i] < names[r.index[k - 1]]; --k) r.index[k] = r.index[k - 1];
      r.index[k] = i;
    }
    return r;
  }();
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return pack<element_t<o.index[K], pack<Vs...>>...>{};
  }
  (std::make_index_sequence<o.count>{});
}

template <class E>
constexpr auto variables_of();

/// The distinct variables of E sorted by name, as a pack; computed once per node type
/// from its operands' lists, so its cost follows the DAG, not the written-out tree.
template <class E>
inline constexpr auto variables_v = variables_of<E>();

template <class E>
constexpr auto variables_of() {
  if constexpr (Variable<E>) {
    return pack<E>{};
  } else {
    return []<class... Cs>(pack<Cs...>*) {
      using all = std::remove_cvref_t<decltype(concat(pack<>{}, variables_v<Cs>...))>;
      return unique_sorted_variables(static_cast<all*>(nullptr));
    }(static_cast<children_t<E>*>(nullptr));
  }
}

template <class E>
constexpr auto free_variables_pack() {
  return variables_v<E>;
}

// Static nodes are told apart by their 64-bit structural hash, so a walk never descends
// twice into one subexpression (its cost follows the DAG, not the written-out tree).
struct node_census {
  std::vector<std::uint64_t> seen;
  std::size_t with_runtime_constants = 0;
};

template <class E>
constexpr void count_nodes(node_census& census) {
  if constexpr (E::is_static) {
    for (std::uint64_t hash : census.seen)
      if (hash == E::hash)
        return;
    census.seen.push_back(E::hash);
  } else {
    ++census.with_runtime_constants;
  }
  []<class... Cs>(node_census& c, pack<Cs...>*) { (count_nodes<Cs>(c), ...); }(census,
                                                                               static_cast<children_t<E>*>(nullptr));
}

}  // namespace detail

/// The variables of `f` after simplification, sorted by name, as a std::tuple of
/// variables (`z / z` has none).
///
///     static_assert(std::tuple_size_v<decltype(free_variables(x * y + x))> == 2);
template <Expression E>
[[nodiscard]] constexpr auto free_variables(const E&) {
  return detail::unpack(detail::free_variables_pack<E>(), [](const auto&... v) { return std::tuple(v...); });
}

/// The number of distinct nodes of `f` as a DAG: a subexpression that appears several
/// times counts once (what evaluation computes). Nodes holding a runtime constant
/// count at each place, since their values may differ.
///
///     static_assert(node_count(sin(x) * sin(x) + sin(x)) == 5);   // x, sin(x), sin^2, ...
template <Expression E>
[[nodiscard]] constexpr std::size_t node_count(const E&) {
  // Without runtime constants the distinct nodes are the steps of E's evaluation plan
  // (dag.hpp), a constant: no walk is left for the compiler to generate code for.
  if constexpr (E::is_static) {
    return detail::schedule_for_t<E>::size;
  } else {
    detail::node_census census;
    detail::count_nodes<E>(census);
    return census.seen.size() + census.with_runtime_constants;
  }
}

/// The number of nodes of `f` written out as a tree, shared subexpressions repeated.
///
///     static_assert(tree_size(sin(x) + x) == 4);   // sum, sin, x, x
template <Expression E>
[[nodiscard]] constexpr std::size_t tree_size(const E&) {
  return E::tree_size;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
