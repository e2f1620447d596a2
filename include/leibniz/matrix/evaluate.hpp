// leibniz/matrix/evaluate.hpp — the matrix back end: expressions and derivative sets with
// vectors and matrices, evaluated on Eigen matrices.
//
// The unique nodes of the outputs are scheduled once (dag.hpp), so each is computed once.
// A step's value is a number for a scalar node; an Eigen matrix for a vector or matrix
// node; a reference to the bound matrix for a variable (bindings are not copied); and a
// transpose is a lazy view of its operand, so `transpose(A) * B` reaches Eigen's GEMM as
// a transposed operand and is never materialised.
//
// Every vector or matrix value is computed into its slot's buffer, kept per thread and per
// plan from one evaluation to the next and resized only when the sizes change: entrywise
// kernels, GEMMs (whose packing buffers are kept per thread too), reductions and fills.
// A gradient is evaluated when first read, or by `tie` straight from the slots into the
// caller's matrices; so after one call with the same sizes, `tie(...) = G(...)` makes no
// heap allocation (tests/unit/test_matrix_no_alloc.cpp), but in Eigen's LU (inverse,
// log_det, solve) and in copies of bound matrices that are not column-major T.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../dag.hpp"
#include "../detail/lazy_result.hpp"
#include "../detail/text.hpp"
#include "../derivative_set.hpp"
#include "../eigen.hpp"
#include "../evaluate.hpp"
#include "../inspect.hpp"
#include "../expression.hpp"
#include "../parameters.hpp"
#include "../print.hpp"
#include "../reverse.hpp"
#include "../shape.hpp"
#include "nodes.hpp"
#include "diagonal.hpp"
#include "linear_algebra.hpp"
#include "product.hpp"
#include "reductions.hpp"
#include "results.hpp"
#include "variable.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

/// A bound matrix seen without a copy (a row-major or strided one is copied once).
template <class T>
using matrix_view_t = Eigen::Ref<const dense_t<T>, 0, Eigen::OuterStride<>>;

template <class E>
inline constexpr bool is_matrix_variable_v = Variable<E> && !shape_of_type<E>::value.scalar;

/// The type of a step's value: see the header comment.
template <class T, class E>
struct step_value_type {
  using type = std::conditional_t<shape_of_type<E>::value.scalar, T,
                                  std::conditional_t<is_matrix_variable_v<E>, matrix_view_t<T>, dense_t<T>>>;
};
template <class T, class A>
struct step_value_type<T, transposed<A>> {
  using type = Eigen::Transpose<const typename step_value_type<T, A>::type>;
};
/// diag(v) is a view of v's slot as a diagonal matrix: a product with it scales rows.
template <class T, class A>
struct step_value_type<T, reduction<diag_op, A>> {
  using type = decltype(std::declval<const typename step_value_type<T, A>::type&>().col(0).asDiagonal());
};
template <class T, class E>
using step_value_t = typename step_value_type<T, E>::type;

/// The number type of a bound value: a matrix's Scalar, integers as double.
template <class V>
using bound_number_t = promote_t<scalar_of_t<V>>;

inline std::string size_text(Eigen::Index rows, Eigen::Index cols) {
  return concat({std::to_string(rows), " x ", std::to_string(cols)});
}
LEIBNIZ_TEXT_CODE_BEGIN
/// Prints an instance of E: what operand_text_of is given, so the rest of the work on
/// an operand's text is made once, not once per operand type.
template <class E>
void print_instance(text_stack& s) {
  print<plain_style>(s, E{});
}
inline std::string operand_text_of(void (*print_operand)(text_stack&)) {
  text_stack s;
  print_operand(s);
  return shortened(pop_signed_text(s), 40);
}
/// An operand's text in an error message, cut to 40 characters.
template <class E>
std::string operand_text() {
  return operand_text_of(&print_instance<E>);
}
LEIBNIZ_TEXT_CODE_END

template <class V>
Eigen::Index rows_of(const V& v) {
  if constexpr (std::is_arithmetic_v<V>)
    return 1;
  else
    return v.rows();
}
template <class V>
Eigen::Index cols_of(const V& v) {
  if constexpr (std::is_arithmetic_v<V>)
    return 1;
  else
    return v.cols();
}

// ------------------------------------------------------------------ entrywise kernels
//
// A chain of entrywise nodes (functions, +, hadamard products, powers of vectors and
// matrices) runs as one vectorised pass: an entrywise node used only by an entrywise
// node of the same shape is not computed into a slot of its own but inlined into its
// user's kernel, a scalar expression over placeholder variables "@0", "@1", ... (the
// values of the slots it reads, in the order first met), which the array back end
// (eigen.hpp) evaluates with SIMD, every node of the kernel once per entry.

template <class E>
constexpr bool compute_is_entrywise() {
  if constexpr (Variable<E> || shape_of_type<E>::value.scalar || E::kind == node_kind::matrix)
    return false;
  else
    return children_t<E>::size > 0;
}
template <class E>
inline constexpr bool is_entrywise_v = compute_is_entrywise<E>();

