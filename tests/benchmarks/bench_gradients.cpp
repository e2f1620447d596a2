// tests/benchmarks/bench_gradients.cpp — the runtime benchmark of issue 3: B1–B7 of
// BENCHMARKS.md, every variant timed in the same run, printed as one table.
//
//     bench_gradients [--json PATH] [--repeat R] [--n N] [--only B3]
//
// Run by `meson test -C build --benchmark bench_gradients` (which writes
// <build>/bench_gradients.json for tools/plot_benchmarks.py).
//
// Method. Every input (variable or datum) is its own ArrayXd of N = 1,000,000 doubles,
// uniform in [0.5, 1.5), from one fixed-seed generator; every output is its own
// preallocated ArrayXd. Each kernel first runs once (the warm-up) into outputs filled with
// NaN, and its values are compared with the first variant of its kind (f-only for f,
// hand-fused for gradients). Then R rounds (default 11, at least 7) run every kernel once
// each, round-robin, so that a burst of load from other processes hits all variants
// alike; the best round of each kernel is reported, in ns per point. Single thread.
//
// Agreement. The relative difference of a and its reference r is
// |a - r| / max(|a|, |r|, 1e-6 * max|r| over the array): relative everywhere except
// within a millionth of the array's largest value of zero, where a partial that
// cancels (B4's df/dx) only has absolute accuracy. Allowed: 1e-9, and 1e-6 for
// hand-loopvec (-ffast-math: libmvec's 4-ulp functions, reassociated sums). A
// disagreement, a NaN or a missing reference kernel makes the program exit 1; missing
// a performance target does not (the table says it).
//
// B5 is memory-bound: it also times copying the 16 input arrays into 16 output arrays
// (memcpy and an Eigen assignment); the faster is the copy bound (the time to read and
// write those bytes once).
//
// Every core. leibniz-grad-par is leibniz-grad with `leibniz::tie(leibniz::parallel, ...)`
// (bench_gradients_parallel.cpp, built with OpenMP when it is found): its results must be
// bitwise leibniz-grad's (else exit 1), and a second table gives the scaling, leibniz-grad
// (one thread) against leibniz-grad-par (OpenMP's default: one thread per core, or
// OMP_NUM_THREADS), target >= 1.8x on 2 cores for B3 and B6.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench_gradients.hpp"

namespace {

using Eigen::ArrayXd;
using Eigen::Index;

/// One row of BENCHMARKS.md.
struct benchmark_spec {
  std::string_view id;
  std::string_view formula;
  std::vector<std::string_view> inputs;    // variables, then data
  std::vector<std::string_view> partials;  // the outputs of the gradient variants
  double fastest_known;                    // ns per point, BENCHMARKS.md
  bool memory_bound;                       // judged against the copy bound
};

const std::vector<benchmark_spec> specs = {
    {"B1", "sin(x1) + x1*x2", {"x1", "x2"}, {"x1", "x2"}, 0.7, false},
    {"B2", "(x + y) * z", {"x", "y", "z"}, {"x", "y", "z"}, 0.9, false},
    {"B3", "1 / (1 + exp(-(w1*a1 + w2*a2 + b)))", {"w1", "w2", "b", "a1", "a2"}, {"w1", "w2", "b"}, 1.4, false},
    {"B4", "(1 - x)^2 + 100*(y - x^2)^2", {"x", "y"}, {"x", "y"}, 0.5, false},
    {"B5",
     "x1*x2*...*x16",
     {"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16"},
     {"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16"},
     17.0,
     true},
    {"B6", "tanh(exp(cos(sin(tanh(exp(cos(sin(x*y)))))))) + x", {"x", "y"}, {"x", "y"}, 15.0, false},
    {"B7",
     "(v1*relu(w1*x + b1) + v2*relu(w2*x + b2) + c - t)^2",
     {"w1", "b1", "w2", "b2", "v1", "v2", "c", "x", "t"},
     {"w1", "b1", "w2", "b2", "v1", "v2", "c"},
     3.1,
     false},
};

enum class computes { value, gradient, copy };

/// The table's columns, in order; the first of each kind is the reference of its kind.
struct variant_info {
  std::string_view name;
  computes what;
  double tolerance;  // largest allowed relative difference from the reference
};

constexpr std::array variants = {
    variant_info{"f-only", computes::value, 1e-9},
    variant_info{"hand-fused", computes::gradient, 1e-9},
    variant_info{"hand-blocked", computes::gradient, 1e-9},
    variant_info{"hand-loopvec", computes::gradient, 1e-6},
    variant_info{"leibniz-f", computes::value, 1e-9},
    variant_info{"leibniz-grad", computes::gradient, 1e-9},
    variant_info{"leibniz-grad-read", computes::gradient, 1e-9},
    variant_info{"leibniz-grad-par", computes::gradient, 1e-9},
    variant_info{"copy-memcpy", computes::copy, 0.0},
    variant_info{"copy-eigen", computes::copy, 0.0},
};

const variant_info& variant_named(std::string_view name) {
  for (const auto& v : variants)
    if (v.name == name)
      return v;
  std::fprintf(stderr, "unknown variant '%.*s'\n", static_cast<int>(name.size()), name.data());
  std::exit(2);
}

// The copy bound of memory-bound benchmarks: out[i] = in[i] for every output.
void copy_memcpy(bench::inputs in, bench::outputs out) {
  for (std::size_t i = 0; i < out.size(); ++i)
    std::memcpy(out[i].data(), in[i].data(), sizeof(double) * static_cast<std::size_t>(in[i].size()));
}

void copy_eigen(bench::inputs in, bench::outputs out) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = in[i];
}

