// leibniz/simplify.hpp — the rule file: how nodes are combined into canonical form.
//
// Every expression is built through the make_* functions below, so equal math is an
// equal type and derivatives stay small. The rules, all applied at construction:
//
//   sums      flatten; fold rational constants; collect like terms (2x + 3x = 5x,
//             x - x = 0); order terms canonically (x + y and y + x are one type).
//   products  flatten; 0 * a = 0; fold rational coefficients; collect powers of one
//             base (x * x = x^2, x / x = 1, sqrt(x) * sqrt(x) = x); order factors
//             canonically; a rational times one sum is distributed (2(x + y) = 2x + 2y).
//   powers    a^0 = 1, a^1 = a, exact powers of rationals, (a^b)^n = a^(b n) and
//             (a b)^n = a^n b^n for integer n.
//   functions exact values at rational points (sin(0) = 0, exp(0) = 1, abs(-3) = 3, ...),
//             each function's own rewrite rule (ops/log.hpp: log(exp(a)) = a,
//             log(1 + exp(a)) = softplus(a)), max/min of two rationals, max(a, a) = a.
//   runtime   runtime constants (2.5 * x) fold with each other and with the rational
//             constant of the same sum or product, by value at run time. Nodes that hold
//             one are never merged by type: x * 2.0 + x * 3.0 keeps both terms (= 5x).
//
// It knows nothing else: no expansion of products of sums, no trigonometric identities,
// no factoring. Each rule strictly shrinks the expression or reorders it by a fixed
// key, so simplification terminates.
//
// The canonical order is by a structural 64-bit hash of each operand (its key), which
// is cheap to compute once per type. Two different operands with equal keys stop the
// build (error_canonical_order_hash_collision) rather than give a non-canonical type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>

#include "constant.hpp"
#include "detail/builders.hpp"
#include "detail/pack.hpp"
#include "detail/rational.hpp"
#include "nodes.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

// ---------------------------------------------------------------- classification

template <class T>
struct is_sum : std::false_type {};
template <class... Ts>
struct is_sum<add<Ts...>> : std::true_type {};

template <class T>
struct is_product : std::false_type {};
template <class... Fs>
struct is_product<product<Fs...>> : std::true_type {};

template <class T>
struct is_power : std::false_type {};
template <class B, class E>
struct is_power<power<B, E>> : std::true_type {};

template <class T, detail::rational R>
struct is_rational_equal : std::false_type {};
template <std::intmax_t N, std::intmax_t D, detail::rational R>
struct is_rational_equal<constant<N, D>, R> : std::bool_constant<(rational{N, D} == R)> {};

// Numbers asked of types are members of class templates named by the number alone, not
// consteval functions named after the type (dag.hpp says why).

/// A rational as a type: `value` is R.
template <rational R>
struct rational_constant {
  static constexpr rational value = R;
};

/// The value of a rational constant type, or 0/1 for any other node (test is_rational first).
template <class T>
struct rational_value_of : rational_constant<rational{0, 1}> {};
template <std::intmax_t N, std::intmax_t D>
struct rational_value_of<constant<N, D>> : rational_constant<constant<N, D>::value> {};

/// The result of evaluating a function at a rational point: exact, or not representable.
struct folded {
  bool exact = false;
  rational value{};
};

// Non-constexpr on purpose: reaching it stops compilation with its name as the message.
inline void error_canonical_order_hash_collision() {}

// The builders are declared in detail/builders.hpp (nodes state their rules with them).

template <class... Ts>
constexpr pack<Ts...> make_pack(const Ts&... values) {
  if constexpr (all_of(std::is_empty<Ts>::value...))  // a call, not a fold: lists can be long (pack.hpp)
    return {};  // no constructor to instantiate, and for GCC to name (dag.hpp)
  else
    return pack<Ts...>(values...);
}

// ---------------------------------------------------------------- term and factor anatomy

/// The part of a term without its rational coefficient: the monomial of 3xy is xy. Only
/// ever asked of types, so a class template (no function is named after it: dag.hpp).
template <class T>
struct monomial_type {
  using type = T;
};
template <std::intmax_t N, std::intmax_t D, class F>
struct monomial_type<product<constant<N, D>, F>> {
  using type = F;
};
template <std::intmax_t N, std::intmax_t D, class F, class G, class... Fs>
struct monomial_type<product<constant<N, D>, F, G, Fs...>> {
  using type = product<F, G, Fs...>;
};
template <class T>
using monomial_t = typename monomial_type<T>::type;

