// Operand packs with boost::hana::basic_tuple, Hana's lighter tuple. It is not a Hana
// Sequence, so there is no hana::concat for it: two unpacks, as leibniz would write it.
#include <boost/hana/at.hpp>
#include <boost/hana/basic_tuple.hpp>
#include <boost/hana/unpack.hpp>
#include <cstddef>

namespace probe {

template <class... Ts>
constexpr auto make(const Ts&... values) {
  return boost::hana::make_basic_tuple(values...);
}
template <std::size_t I, class P>
constexpr decltype(auto) at(const P& p) {
  return boost::hana::at_c<I>(p);
}
template <class A, class B>
constexpr auto concat(const A& a, const B& b) {
  return boost::hana::unpack(a, [&](const auto&... xs) {
    return boost::hana::unpack(b, [&](const auto&... ys) { return boost::hana::make_basic_tuple(xs..., ys...); });
  });
}
template <class P, class F>
constexpr decltype(auto) unpack(const P& p, F&& f) {
  return boost::hana::unpack(p, static_cast<F&&>(f));
}

}  // namespace probe

#include "pack_workload.hpp"
