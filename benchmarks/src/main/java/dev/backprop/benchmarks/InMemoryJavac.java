package dev.backprop.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The JDK's javac, run in-process the way a build tool runs it, with one source file held in
 * memory and all output (class files, and the sources a processor generates) kept in memory:
 * what is timed is javac, not the disk.
 *
 * <p>Every compilation gets a fresh {@link StandardJavaFileManager}, as every build does, and
 * the class path given here. Processors are handed over as instances
 * ({@link JavaCompiler.CompilationTask#setProcessors}), so javac looks for none on the class
 * path: with no processor given, pass {@code -proc:none}.
 */
public final class InMemoryJavac {

  /**
   * What one compilation produced.
   *
   * @param success javac's own verdict
   * @param diagnostics every error, warning and note, in javac's order
   * @param classFiles class files by binary name
   * @param generatedSources sources written through the processors' {@code Filer}, by qualified
   *     name
   */
  public record Result(
      boolean success,
      List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Map<String, byte[]> classFiles,
      Map<String, String> generatedSources) {

    /**
     * This result, if javac succeeded and said nothing at all; otherwise an exception listing
     * what it said. A benchmark must not time a compilation that went wrong.
     */
    public Result requireClean() {
      if (!success || !diagnostics.isEmpty()) {
        throw new IllegalStateException("javac " + (success ? "succeeded" : "failed") + " with:\n"
            + diagnostics.stream()
                .map(d -> d.getKind() + " line " + d.getLineNumber() + ": "
                    + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n")));
      }
      return this;
    }
  }

  private final JavaCompiler javac;
  private final List<Path> classPath;

  /** A compiler whose compilations see {@code classPath} (and the platform) only. */
  public InMemoryJavac(List<Path> classPath) {
    this.javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
    }
    this.classPath = List.copyOf(classPath);
  }

  /** Where {@code type} was loaded from: a class directory or a jar, for the class path. */
  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + type, e);
    }
  }

  /**
   * Compiles the class {@code qualifiedName} from {@code source} with {@code options}, running
   * {@code processors} (none: pass {@code -proc:none} in {@code options}).
   */
  public Result compile(String qualifiedName, String source, List<String> options,
      List<? extends Processor> processors) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager standard =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
      MemoryOutput output = new MemoryOutput(standard);
      JavaCompiler.CompilationTask task = javac.getTask(
          null, output, diagnostics, options, null, List.of(new Source(qualifiedName, source)));
      task.setProcessors(processors);
      boolean success = task.call();
      return new Result(success, List.copyOf(diagnostics.getDiagnostics()),
          output.classFiles(), output.generatedSources());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI uri(String qualifiedName, JavaFileObject.Kind kind) {
    return URI.create("memory:///" + qualifiedName.replace('.', '/') + kind.extension);
  }

  /** The source file, from a string. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String qualifiedName, String text) {
      super(uri(qualifiedName, Kind.SOURCE), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /**
   * A file javac or a processor writes. Generated sources are read back by javac in the next
   * round, hence {@link #getCharContent}.
   */
  private static final class Output extends SimpleJavaFileObject {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Output(String qualifiedName, Kind kind) {
      super(uri(qualifiedName, kind), kind);
    }

    @Override
    public OutputStream openOutputStream() {
      bytes.reset();
      return bytes;
    }

    @Override
    public Writer openWriter() {
      return new OutputStreamWriter(openOutputStream(), UTF_8);
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return bytes.toString(UTF_8);
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  /** Sends class and source output to memory; reads everything else as usual. */
  private static final class MemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
    private final Map<String, Output> classes = new LinkedHashMap<>();
    private final Map<String, Output> sources = new LinkedHashMap<>();

    MemoryOutput(JavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className,
        JavaFileObject.Kind kind, FileObject sibling) throws IOException {
      if (location == StandardLocation.CLASS_OUTPUT && kind == JavaFileObject.Kind.CLASS) {
        return classes.computeIfAbsent(className, name -> new Output(name, kind));
      }
      if (location == StandardLocation.SOURCE_OUTPUT && kind == JavaFileObject.Kind.SOURCE) {
        return sources.computeIfAbsent(className, name -> new Output(name, kind));
      }
      return super.getJavaFileForOutput(location, className, kind, sibling);
    }

    Map<String, byte[]> classFiles() {
      Map<String, byte[]> files = new LinkedHashMap<>();
      classes.forEach((name, file) -> files.put(name, file.toByteArray()));
      return files;
    }

    Map<String, String> generatedSources() {
      Map<String, String> files = new LinkedHashMap<>();
      sources.forEach((name, file) -> files.put(name, file.getCharContent(true).toString()));
      return files;
    }
  }
}
