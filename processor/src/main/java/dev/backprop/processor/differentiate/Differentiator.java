package dev.backprop.processor.differentiate;

import dev.backprop.processor.check.Message;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.GradientMethod;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a checked method into its gradient: single exit, activity analysis, forward sweep split
 * where derivatives need values, backward sweep, then the tidying that makes the result read
 * like hand-written backprop (adjoints declared where first written, nothing saved or restored
 * that nobody reads, locals that the backward sweep reads moved out of their blocks).
 */
public final class Differentiator {

  private Differentiator() {}

  /** The gradient of {@code method}, or null after reporting why it cannot be had. */
  public static GradientMethod differentiate(Method method, Reporter reporter) {
    try {
      return new Differentiator().run(method, reporter);
    } catch (RuntimeException bug) {
      reporter.error(method.position(), Message.INTERNAL_ERROR.format(bug));
      return null;
    }
  }

  private GradientMethod run(Method method, Reporter reporter) {
    Map<String, Type> types = new HashMap<>();
    List<Integer> differentiated = new ArrayList<>();
    List<Integer> differentiatedArrays = new ArrayList<>();
    Set<String> differentiatedNames = new HashSet<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      Method.Parameter p = method.parameters().get(i);
      types.put(p.name(), p.type());
      boolean chosen = method.wrt().isEmpty() || method.wrt().contains(p.name());
      if (p.type() == Type.DOUBLE && chosen) {
        differentiated.add(i);
        differentiatedNames.add(p.name());
      } else if (p.type() == Type.DOUBLE_ARRAY && chosen) {
        differentiatedArrays.add(i);
        differentiatedNames.add(p.name());
      }
    }
    Names names = new Names(userNames(method));
    String gradName = names.underscored("grad");
    String seedName = names.underscored("seed");
    String tapeName = names.underscored("tape");

    // 1. One exit, so one backward sweep follows one forward sweep.
    List<Stmt> body = method.body();
    String result = Normalizer.returnedLocal(body);
    if (result != null) {
      body = Normalizer.withoutFinalReturn(body);
    } else {
      result = names.fresh("out");
      Stmt last = body.get(body.size() - 1);
      if (onlyFinalReturn(body)) {
        List<Stmt> b = new ArrayList<>(body.subList(0, body.size() - 1));
        b.add(new Stmt.Declare(result, Type.DOUBLE, ((Stmt.Return) last).value(), null));
        body = b;
      } else {
        List<Stmt> b = new ArrayList<>();
        String returned = null;
        if (Normalizer.returnsInLoop(body)) {
          // Java cannot see that the flag guards every path, so the result starts at 0.
          returned = names.fresh("returned");
          b.add(new Stmt.Declare(result, Type.DOUBLE, Exprs.ZERO, null));
          b.add(new Stmt.Declare(returned, Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"),
              null));
        } else {
          b.add(new Stmt.Declare(result, Type.DOUBLE, null, null));
        }
        List<Stmt> exits = Normalizer.singleExit(body, result, returned);
        if (returned != null) {
          // A loop left only by a return now ends; javac no longer sees that what follows it
          // is unreachable, so a local Java knew to be assigned there must start with a value.
          exits = Statements.map(exits, Differentiator::startingAtZero);
        }
        b.addAll(exits);
        body = b;
      }
    }
    body = new Loops(names).lower(body);
    collectTypes(body, types);
    Set<String> single = singleDefinitions(body, types.keySet(), method);

    // 2. Which wires carry gradient.
    Activity activity = new Activity(body, parameterTypes(method), differentiatedNames, result);

    // 3. Forward sweep, split where the backward sweep needs values; locals of loop bodies
    // become locals of the method, assigned in the loop, so the reversed loop can read them.
    List<Stmt> forward = new Linearizer(activity, names, single).linearize(body);
    collectTypes(forward, types);
    forward = hoistLoopLocals(forward);
    // again on the split program: a temporary is active only where its value is used
    activity = new Activity(forward, parameterTypes(method), differentiatedNames, result);

