// tests/benchmarks/bench_parallel.cpp — choosing leibniz::parallel's threading engine and
// its threshold (docs/performance.md, "Every core").
//
//     bench_parallel [--repeat R] [--threads T] [--cold] [--piece P]
//
// B2 (cheapest: three multiplies and adds per point, memory-bound), B3 (a sigmoid unit)
// and B6 (a chain of eight transcendentals) of BENCHMARKS.md: the gradient by
// `leibniz::tie(outs...) = G(...)` over n points, for n from 1,000 to 1,000,000, run
//   serial   one thread, the serial loop
//   openmp   split by OpenMP (parallel.hpp's split: guided schedule over pieces of P
//            points, default 512 so that small arrays are split too), no threshold
//   tbb      the same pieces split by oneTBB's parallel_for (auto partitioner), when
//            built with -DBENCH_HAVE_TBB (Debian: libtbb-dev)
// ns per point, best of R repetitions (default 7) of a batch of calls that lasts at least
// 20 ms (the threads kept busy, as in a loop of calls); with --cold, the median of 31
// single calls each after 2 ms of sleep (the engine's threads asleep, as in a program
// that evaluates now and then); then each engine's speed-up over serial. Every result is compared bit for bit
// with the serial one (exit 1 if one differs). The threshold of parallel.hpp is the
// smallest n where the parallel run pays on the cheap B2 (docs/performance.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <leibniz/leibniz.hpp>
#include <leibniz/parallel.hpp>

#ifdef BENCH_HAVE_TBB
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>
#endif

namespace {

using namespace leibniz::literals;
using Eigen::ArrayXd;
using leibniz::detail::execution;

int requested_threads = 0;  // 0: each engine's default (one per core)
// Smaller than parallel.hpp's 8192, so that below its threshold too the work is split.
std::size_t piece = 512;
bool cold = false;

execution serial_execution() {
  return {};
}

execution openmp_execution() {
  return {[](const execution& exec, std::size_t n, std::size_t width, execution::range_function range,
             const void* context) { leibniz::detail::split_openmp(exec, n, width, range, context, 0, piece);
          },
          requested_threads};
}

#ifdef BENCH_HAVE_TBB
// The same pieces as split_openmp (P points, at multiples of width),
// split by oneTBB's auto partitioner (large ranges first, split further when a thread
// steals: its counterpart of OpenMP's guided schedule); in the default arena or in one
// of `threads` threads.
void split_tbb(const execution& exec, std::size_t n, std::size_t width, execution::range_function range,
               const void* context) {
  const std::size_t whole_piece = (piece + width - 1) / width * width;
  const std::size_t pieces = (n + whole_piece - 1) / whole_piece;
  const auto run = [&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, pieces, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
          range(context, r.begin() * whole_piece, std::min(n, r.end() * whole_piece));
        },
        tbb::auto_partitioner{});
  };
  if (exec.threads > 0) {
    static tbb::task_arena arena(exec.threads);
    arena.execute(run);
  } else {
    run();
  }
}
execution tbb_execution() {
  return {split_tbb, requested_threads};
}
#endif

struct engine {
  std::string_view name;
  execution (*make)();
};

const std::vector<engine> engines = {
    {"serial", serial_execution},
    {"openmp", openmp_execution},
#ifdef BENCH_HAVE_TBB
    {"tbb", tbb_execution},
#endif
};

// ------------------------------------------------------------------ B2, B3, B6
constexpr auto b2_x = leibniz::var<"x">;
constexpr auto b2_y = leibniz::var<"y">;
constexpr auto b2_z = leibniz::var<"z">;
constexpr auto G2 = leibniz::gradient((b2_x + b2_y) * b2_z, b2_x, b2_y, b2_z);

constexpr auto b3_w1 = leibniz::var<"w1">;
constexpr auto b3_w2 = leibniz::var<"w2">;
constexpr auto b3_b = leibniz::var<"b">;
constexpr auto b3_a1 = leibniz::var<"a1">;
constexpr auto b3_a2 = leibniz::var<"a2">;
constexpr auto G3 =
    leibniz::gradient(1_c / (1_c + exp(-(b3_w1 * b3_a1 + b3_w2 * b3_a2 + b3_b))), b3_w1, b3_w2, b3_b);

constexpr auto b6_x = leibniz::var<"x">;
constexpr auto b6_y = leibniz::var<"y">;
constexpr auto G6 = leibniz::gradient(tanh(exp(cos(sin(tanh(exp(cos(sin(b6_x * b6_y)))))))) + b6_x, b6_x, b6_y);

using kernel = std::function<void(const execution&, const std::vector<ArrayXd>&, std::vector<ArrayXd>&)>;

struct benchmark {
  std::string_view id;
  std::size_t inputs, outputs;
  kernel run;
};

