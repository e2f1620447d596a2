// leibniz/eigen.hpp — evaluation over Eigen arrays, and leibniz::tie.
//
// Variables bind to Eigen arrays (ArrayXd, ArrayXf, Map, blocks, segments, any
// ArrayBase) or to numbers, which are broadcast. The unique nodes of all requested
// outputs are computed element by element in chunks that fit the machine: a SIMD batch
// in registers (simd.hpp: xsimd's vectorised sin, cos, exp, tanh, ...) or, with
// -DLEIBNIZ_NO_SIMD, a block of 128 elements in Eigen fixed-size arrays (Eigen's
// kernels). Either way every shared subexpression is computed once per element,
// inputs are read once and outputs written once: no temporary array ever streams to
// memory.
#pragma once

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "dag.hpp"
#include "detail/lazy_result.hpp"
#include "detail/text.hpp"
#include "evaluate.hpp"
#include "gradient.hpp"
#include "parameters.hpp"
#include "simd.hpp"
#include "variable.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class D>
void array_base_of(const Eigen::ArrayBase<D>&);

/// An Eigen array, map, block or array expression (anything derived from ArrayBase).
template <class T>
concept EigenArray = requires(const T& t) {
  array_base_of(t);
};

template <EigenArray T>
inline constexpr bool is_bindable_v<T> = std::is_floating_point_v<typename T::Scalar>;

// Maps, blocks and expressions are small views: copy them. Arrays that own their
// elements are referred to.
template <EigenArray T>
inline constexpr bool is_held_by_value_v<T> = !std::is_base_of_v<Eigen::PlainObjectBase<T>, T>;

/// An array of n results in precision S.
template <class S>
using result_array = Eigen::Array<S, Eigen::Dynamic, 1>;

/// The error for arrays of different sizes bound together, out of line: every list of
/// bindings checks its sizes, and the message's string work inlined into each of them
/// was most of their code (and of its compile time).
[[noreturn]] LEIBNIZ_NOINLINE inline void throw_different_sizes(std::string_view first, Eigen::Index first_size,
                                                                std::string_view other, Eigen::Index other_size) {
  throw std::invalid_argument(
      concat({"leibniz: arrays bound together have different sizes: ", first, " has ", std::to_string(first_size),
              " elements, ", other, " has ", std::to_string(other_size)}));
}

/// One binding's part of common_size: its array's size is the first seen, or must equal
/// it. A function of the binding alone, not a lambda, which GCC would name after all the
/// bindings once per binding (dag.hpp).
template <class B>
void check_common_size(const B& binding, Eigen::Index& size, std::string_view& first) {
  if constexpr (is_array_v<typename B::value_type>) {
    const Eigen::Index n = binding.value.size();
    if (size < 0) {
      size = n;
      first = B::name.view();
    } else if (n != size) {
      throw_different_sizes(first, size, B::name.view(), n);
    }
  }
}

/// The number of elements of the arrays among the bindings (1 if there is none);
/// arrays of different sizes are an error that names both.
template <class... Bs>
Eigen::Index common_size(const Bs&... bindings) {
  Eigen::Index size = -1;
  std::string_view first;
  // a braced list, not a fold (pack.hpp)
  [[maybe_unused]] const int in_order[] = {0, (check_common_size(bindings, size, first), 0)...};
  return size < 0 ? 1 : size;
}

/// Where a chunk reads one binding's elements: a contiguous array of S, or one number for all.
template <class S>
struct input_view {
  const S* data = nullptr;  // null for a number
  S number{};
};
/// An input_view with the converted copy it may point into (when the bound array is not
/// a contiguous array of S). The loops copy only the views, never the Eigen member.
template <class S>
struct input : input_view<S> {
  result_array<S> copy;
};

template <class S, class B>
void prepare_input(input<S>& in, const B& b) {
  using T = typename B::value_type;
  if constexpr (!is_array_v<T>) {
    in.number = S(b.value);
  } else {
    using traits = Eigen::internal::traits<T>;
    constexpr bool direct = std::is_same_v<typename T::Scalar, S> && bool(traits::Flags & Eigen::DirectAccessBit);
    if constexpr (direct) {
      if (b.value.innerStride() == 1 && (b.value.cols() == 1 || b.value.rows() == 1 ||
                                         b.value.outerStride() == (T::IsRowMajor ? b.value.cols() : b.value.rows()))) {
        in.data = b.value.data();
        return;
      }
    }
    // A column of S with unit stride is always read in place: no copy is made for it
    // (the matrix back end's kernels bind only such columns).
    if constexpr (!(direct && T::ColsAtCompileTime == 1 && T::InnerStrideAtCompileTime == 1)) {
      in.copy = b.value.template cast<S>().reshaped();
      in.data = in.copy.data();
    }
  }
}