/// Largest relative difference of a from r (see the file comment); +inf for NaN.
double max_relative_difference(const ArrayXd& a, const ArrayXd& r) {
  double largest = 0.0;
  for (Index i = 0; i < r.size(); ++i) largest = std::max(largest, std::abs(r[i]));
  const double floor = 1e-6 * largest;
  double worst = 0.0;
  for (Index i = 0; i < a.size(); ++i) {
    const double scale = std::max({std::abs(a[i]), std::abs(r[i]), floor});
    const double diff = std::abs(a[i] - r[i]);
    const double rel = diff == 0.0 ? 0.0 : diff / scale;
    if (!(rel <= worst))
      worst = std::isnan(rel) ? std::numeric_limits<double>::infinity() : rel;
  }
  return worst;
}

struct result {
  double best_ns = std::numeric_limits<double>::infinity();  // per point
  double max_diff = 0.0;
  bool agrees = true;
  bool bitwise = true;  // leibniz-grad-par: every bit leibniz-grad's
};

struct options {
  std::string json_path;
  int repeat = 11;
  Index n = 1'000'000;
  std::string only;
};

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--json" && has_value)
      o.json_path = argv[++i];
    else if (a == "--repeat" && has_value)
      o.repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--n" && has_value)
      o.n = std::max(1L, std::atol(argv[++i]));
    else if (a == "--only" && has_value)
      o.only = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--json PATH] [--repeat R] [--n N] [--only B3]\n", argv[0]);
      std::exit(2);
    }
  }
  return o;
}