/// Which slots of a plan are inlined into their one user's kernel.
template <class Sched>
struct fusion_plan;
template <class... Steps, std::size_t... Outputs>
struct fusion_plan<scheduled<schedule<Steps...>, Outputs...>> {
  static constexpr std::size_t size = sizeof...(Steps);
  static constexpr std::array<bool, size + 1> inlined = [] {
    constexpr auto edges = edges_of(static_cast<schedule<Steps...>*>(nullptr));
    constexpr bool entrywise[] = {is_entrywise_v<typename Steps::node>..., false};
    constexpr shape shapes[] = {shape_of_type<typename Steps::node>::value..., shape{}};
    std::array<std::size_t, size + 1> uses{}, user{};
    for (const edge& e : edges) ++uses[e.child], user[e.child] = e.parent;
    for (std::size_t o : {Outputs...}) uses[o] += 2;  // an output keeps its slot
    std::array<bool, size + 1> out{};
    for (std::size_t i = 0; i < size; ++i)
      out[i] = entrywise[i] && uses[i] == 1 && entrywise[user[i]] && shapes[user[i]] == shapes[i];
    return out;
  }();
};

template <std::size_t Leaf>
using placeholder_t = variable<parameter_name<'@', Leaf>()>;

/// The slots a kernel reads, its leaves, in the order first met: leaf i is read through
/// the placeholder "@i", so kernels of the same form (each layer's W x + b) are one
/// expression type, and their SIMD loop is compiled once.
struct kernel_leaves {
  std::size_t slot[256]{};
  std::size_t size = 0;
  constexpr std::size_t index_of(std::size_t s) const {
    std::size_t i = 0;
    while (i < size && slot[i] != s) ++i;
    return i;
  }
  constexpr void add(std::size_t s) {
    if (index_of(s) == size)
      slot[size++] = s;  // past 256 leaves: not a constant expression, a compile error
  }
};

template <class Plan, class Steps, class E, std::size_t... S>
constexpr void collect_leaves(plan_step<E, S...>*, kernel_leaves& leaves);
/// The leaves read for the operand in slot S: none for a constant, an inlined node's
/// own, else the slot itself.
template <class Plan, class Steps, std::size_t S>
constexpr void collect_leaf(kernel_leaves& leaves) {
  using E = typename element_t<S, Steps>::node;
  if constexpr (Variable<E> || children_t<E>::size > 0) {
    if constexpr (Plan::inlined[S])
      collect_leaves<Plan, Steps>(static_cast<element_t<S, Steps>*>(nullptr), leaves);
    else
      leaves.add(S);
  }
}
template <class Plan, class Steps, class E, std::size_t... S>
constexpr void collect_leaves(plan_step<E, S...>*, kernel_leaves& leaves) {
  [[maybe_unused]] const int in_order[] = {0, (collect_leaf<Plan, Steps, S>(leaves), 0)...};
}
template <class Plan, class Steps, std::size_t Slot>
inline constexpr kernel_leaves leaves_of_kernel = [] {
  kernel_leaves leaves;
  collect_leaves<Plan, Steps>(static_cast<element_t<Slot, Steps>*>(nullptr), leaves);
  return leaves;
}();

template <class Plan, class Steps, std::size_t Root, std::size_t Slot>
constexpr auto fused_kernel_of();

/// What the kernel of slot Root reads for the operand in slot S: a constant as itself,
/// an inlined node as its own kernel, anything else as the placeholder of its leaf.
template <class Plan, class Steps, std::size_t Root, std::size_t S>
constexpr auto operand_kernel() {
  using E = typename element_t<S, Steps>::node;
  if constexpr (!Variable<E> && children_t<E>::size == 0)
    return E{};
  else if constexpr (Plan::inlined[S])
    return fused_kernel_of<Plan, Steps, Root, S>();
  else
    return placeholder_t<leaves_of_kernel<Plan, Steps, Root>.index_of(S)>{};
}
template <class Plan, class Steps, std::size_t Root, class E, std::size_t... S>
constexpr auto kernel_from(plan_step<E, S...>*) {
  return E::rebuild(operand_kernel<Plan, Steps, Root, S>()...);
}
/// The kernel of slot Slot, inside the kernel of slot Root.
template <class Plan, class Steps, std::size_t Root, std::size_t Slot>
constexpr auto fused_kernel_of() {
  return kernel_from<Plan, Steps, Root>(static_cast<element_t<Slot, Steps>*>(nullptr));
}

/// The leaf a placeholder "@i" reads.
template <class V>
constexpr std::size_t placeholder_leaf() {
  std::size_t i = 0;
  for (std::size_t c = 1; c < V::name.size(); ++c) i = 10 * i + std::size_t(V::name.data[c] - '0');
  return i;
}

