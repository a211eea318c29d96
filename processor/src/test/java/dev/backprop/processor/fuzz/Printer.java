package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Assign;
import dev.backprop.processor.fuzz.Ast.Binary;
import dev.backprop.processor.fuzz.Ast.Block;
import dev.backprop.processor.fuzz.Ast.Call;
import dev.backprop.processor.fuzz.Ast.Cast;
import dev.backprop.processor.fuzz.Ast.ClassConstant;
import dev.backprop.processor.fuzz.Ast.Cond;
import dev.backprop.processor.fuzz.Ast.Const;
import dev.backprop.processor.fuzz.Ast.Decl;
import dev.backprop.processor.fuzz.Ast.E;
import dev.backprop.processor.fuzz.Ast.For;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.If;
import dev.backprop.processor.fuzz.Ast.Lit;
import dev.backprop.processor.fuzz.Ast.MathFn;
import dev.backprop.processor.fuzz.Ast.Param;
import dev.backprop.processor.fuzz.Ast.Return;
import dev.backprop.processor.fuzz.Ast.S;
import dev.backprop.processor.fuzz.Ast.Unary;
import dev.backprop.processor.fuzz.Ast.Unit;
import dev.backprop.processor.fuzz.Ast.Var;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints the fuzzer's trees as Java source, with the fewest parentheses that keep the tree's
 * meaning (so the processor sees realistic, precedence-dependent source).
 */
final class Printer {

  private static final int CONDITIONAL = 2;
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;

  private Printer() {}

