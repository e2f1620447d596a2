// Compile-time probe: a logistic loss over F scalar features (issue 9, item 7),
//
//     L = softplus(-t * (w1 * a1 + w2 * a2 + ... + wF * aF + b)),
//
// and its gradient by w1 ... wF and b, written with leibniz::tie into F + 1 arrays, the
// weights bound to numbers, the data a1 ... aF and the label t to Eigen arrays. The
// gradient schedule has about 4F steps, so this measures how the compile time of array
// evaluation grows with the size of one kernel. F is -DPROBE_FEATURES=F (default 50).
// See compile_time.py; `meson test -C build --benchmark compile_time`.
//
// At the point below, z = w . a + b = -t (1 + 2 + ... + F) / F^2 + 1/2, and
// dL/dwi = -t sigmoid(-t z) ai.
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <utility>

#include <leibniz/leibniz.hpp>

#ifndef PROBE_FEATURES
#define PROBE_FEATURES 50
#endif
constexpr std::size_t features = PROBE_FEATURES;
static_assert(features >= 1 && features <= 999);

// The variable named P followed by the digits of I ("w1", "a17"): w<1> ... w<F>.
template <std::size_t N>
struct name_text {
  char data[N]{};
};
constexpr std::size_t digits(std::size_t i) {
  return i < 10 ? 1 : i < 100 ? 2 : 3;
}
template <char P, std::size_t I>
constexpr auto make_name() {
  name_text<digits(I) + 2> text;
  text.data[0] = P;
  for (std::size_t k = digits(I), i = I; k > 0; --k, i /= 10) text.data[k] = char('0' + i % 10);
  return text;
}
template <char P, std::size_t I>
inline constexpr auto name = make_name<P, I>();
template <std::size_t I>
inline constexpr auto w = leibniz::var<leibniz::fixed_string(name<'w', I>.data)>;
template <std::size_t I>
inline constexpr auto a = leibniz::var<leibniz::fixed_string(name<'a', I>.data)>;

constexpr auto b = leibniz::var<"b">;
constexpr auto t = leibniz::var<"t">;
static_assert(w<12> == leibniz::var<"w12"> && a<7> == leibniz::var<"a7">);

// w1 * a1 + ... + wF * aF + b (indices from 0 in the sequence, from 1 in the names).
template <std::size_t... I>
constexpr auto margin(std::index_sequence<I...>) {
  return (... + (w<I + 1> * a<I + 1>)) + b;
}
constexpr auto loss = softplus(-t * margin(std::make_index_sequence<features>{}));

// The gradient of the loss at every point, into g[0 .. F) (by the weights) and g[F] (by b).
template <std::size_t... I>
void gradient_into(Eigen::ArrayXd* g, const double* weights, double bias, const Eigen::ArrayXd* data,
                   const Eigen::ArrayXd& label, std::index_sequence<I...>) {
  leibniz::tie(g[I]..., g[features]) =
      leibniz::gradient(loss, w<I + 1>..., b)(w<I + 1> = weights[I]..., b = bias, a<I + 1> = data[I]..., t = label);
}

int main() {
  constexpr Eigen::Index n = 37;  // a full chunk or more and a partial one
  double weights[features];
  Eigen::ArrayXd data[features], g[features + 1];
  for (std::size_t i = 0; i < features; ++i) {
    weights[i] = double(i + 1) / double(features * features);
    data[i] = Eigen::ArrayXd::Constant(n, -1.0);
  }
  const Eigen::ArrayXd label = Eigen::ArrayXd::Constant(n, 1.0);
  gradient_into(g, weights, 0.5, data, label, std::make_index_sequence<features>{});

  const double z = -(double(features) * double(features + 1) / 2) / double(features * features) + 0.5;
  const double s = 1 / (1 + std::exp(z));  // sigmoid(-t z), t = 1
  double worst = 0;
  for (std::size_t i = 0; i < features; ++i) worst = std::fmax(worst, (g[i] - s).abs().maxCoeff());  // -t s ai = s
  worst = std::fmax(worst, (g[features] + s).abs().maxCoeff());
  std::printf("logistic loss, %zu features: dL/dw1 = %.15g, dL/db = %.15g, largest error %.3g\n", features, g[0][0],
              g[features][0], worst);
  return worst < 1e-12 ? 0 : 1;
}
