package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.backprop.Differentiable;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles diagnostics-test inputs with the processor, once per input, and checks what must
 * hold for every input whatever else a test asserts:
 *
 * <ul>
 *   <li>the processor never throws, and never reports an internal error;
 *   <li>every error is backprop's, unless the input is declared invalid Java;
 *   <li>no diagnostic at all is located in a generated file, and a clean run of the inputs prints
 *       no warning or note;
 *   <li>every generated file compiles (even when the processor's compilation failed, and so
 *       javac never compiled them), without a lint warning.
 * </ul>
 */
final class Diagnostics {

  /** What one compilation gave: compile-testing's view, and every generated source. */
  record Compiled(Compilation compilation, Map<String, String> generated) {

    /** The text of generated {@code qualifiedName}, which must exist. */
    String generatedSource(String qualifiedName) {
      assertWithMessage("generated sources: %s", generated.keySet())
          .that(generated).containsKey(qualifiedName);
      return generated.get(qualifiedName);
    }

    /** Every diagnostic, one a line, in the order javac reported them, for failure messages. */
    String listing() {
      return Diagnostics.listing(compilation);
    }

    /** Error messages reported between two lines of {@code source}, inclusive. */
    List<String> errorsBetween(JavaFileObject source, String firstLine, String lastLine) {
      long from = lineContaining(source, firstLine);
      long to = lineContaining(source, lastLine);
      return compilation.errors().stream()
          .filter(d -> d.getSource() == source)
          .filter(d -> d.getLineNumber() >= from && d.getLineNumber() <= to)
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }

    /**
     * Error messages reported in the method of {@code source} whose declaration is the one line
     * containing {@code declaration}: from that line to the method's closing brace, the first
     * line after it that is {@code "  }"} (members of a top-level class are indented by two).
     */
    List<String> errorsInMethod(JavaFileObject source, String declaration) {
      long from = lineContaining(source, declaration);
      List<String> lines = lines(source);
      long to = from;
      while (to < lines.size() && !lines.get((int) to - 1).equals("  }")) {
        to++;
      }
      long last = to;
      return compilation.errors().stream()
          .filter(d -> d.getSource() == source)
          .filter(d -> d.getLineNumber() >= from && d.getLineNumber() <= last)
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }
  }

  private static final Map<List<JavaFileObject>, Compiled> CACHE = new HashMap<>();

  private Diagnostics() {}

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** Compiles valid Java: every error must be backprop's. */
  static Compiled compile(JavaFileObject... sources) {
    return compile(false, sources);
  }

  /** Compiles input javac itself rejects too: errors need not all be backprop's. */
  static Compiled compileInvalidJava(JavaFileObject... sources) {
    return compile(true, sources);
  }

  /**
   * Compiles valid Java with another processor (one that runs backprop's in a different
   * environment, say); not cached.
   */
  static Compiled compileWith(Supplier<? extends Processor> processor, JavaFileObject... sources) {
    return compileAndCheck(processor, false, List.of(sources));
  }

  private static synchronized Compiled compile(boolean invalidJava, JavaFileObject... sources) {
    List<JavaFileObject> key = List.of(sources);
    Compiled cached = CACHE.get(key);
    if (cached == null) {
      cached = compileAndCheck(DifferentiableProcessor::new, invalidJava, key);
      CACHE.put(key, cached);
    }
    return cached;
  }

