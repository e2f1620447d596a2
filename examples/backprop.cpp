// Backprop, the simple example: f(x, y, z) = (x + y) * z at x = -2, y = 5, z = -4.
//
// Backpropagation cuts f into small steps, q = x + y and f = q * z, computes their
// values forwards, then runs the chain rule backwards: the gradient reaching an
// input is the upstream gradient (df/dq) times the local gradient (dq/dx). Every
// local gradient here is a symbolic derivative taken by leibniz::d. At the end the
// program prints the whole graph, annotated, in Graphviz's DOT language: render it
// with `dot -Tpng` (tools/render_graphs.py does it for docs/images/backprop.png).
#include <iostream>

#include <leibniz/leibniz.hpp>

// [snippet:backprop]
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;
constexpr auto q = leibniz::var<"q">;  // a name for the inner node x + y

constexpr auto q_of_xy = x + y;  // the graph, one step at a time
constexpr auto f_of_qz = q * z;
constexpr auto f = (x + y) * z;  // and as one expression

static_assert(leibniz::d(f, x) == z);  // what backprop will find, known while compiling

void print_graph();  // below: the annotated graph, for Graphviz

int main() {
  const double xv = -2.0, yv = 5.0, zv = -4.0;

  // Forward pass: values from the inputs to the output.
  const double qv = q_of_xy(x = xv, y = yv);
  const double fv = f_of_qz(q = qv, z = zv);
  std::cout << "forward pass\n"
            << "  q = " << q_of_xy << " = " << qv << '\n'
            << "  f = " << f_of_qz << " = " << fv << '\n';

  // Backward pass: the local gradients of f = q * z (mul switches its inputs) ...
  constexpr auto df_dz = leibniz::d(f_of_qz, z);  // q
  constexpr auto df_dq = leibniz::d(f_of_qz, q);  // z
  const double gz = df_dz(q = qv), gq = df_dq(z = zv);
  // ... and of q = x + y (add passes the upstream gradient through), chained.
  const double dq_dx = leibniz::d(q_of_xy, x)(), dq_dy = leibniz::d(q_of_xy, y)();
  std::cout << "backward pass (upstream gradient x local gradient)\n"
            << "  df/dz = " << df_dz << " = " << gz << '\n'
            << "  df/dq = " << df_dq << " = " << gq << '\n'
            << "  df/dx = df/dq * dq/dx = " << gq << " * " << dq_dx << " = " << gq * dq_dx << '\n'
            << "  df/dy = df/dq * dq/dy = " << gq << " * " << dq_dy << " = " << gq * dq_dy << '\n';

  // The same gradients straight from f, the intermediate q never named.
  constexpr auto df_dx = leibniz::d(f, x), df_dy = leibniz::d(f, y);
  std::cout << "check: f = " << f << '\n'
            << "  df/dx = " << df_dx << " = " << df_dx(x = xv, y = yv, z = zv) << '\n'
            << "  df/dy = " << df_dy << " = " << df_dy(x = xv, y = yv, z = zv) << '\n'
            << "  df/dz = " << leibniz::d(f, z) << " = " << leibniz::d(f, z)(x = xv, y = yv, z = zv) << '\n';

  print_graph();
}
// [snippet:backprop-end]

// [snippet:backprop-dot]
// The graph of f with every node's value (green) and gradient df/dnode (red) at the point.
void print_graph() {
  std::cout << leibniz::to_dot(f, x = -2.0, y = 5.0, z = -4.0);
}
// [snippet:backprop-dot-end]
