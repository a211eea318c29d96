package dev.backprop.processor.check;

import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Method.Parameter;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds everything in a method that the processor cannot differentiate and reports each at its
 * position. Reports all problems, not just the first; never throws.
 */
public final class MethodChecker {

  private final Reporter reporter;
  private int errors;

  private MethodChecker(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Checks {@code method}; returns whether it is fit to differentiate. */
  public static boolean check(Method method, Reporter reporter) {
    MethodChecker checker = new MethodChecker(reporter);
    checker.checkSignature(method);
    checker.checkStatements(method.body());
    return checker.errors == 0;
  }

  private void error(Position position, Message message, Object... args) {
    errors++;
    if (position != null) {
      reporter.error(position, message.format(args));
    }
  }

  private void checkSignature(Method method) {
    for (Method.Problem problem : method.problems()) {
      error(problem.position(), Message.valueOf(problem.kind().name()));
    }
    if (method.returnType() != Type.DOUBLE) {
      error(method.position(), Message.RETURN_TYPE, method.returnTypeName());
    }
    for (Parameter p : method.parameters()) {
      if (p.type() != null && p.type().isArray()) {
        arrays.add(p.name()); // parameters' elements can be read, the variables not assigned
      }
      if (p.type() == null && p.typeName().endsWith("[]")) {
        error(p.position(), Message.ARRAY_PARAMETER, p.name(), p.typeName());
      } else if (p.type() == null) {
        error(p.position(), Message.PARAMETER_TYPE, p.name(), p.typeName());
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < method.wrt().size(); i++) {
      String name = method.wrt().get(i);
      Position at = i < method.wrtPositions().size()
          ? method.wrtPositions().get(i) : method.position();
      Parameter p = method.parameters().stream()
          .filter(q -> q.name().equals(name)).findFirst().orElse(null);
      if (!seen.add(name)) {
        error(at, Message.WRT_DUPLICATE, name);
      } else if (p == null) {
        String all = method.parameters().stream().map(Parameter::name)
            .collect(Collectors.joining(", "));
        error(at, Message.WRT_UNKNOWN, name, method.name(), all);
      } else if (p.type() != null && p.type() != Type.DOUBLE && p.type() != Type.DOUBLE_ARRAY) {
        error(p.position(), Message.WRT_NOT_DOUBLE, name, p.typeName());
      }
    }
    boolean anyDouble = method.parameters().stream()
        .anyMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY);
    boolean badParameter = method.parameters().stream().anyMatch(p -> p.type() == null);
    if (!anyDouble && !badParameter && method.wrt().isEmpty()) {
      error(method.position(), Message.NO_DOUBLE_PARAMETER);
    }
  }

  private void checkStatements(List<Stmt> statements) {
    checkStatements(statements, 0);
  }

  /** @param depth how many loops and ifs enclose {@code statements} */
  private void checkStatements(List<Stmt> statements, int depth) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare && (((Stmt.Declare) s).type() == Type.DOUBLE_ARRAY
          || ((Stmt.Declare) s).type() == Type.DOUBLE_MATRIX)) {
        Stmt.Declare d = (Stmt.Declare) s;
        if (d.init() instanceof Expr.NewArray && depth > 0) {
          error(d.position(), Message.ARRAY_LOCAL, "move it to the top of the method");
        }
        if (d.init() instanceof Expr.NewArray) {
          writable.add(d.name());
        }
        String matrix = rowOfLocalMatrix(d.init());
        if (matrix != null) {
          // its reads would carry no gradient back to the matrix
          error(d.position(), Message.ROW_ALIAS, d.name(), matrix, matrix);
        }
        arrays.add(d.name());
      }
      if (s instanceof Stmt.Assign && arrays.contains(((Stmt.Assign) s).name())) {
        error(((Stmt.Assign) s).position(), Message.ARRAY_LOCAL,
            "assign its elements, not the array variable");
      }
      if (s instanceof Stmt.Store) {
        Stmt.Store store = (Stmt.Store) s;
        if (!writable.contains(store.array())) {
          error(store.position(), Message.ARRAY_WRITE, store.array());
        }
        checkExpr(store.row());
        checkExpr(store.index());
        checkExpr(store.value());
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        if (loop.init() != null) {
          checkExpr(loop.init().init());
        }
        checkExpr(loop.condition());
        checkStatements(loop.body(), depth + 1);
        continue;
      }
      if (s instanceof Stmt.Declare) {
        Stmt.Declare d = (Stmt.Declare) s;
        if (d.init() != null) {
          checkExpr(d.init());
        }
      } else if (s instanceof Stmt.Assign) {
        checkExpr(((Stmt.Assign) s).value());
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        checkExpr(i.condition());
        checkStatements(i.then(), depth + 1);
        checkStatements(i.otherwise(), depth + 1);
      } else if (s instanceof Stmt.Return) {
        checkExpr(((Stmt.Return) s).value());
      } else if (s instanceof Stmt.Unsupported) {
        Stmt.Unsupported u = (Stmt.Unsupported) s;
        unsupported(u.construct(), u.detail(), u.position());
      }
    }
  }

  private final Set<String> arrays = new HashSet<>();
  private final Set<String> writable = new HashSet<>();

  /** The local matrix {@code e} is a row of ({@code m[i]}, m created here), or null. */
  private String rowOfLocalMatrix(Expr e) {
    if (e instanceof Expr.Index && ((Expr.Index) e).array() instanceof Expr.Ref) {
      String array = ((Expr.Ref) ((Expr.Index) e).array()).name();
      return writable.contains(array) && e.type() == Type.DOUBLE_ARRAY ? array : null;
    }
    return null;
  }

  private void checkExpr(Expr e) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Unsupported) {
      Expr.Unsupported u = (Expr.Unsupported) e;
      unsupported(u.construct(), u.detail(), u.position());
      return;
    }
    if (e instanceof Expr.Call && !((Expr.Call) e).callee().accessible()) {
      Expr.Call call = (Expr.Call) e;
      error(call.position(), Message.PRIVATE_CALLEE, call.callee().method());
    }
    e.children().forEach(this::checkExpr);
  }


  private void unsupported(Construct construct, String detail, Position position) {
    error(position, Message.valueOf(construct.name()), detail);
  }
}