/// The rational coefficient of a term: 3 for 3xy, 1 for xy (a canonical product puts its
/// number first).
template <class T>
struct coefficient_of : rational_constant<rational{1, 1}> {};
template <std::intmax_t N, std::intmax_t D, class... Fs>
struct coefficient_of<product<constant<N, D>, Fs...>> : rational_constant<constant<N, D>::value> {};

/// coef * monomial, rebuilt as a canonical product (the monomial is already canonical).
template <rational Coef, class M>
constexpr auto with_coefficient(const M& m) {
  if constexpr (Coef.is_one())
    return m;
  else if constexpr (is_product<M>::value)
    return unpack(m.operands, [](const auto&... f) {
      return product<constant_t<Coef>, std::remove_cvref_t<decltype(f)>...>(make_pack(constant_t<Coef>{}, f...));
    });
  else
    return product<constant_t<Coef>, M>(make_pack(constant_t<Coef>{}, m));
}

/// A factor is base^exponent; a factor that is not a power has exponent 1.
template <class T>
struct factor_parts {
  using base = T;
  using exponent = constant<1>;
};
template <class B, class E>
struct factor_parts<power<B, E>> {
  using base = B;
  using exponent = E;
};
template <class T>
using base_t = typename factor_parts<T>::base;
template <class T>
using exponent_t = typename factor_parts<T>::exponent;

template <class T>
constexpr auto sum_terms(const T& e) {
  if constexpr (is_sum<T>::value)
    return e.operands;
  else
    return make_pack(e);
}
template <class T>
constexpr auto product_factors(const T& e) {
  if constexpr (is_product<T>::value)
    return e.operands;
  else
    return make_pack(e);
}

// ---------------------------------------------------------------- plans
//
// A plan is computed once per list of operand types (a variable template), as plain
// constexpr code over arrays: which operands are numbers, which merge, in what order.
// The builders below then only read it.

enum class role : unsigned char { number, runtime, merged, single };

template <std::size_t N>
struct plan_entry {
  role kind = role::single;
  std::size_t index = 0;  // first operand of the entry
  rational coef{1, 1};    // sums: the collected coefficient
  std::array<std::size_t, N> members{};
  std::size_t member_count = 0;
};

template <std::size_t N>
struct plan {
  rational number{0, 1};  // folded rational part: the constant term or the coefficient
  std::array<std::size_t, N> runtime{};
  std::size_t runtime_count = 0;
  std::array<plan_entry<N>, N> entries{};
  std::size_t entry_count = 0;
};

constexpr role role_for(bool number, bool runtime, bool merged) {
  return number ? role::number : runtime ? role::runtime : merged ? role::merged : role::single;
}
template <class T>
struct role_of : std::integral_constant<role, role_for(is_rational<T>::value, is_runtime<T>::value, T::is_static)> {};

/// An operand's number in a plan: a rational's value, or a term's coefficient.
template <bool Additive, class T>
struct plan_value
    : rational_constant<is_rational<T>::value ? rational_value_of<T>::value
                                              : (Additive ? coefficient_of<T>::value : rational{1, 1})> {};