const std::vector<benchmark> benchmarks = {
    {"B2", 3, 3,
     [](const execution& e, const std::vector<ArrayXd>& in, std::vector<ArrayXd>& out) {
       auto t = leibniz::tie(out[0], out[1], out[2]);
       t.exec = e;
       t = G2(b2_x = in[0], b2_y = in[1], b2_z = in[2]);
     }},
    {"B3", 5, 3,
     [](const execution& e, const std::vector<ArrayXd>& in, std::vector<ArrayXd>& out) {
       auto t = leibniz::tie(out[0], out[1], out[2]);
       t.exec = e;
       t = G3(b3_w1 = in[0], b3_w2 = in[1], b3_b = in[2], b3_a1 = in[3], b3_a2 = in[4]);
     }},
    {"B6", 2, 2,
     [](const execution& e, const std::vector<ArrayXd>& in, std::vector<ArrayXd>& out) {
       auto t = leibniz::tie(out[0], out[1]);
       t.exec = e;
       t = G6(b6_x = in[0], b6_y = in[1]);
     }},
};

double ns_per_point(const benchmark& b, const execution& e, const std::vector<ArrayXd>& in, std::vector<ArrayXd>& out,
                    int repeat) {
  using clock = std::chrono::steady_clock;
  const auto n = double(in[0].size());
  if (cold) {
    std::vector<double> times;
    for (int r = 0; r < 31; ++r) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      const auto start = clock::now();
      b.run(e, in, out);
      times.push_back(std::chrono::duration<double, std::nano>(clock::now() - start).count() / n);
    }
    std::nth_element(times.begin(), times.begin() + 15, times.end());
    return times[15];
  }
  int calls = 1;  // a batch of calls that lasts at least 20 ms
  for (;;) {
    const auto start = clock::now();
    for (int c = 0; c < calls; ++c) b.run(e, in, out);
    if (clock::now() - start >= std::chrono::milliseconds(20) || calls >= (1 << 20))
      break;
    calls *= 2;
  }
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < repeat; ++r) {
    const auto start = clock::now();
    for (int c = 0; c < calls; ++c) b.run(e, in, out);
    const double ns = std::chrono::duration<double, std::nano>(clock::now() - start).count();
    best = std::min(best, ns / calls / n);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 7;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--threads" && i + 1 < argc)
      requested_threads = std::max(0, std::atoi(argv[++i]));
    else if (a == "--cold")
      cold = true;
    else if (a == "--piece" && i + 1 < argc)
      piece = std::size_t(std::max(1, std::atoi(argv[++i])));
    else {
      std::fprintf(stderr, "usage: %s [--repeat R] [--threads T] [--cold] [--piece P]\n", argv[0]);
      return 2;
    }
  }
  std::printf("leibniz::parallel: engines and threshold; gradient ns per point, %s; threads: %s\n",
              cold ? "median of 31 single calls after 2 ms of sleep"
                   : ("best of " + std::to_string(repeat) + " batches of calls").c_str(),
              requested_threads ? std::to_string(requested_threads).c_str() : "each engine's default");
  std::printf("pieces of %zu points; openmp max threads %d; compiler %s\n\n", piece, omp_get_max_threads(),
              __VERSION__);
  std::printf("%-3s %9s", "", "n");
  for (const auto& e : engines) std::printf(" %8s", std::string(e.name).c_str());
  for (std::size_t k = 1; k < engines.size(); ++k) std::printf("  %8s", (std::string(engines[k].name) + " x").c_str());
  std::printf("\n");

  bool identical = true;
  std::mt19937_64 rng(20261124);
  std::uniform_real_distribution<double> uniform(0.5, 1.5);
  for (const auto& b : benchmarks) {
    for (Eigen::Index n : {1'000, 2'000, 4'000, 8'000, 16'000, 32'000, 64'000, 128'000, 1'000'000}) {
      std::vector<ArrayXd> in(b.inputs, ArrayXd(n));
      for (auto& a : in)
        for (Eigen::Index i = 0; i < n; ++i) a[i] = uniform(rng);
      std::vector<ArrayXd> reference(b.outputs, ArrayXd(n)), out(b.outputs, ArrayXd(n));
      b.run(serial_execution(), in, reference);
      std::vector<double> times;
      for (const auto& e : engines) {
        b.run(e.make(), in, out);
        for (std::size_t k = 0; k < out.size(); ++k)
          if (std::memcmp(out[k].data(), reference[k].data(), sizeof(double) * std::size_t(n)) != 0) {
            std::printf("%.*s n = %ld: %.*s differs from serial\n", int(b.id.size()), b.id.data(), long(n),
                        int(e.name.size()), e.name.data());
            identical = false;
          }
        times.push_back(ns_per_point(b, e.make(), in, out, repeat));
      }
      std::printf("%-3s %9ld", std::string(b.id).c_str(), long(n));
      for (double t : times) std::printf(" %8.3f", t);
      for (std::size_t k = 1; k < times.size(); ++k) std::printf("  %8.2f", times[0] / times[k]);
      std::printf("\n");
    }
  }
  std::printf("\nx: serial time / engine time (above 1: the engine pays). Results bitwise serial's: %s\n",
              identical ? "yes" : "NO");
  return identical ? 0 : 1;
}