std::string read_first_line(const char* path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

std::string cpu_model() {
  std::ifstream file("/proc/cpuinfo");
  for (std::string line; std::getline(file, line);)
    if (line.rfind("model name", 0) == 0)
      return line.substr(line.find(':') + 2);
  return "unknown";
}

/// Measures every kernel of one benchmark; results by variant name.
std::map<std::string_view, result> run_benchmark(const benchmark_spec& spec, const std::vector<bench::kernel>& kernels,
                                                 const options& o, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(0.5, 1.5);
  std::vector<ArrayXd> in(spec.inputs.size(), ArrayXd(o.n));
  for (auto& a : in)
    for (Index i = 0; i < o.n; ++i) a[i] = uniform(rng);

  const auto outputs_of = [&](computes what) {
    return what == computes::value      ? std::size_t{1}
           : what == computes::gradient ? spec.partials.size()
                                        : spec.inputs.size();
  };
  std::map<computes, std::vector<ArrayXd>> scratch, reference;
  scratch[computes::value].assign(outputs_of(computes::value), ArrayXd(o.n));
  scratch[computes::gradient].assign(outputs_of(computes::gradient), ArrayXd(o.n));
  if (spec.memory_bound) {
    scratch[computes::copy].assign(outputs_of(computes::copy), ArrayXd(o.n));
    reference[computes::copy] = in;
  }

  std::map<std::string_view, result> results;
  std::vector<ArrayXd> serial_leibniz;  // leibniz-grad's results, for leibniz-grad-par
  for (const auto& k : kernels) {  // warm-up and agreement
    const variant_info& v = variant_named(k.variant);
    auto& out = scratch[v.what];
    for (auto& a : out) a.setConstant(std::numeric_limits<double>::quiet_NaN());
    k.run(in, out);
    result& r = results[k.variant];
    if (k.variant == "leibniz-grad")
      serial_leibniz = out;
    if (k.variant == "leibniz-grad-par") {
      r.bitwise = serial_leibniz.size() == out.size();
      for (std::size_t j = 0; r.bitwise && j < out.size(); ++j)
        r.bitwise = std::memcmp(out[j].data(), serial_leibniz[j].data(), sizeof(double) * std::size_t(o.n)) == 0;
    }
    if (!reference.contains(v.what)) {
      reference[v.what] = out;
      continue;
    }
    for (std::size_t j = 0; j < out.size(); ++j)
      r.max_diff = std::max(r.max_diff, max_relative_difference(out[j], reference[v.what][j]));
    r.agrees = r.max_diff <= v.tolerance && r.bitwise;
  }
  for (int round = 0; round < o.repeat; ++round) {
    for (const auto& k : kernels) {
      auto& out = scratch[variant_named(k.variant).what];
      const auto start = std::chrono::steady_clock::now();
      k.run(in, out);
      const auto stop = std::chrono::steady_clock::now();
      const double ns = std::chrono::duration<double, std::nano>(stop - start).count();
      result& r = results[k.variant];
      r.best_ns = std::min(r.best_ns, ns / static_cast<double>(o.n));
    }
  }
  return results;
}

std::optional<double> time_of(const std::map<std::string_view, result>& rs, std::string_view v) {
  const auto it = rs.find(v);
  if (it == rs.end())
    return std::nullopt;
  return it->second.best_ns;
}

std::string cell(std::optional<double> x, const char* format = "%.2f") {
  if (!x)
    return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, *x);
  return buffer;
}