/// The plan of a sum (Additive) or a product: keys are monomials or bases.
template <bool Additive, class... Ts>
consteval auto make_plan() {
  constexpr std::size_t n = sizeof...(Ts);
  plan<n> p;
  if constexpr (Additive)
    p.number = {0, 1};
  else
    p.number = {1, 1};
  const std::array<role, n> roles{role_of<Ts>::value...};
  const auto keys = type_classes<std::conditional_t<Additive, monomial_t<Ts>, base_t<Ts>>...>();
  const std::array<rational, n> values{plan_value<Additive, Ts>::value...};
  for (std::size_t i = 0; i < n; ++i) {
    switch (roles[i]) {
      case role::number:
        p.number = Additive ? p.number + values[i] : p.number * values[i];
        break;
      case role::runtime:
        p.runtime[p.runtime_count++] = i;
        break;
      case role::merged: {
        std::size_t j = 0;
        while (j < p.entry_count && !(p.entries[j].kind == role::merged && keys[p.entries[j].index] == keys[i])) ++j;
        if (j == p.entry_count) {
          p.entries[j] = {role::merged, i, {0, 1}, {}, 0};
          ++p.entry_count;
        }
        p.entries[j].coef = p.entries[j].coef + values[i];
        p.entries[j].members[p.entries[j].member_count++] = i;
        break;
      }
      case role::single:
        p.entries[p.entry_count++] = {role::single, i, values[i], {i}, 1};
        break;
    }
  }
  if constexpr (Additive) {  // like terms that cancelled (x - x) leave no entry
    std::size_t kept = 0;
    for (std::size_t j = 0; j < p.entry_count; ++j)
      if (!(p.entries[j].kind == role::merged && p.entries[j].coef.is_zero()))
        p.entries[kept++] = p.entries[j];
    p.entry_count = kept;
  }
  return p;
}
template <bool Additive, class... Ts>
inline constexpr auto plan_v = make_plan<Additive, Ts...>();

/// The canonical order of operands: a stable sort by their keys' hashes.
template <bool Additive, class... Ts>
consteval auto make_order() {
  constexpr std::size_t n = sizeof...(Ts);
  const std::array<std::uint64_t, n> hashes{std::conditional_t<Additive, monomial_t<Ts>, base_t<Ts>>::hash...};
  const auto keys = type_classes<std::conditional_t<Additive, monomial_t<Ts>, base_t<Ts>>...>();
  std::array<std::size_t, n> order{};
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = 1; i < n; ++i)  // insertion sort: n is small and it is stable
    for (std::size_t j = i; j > 0 && hashes[order[j]] < hashes[order[j - 1]]; --j) std::swap(order[j], order[j - 1]);
  for (std::size_t i = 1; i < n; ++i)
    if (hashes[order[i]] == hashes[order[i - 1]] && keys[order[i]] != keys[order[i - 1]])
      error_canonical_order_hash_collision();
  return order;
}
template <bool Additive, class... Ts>
inline constexpr auto order_v = make_order<Additive, Ts...>();

template <bool Additive, class... Ts>
constexpr auto sorted(const pack<Ts...>& p) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return make_pack(get<order_v<Additive, Ts...>[I]>(p)...);
  }
  (std::index_sequence_for<Ts...>{});
}

/// The runtime constants of a plan folded, with its rational part, into one number.
template <bool Additive, class... Ts>
constexpr auto folded_runtime(const pack<Ts...>& p) {
  return [&]<std::size_t... R>(std::index_sequence<R...>) {
    constexpr rational number = plan_v<Additive, Ts...>.number;
    // Integers (exponents of pow(x, 2)) stay integers only with an integral rational.
    if constexpr (Additive) {
      auto total = (get<plan_v<Additive, Ts...>.runtime[R]>(p).value + ...);
      using V =
          std::conditional_t<std::is_integral_v<decltype(total)> && !number.is_integer(), double, decltype(total)>;
      return runtime_constant<V>(V(total) + V(number.num) / V(number.den));
    } else {
      auto total = (get<plan_v<Additive, Ts...>.runtime[R]>(p).value * ...);
      using V =
          std::conditional_t<std::is_integral_v<decltype(total)> && !number.is_integer(), double, decltype(total)>;
      return runtime_constant<V>(V(total) * (V(number.num) / V(number.den)));
    }
  }
  (std::make_index_sequence<plan_v<Additive, Ts...>.runtime_count>{});
}

// ---------------------------------------------------------------- sums

/// One entry of a sum's plan, from the term it starts with: the term itself, or, for
/// like terms merged, their monomial with the collected coefficient. A function of that
/// term alone: one named after the whole list of terms per entry made building a sum of
/// n terms one at a time cost n^3 (dag.hpp).
template <bool Merged, rational Coef, class T>
constexpr auto sum_entry(const T& term) {
  if constexpr (Merged)
    return with_coefficient<Coef>(monomial_t<T>{});
  else
    return term;
}

