package dev.backprop.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.backprop.processor.DifferentiableProcessor;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.Unit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles generated units with the processor in memory, under {@code -Xlint:all -Werror} like
 * {@code CompiledGradients}. A diagnostic is blamed on the method it points into (in the
 * source or in the generated gradient class); those methods, and the methods that call them,
 * are left out and the rest is compiled again, so one bad method does not hide a class.
 */
final class FuzzCompiler {

  /**
   * Why a method did not compile: a short key (for shrinking), the full text and the generated
   * class as the processor wrote it, when the error is in there (for reports).
   */
  record CompileError(String key, String text, String generated) {
    CompileError(String key, String text) {
      this(key, text, "");
    }
  }

  private static final Pattern GENERATED_METHOD =
      Pattern.compile("^    public static \\w+ (\\w+?)(Pullback)?\\(");
  private static final Pattern SOURCE_METHOD = Pattern.compile("^  static double (\\w+)\\(");

  /** What compiled (and is loaded) and what did not. */
  static final class Outcome {
    /** Per unit (qualified name): the methods that did not compile, with why. */
    final Map<String, Map<String, CompileError>> errors = new LinkedHashMap<>();
    /** Per unit: the methods that compiled and are loaded. */
    final Map<String, Set<String>> compiled = new HashMap<>();
    final Map<String, String> generatedSources = new HashMap<>();
    ClassLoader loader;

    boolean compiled(Unit u, String method) {
      return compiled.getOrDefault(u.qualifiedName(), Set.of()).contains(method);
    }

    /** The first error of the unit, or null when all its methods compiled. */
    CompileError firstError(Unit u) {
      Map<String, CompileError> e = errors.get(u.qualifiedName());
      return e == null || e.isEmpty() ? null : e.values().iterator().next();
    }

    Class<?> load(String name) {
      try {
        return loader.loadClass(name);
      } catch (ClassNotFoundException e) {
        throw new AssertionError("not generated: " + name, e);
      }
    }
  }

  private FuzzCompiler() {}

  static Outcome compile(List<Unit> units) {
    Outcome outcome = new Outcome();
    List<Unit> remaining = new ArrayList<>(units);
    for (int round = 0; round < 4 && !remaining.isEmpty(); round++) {
      long t0 = System.nanoTime();
      Compilation c = run(remaining, false);
      if (Boolean.getBoolean("fuzz.verbose")) {
        System.out.printf("[fuzz]   round %d: %d classes, %.1f s, %s, %d diagnostics%n", round,
            remaining.size(), (System.nanoTime() - t0) / 1e9, c.status(), c.diagnostics().size());
      }
      if (c.status() == Compilation.Status.SUCCESS) {
        for (Unit u : remaining) {
          Set<String> names = new HashSet<>();
          u.methods().forEach(f -> names.add(f.name()));
          outcome.compiled.put(u.qualifiedName(), names);
          c.generatedSourceFile(u.gradName()).ifPresent(f -> outcome.generatedSources.put(
              u.qualifiedName(), content(f)));
        }
        outcome.loader = new dev.backprop.processor.testing.InMemoryClassLoader(c.generatedFiles());
        return outcome;
      }
      Map<Unit, Map<String, List<Diagnostic<? extends JavaFileObject>>>> blamed =
          blame(c, remaining);
      List<Unit> next = new ArrayList<>();
      for (Unit u : remaining) {
        Map<String, List<Diagnostic<? extends JavaFileObject>>> byMethod = blamed.get(u);
        if (byMethod == null) {
          next.add(u);
          continue;
        }
        Map<String, CompileError> errors =
            outcome.errors.computeIfAbsent(u.qualifiedName(), k -> new LinkedHashMap<>());
        byMethod.forEach((method, diagnostics) -> errors.put(method, error(diagnostics)));
        if (byMethod.containsKey("")) {
          continue; // not attributable to a method: the whole unit is out
        }
        Set<String> out = callersOf(u, byMethod.keySet());
        List<Fn> kept = new ArrayList<>();
        for (Fn f : u.methods()) {
          if (!out.contains(f.name())) {
            kept.add(f);
          }
        }
        if (!kept.isEmpty()) {
          next.add(new Unit(u.pkg(), u.className(), u.staticImport(), kept));
        }
      }
      if (blamed.isEmpty()) {
        String text = describe(c.diagnostics());
        for (Unit u : remaining) {
          outcome.errors.computeIfAbsent(u.qualifiedName(), k -> new LinkedHashMap<>())
              .put("", new CompileError("unattributed", text));
        }
        next.clear();
      }
      remaining = next;
    }
    outcome.loader = new dev.backprop.processor.testing.InMemoryClassLoader(List.of());
    return outcome;
  }

