package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An adjoint element that a loop only adds into, at an index the loop does not change
 * ({@code dw[0] += xi[0] * dscore} in the loop over the examples), is summed in a local while the
 * loop runs and stored once after it, as hand-written backprop does: the JIT cannot keep an
 * array element in a register across iterations when another array might be the same one. The
 * local starts from the element and takes the same additions in the same order, so the result
 * is the same to the bit. Where the element's index is not known to be in range (a constant, an
 * index of another loop's), the loads and stores run only if the loop runs at least once, so that
 * an index the original never touched is not touched either.
 */
final class Accumulators {

  private final Map<String, String> twinOf = new HashMap<>();
  private final Map<String, Expr> lengthOf = new HashMap<>();
  private final Names names;

  private Accumulators(Names names) {
    this.names = names;
  }

  /**
   * Both sweeps with loop-invariant adjoint elements summed in locals.
   *
   * @param parameterAdjoints the adjoint array of each differentiated array parameter
   * @param adjointOf the adjoint of each variable that has one
   */
  static Fusion.Sweeps inLocals(Fusion.Sweeps sweeps, Map<String, String> parameterAdjoints,
      Map<String, String> adjointOf, Names names) {
    Accumulators accumulators = new Accumulators(names);
    List<Stmt> program = new ArrayList<>(sweeps.forward());
    program.addAll(sweeps.backward());
    accumulators.findArrays(program, parameterAdjoints, adjointOf);
    return new Fusion.Sweeps(accumulators.rewrite(sweeps.forward(), new ArrayDeque<>()),
        accumulators.rewrite(sweeps.backward(), new ArrayDeque<>()));
  }