template <class... Ts>
constexpr auto build_sum(const pack<Ts...>& terms) {
  if constexpr (sizeof...(Ts) == 0)
    return constant<0>{};
  else if constexpr (sizeof...(Ts) == 1)
    return get<0>(terms);
  else
    return add<Ts...>(terms);
}

/// Canonical sum of flattened terms.
template <class... Ts>
constexpr auto canonical_sum(const pack<Ts...>& p) {
  constexpr const auto& plan = plan_v<true, Ts...>;
  auto terms = [&]<std::size_t... K>(std::index_sequence<K...>) {
    return sorted<true>(make_pack(sum_entry<plan.entries[K].kind == role::merged, plan.entries[K].coef>(
        get<plan.entries[K].index>(p))...));
  }
  (std::make_index_sequence<plan.entry_count>{});
  if constexpr (plan.runtime_count > 0)
    return build_sum(concat(make_pack(folded_runtime<true>(p)), terms));
  else if constexpr (!plan.number.is_zero())
    return build_sum(concat(make_pack(constant<plan.number.num, plan.number.den>{}), terms));
  else
    return build_sum(terms);
}

inline constexpr std::size_t no_insertion = std::size_t(-1);

/// Where an operand with key hash h goes among operands with the given key hashes, the
/// first `fixed` of which stay first (a product's number) and the rest are sorted (as a
/// canonical sum's terms and a product's other factors are), or no_insertion if one of
/// them equals h: the operand might then merge, and needs the plan.
constexpr std::size_t insertion_point(std::uint64_t h, std::initializer_list<std::uint64_t> hashes,
                                      std::size_t fixed = 0) {
  std::size_t i = 0, before = fixed;
  for (std::uint64_t g : hashes) {
    if (g == h)
      return no_insertion;
    before += i++ >= fixed && g < h ? 1 : 0;
  }
  return before;
}

/// Where term B goes in the canonical sum A, as a type (std::integral_constant), or
/// no_insertion where B needs the general way: B is a sum, a number or a runtime
/// constant, A holds a number or a runtime constant, or B's monomial might merge.
template <class A, class B>
struct sum_insertion : std::integral_constant<std::size_t, no_insertion> {};
template <class... Ts, class B>
requires(!is_sum<B>::value && !is_rational<B>::value && !is_runtime<B>::value &&
         !(is_rational<Ts>::value || ...) && !(is_runtime<Ts>::value || ...))
struct sum_insertion<add<Ts...>, B>
    : std::integral_constant<std::size_t, insertion_point(monomial_t<B>::hash, {monomial_t<Ts>::hash...})> {};

/// The node N<Ts...> with B inserted at position P, as a type: element J is the J-th of
/// Ts... before P, B at P, and the (J-1)-th after it, read in step from the lists
/// (Ts..., B) and (B, Ts...). Looking each element up by its index instead
/// (element_t) cost a search of the list per element.
template <template <class...> class N, std::size_t P, class B, class Right, class Left, class Indices>
struct inserted;
template <template <class...> class N, std::size_t P, class B, class... R, class... L, std::size_t... J>
struct inserted<N, P, B, pack<R...>, pack<L...>, std::index_sequence<J...>> {
  using type = N<std::conditional_t<(J < P), R, std::conditional_t<(J == P), B, L>>...>;
};

/// The sum or product N<Ts...> with operand B inserted at position P, which is where
/// canonical_sum or canonical_product would put it when nothing merges: a sum built one
/// term at a time (w1 a1 + w2 a2 + ... + wn an), or a product one factor at a time, then
/// costs one step per operand, not a plan each.
template <std::size_t P, template <class...> class N, class... Ts, class B>
constexpr auto insert_operand(const N<Ts...>& node, const B& operand) {
  using result = typename inserted<N, P, B, pack<Ts..., B>, pack<B, Ts...>,
                                   std::make_index_sequence<sizeof...(Ts) + 1>>::type;
  if constexpr (std::is_empty<result>::value) {
    return result{};  // no constructor to instantiate, and for GCC to name (dag.hpp)
  } else {
    return [&]<std::size_t... I, std::size_t... J>(std::index_sequence<I...>, std::index_sequence<J...>) {
      return result(decltype(result::operands)(get<I>(node.operands)..., operand, get<P + J>(node.operands)...));
    }(std::make_index_sequence<P>{}, std::make_index_sequence<sizeof...(Ts) - P>{});
  }
}