/// Reads the variables of a chunk starting at element i, for run_schedule (dag.hpp):
/// whether binding K is an array or a number is in its type B, so no chunk branches on it.
template <class V, class S>
struct chunk_reader {
  const input_view<S>* inputs;
  std::size_t i;
  template <std::size_t K, class B>
  V load() const {
    if constexpr (is_array_v<typename B::value_type>)
      return lanes<V>::load(inputs[K].data + i);
    else
      return splat<V>(inputs[K].number);
  }
};

/// Bytes an evaluation must touch (inputs and outputs) before its outputs are stored
/// non-temporally: half the last-level cache of the AMD EPYC measured (32 MiB), so what
/// one call leaves in the cache is not what the next one reads (docs/performance.md).
inline constexpr std::size_t stream_threshold_bytes = std::size_t(16) << 20;

/// Whether an evaluation of n elements streams its outputs: it touches more than
/// stream_threshold_bytes and every output starts on a cache line (Eigen's own arrays
/// do, with AVX-512), so each chunk's store is a whole aligned register.
template <class S, std::size_t K>
bool streams_outputs(const std::array<input<S>, K>& inputs, S* const* outputs, std::size_t k_outputs, std::size_t n) {
  std::size_t arrays = k_outputs;
  for (const input<S>& in : inputs) arrays += in.data != nullptr ? 1 : 0;
  if (arrays * n * sizeof(S) < stream_threshold_bytes)
    return false;
  for (std::size_t k = 0; k < k_outputs; ++k)
    if (reinterpret_cast<std::uintptr_t>(outputs[k]) % 64 != 0)
      return false;
  return true;
}

/// The last, partial chunk of each input, [from, from + rest), copied into `buffers`
/// (width numbers per input) and padded with ones, which every function accepts; `views`
/// read them. A function of S alone, so every kernel of one type shares its loops.
template <class S>
void tail_views(const input_view<S>* inputs, std::size_t k_inputs, std::size_t from, std::size_t rest,
                std::size_t width, S* buffers, input_view<S>* views) {
  for (std::size_t b = 0; b < k_inputs; ++b) {
    views[b].number = inputs[b].number;
    views[b].data = nullptr;
    if (inputs[b].data == nullptr)
      continue;
    S* buffer = buffers + b * width;
    for (std::size_t j = 0; j < width; ++j) buffer[j] = j < rest ? inputs[b].data[from + j] : S(1);
    views[b].data = buffer;
  }
}
/// The valid part of the last chunk's outputs (width numbers per output) copied to
/// [at, at + rest) of each output.
template <class S>
void copy_tail_out(const S* buffers, std::size_t width, S* const* outputs, std::size_t k_outputs, std::size_t at,
                   std::size_t rest) {
  for (std::size_t k = 0; k < k_outputs; ++k)
    for (std::size_t j = 0; j < rest; ++j) outputs[k][at + j] = buffers[k * width + j];
}

/// How evaluate_into runs its elements: serially (the default), or, with
/// leibniz::parallel (parallel.hpp), split into pieces run on several threads. split
/// calls range(context, begin, end) on pieces of [0, n) whose boundaries are multiples
/// of width (the last ends at n); eigen.hpp itself starts no thread.
struct execution {
  using range_function = void (*)(const void* context, std::size_t begin, std::size_t end);
  void (*split)(const execution&, std::size_t n, std::size_t width, range_function range,
                const void* context) = nullptr;  // null: serially
  int threads = 0;                               // 0: the threading engine's default
};

