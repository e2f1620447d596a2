// leibniz/matrix/evaluate.hpp — the matrix back end: expressions and derivative sets with
// vectors and matrices, evaluated on Eigen matrices.
//
// The unique nodes of the outputs are scheduled once (dag.hpp), so each is computed once.
// A step's value is a number for a scalar node; an Eigen matrix for a vector or matrix
// node; a reference to the bound matrix for a variable (bindings are not copied); and a
// transpose is a lazy view of its operand, so `transpose(A) * B` reaches Eigen's GEMM as
// a transposed operand and is never materialised.
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
#include "reductions.hpp"
#include "results.hpp"
#include "variable.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class T>
using dense_t = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
/// A bound matrix seen without a copy (a row-major or strided one is copied once).
template <class T>
using matrix_view_t = Eigen::Ref<const dense_t<T>, 0, Eigen::OuterStride<>>;

template <class E>
inline constexpr bool is_matrix_variable_v = Variable<E> && !shape_v<E>.scalar;

/// The type of a step's value: see the header comment.
template <class T, class E>
struct step_value_type {
  using type = std::conditional_t<shape_v<E>.scalar, T,
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
  return std::to_string(rows) + " x " + std::to_string(cols);
}
template <class E>
std::string operand_text() {
  std::string text = leibniz::to_string(E{});
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

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
// user's kernel, a scalar expression over placeholder variables "@S" (the values of
// the slots S it reads), which the array back end (eigen.hpp) evaluates with SIMD, every
// node of the kernel once per entry.

template <class E>
constexpr bool compute_is_entrywise() {
  if constexpr (Variable<E> || shape_v<E>.scalar || E::kind == node_kind::matrix)
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
    constexpr shape shapes[] = {shape_v<typename Steps::node>..., shape{}};
    std::array<std::size_t, size + 1> uses{}, user{};
    for (const edge& e : edges) ++uses[e.child], user[e.child] = e.parent;
    for (std::size_t o : {Outputs...}) uses[o] += 2;  // an output keeps its slot
    std::array<bool, size + 1> out{};
    for (std::size_t i = 0; i < size; ++i)
      out[i] = entrywise[i] && uses[i] == 1 && entrywise[user[i]] && shapes[user[i]] == shapes[i];
    return out;
  }();
};

template <std::size_t Slot>
using placeholder_t = variable<parameter_name<'@', Slot>()>;

template <class Plan, class Steps, std::size_t Slot>
constexpr auto fused_kernel_of();

/// What a kernel reads for the operand in slot S: a constant as itself, an inlined
/// node as its own kernel, anything else as the placeholder of its slot.
template <class Plan, class Steps, std::size_t S>
constexpr auto operand_kernel() {
  using E = typename element_t<S, Steps>::node;
  if constexpr (!Variable<E> && children_t<E>::size == 0)
    return E{};
  else if constexpr (Plan::inlined[S])
    return fused_kernel_of<Plan, Steps, S>();
  else
    return placeholder_t<S>{};
}
template <class Plan, class Steps, class E, std::size_t... S>
constexpr auto kernel_from(plan_step<E, S...>*) {
  return E::rebuild(operand_kernel<Plan, Steps, S>()...);
}
template <class Plan, class Steps, std::size_t Slot>
constexpr auto fused_kernel_of() {
  return kernel_from<Plan, Steps>(static_cast<element_t<Slot, Steps>*>(nullptr));
}

