// Type ordering with Hana: hana::index_if for the type classes; hana::sort (stable) of
// hana::tuple_t<Ts...> by hash, and hana::unique to check that no two different types
// share a hash (unique by hash must leave as many as unique by type).
#include <array>
#include <boost/hana/at.hpp>
#include <boost/hana/bool.hpp>
#include <boost/hana/equal.hpp>
#include <boost/hana/index_if.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/optional.hpp>
#include <boost/hana/sort.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unique.hpp>
#include <cstddef>
#include <type_traits>

#include "common.hpp"

namespace probe {

namespace hana = boost::hana;

template <class... Ks>
constexpr std::array<std::size_t, sizeof...(Ks)> classes() {
  return {std::remove_cvref_t<decltype(*hana::index_if(hana::tuple_t<Ks...>, hana::equal.to(hana::type_c<Ks>)))>::value...};
}

inline constexpr auto by_hash = [](auto a, auto b) {
  return hana::bool_c<(decltype(a)::type::hash < decltype(b)::type::hash)>;
};
inline constexpr auto same_hash = [](auto a, auto b) {
  return hana::bool_c<(decltype(a)::type::hash == decltype(b)::type::hash)>;
};

template <class... Ts>
constexpr auto sorted_types() {
  constexpr auto sorted = hana::sort(hana::tuple_t<Ts...>, by_hash);
  static_assert(hana::length(hana::unique(sorted, same_hash)) == hana::length(hana::unique(sorted)),
                "two different types with the same hash");
  return sorted;
}
template <class... Ts>
using sorted_t = decltype(sorted_types<Ts...>());

template <class L>
using first_t = typename std::remove_cvref_t<decltype(hana::at_c<0>(std::declval<L>()))>::type;

}  // namespace probe

#include "order_workload.hpp"