// Two terms that cannot merge (neither is a sum or a number, and their monomials differ)
// only need ordering: the commonest case, built without a plan. Gives the same type as
// canonical_sum; equal hashes go the general way, which reports collisions.
template <class A, class B>
struct sum_without_plan : std::false_type {};
template <class A, class B>
requires(!is_sum<A>::value && !is_sum<B>::value && !is_rational<A>::value && !is_rational<B>::value &&
         !is_runtime<A>::value && !is_runtime<B>::value)
struct sum_without_plan<A, B> : std::bool_constant<monomial_t<A>::hash != monomial_t<B>::hash> {};

template <class... Ts>
constexpr auto make_sum(const Ts&... terms) {
  if constexpr (sizeof...(Ts) == 1)
    return (terms, ...);  // every expression the builders make is already canonical
  else
    return canonical_sum(concat(sum_terms(terms)...));
}

template <class A, class B>
constexpr auto make_sum(const A& a, const B& b) {
  if constexpr (is_rational_equal<A, rational{0, 1}>::value)
    return b;
  else if constexpr (is_rational_equal<B, rational{0, 1}>::value)
    return a;
  else if constexpr (sum_without_plan<A, B>::value) {
    if constexpr (monomial_t<A>::hash < monomial_t<B>::hash)
      return add<A, B>(make_pack(a, b));
    else
      return add<B, A>(make_pack(b, a));
  } else if constexpr (sum_insertion<A, B>::value != no_insertion) {
    return insert_operand<sum_insertion<A, B>::value>(a, b);
  } else if constexpr (sum_insertion<B, A>::value != no_insertion) {
    return insert_operand<sum_insertion<B, A>::value>(b, a);
  } else {
    return canonical_sum(concat(sum_terms(a), sum_terms(b)));
  }
}

// ---------------------------------------------------------------- products

template <std::size_t K, class... Ts>
constexpr auto product_entry(const pack<Ts...>& p) {
  constexpr auto entry = plan_v<false, Ts...>.entries[K];
  if constexpr (entry.member_count == 1) {
    return get<entry.index>(p);
  } else {  // powers of one base: add the exponents
    using P = pack<Ts...>;
    return [&]<std::size_t... J>(std::index_sequence<J...>) {
      return make_power(base_t<element_t<entry.index, P>>{},
                        make_sum(exponent_t<element_t<entry.members[J], P>>{}...));
    }
    (std::make_index_sequence<entry.member_count>{});
  }
}

/// Whether merged factors still need work: a merge produced a number, a product, or a
/// base that another factor has (sqrt(x)^2 * x).
template <class... Rs>
consteval bool needs_another_pass() {
  constexpr std::size_t n = sizeof...(Rs);
  const std::array<bool, n> settled{(!is_rational<Rs>::value && !is_product<Rs>::value)...};
  const std::array<bool, n> is_static{Rs::is_static...};
  const auto keys = type_classes<base_t<Rs>...>();
  for (std::size_t i = 0; i < n; ++i) {
    if (!settled[i])
      return true;
    for (std::size_t j = 0; j < i; ++j)
      if (is_static[i] && is_static[j] && keys[i] == keys[j])
        return true;
  }
  return false;
}

/// Whether the factors P are one sum of scalars: a rational times it is distributed.
/// A sum of vectors or matrices is not, so that its factor can move out of a matrix
/// product: 2 A^T (A w - y).
template <class P>
consteval bool is_single_sum() {
  if constexpr (P::size == 1)
    return is_sum<element_t<0, P>>::value && shape_of_type<element_t<0, P>>::value.scalar;
  else
    return false;
}

template <class... Fs>
constexpr auto build_product(const pack<Fs...>& factors) {
  if constexpr (sizeof...(Fs) == 0)
    return constant<1>{};
  else if constexpr (sizeof...(Fs) == 1)
    return get<0>(factors);
  else
    return product<Fs...>(factors);
}