/// Computes the outputs of schedule Sched for all n elements into outputs[k][0..n).
template <class S, class Sched, class... Bs>
void evaluate_into(const pack<Bs...>& bindings, S* const* outputs, std::size_t n, const execution& exec = {}) {
  using V = chunk_t<S, function_chain_length(static_cast<typename Sched::schedule_type*>(nullptr))>;
  constexpr std::size_t width = lanes<V>::width;
  constexpr std::size_t k_outputs = Sched::outputs.size();
  constexpr std::size_t k_inputs = sizeof...(Bs);

  std::array<input<S>, k_inputs> inputs;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    [[maybe_unused]] const int in_order[] = {0, (prepare_input(inputs[I], get<I>(bindings)), 0)...};
  }
  (std::index_sequence_for<Bs...>{});

  // Inlined into the loop: for cheap kernels a call per batch would cost as much as the work.
  const auto kernel = [](const input_view<S>* in, S* const* out, std::size_t i, bool stream) LEIBNIZ_ALWAYS_INLINE {
    V values[Sched::size];
    run_schedule<pack<Bs...>>(static_cast<typename Sched::schedule_type*>(nullptr), values, chunk_reader<V, S>{in, i});
    LEIBNIZ_OPAQUE(stream);  // one loop for both kinds of store (see config.hpp)
    for (std::size_t k = 0; k < k_outputs; ++k) {
      if constexpr (requires { lanes<V>::stream(values[0], out[k] + i); })
        if (stream) {
          lanes<V>::stream(values[Sched::outputs[k]], out[k] + i);
          continue;
        }
      lanes<V>::store(values[Sched::outputs[k]], out[k] + i);
    }
  };

  // Over more memory than the last-level cache, non-temporal stores skip reading each
  // output line before writing it: 10-25% faster on B1-B5 and B7, no slower on the
  // function-bound B6 (docs/performance.md).
  // Decided once for the whole call, so every piece of a parallel one (parallel.hpp)
  // decides alike. The decision changes only the store instructions: the loop is not
  // split in two (LEIBNIZ_OPAQUE), so results do not depend on it to the last bit.
  bool streaming = false;
  if constexpr (requires(const V& v, S* p) { lanes<V>::stream(v, p); })
    streaming = streams_outputs(inputs, outputs, k_outputs, n);

  // What the loops read: the inputs' views.
  std::array<input_view<S>, k_inputs> views;
  for (std::size_t b = 0; b < k_inputs; ++b) views[b] = inputs[b];

  // The chunks [first, last) of the given inputs and outputs. Never inlined, so every
  // element is computed by the same machine code however the range is split (no
  // contraction into FMAs that differs with the inlining context): parallel results are
  // bitwise those of one thread; and the last, partial chunk, copied into full-width
  // buffers, is computed by this same code.
  const auto chunks = [&](const input_view<S>* given_inputs, S* const* given_outputs, std::size_t first,
                          std::size_t last, bool stream) LEIBNIZ_NOINLINE {
    // Local copies of where the inputs and outputs are, which no output store can
    // change (unlike the given ones, as far as the compiler knows): read once.
    std::array<input_view<S>, k_inputs> in;
    for (std::size_t b = 0; b < k_inputs; ++b) in[b] = given_inputs[b];
    std::array<S*, k_outputs> out;
    for (std::size_t k = 0; k < k_outputs; ++k) out[k] = given_outputs[k];
    for (std::size_t i = first; i < last; i += width) kernel(in.data(), out.data(), i, stream);
  };

  // The elements [begin, end), begin a multiple of width: all of them serially, or one
  // piece at a time on each thread (parallel.hpp).
  const auto range = [&](std::size_t begin, std::size_t end) LEIBNIZ_NOINLINE {
    const std::size_t whole = end - (end - begin) % width, rest = end - whole;
    chunks(views.data(), outputs, begin, whole, streaming);
    if (streaming) {
      if constexpr (requires { lanes<V>::stream_fence(); })
        lanes<V>::stream_fence();
    }
    if (rest == 0)
      return;
    std::array<input_view<S>, k_inputs> tail_inputs;
    std::array<S, width * k_inputs> in_buffers;
    std::array<S, width * k_outputs> out_buffers;
    std::array<S*, k_outputs> out_pointers;
    tail_views(views.data(), k_inputs, whole, rest, width, in_buffers.data(), tail_inputs.data());
    for (std::size_t k = 0; k < k_outputs; ++k) out_pointers[k] = out_buffers.data() + k * width;
    chunks(tail_inputs.data(), out_pointers.data(), 0, width, false);  // not aligned to a cache line
    copy_tail_out(out_buffers.data(), width, outputs, k_outputs, whole, rest);
  };
  if (exec.split == nullptr)
    return range(0, n);
  using range_type = decltype(range);
  exec.split(
      exec, n, width,
      [](const void* context, std::size_t begin, std::size_t end) {
        (*static_cast<const range_type*>(context))(begin, end);
      },
      &range);
}