  /** The methods in {@code bad} and every method that calls one of them, directly or not. */
  private static Set<String> callersOf(Unit u, Set<String> bad) {
    Set<String> out = new HashSet<>(bad);
    for (Fn f : u.methods()) { // callees come first
      Set<String> called = new HashSet<>();
      Ast.calls(f.body(), called);
      called.retainAll(out);
      if (!called.isEmpty()) {
        out.add(f.name());
      }
    }
    return out;
  }

  /** The gradient class the processor writes for {@code u} (even when it does not compile). */
  static String generatedSource(Unit u) {
    Compilation c = run(List.of(u), true);
    if (c.status() != Compilation.Status.SUCCESS) {
      return "(the processor reported errors:)\n" + describe(c.diagnostics());
    }
    return c.generatedSourceFile(u.gradName()).map(FuzzCompiler::content).orElse("(none)");
  }

  private static Compilation run(List<Unit> units, boolean procOnly) {
    List<JavaFileObject> files = new ArrayList<>();
    for (Unit u : units) {
      files.add(JavaFileObjects.forSourceString(u.qualifiedName(), Printer.unit(u)));
    }
    List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror",
        "-Xmaxerrs", "100000", "-Xmaxwarns", "100000"));
    if (procOnly) {
      options.add("-proc:only");
    }
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions(options)
        .compile(files);
  }

  /** Diagnostics per unit and method ("" when no method can be told). */
  private static Map<Unit, Map<String, List<Diagnostic<? extends JavaFileObject>>>> blame(
      Compilation c, List<Unit> units) {
    Map<Unit, Map<String, List<Diagnostic<? extends JavaFileObject>>>> out = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.NOTE || d.getSource() == null) {
        continue;
      }
      String path = "/" + d.getSource().toUri().getPath(); // sources' paths are relative
      for (Unit u : units) {
        String base = "/" + u.pkg() + "/" + u.className();
        boolean generated = path.endsWith(base + "Grad.java");
        if (path.endsWith(base + ".java") || generated) {
          String method = methodAt(d, generated ? GENERATED_METHOD : SOURCE_METHOD);
          out.computeIfAbsent(u, k -> new LinkedHashMap<>())
              .computeIfAbsent(method, k -> new ArrayList<>()).add(d);
        }
      }
    }
    return out;
  }

  /** The method whose header is the last one at or above the diagnostic's line. */
  private static String methodAt(Diagnostic<? extends JavaFileObject> d, Pattern header) {
    long line = d.getLineNumber();
    if (line <= 0) {
      return "";
    }
    String text;
    try {
      text = d.getSource().getCharContent(true).toString();
    } catch (IOException e) {
      return "";
    }
    String[] lines = text.split("\n", -1);
    // the annotation sits on the line above the header: look one line ahead too
    for (long i = Math.min(line, lines.length - 1); i >= 0; i--) {
      Matcher m = header.matcher(lines[(int) i]);
      if (m.find()) {
        return m.group(1);
      }
    }
    return "";
  }

  private static CompileError error(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    Diagnostic<? extends JavaFileObject> first = diagnostics.get(0);
    String where = first.getSource().toUri().getPath().endsWith("Grad.java") ? "generated" : "source";
    String message = first.getMessage(Locale.ROOT);
    String tag = message.startsWith("[backprop:")
        ? message.substring(0, message.indexOf(']') + 1) : first.getCode();
    String generated = "";
    if (where.equals("generated")) {
      try {
        generated = first.getSource().getCharContent(true).toString();
      } catch (IOException e) {
        generated = "<unreadable: " + e + ">";
      }
    }
    return new CompileError(where + " " + tag, describe(diagnostics), generated);
  }

  private static String describe(List<? extends Diagnostic<? extends JavaFileObject>> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      out.append(d.getKind()).append(' ');
      if (d.getSource() != null) {
        String path = d.getSource().toUri().getPath();
        out.append(path.substring(path.lastIndexOf('/') + 1)).append(':').append(d.getLineNumber())
            .append(": ");
      }
      out.append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return out.toString();
  }

  private static String content(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      return "<unreadable: " + e + ">";
    }
  }
}
