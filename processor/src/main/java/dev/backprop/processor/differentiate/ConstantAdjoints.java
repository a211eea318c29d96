package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an adjoint whose value is known where it is declared into the statements that read it,
 * as a hand-writer does: where a sum passes on the seed 1 and a hinge picks it or 0, {@code
 * double dcosti = 1.0; double dsum = sum > 0 ? dcosti : 0; double dscore = -y[i] * dsum;}
 * becomes {@code double dscore = sum > 0 ? -y[i] : 0;}, a choice where there was a product (which
 * the JIT turns into a branch-free select, where the product costs a conversion and a multiply on
 * every example). Two kinds of declarations go:
 * <ul>
 *   <li>a literal ({@code 1.0}, {@code 0}) never written again: every read becomes the literal;
 *   <li>a choice between two literals ({@code c ? 1.0 : 0}) never written again and read once, in
 *       a statement of the same block, with nothing in between writing what {@code c} reads.
 * </ul>
 * Products by 1 and 0 then drop out, and a product or negation of a choice moves into its two
 * branches. An adjoint that is zero stays zero whatever it multiplies, as elsewhere in the
 * backward sweep (a loop that would add zeros is skipped): {@code g * 0} is {@code 0} even where
 * {@code g} is infinite.
 */
final class ConstantAdjoints {

  /** A zero that keeps an adjoint's arithmetic double: {@code 0 / k} would divide ints. */
  private static final Expr ZERO = new Expr.Literal(Type.DOUBLE, "0.0");

  private final Set<String> adjoints;
  /** Whether the last pass wrote a known adjoint into a loop or branch. */
  private boolean changed;

  private ConstantAdjoints(Set<String> adjoints) {
    this.adjoints = adjoints;
  }

  /** {@code sweeps} with the known adjoints among {@code adjoints} written into their reads. */
  static Fusion.Sweeps of(Fusion.Sweeps sweeps, Set<String> adjoints) {
    ConstantAdjoints folding = new ConstantAdjoints(adjoints);
    // the backward sweep follows the forward one in the method: one block, split again after
    Stmt seam = new Sweep.Comment("forward | backward");
    List<Stmt> method = new ArrayList<>(sweeps.forward());
    method.add(seam);
    method.addAll(sweeps.backward());
    List<Stmt> folded = folding.block(method);
    while (folding.changed) { // a constant from outside a loop makes a choice in it known
      folding.changed = false;
      folded = folding.block(folded);
    }
    int at = 0;
    while (folded.get(at) != seam) {
      at++;
    }
    return new Fusion.Sweeps(List.copyOf(folded.subList(0, at)),
        List.copyOf(folded.subList(at + 1, folded.size())));
  }

