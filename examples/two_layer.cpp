// A two-layer network on one example: z2 = ReLU(x W1 + b1) W2 + b2, L = (z2 - y)^2.
//
// Two inputs, two hidden ReLU units, one output, every weight a scalar variable. The
// loss is one expression; leibniz::gradient differentiates it by all nine weights at
// compile time (one reverse sweep), and a few steps of gradient descent train the
// network on its one example. The numbers are small enough to check by hand: output
// 10, truth 7, so L = 9 and dL/db2 = 2 (z2 - y) = 6.
#include <array>
#include <cstdio>
#include <iostream>
#include <string_view>

#include <leibniz/leibniz.hpp>

// [snippet:two-layer-model]
// The data: one example with two inputs and its truth.
constexpr auto x1 = leibniz::var<"x1">;
constexpr auto x2 = leibniz::var<"x2">;
constexpr auto y = leibniz::var<"y">;
// The weights: W1 (2 x 2) and b1 for the hidden layer, W2 (2 x 1) and b2 for the output.
constexpr auto w1_11 = leibniz::var<"w1_11">;
constexpr auto w1_12 = leibniz::var<"w1_12">;
constexpr auto w1_21 = leibniz::var<"w1_21">;
constexpr auto w1_22 = leibniz::var<"w1_22">;
constexpr auto b1_1 = leibniz::var<"b1_1">;
constexpr auto b1_2 = leibniz::var<"b1_2">;
constexpr auto w2_1 = leibniz::var<"w2_1">;
constexpr auto w2_2 = leibniz::var<"w2_2">;
constexpr auto b2 = leibniz::var<"b2">;

constexpr auto h1 = relu(x1 * w1_11 + x2 * w1_21 + b1_1);  // hidden unit 1
constexpr auto h2 = relu(x1 * w1_12 + x2 * w1_22 + b1_2);  // hidden unit 2
constexpr auto z2 = h1 * w2_1 + h2 * w2_2 + b2;            // the output
constexpr auto L = square(z2 - y);                         // squared error

// dL/d(every weight), built by the compiler in one reverse sweep.
constexpr auto G = leibniz::gradient(L, w1_11, w1_12, w1_21, w1_22, b1_1, b1_2, w2_1, w2_2, b2);
// [snippet:two-layer-model-end]

using namespace leibniz::literals;
static_assert(leibniz::d(L, b2) == 2_c * (z2 - y));  // dL/db2 = 2 (z2 - y), known while compiling

// [snippet:two-layer-helper]
struct weights {
  double w1_11, w1_12, w1_21, w1_22, b1_1, b1_2, w2_1, w2_2, b2;
};

// Evaluates an expression, or the whole gradient, at the example and the weights.
template <class F>
auto at(const F& f, const weights& p) {
  return f(x1 = 1.0, x2 = 2.0, y = 7.0, w1_11 = p.w1_11, w1_12 = p.w1_12, w1_21 = p.w1_21, w1_22 = p.w1_22,
           b1_1 = p.b1_1, b1_2 = p.b1_2, w2_1 = p.w2_1, w2_2 = p.w2_2, b2 = p.b2);
}
// [snippet:two-layer-helper-end]

int main(int argc, char** argv) {
  // `two_layer --dot` prints the network's graph for Graphviz instead (tools/render_graphs.py).
  if (argc > 1 && std::string_view(argv[1]) == "--dot") {
    std::cout << leibniz::to_dot(L, x1 = 1.0, x2 = 2.0, y = 7.0, w1_11 = 1.0, w1_12 = -1.0, w1_21 = 1.0, w1_22 = -1.0,
                                 b1_1 = 0.0, b1_2 = 0.0, w2_1 = 3.0, w2_2 = 1.0, b2 = 1.0);
    return 0;
  }

  // [snippet:two-layer-numbers]
  // Hidden unit 1: 1 * 1 + 2 * 1 + 0 = 3; unit 2: 1 * (-1) + 2 * (-1) + 0 = -3, which ReLU
  // turns off. Output: 3 * 3 + 0 * 1 + 1 = 10; the truth is 7.
  weights p{.w1_11 = 1, .w1_12 = -1, .w1_21 = 1, .w1_22 = -1, .b1_1 = 0, .b1_2 = 0, .w2_1 = 3, .w2_2 = 1, .b2 = 1};
  std::cout << "z2 = " << at(z2, p) << ", y = 7\n";
  std::cout << "L = " << at(L, p) << '\n';
  std::cout << "dL/db2 = 2 (z2 - y) = " << at(G, p)[b2] << '\n';  // the static_assert above
  // The chain 2 (z2 - y) * w2_1 * ReLU'(hidden 1) * x1 = 6 * 3 * 1 * 1:
  std::cout << "dL/dw1_11 = " << at(G, p)[w1_11] << '\n';
  // Unit 2 is off (ReLU'(-3) = 0), so nothing reaches its weights:
  std::cout << "dL/dw1_12 = " << at(G, p)[w1_12] << '\n';
  // [snippet:two-layer-numbers-end]

  std::cout << "unique nodes: loss " << leibniz::node_count(L) << ", its 9 partials together " << leibniz::node_count(G)
            << '\n';

  // [snippet:two-layer-train]
  // Gradient descent on the one example: w <- w - rate * dL/dw.
  const double rate = 0.002;
  for (int step = 0; step <= 20; ++step) {
    if (step % 4 == 0)
      std::printf("step %2d  L = %.6f\n", step, at(L, p));
    const auto g = at(G, p);
    p.w1_11 -= rate * g[w1_11], p.w1_12 -= rate * g[w1_12], p.w1_21 -= rate * g[w1_21];
    p.w1_22 -= rate * g[w1_22], p.b1_1 -= rate * g[b1_1], p.b1_2 -= rate * g[b1_2];
    p.w2_1 -= rate * g[w2_1], p.w2_2 -= rate * g[w2_2], p.b2 -= rate * g[b2];
  }
  // [snippet:two-layer-train-end]
  std::printf("z2 = %.4f after training (truth 7)\n", at(z2, p));
}