  private static Compiled compileAndCheck(
      Supplier<? extends Processor> processor, boolean invalidJava, List<JavaFileObject> sources) {
    Compilation compilation;
    try {
      compilation = javac()
          .withProcessors(processor.get())
          .withOptions("-Xlint:all")
          .compile(sources);
    } catch (RuntimeException thrown) {
      throw new AssertionError("the processor threw", thrown);
    }
    String listing = listing(compilation);
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      assertWithMessage("no crash, no stack trace; diagnostics:\n%s", listing)
          .that(message).doesNotContain("threw an uncaught exception");
      assertWithMessage("no crash, no stack trace; diagnostics:\n%s", listing)
          .that(message).doesNotContainMatch("\\n\\s+at [\\w$.]+\\(");
      assertWithMessage("no internal error; diagnostics:\n%s", listing)
          .that(message).doesNotContain("[backprop:internal]");
      assertWithMessage("every diagnostic is in an input file; diagnostics:\n%s", listing)
          .that(d.getSource() != null && sources.contains(d.getSource())).isTrue();
      if (!invalidJava) {
        assertWithMessage("valid Java: only backprop's errors, no warning or note; diagnostics:\n%s",
            listing).that(d.getKind() == Diagnostic.Kind.ERROR && message.startsWith("[backprop:"))
            .isTrue();
      }
    }
    Map<String, String> generated = generatedSources(processor, sources);
    checkGeneratedCodeCompiles(invalidJava, sources, generated);
    return new Compiled(compilation, generated);
  }

  /**
   * Every source the processor writes for {@code sources}. compile-testing keeps generated files
   * from a failed compilation to itself, so this runs the processor again on its own.
   */
  private static Map<String, String> generatedSources(
      Supplier<? extends Processor> processor, List<JavaFileObject> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path out = null;
    try {
      out = Files.createTempDirectory("backprop-diagnostics");
      try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
        files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
        files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
        JavaCompiler.CompilationTask task =
            compiler.getTask(null, files, diagnostic -> {}, List.of("-proc:only"), null, sources);
        task.setProcessors(List.of(processor.get()));
        task.call();
      }
      Map<String, String> generated = new LinkedHashMap<>();
      Path root = out;
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted()
            .collect(Collectors.toList())) {
          String name = root.relativize(file).toString()
              .replace(file.getFileSystem().getSeparator(), ".")
              .replaceAll("\\.java$", "");
          generated.put(name, Files.readString(file, UTF_8));
        }
      }
      return generated;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(out);
    }
  }

  /** The inputs and everything generated from them, compiled together without the processor. */
  private static void checkGeneratedCodeCompiles(
      boolean invalidJava, List<JavaFileObject> sources, Map<String, String> generated) {
    if (generated.isEmpty()) {
      return;
    }
    List<JavaFileObject> all = new ArrayList<>(sources);
    generated.forEach((name, text) -> all.add(JavaFileObjects.forSourceString(name, text)));
    Compilation together = javac().withOptions("-proc:none", "-Xlint:all").compile(all);
    String listing = listing(together) + "\ngenerated:\n" + String.join("\n", generated.values());
    for (Diagnostic<? extends JavaFileObject> d : together.diagnostics()) {
      assertWithMessage("generated code compiles without warnings; diagnostics:\n%s", listing)
          .that(d.getSource() != null && sources.contains(d.getSource())).isTrue();
    }
    if (!invalidJava) {
      assertWithMessage("inputs and generated code compile; diagnostics:\n%s", listing)
          .that(together.status()).isEqualTo(Compilation.Status.SUCCESS);
    }
  }

  /** Every diagnostic, one a line, in the order javac reported them. */
  static String listing(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(d -> d.getKind() + " " + (d.getSource() == null ? "-" : d.getSource().getName())
            + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  /** The 1-based number of the one line of {@code source} that contains {@code text}. */
  static long lineContaining(JavaFileObject source, String text) {
    List<String> lines = lines(source);
    long found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        assertWithMessage("more than one line of %s contains '%s'", source.getName(), text)
            .that(found).isEqualTo(-1L);
        found = i + 1;
      }
    }
    assertWithMessage("no line of %s contains '%s'", source.getName(), text)
        .that(found).isGreaterThan(0L);
    return found;
  }

  private static List<String> lines(JavaFileObject source) {
    try {
      return source.getCharContent(true).toString().lines().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the class files {@code compilation} produced into {@code dir}, as javac -d would. */
  static void writeClassFiles(Compilation compilation, Path dir) {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      // in-memory names look like /CLASS_OUTPUT/lib/Activations.class
      Path target = dir.resolve(file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", ""));
      try {
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream();
            OutputStream out = Files.newOutputStream(target)) {
          in.transferTo(out);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The jar (or directory) of the runtime, where {@code @Differentiable} lives. */
  static File runtimeJar() {
    try {
      return new File(
          Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