/// Canonical product of flattened factors.
template <class... Ts>
constexpr auto canonical_product(const pack<Ts...>& p) {
  if constexpr (plan_v<false, Ts...>.number.is_zero()) {
    return constant<0>{};
  } else {
    auto merged = [&]<std::size_t... K>(std::index_sequence<K...>) {
      return make_pack(product_entry<K>(p)...);
    }
    (std::make_index_sequence<plan_v<false, Ts...>.entry_count>{});
    auto runtime = [&]<std::size_t... R>(std::index_sequence<R...>) {
      return make_pack(get<plan_v<false, Ts...>.runtime[R]>(p)...);
    }
    (std::make_index_sequence<plan_v<false, Ts...>.runtime_count>{});
    auto number = [] {
      if constexpr (plan_v<false, Ts...>.number.is_one())
        return pack<>{};
      else
        return make_pack(constant<plan_v<false, Ts...>.number.num, plan_v<false, Ts...>.number.den>{});
    }();
    if constexpr (unpack(merged, []<class... Rs>(const Rs&...) { return needs_another_pass<Rs...>(); })) {
      return canonical_product(
          concat(number, runtime, unpack(merged, [](const auto&... r) { return concat(product_factors(r)...); })));
    } else {
      auto factors = sorted<false>(merged);
      if constexpr (plan_v<false, Ts...>.runtime_count > 0) {
        return build_product(concat(make_pack(folded_runtime<false>(p)), factors));
      } else if constexpr (is_single_sum<decltype(factors)>() && !plan_v<false, Ts...>.number.is_one()) {
        // a rational times one sum is distributed: 2 (x + y) = 2x + 2y
        return unpack(get<0>(factors).operands, [](const auto&... t) {
          return make_sum(
              make_product(constant<plan_v<false, Ts...>.number.num, plan_v<false, Ts...>.number.den>{}, t)...);
        });
      } else {
        return build_product(concat(number, factors));
      }
    }
  }
}

// Plan-free cases of a product of two, each giving the same type as canonical_product:
// two factors with different bases (only ordered), and a rational times a non-sum.
template <class T>
struct is_plain_factor : std::bool_constant<!is_product<T>::value && !is_rational<T>::value && !is_runtime<T>::value> {
};

template <class A, class B>
struct product_without_plan : std::false_type {};
template <class A, class B>
requires(is_plain_factor<A>::value && is_plain_factor<B>::value)
struct product_without_plan<A, B> : std::bool_constant<base_t<A>::hash != base_t<B>::hash> {};

/// Where factor B goes in the canonical product A, as a type (std::integral_constant),
/// or no_insertion where B needs the general way: B is a product, a number or a runtime
/// constant, A holds a runtime constant, or B's base might merge.
template <class A, class B>
struct factor_insertion : std::integral_constant<std::size_t, no_insertion> {};
template <class F, class... Fs, class B>
requires(is_plain_factor<B>::value && !is_runtime<F>::value && !(is_runtime<Fs>::value || ...))
struct factor_insertion<product<F, Fs...>, B>
    : std::integral_constant<std::size_t, insertion_point(base_t<B>::hash, {base_t<F>::hash, base_t<Fs>::hash...},
                                                          is_rational<F>::value ? 1 : 0)> {};

template <rational C, class P, std::size_t... I>
constexpr auto scale_product(const P& factors, std::index_sequence<I...>) {
  using first = element_t<0, P>;
  if constexpr (is_rational<first>::value) {  // fold into the coefficient
    constexpr rational k = C * first::value;
    if constexpr (k.is_one() && sizeof...(I) == 1)
      return get<1>(factors);
    else if constexpr (k.is_one())
      return product<element_t<I + 1, P>...>(make_pack(get<I + 1>(factors)...));
    else
      return product<constant_t<k>, element_t<I + 1, P>...>(make_pack(constant_t<k>{}, get<I + 1>(factors)...));
  } else {
    return product<constant_t<C>, element_t<0, P>, element_t<I + 1, P>...>(
        make_pack(constant_t<C>{}, get<0>(factors), get<I + 1>(factors)...));
  }
}

template <class... Fs>
constexpr auto make_product(const Fs&... factors) {
  return canonical_product(concat(product_factors(factors)...));
}

