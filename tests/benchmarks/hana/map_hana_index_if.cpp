// Result maps with Hana's lookup: the same std::array, the index of a variable found by
// hana::index_if over hana::tuple_t<Vs...> (which keeps the order that positional
// reads and structured bindings need).
#include <array>
#include <boost/hana/equal.hpp>
#include <boost/hana/index_if.hpp>
#include <boost/hana/optional.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <cstddef>
#include <type_traits>

#include "common.hpp"

namespace probe {

template <class T, class... Vs>
struct values {
  std::array<T, sizeof...(Vs)> entries{};
  template <std::size_t I>
  constexpr T& get() {
    return entries[I];
  }
  template <fixed_string Name>
  constexpr T& operator[](variable<Name>) {
    constexpr auto found =
        boost::hana::index_if(boost::hana::tuple_t<Vs...>, boost::hana::equal.to(boost::hana::type_c<variable<Name>>));
    static_assert(boost::hana::is_just(found), "this result has no entry for the variable");
    return entries[std::remove_cvref_t<decltype(*found)>::value];
  }
};

}  // namespace probe

#include "map_workload.hpp"
