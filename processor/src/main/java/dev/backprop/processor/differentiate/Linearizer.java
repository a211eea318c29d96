package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits the forward sweep where the backward sweep needs a value: each primitive whose local
 * derivative reads an intermediate result (the {@code exp} in {@code exp(u)}, the {@code a * b}
 * in {@code (a * b) * c}) gets a named local, as the article does by hand ({@code var x1 = a * b
 * + c; var x2 = x1 * d;}). So does a sub-expression whose adjoint fans out to several wires
 * ({@code sum} in {@code alpha * (a * a + b * b)}), so that its adjoint {@code dsum} is the
 * adjoint of a local {@code sum}. Everything else keeps the user's expression as written. Branch
 * conditions that the branch itself changes are kept in a boolean.
 */
final class Linearizer extends ForwardSweepVisitor<Void> {

  private final Activity activity;
  private final Names names;
  private final Set<String> singleDefinitions;
  private List<Stmt> out = new ArrayList<>();

  private Linearizer(Activity activity, Names names, Set<String> singleDefinitions) {
    this.activity = activity;
    this.names = names;
    this.singleDefinitions = singleDefinitions;
  }

  /**
   * The forward sweep of {@code body}.
   *
   * @param singleDefinitions locals defined once on every path: such a local can stand for its
   *     own value in its rule ({@code double f = exp(u)} needs no temporary)
   */
  static List<Stmt> linearize(
      List<Stmt> body, Activity activity, Names names, Set<String> singleDefinitions) {
    return new Linearizer(activity, names, singleDefinitions).linearize(body);
  }

  private List<Stmt> linearize(List<Stmt> body) {
    List<Stmt> outer = out;
    out = new ArrayList<>();
    body.forEach(s -> s.accept(this));
    List<Stmt> result = out;
    out = outer;
    return result;
  }

  @Override
  public Void visitDeclare(Stmt.Declare d) {
    if (d.init() == null) {
      out.add(d);
    } else {
      Expr init = split(d.init(), false, resultName(d.name()), true);
      out.add(new Stmt.Declare(d.name(), d.type(), init, d.position()));
    }
    return null;
  }

  @Override
  public Void visitAssign(Stmt.Assign a) {
    Expr value;
    if (a.isCompound()) {
      // x op= e reads x and e; the rule of op says whether e must be kept.
      Expr whole = new Expr.Binary(a.compound(), new Expr.Ref(a.name(), Type.DOUBLE), a.value(),
          Type.DOUBLE);
      Needs needs = needs(whole);
      value = split(a.value(), activity.isActive(whole) && needs.values.contains(1), null,
          needs.passesOn.contains(1));
    } else {
      value = split(a.value(), false, resultName(a.name()), true);
    }
    out.add(new Stmt.Assign(a.name(), a.compound(), value, a.position()));
    return null;
  }

  @Override
  public Void visitStore(Stmt.Store store) {
    // the backward sweep reads the element's adjoint, da[i]: a name unless i calls something
    boolean named = Exprs.isAtom(store.element());
    Expr value;
    if (store.isCompound()) {
      Expr whole = new Expr.Binary(store.compound(), store.element(), store.value(), Type.DOUBLE);
      Needs needs = needs(whole);
      value = split(store.value(), activity.isActive(whole) && needs.values.contains(1), null,
          named && needs.passesOn.contains(1));
    } else {
      value = split(store.value(), false, null, named);
    }
    out.add(store.withValue(value));
    return null;
  }

  @Override
  public Void visitFor(Stmt.For loop) {
    out.add(loop.withBody(linearize(loop.body())));
    return null;
  }

  @Override
  public Void visitWhile(Stmt.While loop) {
    out.add(loop.withBody(linearize(loop.body())));
    return null;
  }

  @Override
  public Void visitIf(Stmt.If branch) {
    Expr condition = branch.condition();
    Set<String> read = Expressions.variables(condition);
    Set<String> written = Statements.writes(branch.then());
    written.addAll(Statements.writes(branch.otherwise()));
    read.retainAll(written);
    if (!read.isEmpty() || Expressions.containsCall(condition)) {
      // The backward sweep must take the same branch: remember which one it was.
      condition = bind(condition, "branch");
    }
    out.add(new Stmt.If(condition, linearize(branch.then()), linearize(branch.otherwise()),
        branch.position()));
    return null;
  }

  @Override
  public Void visitCount(Sweep.Count s) {
    out.add(s);
    return null;
  }

  @Override
  public Void visitThrow(Stmt.Throw s) {
    out.add(s); // carries no gradient: nothing to split
    return null;
  }

  @Override
  public Void visitEffect(Stmt.Effect s) {
    out.add(s); // carries no gradient: nothing to split
    return null;
  }

  @Override
  public Void visitSave(Sweep.Save s) {
    throw notHere(s);
  }

  /** A single-definition active local can stand for its own value in its rule. */
  private String resultName(String target) {
    return singleDefinitions.contains(target) ? target : null;
  }