template <class... Bs>
using array_number_t = typename common_number<typename Bs::value_type...>::type;

template <class E, class... Bs>
auto evaluate_arrays(const execution& exec, const E& f, const Bs&... bindings) {
  const auto all = concat(make_pack(bindings...), parameter_bindings(f));
  return unpack(all, [&](const auto&... b) {
    using S = array_number_t<std::remove_cvref_t<decltype(b)>...>;
    const Eigen::Index n = common_size(b...);
    result_array<S> out(n);
    S* const outputs[] = {out.data()};
    evaluate_into<S, schedule_for_t<lifted_t<E>>>(all, outputs, std::size_t(n), exec);
    return out;
  });
}

template <class Set, class... Bs>
struct pending_set;

/// The array back end for Eigen arrays (see evaluate.hpp).
template <EigenArray T>
struct array_backend<T> {
  static constexpr bool is_array = true;
  template <class E, class... Bs>
  static auto evaluate(const E& f, const Bs&... bindings) {
    return evaluate_arrays(execution{}, f, bindings...);
  }
  template <class Set, class... Bs>
  static auto evaluate_set(const Set& set, const Bs&... bindings) {
    return pending_set<Set, Bs...>{{}, set, make_pack(bindings...), {}};
  }
};

/// A schedule that stores its outputs into the slots of a result of Shape: a slot holds
/// the output of its entry, so a Hessian's mirrored slots are both stored from registers
/// rather than one copied from the other afterwards.
template <class Sched, class Shape>
struct slot_schedule {
  using schedule_type = typename Sched::schedule_type;
  static constexpr std::size_t size = Sched::size;
  static constexpr std::array<std::size_t, Shape::slots> outputs = [] {
    std::array<std::size_t, Shape::slots> slots{};
    for (std::size_t s = 0; s < Shape::slots; ++s) slots[s] = Sched::outputs[Shape::entry_of_slot(s)];
    return slots;
  }();
};

}  // namespace detail

/// The derivatives of a set over arrays, evaluated when first read (`G(x = X)[x]`,
/// `auto [gx, gy] = ...`) or written straight into existing arrays by
/// `leibniz::tie(gx, gy) = ...`. The first read computes every entry once, into arrays
/// the result owns; reads then refer to them (`g[x]` is a reference, mutable if `g` is),
/// and reading a temporary result moves the array out: no read copies an array. Like an
/// Eigen expression held in `auto`, it refers to the arrays it was given by name
/// (`x = X`): keep those alive until it is read. Temporaries (`x = make_array()`) are
/// held by the binding itself.
///
///     Eigen::ArrayXd gx = leibniz::gradient(x * y, x, y)(x = X, y = 2.0)[x];   // 2, 2, ...
namespace detail {
template <class Set, class... Bs>
struct pending_set
    : lazy_result<pending_set<Set, Bs...>, typename Set::shape::template values<result_array<array_number_t<Bs...>>>> {
  using number = array_number_t<Bs...>;
  using shape = typename Set::shape;
  using typename pending_set::lazy_result::values_type;
  using entries_schedule = typename decltype(unpack(std::declval<typename Set::entries>(), [](const auto&... e) {
    return std::type_identity<schedule_for_t<std::remove_cvref_t<decltype(e)>...>>{};
  }))::type;

  Set set;
  pack<Bs...> bindings;
  execution exec;  // serially, unless G(leibniz::parallel, ...) (parallel.hpp)

  /// Evaluates every entry into the arrays at outputs[k] (each of the common size), with
  /// exec's threads if it has them, else with the result's own.
  void write_to(number* const* outputs, std::size_t n, const execution& with = {}) const {
    evaluate_into<number, entries_schedule>(bindings, outputs, n, with.split ? with : exec);
  }
  Eigen::Index size() const {
    return unpack(bindings, [](const auto&... b) { return common_size(b...); });
  }

  /// The results, computed straight into the arrays that hold them (on the first read:
  /// lazy_result.hpp).
  values_type compute() const {
    const Eigen::Index n = size();
    values_type v;
    std::array<number*, shape::slots> outputs;
    for (std::size_t s = 0; s < shape::slots; ++s) {
      auto& slot = shape::slot(v, s);
      slot.resize(n);
      outputs[s] = slot.data();
    }
    evaluate_into<number, slot_schedule<entries_schedule, shape>>(bindings, outputs.data(), std::size_t(n), exec);
    return v;
  }
};

template <class T>
inline constexpr bool is_pending_v = false;
template <class Set, class... Bs>
inline constexpr bool is_pending_v<pending_set<Set, Bs...>> = true;

template <class A>
void fit(A& a, Eigen::Index n) {
  if (a.size() == n)
    return;
  if constexpr (std::is_base_of_v<Eigen::PlainObjectBase<A>, A>) {  // maps and blocks cannot resize
    a.resize(n);
  } else {
    throw std::invalid_argument(concat({"leibniz::tie: a destination has ", std::to_string(a.size()),
                                        " elements, the result has ", std::to_string(n)}));
  }
}

}  // namespace detail