  private List<Stmt> block(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      List<List<Stmt>> blocks = Statements.parts(s).blocks();
      out.add(blocks.isEmpty() ? s : Statements.withBlocks(s, blocks.stream().map(this::block)
          .toList()));
    }
    // counted once for the block: a declaration is its variable's only write, or stays
    Map<String, Integer> writes = new HashMap<>();
    Set<String> saved = new HashSet<>();
    Statements.forEach(out, s -> {
      Statements.parts(s).writes().forEach(name -> writes.merge(name, 1, Integer::sum));
      if (s instanceof Sweep.Save || s instanceof Sweep.Restore) {
        saved.addAll(Statements.names(s));
      }
    });
    for (int i = 0; i < out.size(); i++) {
      // a later declaration may be known once an earlier one is in it (dsum once dcosti is 1.0)
      if (out.get(i) instanceof Stmt.Declare d && adjoints.contains(d.name())
          && d.type() == Type.DOUBLE && d.init() != null && writes.get(d.name()) == 1
          && !saved.contains(d.name()) && folded(out, i, d)) {
        out.remove(i);
        i--;
      }
    }
    return out;
  }

  /** Writes {@code d}'s value into its reads after it in {@code out}, if it may: whether it did. */
  private boolean folded(List<Stmt> out, int at, Stmt.Declare d) {
    List<Stmt> rest = out.subList(at + 1, out.size());
    String name = d.name();
    // the adjoint is a double: so is what stands for it (-3 / n would divide ints)
    Expr value = doubleValued(d.init());
    if (isLiteral(value)) {
      for (int j = 0; j < rest.size(); j++) {
        if (Statements.reads(rest.get(j)).contains(name)) {
          changed |= !Statements.parts(rest.get(j)).blocks().isEmpty();
          rest.set(j, substituted(rest.get(j), name, value));
        }
      }
      return true;
    }
    if (!(value instanceof Expr.Conditional c) || !isLiteral(c.whenTrue())
        || !isLiteral(c.whenFalse())
        || Expressions.any(c.condition(), x -> !(x instanceof Expr.Ref
            || x instanceof Expr.Literal || x instanceof Expr.Binary
            || x instanceof Expr.Unary))) {
      return false;
    }
    Set<String> condition = Expressions.variables(c.condition());
    for (int j = 0; j < rest.size(); j++) {
      Stmt s = rest.get(j);
      if (!Statements.reads(s).contains(name)) {
        if (Statements.writes(s).stream().anyMatch(condition::contains)) {
          return false;
        }
        continue;
      }
      boolean simple = s instanceof Stmt.Declare || s instanceof Stmt.Assign
          || s instanceof Stmt.Store;
      if (!simple || reads(s, name) != 1
          || reads(rest.subList(j + 1, rest.size()), name)) {
        return false;
      }
      rest.set(j, substituted(s, name, value));
      return true;
    }
    return false;
  }

  private static boolean reads(List<Stmt> body, String name) {
    return Statements.reads(body).contains(name);
  }

  /** How many times {@code s}'s own expressions read {@code name}. */
  private static int reads(Stmt s, String name) {
    int[] n = {0};
    for (Expr e : Statements.parts(s).expressions()) {
      Expressions.forEach(e, x -> n[0] += x instanceof Expr.Ref r && r.name().equals(name) ? 1
          : 0);
    }
    return n[0];
  }

  /**
   * {@code e}, a literal, a negated literal or a choice of them, as a double: {@code 3} as
   * {@code 3.0}, {@code -3} as {@code -3.0}, {@code 0x7} as {@code (double) 0x7}.
   */
  private static Expr doubleValued(Expr e) {
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(c.condition(), doubleValued(c.whenTrue()),
          doubleValued(c.whenFalse()), Type.DOUBLE);
    }
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && isLiteral(e)
        && Exprs.decimalInt(u.operand()) != null) {
      return new Expr.Unary(UnaryOp.NEGATE, asDouble(u.operand()), Type.DOUBLE);
    }
    return isLiteral(e) ? asDouble(e) : e;
  }

  /** A number literal, or its negation ({@code -1.0}, the seed of {@code return -sum;}). */
  private static boolean isLiteral(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return u.operand() instanceof Expr.Literal l && isNumber(l);
    }
    return e instanceof Expr.Literal l && isNumber(l);
  }

  private static boolean isNumber(Expr.Literal l) {
    return l.type() == Type.INT || l.type() == Type.DOUBLE;
  }

  private static boolean isMinusOne(Expr e) {
    return e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && Exprs.isOne(u.operand());
  }

  private static Stmt substituted(Stmt s, String name, Expr value) {
    Stmt folded = Statements.mapExpressions(List.of(s), e -> fold(e, name, value)).get(0);
    return uncast(folded);
  }

  /** {@code e} with {@code name} replaced by {@code value}, simplified where it changed. */
  private static Expr fold(Expr e, String name, Expr value) {
    if (e instanceof Expr.Ref r) {
      return r.name().equals(name) ? value : e;
    }
    if (e.children().isEmpty() || !Expressions.reads(e, name)) {
      return e;
    }
    List<Expr> children = e.children().stream().map(c -> fold(c, name, value)).toList();
    if (e instanceof Expr.Binary b) {
      return simplified(b.op(), children.get(0), children.get(1), b.type());
    }
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return negated(children.get(0), u.type());
    }
    return e.withChildren(children);
  }

  private static Expr simplified(BinaryOp op, Expr left, Expr right, Type type) {
    if (type != Type.DOUBLE) {
      return new Expr.Binary(op, left, right, type);
    }
    switch (op) {
      case TIMES -> {
        if (Exprs.isZero(left) || Exprs.isZero(right)) {
          return ZERO;
        }
        if (Exprs.isOne(left)) {
          return asDouble(right);
        }
        if (Exprs.isOne(right)) {
          return asDouble(left);
        }
        if (isMinusOne(left)) {
          return negated(asDouble(right), Type.DOUBLE);
        }
        if (isMinusOne(right)) {
          return negated(asDouble(left), Type.DOUBLE);
        }
        // c * -(double) k is -c * k: the sign on the double factor, the int widened by the product
        if (left.type() == Type.DOUBLE && negationOf(right) != null) {
          return Exprs.neg(new Expr.Binary(op, left, uncastBranch(negationOf(right)), type));
        }
        if (isChoice(right) && isPlain(left)) {
          Expr.Conditional c = (Expr.Conditional) right;
          return choice(c, simplified(op, left, c.whenTrue(), type),
              simplified(op, left, c.whenFalse(), type));
        }
        if (isChoice(left) && isPlain(right)) {
          Expr.Conditional c = (Expr.Conditional) left;
          return choice(c, simplified(op, c.whenTrue(), right, type),
              simplified(op, c.whenFalse(), right, type));
        }
      }
      case DIVIDE -> {
        if (Exprs.isOne(right)) {
          return asDouble(left);
        }
      }
      case PLUS -> {
        if (Exprs.isZero(left)) {
          return asDouble(right);
        }
        if (Exprs.isZero(right)) {
          return asDouble(left);
        }
      }
      case MINUS -> {
        if (Exprs.isZero(right)) {
          return asDouble(left);
        }
        if (Exprs.isZero(left)) {
          return negated(asDouble(right), Type.DOUBLE);
        }
      }
      default -> { }
    }
    return new Expr.Binary(op, left, right, type);
  }

  private static Expr negated(Expr operand, Type type) {
    if (Exprs.isZero(operand)) {
      return ZERO;
    }
    if (isChoice(operand)) {
      Expr.Conditional c = (Expr.Conditional) operand;
      return choice(c, negated(c.whenTrue(), type), negated(c.whenFalse(), type));
    }
    if (type == Type.DOUBLE && operand.type() == Type.DOUBLE) {
      return Exprs.neg(operand);
    }
    return new Expr.Unary(UnaryOp.NEGATE, operand, type);
  }

  /** {@code x} of a double {@code -x}, or null. */
  private static Expr negationOf(Expr e) {
    return e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && u.type() == Type.DOUBLE
        ? u.operand() : null;
  }

  private static Expr choice(Expr.Conditional c, Expr whenTrue, Expr whenFalse) {
    return new Expr.Conditional(c.condition(), whenTrue, whenFalse, Type.DOUBLE);
  }

  /** A choice with a literal branch: moving a product into it leaves one product at most. */
  private static boolean isChoice(Expr e) {
    return e instanceof Expr.Conditional c && (isLiteral(c.whenTrue())
        || isLiteral(c.whenFalse()));
  }

  /** An operand that may be written in both branches of a choice: no call, no choice. */
  private static boolean isPlain(Expr e) {
    return !Expressions.containsCall(e) && !Exprs.containsConditional(e);
  }

  /** {@code e} with the type double: a literal as {@code 2.0}, an integer cast. */
  private static Expr asDouble(Expr e) {
    if (e.type() == Type.DOUBLE) {
      return e;
    }
    Integer value = Exprs.decimalInt(e);
    if (value != null) {
      return new Expr.Literal(Type.DOUBLE, value + ".0");
    }
    return new Expr.Cast(Type.DOUBLE, e);
  }

  /**
   * An int, or a choice, assigned whole to a double needs no cast: {@code double d = c ? -y :
   * 0;} converts the int it picks exactly as {@code (double) -y} does.
   */
  private static Stmt uncast(Stmt s) {
    if (s instanceof Stmt.Declare d && d.type() == Type.DOUBLE && d.init() != null) {
      return new Stmt.Declare(d.name(), d.type(), uncast(d.init()), d.position());
    }
    if (s instanceof Stmt.Assign a && a.value().type() == Type.DOUBLE) {
      return new Stmt.Assign(a.name(), a.compound(), uncast(a.value()), a.position());
    }
    return s;
  }

  private static Expr uncast(Expr e) {
    if (e instanceof Expr.Cast) {
      return uncastBranch(e); // double dsumAllQ = m;
    }
    if (!(e instanceof Expr.Conditional c)) {
      return e;
    }
    Expr whenTrue = uncastBranch(c.whenTrue());
    Expr whenFalse = uncastBranch(c.whenFalse());
    boolean exact = whenTrue.type() != Type.LONG && whenFalse.type() != Type.LONG;
    return exact ? new Expr.Conditional(c.condition(), whenTrue, whenFalse, c.type()) : e;
  }

  private static Expr uncastBranch(Expr e) {
    if (e.equals(ZERO)) {
      return Exprs.ZERO; // double d = c ? -y : 0;
    }
    return e instanceof Expr.Cast cast && cast.type() == Type.DOUBLE
        && cast.operand().type() == Type.INT ? cast.operand() : e;
  }
}