/// The slot a placeholder "@S" reads.
template <class V>
constexpr std::size_t placeholder_slot() {
  std::size_t s = 0;
  for (std::size_t i = 1; i < V::name.size(); ++i) s = 10 * s + std::size_t(V::name.data[i] - '0');
  return s;
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
  constexpr shape node = shape_v<Node>, leaf = shape_v<Leaf>;
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

template <class E>
std::string entrywise_error(const std::string& sizes) {
  return "leibniz: entrywise " + operand_text<E>() + ": sizes do not fit: " + sizes;
}

/// The value of an entrywise node, its inlined operands with it, in one SIMD pass, into
/// out (its buffer reused when the sizes are the same).
template <class T, class Plan, class Steps, std::size_t Slot, class Slots>
void kernel_value_into(dense_t<T>& out, const Slots& slots) {
  using E = typename element_t<Slot, Steps>::node;
  using K = decltype(fused_kernel_of<Plan, Steps, Slot>());
  using leaves = std::remove_cvref_t<decltype(variables_v<K>)>;
  [&]<class... Vs>(pack<Vs...>*) {
    constexpr std::size_t n = sizeof...(Vs);
    std::array<stored<T>, n + 1> in;
    [&]<std::size_t... L>(std::index_sequence<L...>) {
      (store(in[L], slots.template at<placeholder_slot<Vs>()>()), ...);
    }
    (std::index_sequence_for<Vs...>{});
    // The node's sizes: each axis from the leaves not broadcast along it, which must agree.
    constexpr shape leaf_shapes[] = {shape_v<typename element_t<placeholder_slot<Vs>(), Steps>::node>..., shape{}};
    Eigen::Index rows = -1, cols = -1;
    bool fits = true;
    for (std::size_t l = 0; l < n; ++l) {
      const shape s = leaf_shapes[l];
      if (s.scalar)
        continue;
      if (s.rows != 1)
        fits = fits && (rows < 0 || rows == in[l].rows), rows = in[l].rows;
      if (s.cols != 1)
        fits = fits && (cols < 0 || cols == in[l].cols), cols = in[l].cols;
    }
    rows = rows < 0 ? 1 : rows;
    cols = cols < 0 ? 1 : cols;
    if (!fits) {
      std::string sizes;
      [&]<std::size_t... L>(std::index_sequence<L...>) {
        ((leaf_shapes[L].scalar
              ? void()
              : void(sizes += (sizes.empty() ? "" : ", ") +
                              operand_text<typename element_t<placeholder_slot<Vs>(), Steps>::node>() + " is " +
                              size_text(in[L].rows, in[L].cols))),
         ...);
      }
      (std::index_sequence_for<Vs...>{});
      throw std::invalid_argument(entrywise_error<E>(sizes));
    }
    out.resize(rows, cols);
    using sched = schedule_for_t<K>;
    constexpr leaf_kind kinds[] = {leaf_kind_of<E, typename element_t<placeholder_slot<Vs>(), Steps>::node>()...,
                                   leaf_kind::number};
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

template <class A, class B, class VA, class VB>
void check_product_sizes(const VA& a, const VB& b) {
  if (a.cols() != b.rows())
    throw std::invalid_argument("leibniz: matrix product " + operand_text<A>() + " * " + operand_text<B>() +
                                ": sizes do not fit: " + operand_text<A>() + " is " + size_text(a.rows(), a.cols()) +
                                ", " + operand_text<B>() + " is " + size_text(b.rows(), b.cols()) +
                                " (the columns of the left must equal the rows of the right)");
}

/// A row vector times a column vector: a number.
template <class T, class A, class B, class VA, class VB>
T inner_product_value(const VA& a, const VB& b) {
  check_product_sizes<A, B>(a, b);
  return T(a.row(0).transpose().cwiseProduct(b.col(0)).sum());
}

/// A matrix product into out (its buffer reused when the sizes are the same): GEMM, or
/// GEMV for a vector, with a transposed operand folded in.
template <class T, class A, class B, class VA, class VB>
void matrix_product_into(dense_t<T>& out, const VA& a, const VB& b) {
  check_product_sizes<A, B>(a, b);
  out.resize(a.rows(), b.cols());
  out.noalias() = a * b;
}

/// x (a scalar or a vector) broadcast to rows x cols.
template <class T, class X, class V>
dense_t<T> broadcast_value(const V& v, Eigen::Index rows, Eigen::Index cols) {
  constexpr shape s = shape_v<X>;
  if constexpr (s.scalar)
    return dense_t<T>::Constant(rows, cols, T(v));
  else if constexpr (s.cols == 1)
    return v.replicate(1, cols);
  else if constexpr (s.rows == 1)
    return v.replicate(rows, 1);
  else
    return v;
}

template <class T, class E, class... Vs>
auto reduction_value(const Vs&... values) {
  using Op = typename E::op;
  if constexpr (requires { Op::square_operand; }) {  // trace, inverse, log_det
    const auto check_square = [](const auto& a) {
      if (a.rows() != a.cols())
        throw std::invalid_argument("leibniz: " + std::string(Op::name) + "(" +
                                    operand_text<element_t<0, children_t<E>>>() +
                                    "): the matrix is not square: " + size_text(a.rows(), a.cols()));
    };
    check_square(values...);
  }
  const auto r = [](const auto& v) {
    if constexpr (requires { v.sum(); })
      return Op::evaluate(v);
    else {  // a diagonal matrix, made dense for an op that reads entries
      const dense_t<T> dense(v);
      if constexpr (std::is_arithmetic_v<decltype(Op::evaluate(dense))>)
        return Op::evaluate(dense);
      else
        return dense_t<T>(Op::evaluate(dense));
    }
  }(values...);
  if constexpr (shape_v<E>.scalar) {
    if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(r)>>)
      return T(r);
    else
      return T(r.value());
  } else {
    return dense_t<T>(r);
  }
}

/// v as an Eigen::MatrixBase, which an LU solve takes: itself, or a diagonal made dense.
template <class T, class V>
decltype(auto) as_matrix_base(const V& v) {
  if constexpr (std::is_base_of_v<Eigen::MatrixBase<V>, V>)
    return (v);
  else
    return dense_t<T>(v);
}

/// x = A^-1 B by Eigen's PartialPivLU, after checking that A is square and B has its rows.
template <class T, class E, class VA, class VB>
auto solve_value(const VA& a, const VB& b) {
  using A = element_t<0, children_t<E>>;
  using B = element_t<1, children_t<E>>;
  if (a.rows() != a.cols() || b.rows() != a.rows())
    throw std::invalid_argument("leibniz: solve(" + operand_text<A>() + ", " + operand_text<B>() +
                                "): sizes do not fit: " + operand_text<A>() + " is " + size_text(a.rows(), a.cols()) +
                                ", " + operand_text<B>() + " is " + size_text(b.rows(), b.cols()) +
                                (a.rows() != a.cols() ? " (the matrix must be square)"
                                                      : " (the right-hand side must have the matrix's rows)"));
  const Eigen::PartialPivLU<dense_t<T>> lu(a);
  dense_t<T> x = lu.solve(as_matrix_base<T>(b));
  if constexpr (shape_v<E>.scalar)
    return T(x(0, 0));
  else
    return x;
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
    return [](const auto& a, const auto& like) {
      return broadcast_value<T, element_t<0, children_t<E>>>(a, rows_of(like), cols_of(like));
    }(values...);
  } else if constexpr (is_solve_v<E>) {
    return solve_value<T, E>(values...);
  } else if constexpr (is_matrix_product_v<E>) {
    static_assert(shape_v<E>.scalar, "leibniz internal: a matrix-valued product is computed into its buffer");
    return inner_product_value<T, element_t<0, children_t<E>>, element_t<1, children_t<E>>>(values...);
  } else {
    static_assert(shape_v<E>.scalar, "leibniz internal: entrywise nodes of vectors and matrices run as kernels");
    return E::template compute<T>(values...);
  }
}

/// What a variable's slot is made from: a number, or the bound matrix (in T).
template <class T, class V, class... Bs>
decltype(auto) load_variable(const pack<Bs...>& bindings) {
  const auto& value = get<binding_index<V::name, Bs...>()>(bindings).value;
  if constexpr (shape_v<V>.scalar) {
    static_assert(std::is_arithmetic_v<std::remove_cvref_t<decltype(value)>>,
                  "leibniz: a scalar variable in a matrix expression is bound to a number");
    return T(value);
  } else {
    constexpr shape s = shape_v<V>;
    if ((s.rows != dynamic_size && value.rows() != s.rows) || (s.cols != dynamic_size && value.cols() != s.cols))
      throw std::invalid_argument(
          "leibniz: " + std::string(V::name.view()) + " is declared " +
          size_text(s.rows == dynamic_size ? value.rows() : s.rows, s.cols == dynamic_size ? value.cols() : s.cols) +
          " but bound to a matrix of " + size_text(value.rows(), value.cols()));
    return value.template cast<T>();
  }
}

/// Every step of the plan computed in order, each value kept in its own slot (an
/// entrywise node inlined into its user's kernel has none).
template <class T, class Sched, class... Steps>
struct matrix_slots {
  using plan = fusion_plan<Sched>;
  using steps = pack<Steps...>;
  using storage = std::tuple<std::optional<step_value_t<T, typename Steps::node>>...>;
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
      [[maybe_unused]] const int in_order[] = {
          0, (run<I>(static_cast<Steps*>(nullptr), std::get<I>(values), bindings), 0)...};
    }
    (std::index_sequence_for<Steps...>{});
  }
  template <std::size_t I>
  const auto& at() const {
    return *std::get<I>(values);
  }

 private:
  template <std::size_t I, class E, std::size_t... S, class Slot, class... Bs>
  void run(plan_step<E, S...>*, Slot& slot, const pack<Bs...>& bindings) {
    if constexpr (Variable<E>)
      slot.emplace(load_variable<T, E>(bindings));  // a view is made in place: a copied Ref could dangle
    else if constexpr (plan::inlined[I])
      return;  // computed inside its user's kernel
    else if constexpr (is_entrywise_v<E>)
      kernel_value_into<T, plan, steps, I>(buffer(slot), *this);
    else if constexpr (is_matrix_product_v<E> && !shape_v<E>.scalar)
      matrix_product_into<T, element_t<0, children_t<E>>, element_t<1, children_t<E>>>(buffer(slot), at<S>()...);
    else
      slot.emplace(matrix_step_value<T, E>(at<S>()...));
  }
  static dense_t<T>& buffer(std::optional<dense_t<T>>& slot) {
    if (!slot)
      slot.emplace();
    return *slot;
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

/// A step's value as a result of shape S: a number, or an Eigen matrix (fixed-size where
/// S's sizes are static), filled out to rows x cols where the value is broadcast.
/// The value is moved into the result where they are the same matrix type, so a result
/// costs no copy.
template <class T, class X, class R, class V>
R to_result(V&& v, Eigen::Index rows, Eigen::Index cols) {
  if constexpr (std::is_arithmetic_v<R>) {
    return R(v);
  } else if constexpr (shape_v<X>.scalar) {
    return R::Constant(rows, cols, T(v));
  } else if (v.rows() == rows && v.cols() == cols) {
    if constexpr (std::is_same_v<std::remove_cvref_t<V>, R>)
      return R(std::forward<V>(v));
    else
      return R(v);
  } else {
    return R(broadcast_value<T, X>(v, rows, cols));
  }
}

template <class T, class E>
using result_matrix_t =
    std::conditional_t<shape_v<E>.scalar, T,
                       Eigen::Matrix<T, shape_v<E>.rows == dynamic_size ? Eigen::Dynamic : shape_v<E>.rows,
                                     shape_v<E>.cols == dynamic_size ? Eigen::Dynamic : shape_v<E>.cols>>;

/// The sizes of the bound value of V, or its static sizes where it is not bound.
template <class V, class... Bs>
std::pair<Eigen::Index, Eigen::Index> bound_sizes(const pack<Bs...>& bindings) {
  constexpr bool bound = ((Bs::name == V::name) || ...);
  if constexpr (shape_v<V>.scalar) {
    return {1, 1};
  } else if constexpr (bound) {
    const auto& value = get<binding_index<V::name, Bs...>()>(bindings).value;
    return {value.rows(), value.cols()};
  } else {
    constexpr shape s = shape_v<V>;
    if constexpr (s.rows == dynamic_size || s.cols == dynamic_size)
      throw std::invalid_argument("leibniz: the gradient by " + std::string(V::name.view()) +
                                  " does not depend on it and its size is unknown: bind " +
                                  std::string(V::name.view()));
    return {s.rows, s.cols};
  }
}

}  // namespace detail

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

  template <class... Vs, class Params, class... Es, class... Bs>
  static auto evaluate_set(const derivative_set<gradient_shape<Vs...>, Params, Es...>&, const Bs&... bindings) {
    static_assert(!(is_array_v<typename Bs::value_type> || ...),
                  "leibniz: a gradient by vectors or matrices is evaluated on Eigen matrices; a scalar variable "
                  "in it is bound to one number, not to an array of points");
    using T = matrix_number_t<Bs...>;
    using sched = schedule_for_t<Es...>;
    const auto all = make_pack(bindings...);
    typename slots_for<T, sched>::type slots(all);
    matrix_gradient_values<T, Vs...> out;
    fill_entries<T, sched, pack<Vs...>, pack<Es...>>(out.entries, slots, all, std::index_sequence_for<Vs...>{});
    return out;
  }

 private:
  // Named functions, not generic lambdas over the packs: GCC 12 confuses such lambdas'
  // packs between two instantiations in one translation unit.
  template <class T, class Sched, class Vars, class Entries, class Out, class Slots, class All, std::size_t... I>
  static void fill_entries(Out& out, Slots& slots, const All& all, std::index_sequence<I...>) {
    [[maybe_unused]] const int in_order[] = {0, fill_entry<T, Sched, Vars, Entries, I>(out, slots, all)...};
  }
  template <class T, class Sched, class Vars, class Entries, std::size_t I, class Out, class Slots, class All>
  static int fill_entry(Out& out, Slots& slots, const All& all) {
    using V = element_t<I, Vars>;
    const auto [rows, cols] = bound_sizes<V>(all);
    std::get<I>(out) = to_result<T, element_t<I, Entries>, derivative_value_t<T, V>>(
        slots.template at<Sched::outputs[I]>(), rows, cols);
    return 0;
  }
};

}  // namespace leibniz

LEIBNIZ_HEADER_END