/// A slot's value seen as column-major storage: a pointer and its sizes (a transposed
/// or strided matrix is copied once into `copy`).
template <class T>
struct stored {
  const T* data = nullptr;
  Eigen::Index rows = 1, cols = 1;
  T number{};
  dense_t<T> copy;
};
template <class T, class V>
void store(stored<T>& out, const V& v) {
  if constexpr (std::is_arithmetic_v<V>) {
    out.number = T(v);
  } else {
    out.rows = v.rows();
    out.cols = v.cols();
    if constexpr (requires { v.outerStride(); }) {  // not a diagonal matrix, which has no storage of its own
      if constexpr (!V::IsRowMajor) {
        if (v.innerStride() == 1 && (v.outerStride() == v.rows() || v.cols() == 1)) {
          out.data = v.data();
          return;
        }
      }
    }
    out.copy = v;
    out.data = out.copy.data();
  }
}

template <class T>
using array_view_t = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;

/// How a leaf of a kernel meets the node's entries: a number for every entry, the same
/// column for every column, one number per column (a row vector), or entry by entry.
enum class leaf_kind { number, column, row, full };
template <class Node, class Leaf>
constexpr leaf_kind leaf_kind_of() {
  constexpr shape node = shape_of_type<Node>::value, leaf = shape_of_type<Leaf>::value;
  if (leaf.scalar)
    return leaf_kind::number;
  if (leaf.cols == 1 && node.cols != 1)
    return leaf_kind::column;
  if (leaf.rows == 1 && node.rows != 1)
    return leaf_kind::row;
  return leaf_kind::full;
}

/// The binding of placeholder V for column j (all entries at once when nothing is
/// broadcast, j = 0 and length the number of entries).
template <class T, class V, leaf_kind Kind>
auto leaf_binding(const stored<T>& in, Eigen::Index j, Eigen::Index length) {
  if constexpr (Kind == leaf_kind::number)
    return binding<V::name, T>{in.number};
  else if constexpr (Kind == leaf_kind::row)
    return binding<V::name, T>{in.data[j]};
  else if constexpr (Kind == leaf_kind::column)
    return binding<V::name, array_view_t<T>>{array_view_t<T>(in.data, length)};
  else
    return binding<V::name, array_view_t<T>>{array_view_t<T>(in.data + j * length, length)};
}

/// A leaf of a kernel as the size check sees it: its declared shape and its value's sizes.
struct leaf_extent {
  shape declared;
  Eigen::Index rows, cols;
};

/// The sizes of an entrywise node from its n leaves: each axis from the leaves not
/// broadcast along it, which must agree. False if they do not.
inline bool entrywise_sizes(const leaf_extent* leaves, std::size_t n, Eigen::Index& rows, Eigen::Index& cols) {
  rows = cols = -1;
  bool fits = true;
  for (std::size_t l = 0; l < n; ++l) {
    const leaf_extent& leaf = leaves[l];
    if (leaf.declared.scalar)
      continue;
    if (leaf.declared.rows != 1)
      fits = fits && (rows < 0 || rows == leaf.rows), rows = leaf.rows;
    if (leaf.declared.cols != 1)
      fits = fits && (cols < 0 || cols == leaf.cols), cols = leaf.cols;
  }
  rows = rows < 0 ? 1 : rows;
  cols = cols < 0 ? 1 : cols;
  return fits;
}

/// The error of an entrywise node whose operands' sizes do not fit, built out of line:
/// the node and its leaves print themselves (node, texts), the rest is written once.
[[noreturn]] LEIBNIZ_COLD inline void throw_entrywise_sizes(std::string (*node)(), std::string (*const* texts)(),
                                                            const leaf_extent* leaves, std::size_t n) {
  std::string sizes;
  for (std::size_t l = 0; l < n; ++l)
    if (!leaves[l].declared.scalar)
      sizes += concat({sizes.empty() ? "" : ", ", texts[l](), " is ", size_text(leaves[l].rows, leaves[l].cols)});
  throw std::invalid_argument(concat({"leibniz: entrywise ", node(), ": sizes do not fit: ", sizes}));
}

/// The slot, and its node, that placeholder V reads in the kernel of slot Slot.
template <class Plan, class Steps, std::size_t Slot, class V>
inline constexpr std::size_t leaf_slot_v = leaves_of_kernel<Plan, Steps, Slot>.slot[placeholder_leaf<V>()];
template <class Plan, class Steps, std::size_t Slot, class V>
using leaf_node_t = typename element_t<leaf_slot_v<Plan, Steps, Slot, V>, Steps>::node;

