// Operand packs, hand-written: leibniz's detail::pack (include/leibniz/detail/pack.hpp,
// copied so that the probe stays comparable while the library changes).
#include <cstddef>
#include <type_traits>
#include <utility>

namespace probe {

template <std::size_t I, class T, bool Empty = std::is_empty_v<T>>
struct pack_leaf {
  T value;
  constexpr pack_leaf() = default;
  constexpr explicit pack_leaf(const T& v) : value(v) {}
  constexpr const T& get() const { return value; }
};
template <std::size_t I, class T>
struct pack_leaf<I, T, true> {
  constexpr pack_leaf() = default;
  constexpr explicit pack_leaf(const T&) {}
  constexpr T get() const { return T{}; }
};

template <class Indices, class... Ts>
struct pack_storage;

template <std::size_t... Is, class... Ts>
struct pack_storage<std::index_sequence<Is...>, Ts...> : pack_leaf<Is, Ts>... {
  constexpr pack_storage() = default;
  constexpr explicit pack_storage(const Ts&... values)
    requires(sizeof...(Ts) > 0)
      : pack_leaf<Is, Ts>{values}... {}
};

template <class... Ts>
struct pack : pack_storage<std::index_sequence_for<Ts...>, Ts...> {
  using pack_storage<std::index_sequence_for<Ts...>, Ts...>::pack_storage;
  static constexpr std::size_t size = sizeof...(Ts);
};

template <std::size_t I, class T, bool Empty>
constexpr decltype(auto) at(const pack_leaf<I, T, Empty>& leaf) {
  return leaf.get();
}

template <class... Ts>
constexpr pack<Ts...> make(const Ts&... values) {
  return pack<Ts...>(values...);
}

template <class... As, class... Bs, std::size_t... I, std::size_t... J>
constexpr auto concat2(const pack<As...>& a, const pack<Bs...>& b, std::index_sequence<I...>,
                       std::index_sequence<J...>) {
  return pack<As..., Bs...>(at<I>(a)..., at<J>(b)...);
}
template <class... As, class... Bs>
constexpr auto concat(const pack<As...>& a, const pack<Bs...>& b) {
  return concat2(a, b, std::index_sequence_for<As...>{}, std::index_sequence_for<Bs...>{});
}

template <class... Ts, class F>
constexpr decltype(auto) unpack(const pack<Ts...>& p, F&& f) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
    return std::forward<F>(f)(at<I>(p)...);
  }(std::index_sequence_for<Ts...>{});
}

}  // namespace probe

#include "pack_workload.hpp"