  /**
   * The adjoint arrays that are no other array: the parameters' (the caller's arrays, checked
   * to be other than their own) and the local ones made fresh and never assigned again.
   */
  private void findArrays(List<Stmt> program, Map<String, String> parameterAdjoints,
      Map<String, String> adjointOf) {
    Map<String, Integer> assignments = Lengths.assignments(program);
    Map<String, Stmt.Declare> declarations = new HashMap<>();
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.Declare d) {
        declarations.put(d.name(), d);
      }
    });
    parameterAdjoints.forEach((array, adjoint) -> twinOf.put(adjoint, array));
    adjointOf.forEach((primal, adjoint) -> {
      Stmt.Declare d = declarations.get(adjoint);
      if (d != null && d.type() == Type.DOUBLE_ARRAY && assignments.get(adjoint) == 1
          && (d.init() instanceof Expr.NewArray || d.init() instanceof Expr.ZerosLike)) {
        twinOf.put(adjoint, primal);
      }
    });
    lengthOf.putAll(Lengths.fixed(program));
  }

  private List<Stmt> rewrite(List<Stmt> block, Deque<Stmt.For> enclosing) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.For loop) {
        out.addAll(rewrite(loop, enclosing));
      } else {
        List<List<Stmt>> blocks = Statements.parts(s).blocks();
        if (blocks.isEmpty()) {
          out.add(s);
        } else {
          List<List<Stmt>> rewritten = new ArrayList<>();
          blocks.forEach(b -> rewritten.add(rewrite(b, enclosing)));
          out.add(Statements.withBlocks(s, rewritten));
        }
      }
    }
    return out;
  }

  /** The loop, with its invariant adjoint elements in locals around it where there are any. */
  private List<Stmt> rewrite(Stmt.For loop, Deque<Stmt.For> enclosing) {
    Map<Stmt.Store, String> locals = new LinkedHashMap<>();
    boolean guarded = false;
    Expr entry = entryCondition(loop);
    for (String array : twinOf.keySet().stream().sorted().toList()) {
      List<Stmt.Store> keys = keys(loop, array);
      boolean inRange = keys.stream().allMatch(k -> inRange(k, enclosing));
      if (keys.isEmpty() || !inRange && entry == null) {
        continue;
      }
      guarded |= !inRange;
      for (Stmt.Store key : keys) {
        locals.put(key, names.fresh(array + suffix(key)));
      }
    }
    enclosing.push(loop);
    List<Stmt> body = loop.body();
    if (!locals.isEmpty()) {
      body = Statements.map(body, s -> s instanceof Stmt.Store store && store.isCompound()
          && locals.containsKey(key(store))
          ? new Stmt.Assign(locals.get(key(store)), store.compound(), store.value(),
              store.position())
          : s);
    }
    Stmt.For rewritten = loop.withBody(rewrite(body, enclosing));
    enclosing.pop();
    if (locals.isEmpty()) {
      return List.of(rewritten);
    }
    List<Stmt> around = new ArrayList<>();
    locals.forEach((key, local) -> around.add(new Stmt.Declare(local, Type.DOUBLE,
        key.element())));
    around.add(rewritten);
    locals.forEach((key, local) -> around.add(key.withValue(new Expr.Ref(local, Type.DOUBLE))));
    return guarded ? List.of(new Stmt.If(entry, around, List.of())) : around;
  }

  /**
   * The elements of {@code array} that {@code loop} only adds into, each as a plain store of
   * the element (the key), or none if the loop uses the array any other way or two of them
   * might be the same element.
   */
  private static List<Stmt.Store> keys(Stmt.For loop, String array) {
    Set<String> changing = Statements.writes(loop.body());
    changing.add(loop.counter());
    List<Stmt.Store> keys = new ArrayList<>();
    boolean[] other = {false};
    Statements.forEach(loop.body(), s -> {
      if (s instanceof Stmt.Store store && store.array().equals(array)
          && BinaryOp.adds(store.compound())
          && invariant(store.index(), changing)
          && (store.row() == null || invariant(store.row(), changing))
          && !Expressions.reads(store.value(), array)) {
        if (!keys.contains(key(store))) {
          keys.add(key(store));
        }
      } else if (Statements.parts(s).reads().contains(array)
          || Statements.parts(s).writes().contains(array)) {
        other[0] = true;
      }
    });
    boolean distinct = keys.size() <= 1 || keys.stream().allMatch(k ->
        k.index() instanceof Expr.Literal && (k.row() == null || k.row() instanceof Expr.Literal));
    return other[0] || !distinct ? List.of() : keys;
  }

  /** A literal, or a variable the loop does not write. */
  private static boolean invariant(Expr index, Set<String> changing) {
    return index instanceof Expr.Literal || index instanceof Expr.Ref ref
        && ref.type() == Type.INT && !changing.contains(ref.name());
  }

  /** The store as the element it names: array, row and index, without operator or value. */
  private static Stmt.Store key(Stmt.Store store) {
    return new Stmt.Store(store.array(), store.row(), store.index(), null, Exprs.ZERO, null);
  }

  private static String suffix(Stmt.Store key) {
    String index = text(key.index());
    return key.row() == null ? index : text(key.row()) + index;
  }

  private static String text(Expr index) {
    return index instanceof Expr.Literal literal ? literal.text() : ((Expr.Ref) index).name();
  }

  /**
   * Whether the element is known to exist: its index is the counter of an enclosing loop over
   * the array's length ({@code for (int i = 0; i < w.length; i++)}, or the reversed loop).
   */
  private boolean inRange(Stmt.Store key, Deque<Stmt.For> enclosing) {
    if (key.row() != null || !(key.index() instanceof Expr.Ref index)) {
      return false;
    }
    for (Stmt.For outer : enclosing) {
      if (outer.counter().equals(index.name()) && !Statements.writes(outer.body())
          .contains(index.name())) {
        Expr bound = bound(outer);
        return bound != null && isLengthOf(bound, key.array());
      }
    }
    return false;
  }

  /**
   * {@code n} of {@code for (int i = 0; i < n; i++)} or {@code for (int i = n - 1; i >= 0; i--)},
   * or null.
   */
  private static Expr bound(Stmt.For loop) {
    Expr init = loop.init().init();
    Expr.Ref counter = new Expr.Ref(loop.counter(), Type.INT);
    if (!(loop.condition() instanceof Expr.Binary test) || !test.left().equals(counter)) {
      return null;
    }
    if (Exprs.isZero(init) && test.op() == BinaryOp.LESS) {
      return test.right();
    }
    if (test.op() == BinaryOp.GREATER_EQUAL && Exprs.isZero(test.right())
        && init instanceof Expr.Binary minus && minus.op() == BinaryOp.MINUS
        && Exprs.isOne(minus.right())) {
      return minus.left();
    }
    return null;
  }

  /** Whether {@code n} is the length of the adjoint array or of its twin. */
  private boolean isLengthOf(Expr n, String adjoint) {
    if (n instanceof Expr.Ref ref && lengthOf.containsKey(ref.name())
        && ref.type() == Type.INT) {
      n = lengthOf.get(ref.name());
    }
    for (String array : new String[] {adjoint, twinOf.get(adjoint)}) {
      if (n instanceof Expr.Length length && length.array() instanceof Expr.Ref ref
          && ref.name().equals(array)) {
        return true;
      }
      Expr made = lengthOf.get(array);
      if (made != null && (made.equals(n) || isLengthOf(made, n))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code made}, an array's length, is {@code n}'s array's length. */
  private static boolean isLengthOf(Expr made, Expr n) {
    return n instanceof Expr.Length length && made instanceof Expr.Length other
        && length.array().equals(other.array());
  }

  /** The loop's condition before its first iteration ({@code 0 < x.length}), or null. */
  private static Expr entryCondition(Stmt.For loop) {
    Expr init = loop.init().init();
    if (Expressions.containsCall(init) || Expressions.containsCall(loop.condition())) {
      return null;
    }
    Expr entry = substitute(loop.condition(), loop.counter(), init);
    // 0 < n and n - 1 >= 0 both read better as n > 0
    if (entry instanceof Expr.Binary test && test.op() == BinaryOp.LESS
        && Exprs.isZero(test.left())) {
      return Exprs.compare(BinaryOp.GREATER, test.right(), Exprs.ZERO);
    }
    if (entry instanceof Expr.Binary test && test.op() == BinaryOp.GREATER_EQUAL
        && Exprs.isZero(test.right()) && test.left() instanceof Expr.Binary minus
        && minus.op() == BinaryOp.MINUS && Exprs.isOne(minus.right())) {
      return Exprs.compare(BinaryOp.GREATER, minus.left(), Exprs.ZERO);
    }
    return entry;
  }

  private static Expr substitute(Expr e, String name, Expr value) {
    if (e instanceof Expr.Ref ref && ref.name().equals(name)) {
      return value;
    }
    List<Expr> children = e.children();
    if (children.isEmpty()) {
      return e;
    }
    return e.withChildren(children.stream().map(c -> substitute(c, name, value)).toList());
  }
}
