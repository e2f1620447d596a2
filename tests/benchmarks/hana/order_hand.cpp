// Type ordering, hand-written: leibniz's detail::first_index_of and type_classes as they
// were when measured (include/leibniz/detail/pack.hpp; now index_in_list) and make_order
// (include/leibniz/simplify.hpp), copied: constexpr loops over arrays, an insertion sort
// of the hashes, the result read back as a list of types.
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "common.hpp"

namespace probe {

template <class K, class... Ks>
constexpr std::size_t first_index_of() {
  constexpr bool match[] = {std::is_same_v<K, Ks>..., false};
  std::size_t i = 0;
  while (i < sizeof...(Ks) && !match[i]) ++i;
  return i;
}

template <class... Ks>
constexpr std::array<std::size_t, sizeof...(Ks)> classes() {
  return {first_index_of<Ks, Ks...>()...};
}

void error_canonical_order_hash_collision();  // not constexpr: a call stops compilation

template <class... Ts>
constexpr auto make_order() {
  constexpr std::size_t n = sizeof...(Ts);
  const std::array<std::uint64_t, n> hashes{Ts::hash...};
  const auto keys = classes<Ts...>();
  std::array<std::size_t, n> order{};
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = 1; i < n; ++i)
    for (std::size_t j = i; j > 0 && hashes[order[j]] < hashes[order[j - 1]]; --j) std::swap(order[j], order[j - 1]);
  for (std::size_t i = 1; i < n; ++i)
    if (hashes[order[i]] == hashes[order[i - 1]] && keys[order[i]] != keys[order[i - 1]])
      error_canonical_order_hash_collision();
  return order;
}
template <class... Ts>
inline constexpr auto order_v = make_order<Ts...>();

template <class... Ts>
struct list {};

// The I-th type, found as leibniz's element_t finds it: by overload resolution on the
// base classes of a pack (one base per index and type).
template <std::size_t I, class T>
struct indexed {};
template <class Indices, class... Ts>
struct indexed_list;
template <std::size_t... I, class... Ts>
struct indexed_list<std::index_sequence<I...>, Ts...> : indexed<I, Ts>... {};
template <std::size_t I, class T>
T pick(const indexed<I, T>*);  // only in decltype
template <std::size_t I, class... Ts>
using nth_t = decltype(pick<I>(static_cast<indexed_list<std::index_sequence_for<Ts...>, Ts...>*>(nullptr)));

template <class... Ts>
auto sorted_list() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return list<nth_t<order_v<Ts...>[I], Ts...>...>{};
  }(std::index_sequence_for<Ts...>{});
}
template <class... Ts>
using sorted_t = decltype(sorted_list<Ts...>());

template <class L>
struct first;
template <class T, class... Ts>
struct first<list<T, Ts...>> {
  using type = T;
};
template <class L>
using first_t = typename first<L>::type;

}  // namespace probe

#include "order_workload.hpp"