std::string json_number(std::optional<double> x) {
  if (!x || !std::isfinite(*x))
    return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", *x);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  const options o = parse(argc, argv);

  std::vector<bench::kernel> kernels = bench::hand_kernels();
  for (const auto& k : bench::loopvec_kernels()) kernels.push_back(k);
#ifdef BENCH_WITH_LEIBNIZ
  for (const auto& k : bench::leibniz_kernels()) kernels.push_back(k);
  constexpr bool with_leibniz = true;
#else
  constexpr bool with_leibniz = false;
#endif
#ifdef BENCH_WITH_PARALLEL
  for (const auto& k : bench::parallel_kernels()) kernels.push_back(k);
#endif

  const std::string load_before = read_first_line("/proc/loadavg");
  std::printf(
      "B1-B7 (BENCHMARKS.md): N = %ld points, best of %d rounds after a warm-up, "
      "single thread, ns per point\n",
      static_cast<long>(o.n), o.repeat);
  std::printf("cpu: %s; compiler: %s; load average before: %s\n", cpu_model().c_str(), __VERSION__,
              load_before.c_str());
  if (!with_leibniz)
    std::printf("leibniz variants: not built (BENCH_WITH_LEIBNIZ not defined)\n");

  std::mt19937_64 rng(20261122);  // one generator, fixed seed: the same data every run
  bool all_agree = true;
  std::vector<std::pair<const benchmark_spec*, std::map<std::string_view, result>>> table;
  for (const auto& spec : specs) {
    if (!o.only.empty() && spec.id != o.only)
      continue;
    std::vector<bench::kernel> mine;
    for (const auto& v : variants) {  // in column order: references first
      for (const auto& k : kernels)
        if (k.benchmark == spec.id && k.variant == v.name)
          mine.push_back(k);
      if (spec.memory_bound && v.name == "copy-memcpy")
        mine.push_back({spec.id, v.name, copy_memcpy});
      if (spec.memory_bound && v.name == "copy-eigen")
        mine.push_back({spec.id, v.name, copy_eigen});
    }
    auto results = run_benchmark(spec, mine, o, rng);
    for (const auto& v : {"f-only", "hand-fused", "hand-blocked", "hand-loopvec"})
      if (!results.contains(v)) {
        std::printf("%.*s: no '%s' kernel\n", static_cast<int>(spec.id.size()), spec.id.data(), v);
        all_agree = false;
      }
    for (const auto& [name, r] : results) all_agree = all_agree && r.agrees;
    table.emplace_back(&spec, std::move(results));
  }

  // ------------------------------------------------------------------ the table
  const char* head = "%-3s %8s %8s %8s %8s %8s %8s %8s | %7s %6s | %6s %6s | %6s | %8s | %s\n";
  std::printf("\n");
  std::printf(head, "", "f-only", "fused", "blocked", "loopvec", "lbz-f", "lbz-grad", "lbz-read", "grad/", "grad/",
              "copy", "grad/", "known", "max rel", "targets");
  std::printf(head, "", "", "", "", "", "", "", "", "hand", "lbz-f", "bound", "copy", "", "diff", "");
  std::printf("%s\n", std::string(148, '-').c_str());
  std::string json =
      "{\n  \"n\": " + std::to_string(o.n) + ",\n  \"repeat\": " + std::to_string(o.repeat) + ",\n  \"benchmarks\": [";
  for (std::size_t row = 0; row < table.size(); ++row) {
    const auto& [spec, rs] = table[row];
    const auto t = [&](std::string_view v) { return time_of(rs, v); };
    std::optional<double> best_hand;
    for (const auto& v : {"hand-fused", "hand-blocked", "hand-loopvec"})
      if (t(v))
        best_hand = std::min(best_hand.value_or(*t(v)), *t(v));
    std::optional<double> copy_bound;
    for (const auto& v : {"copy-memcpy", "copy-eigen"})
      if (t(v))
        copy_bound = std::min(copy_bound.value_or(*t(v)), *t(v));
    const auto grad = t("leibniz-grad");
    const auto ratio = [](std::optional<double> a, std::optional<double> b) {
      return a && b ? std::optional<double>(*a / *b) : std::nullopt;
    };
    const auto vs_hand = ratio(grad, best_hand);
    const auto vs_f = ratio(grad, t("leibniz-f"));
    const auto vs_copy = ratio(grad, copy_bound);
    double max_diff = 0.0;
    bool agrees = true;
    for (const auto& [name, r] : rs) {
      if (variant_named(name).what != computes::copy)
        max_diff = std::max(max_diff, r.max_diff);
      agrees = agrees && r.agrees;
    }
    std::string targets = "-";
    if (grad) {
      const auto mark = [](std::optional<double> x, double limit) { return x && *x <= limit ? "ok" : "MISS"; };
      targets =
          std::string("hand:") + mark(vs_hand, 1.0) +
          (spec->memory_bound ? std::string(" copy:") + mark(vs_copy, 1.2) : std::string(" f:") + mark(vs_f, 3.0)) +
          " known:" + mark(grad, spec->fastest_known);
    }
    std::printf(head, std::string(spec->id).c_str(), cell(t("f-only")).c_str(), cell(t("hand-fused")).c_str(),
                cell(t("hand-blocked")).c_str(), cell(t("hand-loopvec")).c_str(), cell(t("leibniz-f")).c_str(),
                cell(grad).c_str(), cell(t("leibniz-grad-read")).c_str(), cell(vs_hand).c_str(), cell(vs_f).c_str(),
                cell(copy_bound).c_str(), cell(vs_copy).c_str(), cell(spec->fastest_known, "%.1f").c_str(),
                (cell(max_diff, "%.1e") + (agrees ? "" : "!")).c_str(), targets.c_str());

    json += std::string(row ? "," : "") + "\n    {\"id\": \"" + std::string(spec->id) + "\", \"formula\": \"" +
            std::string(spec->formula) + "\", \"fastest_known\": " + json_number(spec->fastest_known) +
            ", \"copy_bound\": " + json_number(copy_bound) + ", \"agrees\": " + (agrees ? "true" : "false") +
            ",\n     \"ns_per_point\": {";
    bool first = true;
    for (const auto& v : variants)
      if (const auto x = t(v.name)) {
        json += std::string(first ? "" : ", ") + "\"" + std::string(v.name) + "\": " + json_number(x);
        first = false;
      }
    json += "},\n     \"max_rel_diff\": {";
    first = true;
    for (const auto& v : variants)
      if (rs.contains(v.name)) {
        json +=
            std::string(first ? "" : ", ") + "\"" + std::string(v.name) + "\": " + json_number(rs.at(v.name).max_diff);
        first = false;
      }
    json += "}}";
  }
  const std::string load_after = read_first_line("/proc/loadavg");
  std::printf("%s\n", std::string(148, '-').c_str());
  std::printf(
      "fused/blocked/loopvec: the hand-written gradients (Eigen fused, Eigen blocks of 256, plain "
      "loops with -ffast-math); lbz: leibniz.\nlbz-grad: tie into the preallocated outputs; lbz-read "
      "(B3): `auto g = G(...)`, each g[x] moved out (new arrays every call).\ngrad/hand: leibniz gradient "
      "/ fastest hand-written gradient (target <= 1); grad/lbz-f: / leibniz's own f (target <= 3, not B5);\ncopy bound "
      "(B5): copying the 16 inputs to 16 outputs, faster of memcpy and Eigen (target grad/copy <= "
      "1.2);\nknown: fastest known gradient, BENCHMARKS.md; max rel diff: largest relative "
      "difference of any variant from its reference (! = above tolerance).\n");

  // ------------------------------------------------------ the 2-core scaling
  bool any_parallel = false;
  for (const auto& [spec, rs] : table) any_parallel = any_parallel || rs.contains("leibniz-grad-par");
  if (any_parallel) {
    const char* omp_env = std::getenv("OMP_NUM_THREADS");
    std::printf(
        "\nEvery core: leibniz-grad on one thread against `tie(leibniz::parallel, ...)` (OpenMP, %s), "
        "ns per point\n",
        omp_env ? (std::string("OMP_NUM_THREADS=") + omp_env).c_str()
                : (std::to_string(std::thread::hardware_concurrency()) + " hardware threads").c_str());
    const char* row_format = "%-3s %10s %10s %9s %9s %s\n";
    std::printf(row_format, "", "1 thread", "parallel", "speed-up", "bitwise", "target");
    std::printf("%s\n", std::string(60, '-').c_str());
    for (const auto& [spec, rs] : table) {
      const auto serial = time_of(rs, "leibniz-grad");
      const auto par = time_of(rs, "leibniz-grad-par");
      if (!par)
        continue;
      const auto speed_up = serial ? std::optional<double>(*serial / *par) : std::nullopt;
      const bool targeted = spec->id == "B3" || spec->id == "B6";
      std::printf(row_format, std::string(spec->id).c_str(), cell(serial).c_str(), cell(par).c_str(),
                  (cell(speed_up) + "x").c_str(), rs.at("leibniz-grad-par").bitwise ? "yes" : "NO",
                  targeted ? (speed_up && *speed_up >= 1.8 ? ">= 1.8x: ok" : ">= 1.8x: MISS") : "-");
    }
  }
  std::printf("load average after: %s\n", load_after.c_str());
  json += "\n  ],\n  \"load_before\": \"" + load_before + "\",\n  \"load_after\": \"" + load_after + "\"\n}\n";

  if (!o.json_path.empty()) {
    std::ofstream file(o.json_path);
    file << json;
    if (!file) {
      std::fprintf(stderr, "cannot write %s\n", o.json_path.c_str());
      return 1;
    }
  }
  if (!all_agree) {
    std::printf("FAIL: some variants disagree (or a reference kernel is missing)\n");
    for (const auto& [spec, rs] : table)
      for (const auto& [name, r] : rs)
        if (!r.bitwise)
          std::printf("  %.*s %.*s: not bitwise leibniz-grad's results\n", static_cast<int>(spec->id.size()),
                      spec->id.data(), static_cast<int>(name.size()), name.data());
        else if (!r.agrees)
          std::printf("  %.*s %.*s: max relative difference %.3g > %.0e\n", static_cast<int>(spec->id.size()),
                      spec->id.data(), static_cast<int>(name.size()), name.data(), r.max_diff,
                      variant_named(name).tolerance);
    return 1;
  }
  return 0;
}
