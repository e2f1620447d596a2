// leibniz/parallel.hpp — opt-in evaluation of arrays on several threads, with OpenMP.
//
//     leibniz::tie(gx, gy) = G(leibniz::parallel, x = X, y = Y);     // every core
//     Eigen::ArrayXd v = leibniz::eval(leibniz::parallel(2), f, x = X);   // two threads
//
// The elements are split into pieces at multiples of the SIMD chunk, which the threads
// take as they come, and each piece runs the very loop (one function, never inlined)
// that one thread runs over all of them: the results are bitwise those of the serial
// evaluation, whatever the number of threads and whichever thread takes a piece. No
// result is a sum over elements, so there is no reduction whose order could change.
//
// Only this header uses OpenMP, and only when it is used: a program that never writes
// leibniz::parallel needs neither -fopenmp nor libgomp. One that does is compiled and
// linked with -fopenmp (GCC: libgomp ships with it; Clang 16: Debian's libomp-16-dev);
// Meson: dependency('leibniz-parallel'); pkg-config: leibniz-parallel; CMake:
// OpenMP::OpenMP_CXX. Without it, a use is a compile error that says so.
//
// Why OpenMP rather than oneTBB, the threshold and the speed-ups measured:
// docs/performance.md, "Every core".
#pragma once

#include <cfenv>
#include <cstddef>
#include <type_traits>

#include "config.hpp"
#include "derivative_set.hpp"
#include "eigen.hpp"
#include "evaluate.hpp"

#if defined(_OPENMP)
#include <omp.h>
#endif

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class T>
inline constexpr bool openmp_enabled_v =
#if defined(_OPENMP)
    true;
#else
    false;
#endif

#if defined(_OPENMP)
/// execution::split with OpenMP: [0, n) in pieces of `piece` elements (a multiple of
/// width), which the threads take as they come, large ones first (OpenMP's guided
/// schedule: each takes a share of what is left, at least one piece). Where a thread wakes
/// late (an idle core can take a fraction of a millisecond, more in a virtual machine) or
/// its core is busy with another program, the others take its share instead of waiting
/// for it; where all are ready, each streams through a large contiguous part. Serially,
/// without a parallel region: below threshold elements, with one thread, or inside a
/// parallel region. Each thread computes in the caller's floating-point environment
/// (rounding mode, flush-to-zero), as the caller's own thread would.
inline void split_openmp(const execution& exec, std::size_t n, std::size_t width, execution::range_function range,
                         const void* context, std::size_t threshold, std::size_t piece) {
  piece = (piece + width - 1) / width * width;
  const std::size_t pieces = (n + piece - 1) / piece;
  int threads = exec.threads > 0 ? exec.threads : omp_get_max_threads();
  if (std::size_t(threads) > pieces)
    threads = int(pieces);
  if (n < threshold || threads <= 1 || omp_in_parallel())
    return range(context, 0, n);
  std::fenv_t caller;
  std::fegetenv(&caller);
#pragma omp parallel num_threads(threads)
  {
    const bool own_environment = omp_get_thread_num() != 0;
    std::fenv_t own;
    if (own_environment) {
      std::fegetenv(&own);
      std::fesetenv(&caller);
    }
#pragma omp for schedule(guided, 1) nowait
    for (std::size_t k = 0; k < pieces; ++k) range(context, k * piece, k + 1 == pieces ? n : (k + 1) * piece);
    if (own_environment)
      std::fesetenv(&own);
  }
}
#endif

}  // namespace detail

/// The type of leibniz::parallel: evaluate arrays on several threads. Holds the number
/// of threads (0: OpenMP's default, OMP_NUM_THREADS or else one per core); a policy can
/// be kept and passed around like any value.
///
///     const leibniz::parallel_policy policy = leibniz::parallel(threads_from_config);
///     leibniz::tie(policy, gx, gy) = G(x = X, y = Y);
struct parallel_policy {
  using execution_policy_tag = void;

  /// Fewer elements than this are evaluated serially, without starting a parallel
  /// region: below it, on a 2-core AMD EPYC, the threads' start and join cost more than
  /// the second core saves (docs/performance.md, "Every core").
  static constexpr std::size_t threshold = 16384;

