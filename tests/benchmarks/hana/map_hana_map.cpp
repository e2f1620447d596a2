// Result maps as a hana::map from each variable's hana::type to its value, read with
// hana::at_key. (A hana::map has no order, so positional reads go through a
// hana::tuple_t<Vs...> of the keys: hana::at_key(map, at_c<I>(keys)).)
#include <boost/hana/at.hpp>
#include <boost/hana/at_key.hpp>
#include <boost/hana/map.hpp>
#include <boost/hana/pair.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <cstddef>

#include "common.hpp"

namespace probe {

template <class T, class... Vs>
struct values {
  boost::hana::map<boost::hana::pair<boost::hana::type<Vs>, T>...> entries{};
  template <std::size_t I>
  constexpr T& get() {
    return boost::hana::at_key(entries, boost::hana::at_c<I>(boost::hana::tuple_t<Vs...>));
  }
  template <fixed_string Name>
  constexpr T& operator[](variable<Name>) {
    return boost::hana::at_key(entries, boost::hana::type_c<variable<Name>>);
  }
};

}  // namespace probe

#include "map_workload.hpp"