  static String unit(Unit u) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(u.pkg()).append(";\n\n");
    if (u.staticImport()) {
      out.append("import static java.lang.Math.*;\n\n");
    }
    out.append("import dev.backprop.Differentiable;\n");
    out.append("import dev.backprop.PullbackOf;\n\n");
    out.append("final class ").append(u.className()).append(" {\n");
    out.append("  static final java.io.PrintStream SINK =\n")
        .append("      new java.io.PrintStream(java.io.OutputStream.nullOutputStream());\n");
    for (ClassConstant c : Ast.CONSTANTS) {
      out.append("  ").append(c.declaration()).append('\n');
    }
    for (Ast.ArrayConstant c : Ast.ARRAY_CONSTANTS) {
      out.append("  ").append(c.declaration()).append('\n');
    }
    java.util.Set<String> custom = Ast.customCallees(u.methods());
    java.util.Set<String> helpers = helpers(u, custom);
    for (Fn f : u.methods()) {
      out.append('\n');
      method(f, helpers.contains(f.name()), out);
    }
    for (Fn f : u.methods()) {
      if (custom.contains(f.name())) {
        out.append('\n');
        customWrapper(f, u.className() + "Grad", out);
      }
    }
    out.append("}\n");
    return out.toString();
  }

  static String method(Fn f) {
    StringBuilder out = new StringBuilder();
    method(f, false, out);
    return out.toString();
  }

  /**
   * The methods of {@code u} printed as private helpers: those meant to be, which a method that
   * is differentiated calls directly (not only through a custom wrapper, whose rule calls the
   * generated pullback).
   */
  static java.util.Set<String> helpers(Unit u, java.util.Set<String> custom) {
    java.util.Set<String> differentiated = new java.util.HashSet<>();
    java.util.Set<String> helpers = new java.util.HashSet<>();
    List<Fn> reversed = new java.util.ArrayList<>(u.methods());
    java.util.Collections.reverse(reversed); // callers come after their callees
    for (Fn f : reversed) {
      boolean helper = f.annotation().equals(Ast.HELPER);
      if (helper && (!differentiated.contains(f.name()) || custom.contains(f.name()))) {
        helper = false; // no one differentiates it: annotated, so that it is generated
      }
      if (helper) {
        helpers.add(f.name());
      }
      Ast.anyStatement(f.body(), s -> {
        Ast.forEachExpr(s, e -> {
          if (e instanceof Call c && !c.custom()) {
            differentiated.add(c.method());
          }
        });
        return false;
      });
    }
    return helpers;
  }

  private static void method(Fn f, boolean helper, StringBuilder out) {
    if (helper) {
      out.append("  private static double ").append(f.name()).append('(')
          .append(f.params().stream().map(Printer::param).collect(Collectors.joining(", ")))
          .append(") {\n");
      statements(f.body(), 2, out);
      out.append("  }\n");
      return;
    }
    out.append("  ").append(f.annotation().equals(Ast.HELPER) ? "@Differentiable"
        : f.annotation());
    if (f.wrt() != null) {
      out.append("(wrt = {")
          .append(f.wrt().stream().map(w -> '"' + w + '"').collect(Collectors.joining(", ")))
          .append("})");
    }
    out.append("\n  static double ").append(f.name()).append('(')
        .append(f.params().stream().map(Printer::param).collect(Collectors.joining(", ")))
        .append(") {\n");
    statements(f.body(), 2, out);
    out.append("  }\n");
  }

  /**
   * {@code fCustom}, a plain method with f's value, and its {@code @PullbackOf} rule, which
   * hands the work to f's generated pullback: calls of it go through a registered pullback.
   */
  private static void customWrapper(Fn f, String gradClass, StringBuilder out) {
    String params = f.params().stream().map(Printer::param).collect(Collectors.joining(", "));
    String names = f.params().stream().map(Param::name).collect(Collectors.joining(", "));
    out.append("  static double ").append(customName(f.name())).append('(').append(params)
        .append(") {\n    return ").append(f.name()).append('(').append(names)
        .append(");\n  }\n\n");
    // names no generated parameter takes (the fuzzer's own may be seed or grad)
    List<String> extra = new java.util.ArrayList<>(List.of("double ruleSeed"));
    List<String> passed = new java.util.ArrayList<>(List.of("ruleSeed"));
    boolean scalars = false;
    for (int i : f.differentiated()) {
      scalars |= f.params().get(i).type() == Ast.T.DOUBLE;
    }
    if (scalars) {
      extra.add("double[] ruleGrad");
      passed.add("ruleGrad");
    }
    for (int i : f.differentiated()) {
      if (f.params().get(i).type() == Ast.T.DARR) {
        extra.add("double[] ruleD" + f.params().get(i).name());
        passed.add("ruleD" + f.params().get(i).name());
      }
    }
    out.append("  @PullbackOf(method = \"").append(customName(f.name())).append('"');
    if (f.wrt() != null && !f.wrt().isEmpty()) {
      out.append(", wrt = {")
          .append(f.wrt().stream().map(w -> '"' + w + '"').collect(Collectors.joining(", ")))
          .append('}');
    }
    out.append(")\n  static void ").append(customName(f.name())).append("Pullback(")
        .append(params).append(params.isEmpty() ? "" : ", ").append(String.join(", ", extra))
        .append(") {\n    ").append(gradClass).append('.').append(f.name()).append("Pullback(")
        .append(names).append(names.isEmpty() ? "" : ", ").append(String.join(", ", passed))
        .append(");\n  }\n");
  }

  private static String customName(String method) {
    return method + "Custom";
  }

  private static String param(Param p) {
    return p.type().keyword + " " + p.name();
  }

  private static void statements(List<S> body, int indent, StringBuilder out) {
    for (S s : body) {
      statement(s, indent, out);
    }
  }

  private static void indent(int indent, StringBuilder out) {
    out.append("  ".repeat(indent));
  }

  private static void statement(S s, int indent, StringBuilder out) {
    if (s instanceof If i) {
      indent(indent, out);
      ifChain(i, indent, out);
      return;
    }
    indent(indent, out);
    if (s instanceof Decl d) {
      out.append(d.modifier().equals("var") ? "var" : (d.modifier().isEmpty() ? "" : d.modifier() + " ")
          + d.type().keyword).append(' ').append(d.name());
      if (d.init() != null) {
        out.append(" = ").append(expr(d.init()));
      }
      out.append(";\n");
    } else if (s instanceof Assign a && (a.op().equals("++") || a.op().equals("--"))) {
      out.append(a.name()).append(a.op()).append(";\n");
    } else if (s instanceof Assign a) {
      out.append(a.name()).append(' ').append(a.op()).append(' ').append(expr(a.value()))
          .append(";\n");
    } else if (s instanceof For f) {
      out.append("for (int ").append(f.var()).append(" = ").append(expr(f.from())).append("; ")
          .append(f.var()).append(f.inclusive() ? " <= " : " < ").append(expr(f.to()))
          .append("; ").append(f.var()).append("++) {\n");
      statements(f.body(), indent + 1, out);
      indent(indent, out);
      out.append("}\n");
    } else if (s instanceof Ast.ArrayDecl d) {
      if (d.matrix()) {
        out.append("double[][] ").append(d.name()).append(" = new double[")
            .append(expr(d.size())).append("][").append(expr(d.cols())).append("];\n");
      } else {
        out.append("double[] ").append(d.name()).append(" = new double[").append(expr(d.size()))
            .append("];\n");
      }
    } else if (s instanceof Ast.Store st) {
      out.append(st.name()).append('[').append(expr(st.index())).append(']');
      if (st.col() != null) {
        out.append('[').append(expr(st.col())).append(']');
      }
      out.append(' ').append(st.op()).append(' ').append(expr(st.value())).append(";\n");
    } else if (s instanceof Ast.While w) {
      out.append("while (").append(expr(w.c())).append(") {\n");
      statements(w.body(), indent + 1, out);
      indent(indent, out);
      out.append("}\n");
    } else if (s instanceof Ast.Loop l) {
      out.append("for (int ").append(l.var()).append(" = ").append(expr(l.from())).append("; ")
          .append(expr(l.c())).append("; ").append(update(l.update())).append(") {\n");
      statements(l.body(), indent + 1, out);
      indent(indent, out);
      out.append("}\n");
    } else if (s instanceof Ast.DoWhile d) {
      out.append("do {\n");
      statements(d.body(), indent + 1, out);
      indent(indent, out);
      out.append("} while (").append(expr(d.c())).append(");\n");
    } else if (s instanceof Ast.ForEach f) {
      out.append("for (").append(f.type().keyword).append(' ').append(f.var()).append(" : ")
          .append(expr(f.array())).append(") {\n");
      statements(f.body(), indent + 1, out);
      indent(indent, out);
      out.append("}\n");
    } else if (s instanceof Ast.Break) {
      out.append("break;\n");
    } else if (s instanceof Ast.Continue) {
      out.append("continue;\n");
    } else if (s instanceof Return r) {
      out.append("return ").append(expr(r.value())).append(";\n");
    } else if (s instanceof Ast.Throw t) {
      out.append("throw new IllegalArgumentException(\"check failed: \" + (")
          .append(expr(t.value())).append("));\n");
    } else if (s instanceof Ast.Effect e && e.asserted()) {
      out.append("assert !(Math.abs(").append(expr(e.value()))
          .append(") > 1e9) : \"assert failed: \" + (").append(expr(e.value())).append(");\n");
    } else if (s instanceof Ast.Effect e && expr(e.value()).hashCode() % 2 == 0) {
      out.append("SINK.println(\"value \" + (").append(expr(e.value())).append("));\n");
    } else if (s instanceof Ast.Effect e) {
      // the message built in a String local first, in a block of its own
      out.append("{\n");
      indent(indent + 1, out);
      out.append("String fuzzMessage = \"value \";\n");
      indent(indent + 1, out);
      out.append("fuzzMessage += ").append(expr(e.value())).append(";\n");
      indent(indent + 1, out);
      out.append("SINK.println(fuzzMessage);\n");
      indent(indent, out);
      out.append("}\n");
    } else if (s instanceof Block b) {
      out.append("{\n");
      statements(b.body(), indent + 1, out);
      indent(indent, out);
      out.append("}\n");
    }
  }

  private static String update(Assign a) {
    if (a.op().equals("++") || a.op().equals("--")) {
      return a.name() + a.op();
    }
    return a.name() + " " + a.op() + " " + expr(a.value());
  }

  /** Prints an if (already indented), using else-if for a lone nested if in the else part. */
  private static void ifChain(If i, int indent, StringBuilder out) {
    out.append("if (").append(expr(i.c())).append(") ");
    boolean braces = i.braces() || !braceless(i.then()) || i.els() != null;
    branch(i.then(), braces, indent, out);
    if (i.els() != null) {
      if (i.els().size() == 1 && i.els().get(0) instanceof If nested) {
        out.append(" else ");
        ifChain(nested, indent, out);
        return;
      }
      out.append(" else ");
      branch(i.els(), true, indent, out);
    }
    out.append('\n');
  }

  private static boolean braceless(List<S> body) {
    return body.size() == 1 && (body.get(0) instanceof Assign || body.get(0) instanceof Return
        || body.get(0) instanceof Ast.Throw
        || body.get(0) instanceof Ast.Break || body.get(0) instanceof Ast.Continue
        || body.get(0) instanceof Ast.Store);
  }

  private static void branch(List<S> body, boolean braces, int indent, StringBuilder out) {
    if (!braces) {
      out.append('\n');
      statement(body.get(0), indent + 1, out);
      out.setLength(out.length() - 1); // the caller ends the line
      return;
    }
    out.append("{\n");
    statements(body, indent + 1, out);
    indent(indent, out);
    out.append('}');
  }

  // --- expressions --------------------------------------------------------------------------

  static String expr(E e) {
    StringBuilder out = new StringBuilder();
    expr(e, out);
    return out.toString();
  }

  private static void expr(E e, StringBuilder out) {
    if (e instanceof Lit l) {
      out.append(l.text());
    } else if (e instanceof Var v) {
      out.append(v.name());
    } else if (e instanceof Const c) {
      out.append(c.text());
    } else if (e instanceof Unary u) {
      out.append(u.op());
      boolean clash = u.x() instanceof Unary || (u.x() instanceof Lit l && l.text().startsWith("-"));
      child(u.x(), precedence(u.x()) < UNARY || clash, out);
    } else if (e instanceof Cast c) {
      out.append('(').append(c.to().keyword).append(") ");
      child(c.x(), precedence(c.x()) < UNARY, out);
    } else if (e instanceof Binary b) {
      int p = precedence(b);
      child(b.l(), precedence(b.l()) < p, out);
      out.append(' ').append(b.op()).append(' ');
      child(b.r(), precedence(b.r()) <= p, out);
    } else if (e instanceof Cond c) {
      child(c.c(), precedence(c.c()) <= CONDITIONAL, out);
      out.append(" ? ");
      child(c.t(), precedence(c.t()) <= CONDITIONAL, out);
      out.append(" : ");
      child(c.f(), precedence(c.f()) < CONDITIONAL, out);
    } else if (e instanceof MathFn m) {
      if (!m.owner().isEmpty()) {
        out.append(m.owner()).append('.');
      }
      out.append(m.fn()).append('(');
      arguments(m.args(), out);
      out.append(')');
    } else if (e instanceof Ast.Index i) {
      expr(i.array(), out);
      out.append('[');
      expr(i.index(), out);
      out.append(']');
    } else if (e instanceof Ast.Length l) {
      expr(l.array(), out);
      out.append(".length");
    } else if (e instanceof Call c) {
      out.append(c.custom() ? customName(c.method()) : c.method()).append('(');
      arguments(c.args(), out);
      out.append(')');
    }
  }

  private static void arguments(List<E> args, StringBuilder out) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      expr(args.get(i), out);
    }
  }

  private static void child(E e, boolean parens, StringBuilder out) {
    if (parens) {
      out.append('(');
      expr(e, out);
      out.append(')');
    } else {
      expr(e, out);
    }
  }

  static int precedence(E e) {
    if (e instanceof Binary b) {
      switch (b.op()) {
        case "||": return 3;
        case "&&": return 4;
        case "|": return 5;
        case "^": return 6;
        case "&": return 7;
        case "==": case "!=": return 8;
        case "<": case "<=": case ">": case ">=": return 9;
        case "+": case "-": return 11;
        default: return 12;
      }
    }
    if (e instanceof Unary || e instanceof Cast) {
      return UNARY;
    }
    if (e instanceof Cond) {
      return CONDITIONAL;
    }
    if (e instanceof Lit l && l.text().startsWith("-")) {
      return UNARY;
    }
    return PRIMARY;
  }
}