/// Destinations for the entries of a derivative set, in order: assigning a set's
/// result writes each entry straight into its array, with no temporary.
template <class... As>
struct tied {
  std::tuple<As&...> destinations;
  detail::execution exec{};  // serially, unless tie(leibniz::parallel, ...) (parallel.hpp)

  template <class Set, class... Bs>
  tied& operator=(const detail::pending_set<Set, Bs...>& result) {
    using number = typename detail::pending_set<Set, Bs...>::number;
    static_assert(sizeof...(As) == Set::shape::entries,
                  "leibniz::tie(a, b, ...) = ...: give one destination per entry of the result");
    const Eigen::Index n = result.size();
    std::apply([&](auto&... a) { (detail::fit(a, n), ...); }, destinations);
    // Straight into the destinations when they are contiguous arrays of the result's
    // number type; otherwise through one temporary each.
    constexpr bool direct = ((std::is_same_v<typename As::Scalar, number> &&
                              bool(Eigen::internal::traits<As>::Flags & Eigen::DirectAccessBit)) &&
                             ...);
    bool contiguous = direct;
    if constexpr (direct)
      std::apply([&](auto&... a) { contiguous = ((a.innerStride() == 1) && ...); }, destinations);
    if constexpr (direct) {
      if (contiguous) {
        std::apply(
            [&](auto&... a) {
              number* const outputs[] = {a.data()...};
              result.write_to(outputs, std::size_t(n), exec);
            },
            destinations);
        return *this;
      }
    }
    std::array<detail::result_array<number>, sizeof...(As)> temporaries;
    std::array<number*, sizeof...(As)> outputs;
    for (std::size_t k = 0; k < sizeof...(As); ++k) {
      temporaries[k].resize(n);
      outputs[k] = temporaries[k].data();
    }
    result.write_to(outputs.data(), std::size_t(n), exec);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((std::get<I>(destinations) = temporaries[I].template cast<typename As::Scalar>()), ...);
    }
    (std::index_sequence_for<As...>{});
    return *this;
  }
};

/// Existing arrays (or maps, or blocks) to receive a gradient's entries in order:
/// `leibniz::tie(gx, gy) = leibniz::gradient(f, x, y)(x = X, y = Y);` writes both
/// without temporaries. Plain arrays are resized to fit; maps and blocks must fit.
///
///     Eigen::ArrayXd gx(n), gy(n);
///     leibniz::tie(gx, gy) = leibniz::gradient(x * y, x, y)(x = X, y = Y);
template <class... As>
tied<As...> tie(As&... destinations) {
  static_assert((detail::EigenArray<As> && ...), "leibniz::tie(a, b, ...): the destinations are Eigen arrays");
  return {std::tuple<As&...>(destinations...), {}};
}

}  // namespace leibniz

template <class Set, class... Bs>
struct std::tuple_size<leibniz::detail::pending_set<Set, Bs...>>
    : std::tuple_size<typename leibniz::detail::pending_set<Set, Bs...>::values_type> {};
template <std::size_t I, class Set, class... Bs>
struct std::tuple_element<I, leibniz::detail::pending_set<Set, Bs...>> {
  using type = const leibniz::detail::result_array<typename leibniz::detail::pending_set<Set, Bs...>::number>&;
};

LEIBNIZ_HEADER_END