/// The value of an entrywise node, its inlined operands with it, in one SIMD pass, into
/// out (its buffer reused when the sizes are the same).
template <class T, class Plan, class Steps, std::size_t Slot, class Slots>
void kernel_value_into(dense_t<T>& out, const Slots& slots) {
  using E = typename element_t<Slot, Steps>::node;
  using K = decltype(fused_kernel_of<Plan, Steps, Slot, Slot>());
  using leaves = std::remove_cvref_t<decltype(variables_v<K>)>;
  [&]<class... Vs>(pack<Vs...>*) {
    constexpr std::size_t n = sizeof...(Vs);
    // Kept per thread: a leaf copied (a transposed or strided one) reuses its buffer.
    static thread_local std::array<stored<T>, n + 1> in;
    [&]<std::size_t... L>(std::index_sequence<L...>) {
      (store(in[L], slots.template at<leaf_slot_v<Plan, Steps, Slot, Vs>>()), ...);
    }
    (std::index_sequence_for<Vs...>{});
    leaf_extent extents[] = {{shape_of_type<leaf_node_t<Plan, Steps, Slot, Vs>>::value, 0, 0}..., {}};
    for (std::size_t l = 0; l < n; ++l) extents[l].rows = in[l].rows, extents[l].cols = in[l].cols;
    Eigen::Index rows, cols;
    if (!entrywise_sizes(extents, n, rows, cols)) {
      static constexpr std::string (*texts[])() = {&operand_text<leaf_node_t<Plan, Steps, Slot, Vs>>..., nullptr};
      throw_entrywise_sizes(&operand_text<E>, texts, extents, n);
    }
    out.resize(rows, cols);
    using sched = schedule_for_t<K>;
    constexpr leaf_kind kinds[] = {leaf_kind_of<E, leaf_node_t<Plan, Steps, Slot, Vs>>()..., leaf_kind::number};
    constexpr bool by_column = [&] {
      for (leaf_kind k : kinds)
        if (k == leaf_kind::column || k == leaf_kind::row)
          return true;
      return false;
    }();
    const Eigen::Index length = by_column ? rows : rows * cols;
    for (Eigen::Index j = 0; j < (by_column ? cols : 1); ++j) {
      [&]<std::size_t... L>(std::index_sequence<L...>) {
        const auto bindings = make_pack(leaf_binding<T, Vs, kinds[L]>(in[L], j, length)...);
        T* const outputs[] = {out.data() + j * length};
        evaluate_into<T, sched>(bindings, outputs, std::size_t(length));
      }
      (std::index_sequence_for<Vs...>{});
    }
  }(static_cast<leaves*>(nullptr));
}

/// The error of a product whose operands' sizes do not fit, built out of line: the
/// operands print themselves (lhs, rhs), the rest of the message is written once.
[[noreturn]] LEIBNIZ_COLD inline void throw_product_sizes(std::string (*lhs)(), std::string (*rhs)(),
                                                          Eigen::Index lhs_rows, Eigen::Index lhs_cols,
                                                          Eigen::Index rhs_rows, Eigen::Index rhs_cols) {
  const std::string a = lhs(), b = rhs();
  throw std::invalid_argument(concat({"leibniz: matrix product ", a, " * ", b, ": sizes do not fit: ", a, " is ",
                                      size_text(lhs_rows, lhs_cols), ", ", b, " is ", size_text(rhs_rows, rhs_cols),
                                      " (the columns of the left must equal the rows of the right)"}));
}

/// A * B of the values a and b, computed into out (a matrix) or returned (a number):
/// on their storage (matrix/product.hpp), or, for a diagonal operand, by Eigen, which
/// scales rows or columns.
template <class A, class B, class VA, class VB>
void check_product_sizes(const VA& a, const VB& b) {
  if (a.cols() != b.rows())
    throw_product_sizes(&operand_text<A>, &operand_text<B>, a.rows(), a.cols(), b.rows(), b.cols());
}
template <class T, class A, class B, class VA, class VB>
void matrix_product_into(dense_t<T>& out, const VA& a, const VB& b) {
  check_product_sizes<A, B>(a, b);
  constexpr bool vector_shaped = shape_of_type<A>::value.rows == 1 || shape_of_type<B>::value.cols == 1;
  if constexpr (has_storage_v<T, VA> && has_storage_v<T, VB>)
    dense_product_into<T, is_transpose_v<VA>, is_transpose_v<VB>, vector_shaped>(out, storage_of<T>(a),
                                                                                 storage_of<T>(b));
  else
    out.noalias() = a * b;
}
template <class T, class A, class B, class VA, class VB>
T inner_product_value(const VA& a, const VB& b) {
  check_product_sizes<A, B>(a, b);
  if constexpr (has_storage_v<T, VA> && has_storage_v<T, VB>)
    return product_entry<T, is_transpose_v<VA>, is_transpose_v<VB>>(storage_of<T>(a), storage_of<T>(b), 0, 0, a.cols());
  else
    return T(a.row(0).transpose().cwiseProduct(b.col(0)).sum());
}

template <class E, class V>
void check_reduction_operand(const V& a) {
  using Op = typename E::op;
  if constexpr (requires { Op::square_operand; }) {  // trace, inverse, log_det
    if (a.rows() != a.cols())
      [&]() LEIBNIZ_COLD {
        throw std::invalid_argument(concat({"leibniz: ", Op::name, "(", operand_text<element_t<0, children_t<E>>>(),
                                            "): the matrix is not square: ", size_text(a.rows(), a.cols())}));
      }();
  }
}

/// Whether a reduction op computes its value into a buffer (matrix/reductions.hpp), not
/// by evaluate.
template <class Op, class T, class M>
concept evaluates_into = requires(dense_t<T>& out, const M& a) {
  Op::evaluate_into(out, a);
};

