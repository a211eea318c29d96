package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
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
 * + c; var x2 = x1 * d;}). Everything else keeps the user's expression as written. Branch
 * conditions that the branch itself changes are kept in a boolean.
 */
final class Linearizer {

  private static final String Y = "\0y";
  private static final String G = "\0g";
  private static final String X = "\0x";

  private final Activity activity;
  private final Names names;
  private final Set<String> singleDefinition;
  private int loopDepth;

  Linearizer(Activity activity, Names names, Set<String> singleDefinition) {
    this.activity = activity;
    this.names = names;
    this.singleDefinition = singleDefinition;
  }

  List<Stmt> linearize(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare) {
        Stmt.Declare d = (Stmt.Declare) s;
        if (d.init() == null) {
          out.add(d);
        } else {
          Expr init = split(d.init(), out, false, resultName(d.name()));
          out.add(new Stmt.Declare(d.name(), d.type(), init, d.position()));
        }
      } else if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        Expr value;
        if (a.isCompound()) {
          // x op= e reads x and e; the rule of op says whether e must be kept.
          Expr whole = new Expr.Binary(a.compound(), new Expr.Ref(a.name(), Type.DOUBLE),
              a.value(), Type.DOUBLE);
          boolean keep = activity.isActive(whole) && needs(whole).arguments.contains(1);
          value = split(a.value(), out, keep, null);
        } else {
          value = split(a.value(), out, false, resultName(a.name()));
        }
        out.add(new Stmt.Assign(a.name(), a.compound(), value, a.position()));
      } else if (s instanceof Stmt.Store) {
        Stmt.Store store = (Stmt.Store) s;
        boolean keep = false;
        if (store.isCompound()) {
          Expr whole = new Expr.Binary(store.compound(), store.element(), store.value(),
              Type.DOUBLE);
          keep = activity.isActive(whole) && needs(whole).arguments.contains(1);
        }
        Expr value = split(store.value(), out, keep, null);
        out.add(store.withValue(value));
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        loopDepth++;
        List<Stmt> loopBody = linearize(loop.body());
        loopDepth--;
        out.add(loop.withBody(loopBody));
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        Expr condition = i.condition();
        Set<String> read = new HashSet<>();
        Exprs.refs(condition, read);
        read.retainAll(assigned(i.then(), assigned(i.otherwise(), new HashSet<>())));
        if (!read.isEmpty() || Exprs.containsCall(condition)) {
          // The backward sweep must take the same branch: remember which one it was.
          condition = bind(condition, out, "branch");
        }
        out.add(new Stmt.If(condition, linearize(i.then()), linearize(i.otherwise()), i.position()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** A single-definition active local can stand for its own value in its rule. */
  private String resultName(String target) {
    return singleDefinition.contains(target) ? target : null;
  }

  /**
   * Rewrites {@code e} so that every value a local derivative needs is an atom.
   *
   * @param atom whether the caller needs {@code e} itself as an atom
   * @param resultName a local that will hold {@code e}'s value, or null
   */
  private Expr split(Expr e, List<Stmt> out, boolean atom, String resultName) {
    if (!activity.isActive(e)) {
      // Inactive values are recomputed where needed, unless that would repeat a call.
      if (atom && Exprs.containsCall(e) && e instanceof Expr.Index && e.type() != Type.DOUBLE) {
        // a row m[f(k)]: hold the index, not the row (a held row would alias the matrix)
        Expr.Index row = (Expr.Index) e;
        Expr index = row.index();
        return new Expr.Index(row.array(), bind(index, out, nameFor(index)), row.type());
      }
      return atom && Exprs.containsCall(e) ? bind(e, out, nameFor(e)) : e;
    }
    if (Exprs.isAtom(e)) {
      return e;
    }
    Expr rebuilt;
    boolean needsResult = false;
    if (e instanceof Expr.Call) {
      Expr.Call call = (Expr.Call) e;
      List<Expr> args = new ArrayList<>();
      for (Expr arg : call.args()) {
        // The pullback is called with the same arguments: keep them rather than recompute.
        args.add(split(arg, out, activity.isActive(arg) || Exprs.containsCall(arg), null));
      }
      rebuilt = new Expr.Call(call.callee(), args, call.argumentTexts(), call.type(),
          call.position());
    } else if (e instanceof Expr.Conditional) {
      Expr.Conditional c = (Expr.Conditional) e;
      Expr condition = Exprs.containsCall(c.condition())
          ? bind(c.condition(), out, "branch")
          : c.condition();
      List<Stmt> thenPrefix = new ArrayList<>();
      List<Stmt> elsePrefix = new ArrayList<>();
      Expr whenTrue = split(c.whenTrue(), thenPrefix, false, null);
      Expr whenFalse = split(c.whenFalse(), elsePrefix, false, null);
      if (!thenPrefix.isEmpty() || !elsePrefix.isEmpty()) {
        // A branch needs locals of its own: compute (and later differentiate) them only
        // when that branch is taken, as an if statement.
        String choice = names.fresh("choice");
        out.add(new Stmt.Declare(choice, c.type(), null, null));
        thenPrefix.add(Stmt.Assign.of(choice, whenTrue));
        elsePrefix.add(Stmt.Assign.of(choice, whenFalse));
        out.add(new Stmt.If(condition, thenPrefix, elsePrefix, null));
        if (loopDepth == 0) {
          singleDefinition.add(choice);
        }
        return new Expr.Ref(choice, c.type());
      }
      rebuilt = new Expr.Conditional(condition, whenTrue, whenFalse, c.type());
    } else if (e instanceof Expr.Cast) {
      Expr.Cast c = (Expr.Cast) e;
      rebuilt = new Expr.Cast(c.type(), split(c.operand(), out, false, null));
    } else {
      Needs needs = needs(e);
      List<Expr> children = Exprs.children(e);
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < children.size(); i++) {
        args.add(split(children.get(i), out, needs.arguments.contains(i), null));
      }
      rebuilt = withChildren(e, args);
      needsResult = needs.result;
    }
    if (atom || (needsResult && resultName == null)) {
      return bind(rebuilt, out, nameFor(rebuilt));
    }
    return rebuilt;
  }

  private Expr.Ref bind(Expr value, List<Stmt> out, String suggestion) {
    String name = names.fresh(suggestion);
    out.add(new Stmt.Declare(name, value.type(), value, null));
    if (loopDepth == 0) {
      singleDefinition.add(name); // in a loop, it is defined once per iteration
    }
    if (activity.isActive(value)) {
      activity.addTemporary(name);
    }
    return new Expr.Ref(name, value.type());
  }

  /** Which argument values and whether the result value the rule of {@code node} reads. */
  private Needs needs(Expr node) {
    Rules.Rule rule = Rules.of(node);
    Needs needs = new Needs();
    if (rule == null) {
      return needs;
    }
    List<Expr> children = Exprs.children(node);
    List<Expr> holes = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      // literals stay themselves: a rule may read them (1 / b, pow(x, 2))
      Expr child = children.get(i);
      holes.add(child instanceof Expr.Literal ? child : new Expr.Ref(X + i, child.type()));
    }
    List<Expr> partials = rule.partials(new Expr.Ref(Y, Type.DOUBLE), holes, new Expr.Ref(G, Type.DOUBLE));
    Set<String> read = new HashSet<>();
    for (int i = 0; i < partials.size(); i++) {
      if (partials.get(i) != null && activity.isActive(children.get(i))) {
        Exprs.refs(partials.get(i), read);
      }
    }
    needs.result = read.contains(Y);
    for (int i = 0; i < children.size(); i++) {
      if (read.contains(X + i)) {
        needs.arguments.add(i);
      }
    }
    return needs;
  }

  private static final class Needs {
    final Set<Integer> arguments = new HashSet<>();
    boolean result;
  }

  /** {@code node} with its operands replaced. */
  static Expr withChildren(Expr node, List<Expr> args) {
    if (node instanceof Expr.Unary) {
      Expr.Unary u = (Expr.Unary) node;
      return new Expr.Unary(u.op(), args.get(0), u.type());
    }
    if (node instanceof Expr.Binary) {
      Expr.Binary b = (Expr.Binary) node;
      return new Expr.Binary(b.op(), args.get(0), args.get(1), b.type());
    }
    if (node instanceof Expr.MathCall) {
      Expr.MathCall m = (Expr.MathCall) node;
      return new Expr.MathCall(m.function(), m.owner(), args, m.type());
    }
    return node;
  }

  /** A name that says what the temporary holds: {@code exp}, {@code sum}, {@code prod}. */
  static String nameFor(Expr e) {
    if (e instanceof Expr.MathCall) {
      return ((Expr.MathCall) e).function().javaName();
    }
    if (e instanceof Expr.Call) {
      return ((Expr.Call) e).callee().method();
    }
    if (e instanceof Expr.Binary) {
      BinaryOp op = ((Expr.Binary) e).op();
      switch (op) {
        case PLUS: return "sum";
        case MINUS: return "diff";
        case TIMES: return "prod";
        case DIVIDE: return "quot";
        case REMAINDER: return "rem";
        default: return "test";
      }
    }
    if (e instanceof Expr.Unary && ((Expr.Unary) e).op() == UnaryOp.NEGATE) {
      return "neg";
    }
    if (e instanceof Expr.Conditional) {
      return "choice";
    }
    return "t";
  }

  /** Adds every variable assigned in {@code body} (at any depth) to {@code into}. */
  static Set<String> assigned(List<Stmt> body, Set<String> into) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign) {
        into.add(((Stmt.Assign) s).name());
      } else if (s instanceof Stmt.Declare) {
        into.add(((Stmt.Declare) s).name());
      } else if (s instanceof Stmt.If) {
        assigned(((Stmt.If) s).then(), into);
        assigned(((Stmt.If) s).otherwise(), into);
      } else if (s instanceof Stmt.Store) {
        into.add(((Stmt.Store) s).array());
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        if (loop.init() != null) {
          into.add(loop.init().name());
        }
        if (loop.update() != null) {
          into.add(loop.update().name());
        }
        assigned(loop.body(), into);
      }
    }
    return into;
  }
}
