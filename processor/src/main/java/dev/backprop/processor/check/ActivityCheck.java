package dev.backprop.processor.check;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.Callee;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need to know which values carry gradient, run after activity analysis on a
 * method that passed {@link MethodChecker}: a local array that aliases a differentiated one
 * (its adjoint would have to alias too), and calls that pass gradient where the callee takes
 * none (a parameter left out of its {@code wrt}, a matrix).
 */
public final class ActivityCheck {

  private final Activity activity;
  private final Errors errors;

  private ActivityCheck(Activity activity, Errors errors) {
    this.activity = activity;
    this.errors = errors;
  }

  /** Checks {@code method}; returns whether it passed. */
  public static boolean check(Method method, Reporter reporter) {
    Map<String, Type> parameters = new HashMap<>();
    Set<String> differentiated = new HashSet<>();
    for (Method.Parameter p : method.parameters()) {
      parameters.put(p.name(), p.type());
      if (method.differentiates(p)) {
        differentiated.add(p.name());
      }
    }
    String result = method.names().fresh("result");
    Activity activity = new Activity(method.body(), parameters, differentiated, result);
    Errors errors = new Errors(reporter);
    ActivityCheck check = new ActivityCheck(activity, errors);
    Map<String, Type> types = new HashMap<>(parameters);
    Statements.forEach(method.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        types.put(d.name(), d.type());
        check.declaration(d, method);
      } else if (s instanceof Stmt.Assign a && types.get(a.name()) == Type.DOUBLE
          && activity.isActive(a.name())) {
        check.gradientFlowsInto(a.value());
      } else if (s instanceof Stmt.Store store && activity.isActive(store.array())) {
        check.gradientFlowsInto(store.value());
      } else if (s instanceof Stmt.Return r && activity.isActive(result)) {
        check.gradientFlowsInto(r.value());
      }
    });
    return errors.none();
  }

  private void declaration(Stmt.Declare d, Method method) {
    if (d.type() == Type.DOUBLE_ARRAY && d.init() != null && !(d.init() instanceof Expr.NewArray)
        && activity.isActive(d.name())) {
      errors.report(d.position() != null ? d.position() : method.position(),
          Message.ARRAY_ALIAS, d.name());
    }
    if (d.init() != null && d.type() == Type.DOUBLE && activity.isActive(d.name())) {
      gradientFlowsInto(d.init());
    }
  }

  /**
   * Follows gradient into {@code e} the way the backward sweep will, checking each call on the way.
   */
  private void gradientFlowsInto(Expr e) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Call call) {
      call(call);
    } else if (e instanceof Expr.Conditional c) {
      gradientFlowsInto(c.whenTrue()); // the condition carries none
      gradientFlowsInto(c.whenFalse());
    } else if (!(e instanceof Expr.Index)) {
      e.children().forEach(this::gradientFlowsInto);
    }
  }

  private void call(Expr.Call call) {
    Callee callee = call.callee();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (callee.differentiatedArray(i) || !activity.isActiveArray(arg)) {
        continue;
      }
      if (arg.type() == Type.DOUBLE_MATRIX) {
        errors.report(call.position(), Message.MATRIX_ARGUMENT,
            call.argumentTexts().get(i), callee.method());
      } else {
        notInWrt(call, i);
      }
    }
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!activity.isActive(arg)) {
        continue;
      }
      if (callee.gradientIndex(i) < 0) {
        notInWrt(call, i);
      } else {
        gradientFlowsInto(arg);
      }
    }
  }

  private void notInWrt(Expr.Call call, int i) {
    String parameter = call.callee().parameterNames().get(i);
    String method = call.callee().method();
    errors.report(call.position(), Message.ACTIVE_ARGUMENT_NOT_IN_WRT,
        call.argumentTexts().get(i), method, method, parameter, parameter);
  }
}