/// A reduction's value from an operand with entries, into out: the op's evaluate_into,
/// or its evaluate (an expression) assigned to out's buffer.
template <class Op, class T, class M>
void reduce_into(dense_t<T>& out, const M& a) {
  if constexpr (evaluates_into<Op, T, M>)
    Op::evaluate_into(out, a);
  else
    out = Op::evaluate(a);
}

/// The operand as something with entries: itself, or a diagonal matrix made dense in a
/// buffer kept per thread.
template <class T, class E, class V, class F>
decltype(auto) with_entries(const V& v, F&& use) {
  if constexpr (requires { v.sum(); }) {
    return use(v);
  } else {
    static thread_local dense_t<T> dense;
    dense = v;
    return use(std::as_const(dense));
  }
}

/// A reduction to a vector or matrix, into out (its buffer reused when the sizes are the same).
template <class T, class E, class V>
void reduction_into(dense_t<T>& out, const V& value) {
  check_reduction_operand<E>(value);
  with_entries<T, E>(value, [&](const auto& a) { reduce_into<typename E::op, T>(out, a); });
}

/// A reduction to a number from an operand with entries. A function template, not the
/// body of reduction_value's lambda: there Clang 16 looks up both Op::evaluate_into and
/// Op::evaluate, though an op has one of them.
template <class Op, class T, class M>
T reduced_number(const M& a) {
  if constexpr (evaluates_into<Op, T, M>) {
    static thread_local dense_t<T> out;  // a 1 x 1 value (log_sum_exp of a vector)
    Op::evaluate_into(out, a);
    return T(out(0, 0));
  } else {
    const auto r = Op::evaluate(a);
    if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(r)>>)
      return T(r);
    else
      return T(r.value());
  }
}

/// A reduction to a number.
template <class T, class E, class V>
T reduction_value(const V& value) {
  check_reduction_operand<E>(value);
  return with_entries<T, E>(value, [](const auto& a) { return reduced_number<typename E::op, T>(a); });
}

/// v as an Eigen::MatrixBase, which an LU solve takes: itself, or a diagonal made dense.
template <class T, class V>
decltype(auto) as_matrix_base(const V& v) {
  if constexpr (std::is_base_of_v<Eigen::MatrixBase<V>, V>)
    return (v);
  else
    return dense_t<T>(v);
}

/// x = A^-1 B by Eigen's PartialPivLU into out, after checking that A is square and B
/// has its rows. The LU allocates its factors (and permutation) at every call.
template <class T, class E, class VA, class VB>
void solve_into(dense_t<T>& out, const VA& a, const VB& b) {
  using A = element_t<0, children_t<E>>;
  using B = element_t<1, children_t<E>>;
  if (a.rows() != a.cols() || b.rows() != a.rows())
    [&]() LEIBNIZ_COLD {
      const std::string a_text = operand_text<A>(), b_text = operand_text<B>();
      throw std::invalid_argument(
          concat({"leibniz: solve(", a_text, ", ", b_text, "): sizes do not fit: ", a_text, " is ",
                  size_text(a.rows(), a.cols()), ", ", b_text, " is ", size_text(b.rows(), b.cols()),
                  a.rows() != a.cols() ? " (the matrix must be square)"
                                       : " (the right-hand side must have the matrix's rows)"}));
    }();
  const Eigen::PartialPivLU<dense_t<T>> lu(a);
  out = lu.solve(as_matrix_base<T>(b));
}
template <class T, class E, class VA, class VB>
T solve_value(const VA& a, const VB& b) {
  static thread_local dense_t<T> x;
  solve_into<T, E>(x, a, b);
  return T(x(0, 0));
}

/// fill(x, like): x (a scalar or a vector) broadcast to like's sizes, into out.
template <class T, class X, class V>
void broadcast_into(dense_t<T>& out, const V& v, Eigen::Index rows, Eigen::Index cols) {
  constexpr shape s = shape_of_type<X>::value;
  out.resize(rows, cols);
  if constexpr (s.scalar)
    out.setConstant(T(v));
  else if constexpr (s.cols == 1)
    out = v.replicate(1, cols);
  else if constexpr (s.rows == 1)
    out = v.replicate(rows, 1);
  else
    out = v;
}

/// The value of one step from its operands' values (variables are loaded, not computed).
template <class T, class E, class... Vs>
auto matrix_step_value(const Vs&... values) {
  if constexpr (is_transposed_v<E>) {
    return (values.transpose(), ...);
  } else if constexpr (is_diag_v<E>) {
    return (values.col(0).asDiagonal(), ...);
  } else if constexpr (is_reduction_v<E>) {
    return reduction_value<T, E>(values...);
  } else if constexpr (is_filled_v<E>) {
    return [](const auto& a, const auto&) { return T(a); }(values...);  // a number filled to a number
  } else if constexpr (is_solve_v<E>) {
    return solve_value<T, E>(values...);
  } else if constexpr (is_matrix_product_v<E>) {
    static_assert(shape_of_type<E>::value.scalar,
                  "leibniz internal: a matrix-valued product is computed into its buffer");
    return inner_product_value<T, element_t<0, children_t<E>>, element_t<1, children_t<E>>>(values...);
  } else {
    static_assert(shape_of_type<E>::value.scalar,
                  "leibniz internal: entrywise nodes of vectors and matrices run as kernels");
    return E::template compute<T>(values...);
  }
}