  /// The fewest elements a thread takes at a time (2 to 100 microseconds of work for
  /// B1-B7): small enough that the last pieces even out the threads, large enough that
  /// taking one (an atomic increment) costs nothing.
  static constexpr std::size_t piece = 8192;

  int threads = 0;

  /// The same policy with a given number of threads: `leibniz::parallel(4)`. 1 is
  /// serial; 0 is OpenMP's default.
  ///
  ///     leibniz::tie(gx, gy) = G(leibniz::parallel(2), x = X, y = Y);
  [[nodiscard]] constexpr parallel_policy operator()(int thread_count) const { return {thread_count}; }

  /// Internal: the execution evaluate_into runs with (eigen.hpp).
  template <class Use = void>
  detail::execution execution() const {
    static_assert(detail::openmp_enabled_v<Use>,
                  "leibniz::parallel needs OpenMP: compile and link with -fopenmp (Meson: "
                  "dependency('leibniz-parallel'); CMake: OpenMP::OpenMP_CXX; Clang on Debian: libomp-16-dev)");
#if defined(_OPENMP)
    return {[](const detail::execution& exec, std::size_t n, std::size_t width,
               detail::execution::range_function range, const void* context) {
              detail::split_openmp(exec, n, width, range, context, threshold, piece);
            },
            threads};
#else
    return {};
#endif
  }

  /// Internal: a derivative set's result over arrays, to be computed with this policy when
  /// read or tied: what `G(leibniz::parallel, x = X, ...)` returns (derivative_set.hpp).
  template <class Result>
  Result attach(Result result) const {
    static_assert(detail::is_pending_v<Result>,
                  "leibniz::parallel is for arrays of points: bind at least one variable to an Eigen array, or "
                  "evaluate without leibniz::parallel (numbers and matrices are evaluated serially)");
    if constexpr (detail::is_pending_v<Result>)
      result.exec = execution<Result>();
    return result;
  }
};

/// Evaluate arrays on every core: the first argument of `eval`, of a gradient's (or any
/// derivative set's) call and of `tie`. `leibniz::parallel(n)` uses n threads. Results
/// are bitwise those of the serial evaluation; arrays shorter than
/// parallel_policy::threshold are evaluated serially. Needs OpenMP (-fopenmp).
///
///     leibniz::tie(gx, gy) = leibniz::gradient(f, x, y)(leibniz::parallel, x = X, y = Y);
inline constexpr parallel_policy parallel{};

/// `eval(leibniz::parallel, f, x = X, ...)`: f over arrays, on several threads; the
/// same values as `eval(f, x = X, ...)`, bit for bit.
///
///     Eigen::ArrayXd v = leibniz::eval(leibniz::parallel, sin(x) * y, x = X, y = 2.0);
template <class E, class... Bs>
[[nodiscard]] auto eval(const parallel_policy& policy, const E& f, const Bs&... bindings) {
  static_assert(Expression<E>, "leibniz::eval(leibniz::parallel, f, x = v, ...): 'f' must be a leibniz expression");
  static_assert((detail::is_binding_v<Bs> && ...),
                "leibniz::eval(leibniz::parallel, f, x = v, ...): every argument after 'f' must be a binding "
                "written `x = value`");
  if constexpr (Expression<E> && (detail::is_binding_v<Bs> && ...)) {
    constexpr bool arrays = !detail::has_matrix<E>::value && (detail::is_array_v<typename Bs::value_type> || ...);
    static_assert(arrays,
                  "leibniz::parallel is for arrays of points: bind at least one variable to an Eigen array, or "
                  "evaluate without leibniz::parallel (numbers and matrices are evaluated serially)");
    if constexpr (!arrays || !detail::bindings_checked<E, Bs...>::value)
      return 0.0;  // after the message above, without a cascade of further errors
    else
      return detail::evaluate_arrays(policy.execution<E>(), f, bindings...);
  } else {
    return 0.0;
  }
}

/// `leibniz::tie(leibniz::parallel, gx, gy) = G(x = X, y = Y)`: the entries written
/// straight into existing arrays, on several threads.
///
///     leibniz::tie(leibniz::parallel(2), gx, gy) = leibniz::gradient(f, x, y)(x = X, y = Y);
template <class... As>
tied<As...> tie(const parallel_policy& policy, As&... destinations) {
  tied<As...> t = tie(destinations...);
  t.exec = policy.execution<tied<As...>>();
  return t;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
