// Operand packs with boost::hana::tuple (the headers a pack would need, not <boost/hana.hpp>).
//
// hana::tuple holds its elements in a basic_tuple *member*, so a tuple of empty types
// is not an empty class (std::is_empty_v is false): it could not hold the operands of
// a static expression, which leibniz promises to be an empty object. Measured anyway.
#define PROBE_EMPTY_OPERANDS 0
#include <boost/hana/at.hpp>
#include <boost/hana/concat.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>
#include <cstddef>

namespace probe {

template <class... Ts>
constexpr auto make(const Ts&... values) {
  return boost::hana::make_tuple(values...);
}
template <std::size_t I, class P>
constexpr decltype(auto) at(const P& p) {
  return boost::hana::at_c<I>(p);
}
template <class A, class B>
constexpr auto concat(const A& a, const B& b) {
  return boost::hana::concat(a, b);
}
template <class P, class F>
constexpr decltype(auto) unpack(const P& p, F&& f) {
  return boost::hana::unpack(p, static_cast<F&&>(f));
}

}  // namespace probe

#include "pack_workload.hpp"