/// What a variable's slot is made from: a number, or the bound matrix (in T).
template <class T, class V, class... Bs>
decltype(auto) load_variable(const pack<Bs...>& bindings) {
  const auto& value = get<binding_slot<V::name, Bs...>::value>(bindings).value;
  if constexpr (shape_of_type<V>::value.scalar) {
    static_assert(std::is_arithmetic_v<std::remove_cvref_t<decltype(value)>>,
                  "leibniz: a scalar variable in a matrix expression is bound to a number");
    return T(value);
  } else {
    constexpr shape s = shape_of_type<V>::value;
    if ((s.rows != dynamic_size && value.rows() != s.rows) || (s.cols != dynamic_size && value.cols() != s.cols))
      [&]() LEIBNIZ_COLD {
        throw std::invalid_argument(concat(
            {"leibniz: ", V::name.view(), " is declared ",
             size_text(s.rows == dynamic_size ? value.rows() : s.rows, s.cols == dynamic_size ? value.cols() : s.cols),
             " but bound to a matrix of ", size_text(value.rows(), value.cols())}));
      }();
    return value.template cast<T>();
  }
}

/// Slot I's value, kept in place: a number or a matrix buffer as itself, a view (a bound
/// matrix, a transpose, a diagonal), which cannot be made before its operand, in an optional.
template <std::size_t I, class V>
struct slot_cell {
  std::conditional_t<std::is_default_constructible_v<V>, V, std::optional<V>> value;
};
/// Every slot of a plan, each a base of its own: flat, unlike std::tuple, whose recursive
/// layout instantiated a class and its members per element and per suffix (some 2,500
/// call-graph entries of the B8 probe were the tuple's and its optionals').
template <class Indices, class... Vs>
struct slot_cells;
template <std::size_t... I, class... Vs>
struct slot_cells<std::index_sequence<I...>, Vs...> : slot_cell<I, Vs>... {};

template <std::size_t I, class V>
auto& cell(slot_cell<I, V>& c) {
  return c.value;
}
template <std::size_t I, class V>
const V& cell_value(const slot_cell<I, V>& c) {
  if constexpr (std::is_default_constructible_v<V>)
    return c.value;
  else
    return *c.value;
}
/// Sets a slot to v: assigned, or made in place (a copied Eigen::Ref could dangle).
template <class S, class V>
void set_slot(S& slot, V&& v) {
  if constexpr (requires { slot.emplace(std::forward<V>(v)); })
    slot.emplace(std::forward<V>(v));
  else
    slot = std::forward<V>(v);
}

/// Every step of the plan computed in order, each value kept in its own slot (an
/// entrywise node inlined into its user's kernel has none).
template <class T, class Sched, class... Steps>
struct matrix_slots {
  using plan = fusion_plan<Sched>;
  using steps = pack<Steps...>;
  using storage = slot_cells<std::index_sequence_for<Steps...>, step_value_t<T, typename Steps::node>...>;
  /// The slots of this plan in this thread, kept from one evaluation to the next, so that
  /// a training loop reuses every intermediate matrix's buffer instead of allocating it.
  static storage& workspace() {
    static thread_local storage slots;
    return slots;
  }
  storage& values = workspace();

  template <class... Bs>
  explicit matrix_slots(const pack<Bs...>& bindings) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      [[maybe_unused]] const int in_order[] = {0,
                                               (run<I>(static_cast<Steps*>(nullptr), cell<I>(values), bindings), 0)...};
    }
    (std::index_sequence_for<Steps...>{});
  }
  template <std::size_t I>
  const auto& at() const {
    return cell_value<I>(values);
  }

 private:
  // Never inlined: one function per step, not one function of every step, which the
  // optimiser took longer over (B8's unit: 0.09 G instructions of compiling, about 0.01 s).
  template <std::size_t I, class E, std::size_t... S, class Slot, class... Bs>
  LEIBNIZ_NOINLINE void run(plan_step<E, S...>*, Slot& slot, const pack<Bs...>& bindings) {
    if constexpr (Variable<E>)
      set_slot(slot, load_variable<T, E>(bindings));
    else if constexpr (plan::inlined[I])
      return;  // computed inside its user's kernel
    else if constexpr (is_entrywise_v<E>)
      kernel_value_into<T, plan, steps, I>(slot, *this);
    else if constexpr (is_matrix_product_v<E> && !shape_of_type<E>::value.scalar)
      matrix_product_into<T, element_t<0, children_t<E>>, element_t<1, children_t<E>>>(slot, at<S>()...);
    else if constexpr (is_reduction_v<E> && !is_diag_v<E> && !shape_of_type<E>::value.scalar)
      reduction_into<T, E>(slot, at<S>()...);
    else if constexpr (is_filled_v<E> && !shape_of_type<E>::value.scalar)
      filled_into<E>(slot, at<S>()...);
    else if constexpr (is_solve_v<E> && !shape_of_type<E>::value.scalar)
      solve_into<T, E>(slot, at<S>()...);
    else
      set_slot(slot, matrix_step_value<T, E>(at<S>()...));
  }
  template <class E, class VA, class VL>
  static void filled_into(dense_t<T>& out, const VA& a, const VL& like) {
    broadcast_into<T, element_t<0, children_t<E>>>(out, a, rows_of(like), cols_of(like));
  }
};