    // An alias of a differentiated array would need an alias of its adjoint: not supported.
    boolean aliased = false;
    for (Stmt s : forward) {
      if (s instanceof Stmt.Declare && ((Stmt.Declare) s).type() == Type.DOUBLE_ARRAY
          && !(((Stmt.Declare) s).init() instanceof Expr.NewArray)
          && activity.isActive(((Stmt.Declare) s).name())) {
        Position at = ((Stmt.Declare) s).position();
        reporter.error(at != null ? at : method.position(),
            Message.ARRAY_ALIAS.format(((Stmt.Declare) s).name()));
        aliased = true;
      }
    }
    if (aliased) {
      return null;
    }

    // 4. Backward sweep.
    Reverser reverser = new Reverser(activity, names, single, types, reporter);
    List<String> arrayAdjoints = new ArrayList<>();
    for (int i : differentiatedArrays) {
      arrayAdjoints.add(reverser.adjoint(method.parameters().get(i).name()));
    }
    List<Stmt> backward = new ArrayList<>();
    if (activity.isActive(result)) {
      backward.add(new Stmt.Seed(reverser.adjoint(result)));
    }
    // A local array's adjoint is made where the array is, as long and zero to start with.
    forward = withArrayAdjoints(forward, activity, reverser);
    reverser.nameSaves(forward, result);
    backward.addAll(reverser.reverse(forward));
    if (reverser.failed()) {
      return null;
    }
    Map<String, Integer> parameterAdjoints = new LinkedHashMap<>();
    for (int i = 0; i < differentiated.size(); i++) {
      String name = method.parameters().get(differentiated.get(i)).name();
      if (activity.isActive(name)) {
        String adjoint = reverser.adjoint(name);
        parameterAdjoints.put(adjoint, i);
        backward.add(new Stmt.GradientOut(i, new Expr.Ref(adjoint, Type.DOUBLE)));
      } else {
        backward.add(new Stmt.GradientOut(i, Exprs.ZERO));
      }
    }
    Set<String> adjointNames = new HashSet<>();
    reverser.adjoints().forEach((variable, adjoint) -> {
      if (types.get(variable) == Type.DOUBLE) {
        adjointNames.add(adjoint); // array adjoints are declared with their arrays
      }
    });
    String resultName = result;

    if (Boolean.getBoolean("backprop.debug")) {
      System.err.println("FORWARD " + forward + "\nBACKWARD " + backward);
    }
    // 5. Tidy up: restore only what the backward sweep reads.
    // A dropped restore may have been the last reader of another restored variable: repeat.
    Set<String> readBack = Statements.reads(backward, new HashSet<>());
    while (true) {
      Set<String> read = readBack;
      List<Stmt> kept = Statements.map(backward,
          s -> reverser.isRestore(s) && !read.contains(target(s)) ? null : s);
      Set<String> again = Statements.reads(kept, new HashSet<>());
      backward = kept;
      if (again.equals(readBack)) {
        break;
      }
      readBack = again;
    }
    Set<String> finalReadBack = readBack;
    Map<Stmt, String> saves = new IdentityHashMap<>();
    reverser.saves.forEach((statement, save) -> {
      if (finalReadBack.contains(target(statement))) {
        saves.put(statement, save);
      }
    });
    backward = dropDeadResets(backward, adjointNames, new HashSet<>());
    backward = mergeResets(backward, adjointNames);
    backward = inlineParameterAdjoints(backward, parameterAdjoints);
    backward = declareAdjoints(backward, adjointNames);
    backward = dropEmptyComments(backward, reverser);
    forward = insertSaves(forward, saves, types);
    String overwritten = result;
    if (saves.keySet().stream().anyMatch(a -> target(a).equals(overwritten))) {
      // The backward sweep restores the result's earlier values: keep the final one.
      String value = names.fresh("value");
      forward = new ArrayList<>(forward);
      forward.add(new Stmt.Declare(value, Type.DOUBLE, new Expr.Ref(resultName, Type.DOUBLE), null));
      resultName = value;
    }
    forward = hoist(forward, Statements.reads(backward, new HashSet<>()), result, types);