  /**
   * Rewrites {@code e} so that every value a local derivative needs is an atom.
   *
   * @param atom whether the caller needs {@code e} itself as an atom
   * @param resultName a local that will hold {@code e}'s value, or null
   * @param namedAdjoint whether the adjoint flowing into {@code e} will be a name: if not, and it
   *     fans out to several wires, {@code e} is held in a local so that its adjoint gets one
   */
  private Expr split(Expr e, boolean atom, String resultName, boolean namedAdjoint) {
    if (!activity.isActive(e)) {
      // Inactive values are recomputed where needed, unless that would repeat a call.
      if (atom && Expressions.containsCall(e) && e instanceof Expr.Index row
          && e.type() != Type.DOUBLE) {
        // a row m[f(k)]: hold the index, not the row (a held row would alias the matrix)
        return new Expr.Index(row.array(), bind(row.index(), nameFor(row.index())), row.type());
      }
      return atom && Expressions.containsCall(e) ? bind(e, nameFor(e)) : e;
    }
    if (Exprs.isAtom(e)) {
      return e;
    }
    Expr rebuilt;
    boolean needsResult = false;
    if (e instanceof Expr.Call call) {
      List<Expr> args = new ArrayList<>();
      for (Expr arg : call.args()) {
        // The pullback is called with the same arguments: keep them rather than recompute.
        args.add(split(arg, activity.isActive(arg) || Expressions.containsCall(arg), null, true));
      }
      rebuilt = call.withChildren(args);
    } else if (e instanceof Expr.Conditional c) {
      Expr condition = Expressions.containsCall(c.condition())
          ? bind(c.condition(), "branch")
          : c.condition();
      List<Stmt> outer = out;
      List<Stmt> thenPrefix = out = new ArrayList<>();
      Expr whenTrue = split(c.whenTrue(), false, null, namedAdjoint);
      List<Stmt> elsePrefix = out = new ArrayList<>();
      Expr whenFalse = split(c.whenFalse(), false, null, namedAdjoint);
      out = outer;
      if (!thenPrefix.isEmpty() || !elsePrefix.isEmpty()) {
        // A branch needs locals of its own: compute (and later differentiate) them only
        // when that branch is taken, as an if statement.
        String choice = names.fresh("choice");
        out.add(new Stmt.Declare(choice, c.type(), null));
        thenPrefix.add(Stmt.Assign.of(choice, whenTrue));
        elsePrefix.add(Stmt.Assign.of(choice, whenFalse));
        out.add(new Stmt.If(condition, thenPrefix, elsePrefix));
        return new Expr.Ref(choice, c.type());
      }
      rebuilt = new Expr.Conditional(condition, whenTrue, whenFalse, c.type());
    } else if (e instanceof Expr.Cast c) {
      rebuilt = new Expr.Cast(c.type(), split(c.operand(), false, null, namedAdjoint));
    } else {
      Needs needs = needs(e);
      List<Expr> children = e.children();
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < children.size(); i++) {
        Expr child = children.get(i);
        boolean named = namedAdjoint && needs.passesOn.contains(i);
        boolean fansOut = needs.partials.contains(i) && !named && !Exprs.isAtom(child)
            && Exprs.activeLeaves(child, activity) > 1;
        args.add(split(child, needs.values.contains(i) || fansOut, null, named || fansOut));
      }
      rebuilt = e.withChildren(args);
      needsResult = needs.result;
    }
    if (atom || (needsResult && resultName == null)) {
      return bind(rebuilt, nameFor(rebuilt));
    }
    return rebuilt;
  }

  private Expr.Ref bind(Expr value, String suggestion) {
    String name = names.fresh(suggestion);
    out.add(new Stmt.Declare(name, value.type(), value));
    return new Expr.Ref(name, value.type());
  }

  /**
   * What the rule of a node reads and passes on.
   *
   * @param values the arguments whose values it reads
   * @param result whether it reads the node's own value
   * @param partials the active arguments it sends gradient to
   * @param passesOn the arguments it sends the node's adjoint to unchanged ({@code +})
   */
  private record Needs(Set<Integer> values, boolean result, Set<Integer> partials,
      Set<Integer> passesOn) {}

  private Needs needs(Expr node) {
    Needs needs = new Needs(new HashSet<>(), false, new HashSet<>(), new HashSet<>());
    Rules.Rule rule = Rules.of(node);
    if (rule == null) {
      return needs;
    }
    List<Expr> children = node.children();
    List<Expr> holes = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      // literals stay themselves: a rule may read them (1 / b, pow(x, 2))
      Expr child = children.get(i);
      holes.add(child instanceof Expr.Literal ? child : new Expr.Ref("x" + i, child.type()));
    }
    Expr g = new Expr.Ref("g", Type.DOUBLE);
    List<Expr> partials = rule.partials(new Expr.Ref("y", Type.DOUBLE), holes, g);
    Set<String> read = new HashSet<>();
    for (int i = 0; i < partials.size(); i++) {
      if (partials.get(i) != null && activity.isActive(children.get(i))) {
        Expressions.addVariables(partials.get(i), read);
        needs.partials().add(i);
        if (partials.get(i).equals(g)) {
          needs.passesOn().add(i);
        }
      }
    }
    for (int i = 0; i < children.size(); i++) {
      if (read.contains("x" + i)) {
        needs.values().add(i);
      }
    }
    return new Needs(needs.values(), read.contains("y"), needs.partials(), needs.passesOn());
  }

  /** A name that says what the temporary holds: {@code exp}, {@code sum}, {@code prod}. */
  static String nameFor(Expr e) {
    if (e instanceof Expr.MathCall call) {
      return call.function().javaName();
    }
    if (e instanceof Expr.Call call) {
      return call.callee().method();
    }
    if (e instanceof Expr.Binary binary) {
      return switch (binary.op()) {
        case PLUS -> "sum";
        case MINUS -> "diff";
        case TIMES -> "prod";
        case DIVIDE -> "quot";
        case REMAINDER -> "rem";
        default -> "test";
      };
    }
    if (e instanceof Expr.Unary unary && unary.op() == UnaryOp.NEGATE) {
      return "neg";
    }
    if (e instanceof Expr.Conditional) {
      return "choice";
    }
    return "t";
  }
}