template <class T, class Sched>
struct slots_for;
template <class T, class... Steps, std::size_t... Outputs>
struct slots_for<T, scheduled<schedule<Steps...>, Outputs...>> {
  using type = matrix_slots<T, scheduled<schedule<Steps...>, Outputs...>, Steps...>;
};

/// The common number type of the bound values (numbers and matrices' entries).
template <class... Bs>
using matrix_number_t = std::common_type_t<bound_number_t<typename Bs::value_type>...>;

/// A step's value v, an entry of shape X, written into dest, which already has the
/// sizes (rows x cols) of the entry's Target (the variable of a gradient, or X itself):
/// a number, the value itself, or the value filled out where it is broadcast (a scalar
/// or a vector adjoint of a matrix), with no temporary. The filling is made only where
/// the Target's shape allows it: Eigen's replicate, instantiated for gradients that
/// never needed it, was about 0.03 s of the B8 unit's compile time.
template <class T, class X, class Target, class D, class V>
void write_result(D& dest, const V& v, Eigen::Index rows, Eigen::Index cols) {
  constexpr shape s = shape_of_type<X>::value, target = shape_of_type<Target>::value;
  if constexpr (std::is_arithmetic_v<D>)
    dest = D(v);
  else if constexpr (s.scalar)
    dest.setConstant(T(v));
  else if constexpr (s.cols == 1 && target.cols != 1)
    v.cols() == cols ? void(dest = v) : void(dest = v.replicate(1, cols));
  else if constexpr (s.rows == 1 && target.rows != 1)
    v.rows() == rows ? void(dest = v) : void(dest = v.replicate(rows, 1));
  else
    dest = v;
}

/// A step's value as a result R: a number, or an Eigen matrix (fixed-size where the
/// entry's sizes are static) of rows x cols, its one allocation.
template <class T, class X, class R, class V>
R to_result(const V& v, Eigen::Index rows, Eigen::Index cols) {
  if constexpr (std::is_arithmetic_v<R>) {
    return R(v);
  } else {
    R r;
    r.resize(rows, cols);
    write_result<T, X, X>(r, v, rows, cols);
    return r;
  }
}

template <class T, class E>
using result_matrix_t = std::conditional_t<
    shape_of_type<E>::value.scalar, T,
    Eigen::Matrix<T, shape_of_type<E>::value.rows == dynamic_size ? Eigen::Dynamic : shape_of_type<E>::value.rows,
                  shape_of_type<E>::value.cols == dynamic_size ? Eigen::Dynamic : shape_of_type<E>::value.cols>>;

/// The sizes of the bound value of V, or its static sizes where it is not bound.
template <class V, class... Bs>
std::pair<Eigen::Index, Eigen::Index> bound_sizes(const pack<Bs...>& bindings) {
  constexpr bool bound = ((Bs::name == V::name) || ...);
  if constexpr (shape_of_type<V>::value.scalar) {
    return {1, 1};
  } else if constexpr (bound) {
    const auto& value = get<binding_slot<V::name, Bs...>::value>(bindings).value;
    return {value.rows(), value.cols()};
  } else {
    constexpr shape s = shape_of_type<V>::value;
    if constexpr (s.rows == dynamic_size || s.cols == dynamic_size)
      [&]() LEIBNIZ_COLD {
        throw std::invalid_argument(concat({"leibniz: the gradient by ", V::name.view(),
                                            " does not depend on it and its size is unknown: bind ", V::name.view()}));
      }();
    return {s.rows, s.cols};
  }
}

}  // namespace detail

namespace detail {

/// A destination of `leibniz::tie` made to fit an entry of rows x cols: a plain matrix
/// is resized (which allocates only when its size changes); a map, a block or a
/// fixed-size matrix that does not fit is an error.
template <class V, class D>
void fit_destination(D& dest, Eigen::Index rows, Eigen::Index cols) {
  if constexpr (!std::is_arithmetic_v<D>) {
    if (dest.rows() == rows && dest.cols() == cols)
      return;
    if constexpr (std::is_base_of_v<Eigen::PlainObjectBase<D>, D>) {
      if ((D::RowsAtCompileTime == Eigen::Dynamic || D::RowsAtCompileTime == rows) &&
          (D::ColsAtCompileTime == Eigen::Dynamic || D::ColsAtCompileTime == cols)) {
        dest.resize(rows, cols);
        return;
      }
    }
    [&]() LEIBNIZ_COLD {
      throw std::invalid_argument(concat({"leibniz::tie: the destination of the gradient by ", V::name.view(), " is ",
                                          size_text(dest.rows(), dest.cols()), ", the gradient is ",
                                          size_text(rows, cols), " (only a plain matrix of dynamic size is resized)"}));
    }();
  }
}

}  // namespace detail