    // the pullback's forward sweep keeps what the backward sweep reads, and the adjoint arrays
    // it writes (a reset of an element of one may be all it does with it)
    Set<String> usedBack = Statements.reads(backward, new HashSet<>());
    storedArrays(backward, usedBack);
    List<Stmt> pullbackForward = withoutDeadCode(forward, usedBack);
    return new GradientMethod(method, differentiated, differentiatedArrays, arrayAdjoints,
        gradName, seedName, tapeName, forward, pullbackForward, backward, resultName);
  }

  private static List<Stmt> withArrayAdjoints(
      List<Stmt> body, Activity activity, Reverser reverser) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = new Stmt.If(i.condition(), withArrayAdjoints(i.then(), activity, reverser),
            withArrayAdjoints(i.otherwise(), activity, reverser), i.position());
      }
      out.add(s);
      if (s instanceof Stmt.Declare && ((Stmt.Declare) s).init() instanceof Expr.NewArray
          && activity.isActive(((Stmt.Declare) s).name())) {
        String array = ((Stmt.Declare) s).name();
        Type type = ((Stmt.Declare) s).type();
        Expr.Ref ref = new Expr.Ref(array, type);
        out.add(new Stmt.Declare(reverser.adjoint(array), type, type == Type.DOUBLE_MATRIX
            ? new Expr.ZerosLike(ref) : new Expr.NewArray(new Expr.Length(ref)), null));
      }
    }
    return out;
  }

  /** A declaration without a value as one with its type's zero; any other statement as is. */
  private static Stmt startingAtZero(Stmt s) {
    if (!(s instanceof Stmt.Declare) || ((Stmt.Declare) s).init() != null) {
      return s;
    }
    Stmt.Declare d = (Stmt.Declare) s;
    return new Stmt.Declare(d.name(), d.type(), new Expr.Literal(d.type(), d.type().zero()),
        d.position());
  }

  /** Adds the arrays {@code body} stores into, at any depth. */
  private static void storedArrays(List<Stmt> body, Set<String> into) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Store) {
        into.add(((Stmt.Store) s).array());
      } else if (s instanceof Stmt.If) {
        storedArrays(((Stmt.If) s).then(), into);
        storedArrays(((Stmt.If) s).otherwise(), into);
      } else if (s instanceof Stmt.For) {
        storedArrays(((Stmt.For) s).body(), into);
      }
    }
  }

  /** The variable or array a statement writes. */
  private static String target(Stmt s) {
    if (s instanceof Stmt.Assign) {
      return ((Stmt.Assign) s).name();
    }
    if (s instanceof Stmt.Store) {
      return ((Stmt.Store) s).array();
    }
    return "";
  }

  /**
   * Declarations inside loop bodies become method-level declarations (zero to start with) and
   * assignments in the loop: the reversed loop runs after the forward loop has ended.
   */
  private static List<Stmt> hoistLoopLocals(List<Stmt> forward) {
    Map<String, Stmt.Declare> hoisted = new LinkedHashMap<>();
    List<Stmt> body = hoistLoopsIn(forward, hoisted);
    List<Stmt> out = new ArrayList<>();
    for (Stmt.Declare d : hoisted.values()) {
      out.add(new Stmt.Declare(d.name(), d.type(), new Expr.Literal(d.type(), d.type().zero()), null));
    }
    out.addAll(body);
    return out;
  }

  /** Loops anywhere (also in the branches of an if) give up their locals. */
  private static List<Stmt> hoistLoopsIn(List<Stmt> body, Map<String, Stmt.Declare> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For) {
        out.add(hoistFrom((Stmt.For) s, hoisted));
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        out.add(new Stmt.If(i.condition(), hoistLoopsIn(i.then(), hoisted),
            hoistLoopsIn(i.otherwise(), hoisted), i.position()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Stmt hoistFrom(Stmt.For loop, Map<String, Stmt.Declare> hoisted) {
    return loop.withBody(hoistAll(loop.body(), hoisted));
  }

  private static List<Stmt> hoistAll(List<Stmt> body, Map<String, Stmt.Declare> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare) {
        Stmt.Declare d = (Stmt.Declare) s;
        hoisted.putIfAbsent(d.name(), d);
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.name(), null, d.init(), d.position()));
        }
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        out.add(new Stmt.If(i.condition(), hoistAll(i.then(), hoisted),
            hoistAll(i.otherwise(), hoisted), i.position()));
      } else if (s instanceof Stmt.For) {
        out.add(hoistFrom((Stmt.For) s, hoisted));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  // --- result and definitions ---------------------------------------------------------------

  private static boolean onlyFinalReturn(List<Stmt> body) {
    for (Stmt s : body.subList(0, body.size() - 1)) {
      if (Normalizer.mayReturn(s)) {
        return false;
      }
    }
    return body.get(body.size() - 1) instanceof Stmt.Return;
  }

  private static Map<String, Type> parameterTypes(Method method) {
    Map<String, Type> types = new HashMap<>();
    method.parameters().forEach(p -> types.put(p.name(), p.type()));
    return types;
  }

  private static void collectTypes(List<Stmt> body, Map<String, Type> types) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare) {
        types.put(((Stmt.Declare) s).name(), ((Stmt.Declare) s).type());
      } else if (s instanceof Stmt.If) {
        collectTypes(((Stmt.If) s).then(), types);
        collectTypes(((Stmt.If) s).otherwise(), types);
      } else if (s instanceof Stmt.For) {
        if (((Stmt.For) s).init() != null) {
          collectTypes(List.of(((Stmt.For) s).init()), types);
        }
        collectTypes(((Stmt.For) s).body(), types);
      }
    }
  }

  /** Locals defined at most once on every path: their value never needs saving. */
  private static Set<String> singleDefinitions(List<Stmt> body, Set<String> all, Method method) {
    Set<String> single = new HashSet<>();
    for (String name : all) {
      boolean parameter = method.parameters().stream().anyMatch(p -> p.name().equals(name));
      if (!parameter && maxDefinitions(body, name) <= 1) {
        single.add(name);
      }
    }
    return single;
  }

  private static int maxDefinitions(List<Stmt> body, String name) {
    int n = 0;
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare && ((Stmt.Declare) s).name().equals(name)
          && ((Stmt.Declare) s).init() != null) {
        n++;
      } else if (s instanceof Stmt.Assign && ((Stmt.Assign) s).name().equals(name)) {
        n++;
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        n += Math.max(maxDefinitions(i.then(), name), maxDefinitions(i.otherwise(), name));
      } else if (s instanceof Stmt.For) {
        // a definition in a loop body runs many times
        n += 2 * maxDefinitions(((Stmt.For) s).body(), name);
      } else if (s instanceof Stmt.Store && ((Stmt.Store) s).array().equals(name)) {
        n += 2;
      }
    }
    return n;
  }

  private static Set<String> userNames(Method method) {
    Set<String> names = new HashSet<>();
    method.parameters().forEach(p -> names.add(p.name()));
    collectNames(method.body(), names);
    // Names the generated code refers to must not be shadowed by a local.
    names.add("Math");
    names.add("StrictMath");
    names.add("Double");
    names.add("IllegalArgumentException");
    names.add("Arrays");
    names.add("Tape");
    names.add("dev");
    return names;
  }

  private static void collectNames(List<Stmt> body, Set<String> names) {
    for (Stmt s : body) {
      Statements.names(s, names);
      Set<String> qualifiers = new HashSet<>();
      forEachExpr(s, e -> {
        if (e instanceof Expr.Constant) {
          qualifiers.add(((Expr.Constant) e).text().split("\\.")[0]);
        } else if (e instanceof Expr.Call) {
          qualifiers.add(((Expr.Call) e).callee().sourceClass().split("\\.")[0]);
        }
      });
      names.addAll(qualifiers);
    }
  }

  private static void forEachExpr(Stmt s, java.util.function.Consumer<Expr> visitor) {
    if (s instanceof Stmt.Declare && ((Stmt.Declare) s).init() != null) {
      Exprs.forEach(((Stmt.Declare) s).init(), visitor);
    } else if (s instanceof Stmt.Assign) {
      Exprs.forEach(((Stmt.Assign) s).value(), visitor);
    } else if (s instanceof Stmt.Return) {
      Exprs.forEach(((Stmt.Return) s).value(), visitor);
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      Exprs.forEach(i.condition(), visitor);
      i.then().forEach(t -> forEachExpr(t, visitor));
      i.otherwise().forEach(t -> forEachExpr(t, visitor));
    } else if (s instanceof Stmt.Store) {
      Exprs.forEach(((Stmt.Store) s).element(), visitor);
      Exprs.forEach(((Stmt.Store) s).value(), visitor);
    } else if (s instanceof Stmt.For) {
      Stmt.For loop = (Stmt.For) s;
      if (loop.init() != null) {
        forEachExpr(loop.init(), visitor);
        forEachExpr(loop.update(), visitor);
      }
      Exprs.forEach(loop.condition(), visitor);
      loop.body().forEach(b -> forEachExpr(b, visitor));
    }
  }

  // --- tidying --------------------------------------------------------------------------------

  /** Drops {@code dv = 0} where nothing reads or adds to dv afterwards. */
  private static List<Stmt> dropDeadResets(List<Stmt> body, Set<String> adjoints, Set<String> liveAfter) {
    Set<String> live = new HashSet<>(liveAfter);
    List<Stmt> kept = new ArrayList<>();
    for (int i = body.size() - 1; i >= 0; i--) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Assign && !((Stmt.Assign) s).isCompound()
          && adjoints.contains(((Stmt.Assign) s).name())
          && Exprs.isZero(((Stmt.Assign) s).value())
          && !live.contains(((Stmt.Assign) s).name())) {
        continue;
      }
      if (s instanceof Stmt.If) {
        Stmt.If b = (Stmt.If) s;
        s = new Stmt.If(b.condition(), dropDeadResets(b.then(), adjoints, live),
            dropDeadResets(b.otherwise(), adjoints, live), b.position());
      } else if (s instanceof Stmt.For) {
        // what one iteration touches is live at the end of the one before
        Stmt.For loop = (Stmt.For) s;
        Set<String> carried = Statements.names(s, new HashSet<>(live));
        s = loop.withBody(dropDeadResets(loop.body(), adjoints, carried));
      }
      Statements.names(s, live);
      kept.add(0, s);
    }
    return kept;
  }

  /**
   * The forward statements something later reads; the rest only computed the value, which the
   * pullback does not return. Every expression is pure, so dropping one changes nothing else.
   */
  private static List<Stmt> withoutDeadCode(List<Stmt> forward, Set<String> liveAfter) {
    return withoutDeadCode(forward, liveAfter, new HashSet<>());
  }

  /** @param written variables that kept statements assign: their declarations stay */
  private static List<Stmt> withoutDeadCode(
      List<Stmt> forward, Set<String> liveAfter, Set<String> written) {
    Set<String> live = new HashSet<>(liveAfter);
    List<Stmt> kept = new ArrayList<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      Stmt s = forward.get(i);
      if (s instanceof Stmt.Declare || s instanceof Stmt.Assign) {
        String target = s instanceof Stmt.Declare
            ? ((Stmt.Declare) s).name() : ((Stmt.Assign) s).name();
        boolean declaresWritten = s instanceof Stmt.Declare && written.contains(target);
        if (!live.contains(target) && !declaresWritten) {
          continue;
        }
        if (s instanceof Stmt.Assign) {
          written.add(target);
        }
        if (s instanceof Stmt.Assign && !((Stmt.Assign) s).isCompound()) {
          live.remove(target); // overwritten: earlier values are dead unless read below
        }
        Set<String> read = Statements.reads(List.of(s), new HashSet<>());
        live.addAll(read);
      } else if (s instanceof Stmt.For || s instanceof Stmt.Store || s instanceof Stmt.Push) {
        // kept whole: a loop's later iterations read what its earlier ones wrote
        Statements.reads(List.of(s), live);
        Statements.names(s, live);
        Statements.names(s, written);
      } else if (s instanceof Stmt.If) {
        Stmt.If b = (Stmt.If) s;
        List<Stmt> then = withoutDeadCode(b.then(), live, written);
        List<Stmt> otherwise = withoutDeadCode(b.otherwise(), live, written);
        if (then.isEmpty() && otherwise.isEmpty()) {
          continue;
        }
        s = new Stmt.If(b.condition(), then, otherwise, b.position());
        Statements.reads(List.of(s), live);
        Statements.names(s, live); // conservatively: a branch may not assign on every path
      } else {
        Statements.names(s, live);
      }
      kept.add(0, s);
    }
    return kept;
  }

  /** {@code dx = 0; dx -= e;} reads {@code dx = -e;}, and {@code dx += e; dx += e;} {@code dx += 2 * e}. */
  private static List<Stmt> mergeResets(List<Stmt> body, Set<String> adjoints) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.If) {
        Stmt.If b = (Stmt.If) s;
        s = new Stmt.If(b.condition(), mergeResets(b.then(), adjoints),
            mergeResets(b.otherwise(), adjoints), b.position());
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        s = loop.withBody(mergeResets(loop.body(), adjoints));
      }
      Stmt next = i + 1 < body.size() ? body.get(i + 1) : null;
      if (s instanceof Stmt.Store && s.equals(next) && ((Stmt.Store) s).isCompound()
          && !Statements.reads(((Stmt.Store) s).value(), ((Stmt.Store) s).array())) {
        Stmt.Store a = (Stmt.Store) s;
        out.add(a.into(a.array(), a.compound(), doubled(a.value())));
        i++;
        continue;
      }
      if (s instanceof Stmt.Assign && s.equals(next) && ((Stmt.Assign) s).isCompound()
          && adjoints.contains(((Stmt.Assign) s).name())
          && !Statements.reads(((Stmt.Assign) s).value(), ((Stmt.Assign) s).name())) {
        // x * x: two equal contributions read as one doubled, as in the article (2 * a * dx).
        Stmt.Assign a = (Stmt.Assign) s;
        out.add(new Stmt.Assign(a.name(), a.compound(), doubled(a.value()), null));
        i++;
        continue;
      }
      if (s instanceof Stmt.Assign && !((Stmt.Assign) s).isCompound()
          && adjoints.contains(((Stmt.Assign) s).name())
          && Exprs.isZero(((Stmt.Assign) s).value())) {
        // dv = 0, then (after statements that leave dv alone) dv -= e: the reset goes, and the
        // subtraction, where it stands, becomes dv = -e.
        String dv = ((Stmt.Assign) s).name();
        int j = i + 1;
        while (j < body.size() && !Statements.names(body.get(j), new HashSet<>()).contains(dv)) {
          j++;
        }
        Stmt following = j < body.size() ? body.get(j) : null;
        if (following instanceof Stmt.Assign && ((Stmt.Assign) following).name().equals(dv)
            && ((Stmt.Assign) following).isCompound()
            && !Statements.reads(((Stmt.Assign) following).value(), dv)) {
          Stmt.Assign add = (Stmt.Assign) following;
          List<Stmt> rest = new ArrayList<>(body.subList(i + 1, body.size()));
          Expr value = add.compound() == BinaryOp.MINUS ? Exprs.neg(add.value()) : add.value();
          rest.set(j - i - 1, new Stmt.Assign(dv, null, value, null));
          out.addAll(mergeResets(rest, adjoints));
          return out;
        }
      }
      out.add(s);
    }
    return out;
  }

  /** Drops comments whose statements were all tidied away. */
  private static List<Stmt> dropEmptyComments(List<Stmt> body, Reverser reverser) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Reversing) {
        int j = i + 1;
        while (j < body.size() && reverser.isRestore(body.get(j))) {
          j++;
        }
        if (j == body.size() || body.get(j) instanceof Stmt.Reversing) {
          continue;
        }
      } else if (s instanceof Stmt.If) {
        Stmt.If b = (Stmt.If) s;
        s = new Stmt.If(b.condition(), dropEmptyComments(b.then(), reverser),
            dropEmptyComments(b.otherwise(), reverser), b.position());
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        s = loop.withBody(dropEmptyComments(loop.body(), reverser));
      }
      out.add(s);
    }
    return out;
  }

  /** {@code 2 * e}, as {@code 2 * x * dz} rather than {@code 2 * (x * dz)}: doubling is exact. */
  private static Expr doubled(Expr e) {
    if (e instanceof Expr.Binary && ((Expr.Binary) e).op() == BinaryOp.TIMES) {
      Expr.Binary b = (Expr.Binary) e;
      return Exprs.times(doubled(b.left()), b.right());
    }
    return Exprs.times(Exprs.lit(2), e);
  }

  /**
   * A parameter whose adjoint gets exactly one contribution, outside any branch, is written
   * straight into {@code grad}: {@code grad[0] = x * dq} rather than a local and a copy.
   */
  private static List<Stmt> inlineParameterAdjoints(List<Stmt> body, Map<String, Integer> params) {
    List<Stmt> out = new ArrayList<>(body);
    for (Map.Entry<String, Integer> param : params.entrySet()) {
      String adjoint = param.getKey();
      int touches = 0;
      int at = -1;
      int outAt = -1;
      for (int i = 0; i < out.size(); i++) {
        Stmt s = out.get(i);
        if (s instanceof Stmt.GradientOut && ((Stmt.GradientOut) s).index() == param.getValue()
            && ((Stmt.GradientOut) s).value() instanceof Expr.Ref
            && ((Expr.Ref) ((Stmt.GradientOut) s).value()).name().equals(adjoint)) {
          outAt = i;
          continue;
        }
        if (Statements.names(s, new HashSet<>()).contains(adjoint)) {
          touches++;
          at = i;
        }
      }
      if (touches != 1 || !(out.get(at) instanceof Stmt.Assign)) {
        continue;
      }
      Stmt.Assign a = (Stmt.Assign) out.get(at);
      if (!a.name().equals(adjoint) || !a.isCompound() || Statements.reads(a.value(), adjoint)) {
        continue;
      }
      Expr value = a.compound() == BinaryOp.MINUS ? Exprs.neg(a.value()) : a.value();
      out.set(at, new Stmt.GradientOut(param.getValue(), value));
      out.remove(outAt);
    }
    return out;
  }

  /**
   * Declares each adjoint in the innermost block that uses it, where it is first written
   * ({@code double dq = z * df;}) when that write comes before any read; otherwise as 0 at
   * the start of that block.
   */
  private static List<Stmt> declareAdjoints(List<Stmt> body, Set<String> adjoints) {
    Set<String> local = new java.util.TreeSet<>();
    Map<Integer, List<Set<String>>> inBranch = new HashMap<>();
    for (String adjoint : adjoints) {
      List<Integer> touching = new ArrayList<>();
      for (int i = 0; i < body.size(); i++) {
        if (Statements.names(body.get(i), new HashSet<>()).contains(adjoint)) {
          touching.add(i);
        }
      }
      if (touching.isEmpty()) {
        continue;
      }
      int branch = touching.size() == 1 ? onlyBranch(body.get(touching.get(0)), adjoint) : -1;
      if (branch >= 0) {
        inBranch.computeIfAbsent(touching.get(0), k -> List.of(new HashSet<>(), new HashSet<>()))
            .get(branch).add(adjoint);
      } else {
        local.add(adjoint);
      }
    }
    Set<String> seen = new HashSet<>();
    List<Stmt> zeros = new ArrayList<>();
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (inBranch.containsKey(i)) {
        Stmt.If b = (Stmt.If) s;
        s = new Stmt.If(b.condition(), declareAdjoints(b.then(), inBranch.get(i).get(0)),
            declareAdjoints(b.otherwise(), inBranch.get(i).get(1)), b.position());
      }
      if (s instanceof Stmt.Seed) {
        seen.add(((Stmt.Seed) s).name());
      } else if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        if (local.contains(a.name()) && !seen.contains(a.name())
            && !Statements.reads(a.value(), a.name())) {
          seen.add(a.name());
          markTouched(Statements.names(s, new java.util.TreeSet<>()), local, seen, zeros);
          Expr init = a.compound() == BinaryOp.MINUS ? Exprs.neg(a.value()) : a.value();
          out.add(new Stmt.Declare(a.name(), Type.DOUBLE, init, null));
          continue;
        }
      }
      markTouched(Statements.names(s, new java.util.TreeSet<>()), local, seen, zeros);
      out.add(s);
    }
    int start = !out.isEmpty() && out.get(0) instanceof Stmt.Seed ? 1 : 0;
    out.addAll(start, zeros);
    return out;
  }

  /** 0 or 1 when only the then- or else-branch of {@code s} uses {@code name}, else -1. */
  private static int onlyBranch(Stmt s, String name) {
    if (!(s instanceof Stmt.If)) {
      return -1;
    }
    Stmt.If b = (Stmt.If) s;
    Set<String> condition = new HashSet<>();
    Exprs.refs(b.condition(), condition);
    boolean inThen = b.then().stream().anyMatch(t -> Statements.names(t, new HashSet<>()).contains(name));
    boolean inElse = b.otherwise().stream().anyMatch(t -> Statements.names(t, new HashSet<>()).contains(name));
    if (condition.contains(name) || inThen == inElse) {
      return -1;
    }
    return inThen ? 0 : 1;
  }

  private static void markTouched(
      Set<String> names, Set<String> local, Set<String> seen, List<Stmt> zeros) {
    for (String name : names) {
      if (local.contains(name) && seen.add(name)) {
        zeros.add(new Stmt.Declare(name, Type.DOUBLE, Exprs.ZERO, null));
      }
    }
  }

  /** Saves the value an assignment or store overwrites, for the backward sweep to restore. */
  private static List<Stmt> insertSaves(
      List<Stmt> forward, Map<Stmt, String> saves, Map<String, Type> types) {
    Set<String> saved = new HashSet<>();
    saves.keySet().forEach(a -> saved.add(target(a)));
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : forward) {
      String save = saves.get(s);
      if (s instanceof Stmt.Assign && save != null) {
        Stmt.Assign a = (Stmt.Assign) s;
        Type type = types.get(a.name());
        Expr old = new Expr.Ref(a.name(), type);
        out.add(save.equals(Reverser.TAPE)
            ? new Stmt.Push(old) : new Stmt.Declare(save, type, old, null));
      } else if (s instanceof Stmt.Store && save != null) {
        Stmt.Store store = (Stmt.Store) s;
        out.add(new Stmt.Push(store.element()));
      } else if (s instanceof Stmt.Declare && ((Stmt.Declare) s).init() == null
          && saved.contains(((Stmt.Declare) s).name())) {
        // Saving reads the variable, so it needs a value even before its first assignment.
        Stmt.Declare d = (Stmt.Declare) s;
        s = new Stmt.Declare(d.name(), d.type(), new Expr.Literal(d.type(), d.type().zero()), d.position());
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = new Stmt.If(i.condition(), insertSaves(i.then(), saves, types),
            insertSaves(i.otherwise(), saves, types), i.position());
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        s = loop.withBody(insertSaves(loop.body(), saves, types));
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Locals declared inside a branch but read by the backward sweep are declared before the
   * forward sweep instead, so they are still in scope there.
   */
  private static List<Stmt> hoist(
      List<Stmt> forward, Set<String> readBack, String result, Map<String, Type> types) {
    Map<String, Stmt.Declare> hoisted = new LinkedHashMap<>();
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : forward) {
      if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = new Stmt.If(i.condition(), hoistNested(i.then(), readBack, hoisted),
            hoistNested(i.otherwise(), readBack, hoisted), i.position());
      }
      body.add(s);
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt.Declare d : hoisted.values()) {
      Expr zero = d.name().equals(result) ? null : new Expr.Literal(d.type(), d.type().zero());
      out.add(new Stmt.Declare(d.name(), d.type(), zero, null));
    }
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare && ((Stmt.Declare) s).init() == null
          && readBack.contains(((Stmt.Declare) s).name())
          && !((Stmt.Declare) s).name().equals(result)) {
        // the backward sweep may read it on a path javac cannot prove assigns it
        Stmt.Declare d = (Stmt.Declare) s;
        s = new Stmt.Declare(d.name(), d.type(), new Expr.Literal(d.type(), d.type().zero()),
            d.position());
      }
      out.add(s);
    }
    return out;
  }

  private static List<Stmt> hoistNested(
      List<Stmt> body, Set<String> readBack, Map<String, Stmt.Declare> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare && readBack.contains(((Stmt.Declare) s).name())) {
        Stmt.Declare d = (Stmt.Declare) s;
        hoisted.putIfAbsent(d.name(), d);
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.name(), null, d.init(), d.position()));
        }
        continue;
      }
      if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = new Stmt.If(i.condition(), hoistNested(i.then(), readBack, hoisted),
            hoistNested(i.otherwise(), readBack, hoisted), i.position());
      }
      out.add(s);
    }
    return out;
  }
}