template <class A, class B>
constexpr auto make_product(const A& a, const B& b) {
  constexpr rational ka = rational_value_of<A>::value, kb = rational_value_of<B>::value;
  if constexpr ((is_rational<A>::value && ka.is_zero()) || (is_rational<B>::value && kb.is_zero()))
    return constant<0>{};
  else if constexpr (is_rational<A>::value && ka.is_one())
    return b;
  else if constexpr (is_rational<B>::value && kb.is_one())
    return a;
  else if constexpr (product_without_plan<A, B>::value) {
    if constexpr (base_t<A>::hash < base_t<B>::hash)
      return product<A, B>(make_pack(a, b));
    else
      return product<B, A>(make_pack(b, a));
  } else if constexpr (is_rational<A>::value && is_plain_factor<B>::value && !is_sum<B>::value) {
    return product<A, B>(make_pack(a, b));
  } else if constexpr (factor_insertion<A, B>::value != no_insertion) {
    return insert_operand<factor_insertion<A, B>::value>(a, b);
  } else if constexpr (factor_insertion<B, A>::value != no_insertion) {
    return insert_operand<factor_insertion<B, A>::value>(b, a);
  } else if constexpr (is_rational<A>::value && is_product<B>::value) {
    if constexpr (!is_runtime<element_t<0, decltype(b.operands)>>::value)
      return scale_product<ka>(b.operands, std::make_index_sequence<decltype(b.operands)::size - 1>{});
    else
      return canonical_product(concat(product_factors(a), product_factors(b)));
  } else {
    return canonical_product(concat(product_factors(a), product_factors(b)));
  }
}

// ---------------------------------------------------------------- powers

template <class B, class E>
constexpr auto make_power(const B& base, const E& exponent) {
  constexpr rational b = rational_value_of<B>::value, e = rational_value_of<E>::value;
  constexpr bool number_base = is_rational<B>::value, integer_exponent = is_rational<E>::value && e.is_integer();
  if constexpr (is_rational<E>::value && e.is_zero())
    return constant<1>{};
  else if constexpr (is_rational<E>::value && e.is_one())
    return base;
  else if constexpr (number_base && b.is_one())
    return constant<1>{};
  else if constexpr (number_base && integer_exponent && !(b.is_zero() && e.is_negative()))
    return constant_t<rational_power(b, e.num)>{};
  else if constexpr (number_base && b.is_zero() && is_rational<E>::value && !e.is_negative())
    return constant<0>{};
  else if constexpr (is_power<B>::value && integer_exponent)  // (a^b)^n = a^(b n)
    return make_power(base.base(), make_product(base.exponent(), exponent));
  else if constexpr (is_product<B>::value && integer_exponent)  // (a b)^n = a^n b^n
    return unpack(base.operands, [&](const auto&... f) { return make_product(make_power(f, exponent)...); });
  else
    return power<B, E>(base, exponent);
}

// ---------------------------------------------------------------- functions

template <class Op, class A>
constexpr auto make_unary(const A& a) {
  if constexpr (is_rational<A>::value && requires { Op::fold(A::value); }) {
    constexpr folded f = Op::fold(A::value);
    if constexpr (f.exact)
      return constant_t<f.value>{};
    else
      return unary<Op, A>(a);
  } else if constexpr (requires { Op::rewrite(a); }) {  // the op's own rule (function.hpp)
    if constexpr (std::is_same_v<decltype(Op::rewrite(a)), no_rewrite>)
      return unary<Op, A>(a);
    else
      return Op::rewrite(a);
  } else {
    return unary<Op, A>(a);
  }
}

template <class Op, class A, class B>
constexpr auto make_binary(const A& a, const B& b) {
  if constexpr (is_rational<A>::value && is_rational<B>::value && requires { Op::fold(A::value, B::value); })
    return constant_t<Op::fold(A::value, B::value)>{};
  else if constexpr (requires { Op::rewrite(a, b); }) {  // the op's own rule (function.hpp)
    if constexpr (std::is_same_v<decltype(Op::rewrite(a, b)), no_rewrite>)
      return binary<Op, A, B>(a, b);
    else
      return Op::rewrite(a, b);
  } else {
    return binary<Op, A, B>(a, b);
  }
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