/// The gradient by vectors and matrices of `G(W = w, ...)`, evaluated when first read
/// (`g[W]`, `g.get<0>()`, `auto [gW, gb] = ...`), into matrices the result owns, or
/// written by `leibniz::tie(gW, gb) = G(...)` straight from the evaluation's own buffers
/// into the caller's matrices, with no temporary. Like an Eigen expression held in
/// `auto`, it refers to the matrices it was given by name (`W = w`): keep those alive
/// until it is read; temporaries (`W = make_matrix()`) are held by the binding itself.
template <class T, class Sched, class... Vs, class... Es, class... Bs>
struct detail::pending_matrix_gradient<T, Sched, detail::pack<Vs...>, detail::pack<Es...>, Bs...>
    : detail::lazy_result<pending_matrix_gradient<T, Sched, detail::pack<Vs...>, detail::pack<Es...>, Bs...>,
                          matrix_gradient_values<T, Vs...>> {
  using typename pending_matrix_gradient::lazy_result::values_type;

  detail::pack<Bs...> bindings;

  /// Evaluates the gradient, then writes each entry into its destination: every
  /// destination is first made to fit, so a destination that cannot changes none.
  template <class... Ds>
  void write_into(const std::tuple<Ds&...>& destinations) const {
    static_assert(sizeof...(Ds) == sizeof...(Vs), "leibniz::tie(a, b, ...) = ...: give one destination per entry");
    typename detail::slots_for<T, Sched>::type slots(bindings);
    write_entries(destinations, slots, std::index_sequence_for<Vs...>{});
  }

  /// The results, computed straight into the matrices that hold them (on the first read:
  /// detail/lazy_result.hpp).
  values_type compute() const {
    values_type v;
    write_into(tie_entries(v.entries, std::index_sequence_for<Vs...>{}));
    return v;
  }

 private:
  // Named functions, not generic lambdas over the packs: GCC 12 confuses such lambdas'
  // packs between two instantiations in one translation unit.
  template <class Entries, std::size_t... I>
  static auto tie_entries(Entries& entries, std::index_sequence<I...>) {
    return std::tuple<std::tuple_element_t<I, Entries>&...>(std::get<I>(entries)...);
  }
  template <class Dests, class Slots, std::size_t... I>
  void write_entries(const Dests& destinations, const Slots& slots, std::index_sequence<I...>) const {
    const std::array<std::pair<Eigen::Index, Eigen::Index>, sizeof...(Vs)> sizes = {
        detail::bound_sizes<Vs>(bindings)...};
    (detail::fit_destination<Vs>(std::get<I>(destinations), sizes[I].first, sizes[I].second), ...);
    (detail::write_result<T, detail::element_t<I, detail::pack<Es...>>, Vs>(
         std::get<I>(destinations), slots.template at<Sched::outputs[I]>(), sizes[I].first, sizes[I].second),
     ...);
  }
};

/// The matrix back end (see evaluate.hpp's customization point).
template <class Anything>
struct detail::matrix_backend {
  template <class E, class... Bs>
  static auto evaluate(const E& f, const Bs&... bindings) {
    static_assert(!(is_array_v<typename Bs::value_type> || ...),
                  "leibniz: an expression with vectors or matrices is evaluated on Eigen matrices; a scalar "
                  "variable in it is bound to one number, not to an array of points");
    using L = lifted_t<E>;
    using T = matrix_number_t<Bs...>;
    using sched = schedule_for_t<L>;
    const auto all = concat(make_pack(bindings...), parameter_bindings(f));
    typename slots_for<T, sched>::type slots(all);
    const auto& v = slots.template at<sched::outputs[0]>();
    const Eigen::Index rows = rows_of(v), cols = cols_of(v);
    return to_result<T, L, result_matrix_t<T, L>>(v, rows, cols);
  }

  /// A gradient is evaluated when first read, or by tie straight into the caller's
  /// matrices (pending_matrix_gradient).
  template <class... Vs, class Params, class... Es, class... Bs>
  static auto evaluate_set(const derivative_set<gradient_shape<Vs...>, Params, Es...>&, const Bs&... bindings) {
    static_assert(!(is_array_v<typename Bs::value_type> || ...),
                  "leibniz: a gradient by vectors or matrices is evaluated on Eigen matrices; a scalar variable "
                  "in it is bound to one number, not to an array of points");
    using T = matrix_number_t<Bs...>;
    using sched = schedule_for_t<Es...>;
    return pending_matrix_gradient<T, sched, pack<Vs...>, pack<Es...>, Bs...>{{}, make_pack(bindings...)};
  }
};

}  // namespace leibniz

LEIBNIZ_HEADER_END
