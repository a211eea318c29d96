package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.backprop.Differentiable;
import dev.backprop.processor.DifferentiableProcessor;
import dev.backprop.runtime.Arguments;
import dev.backprop.runtime.Tape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A compilation with the system compiler on disk, for what compile-testing's in-memory file
 * manager cannot do: a named module (module-info), and a build that sees a previous build's
 * output. Sources go to {@code dir/src}, classes to {@code dir/classes}, generated sources to
 * {@code dir/generated}; a later compilation in the same {@code dir} overwrites sources and
 * keeps what earlier ones wrote, as an incremental build does.
 */
final class DiskCompilation {

  final boolean success;
  final List<Diagnostic<? extends JavaFileObject>> diagnostics;
  final Path classes;
  final Path generatedSources;

  private DiskCompilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Path classes, Path generatedSources) {
    this.success = success;
    this.diagnostics = diagnostics;
    this.classes = classes;
    this.generatedSources = generatedSources;
  }

  /**
   * Module {@code demo} (the given module-info and {@code p.Circuits}), against the annotation
   * packaged as the automatic module {@code backprop.runtime} on the module path, with nothing
   * on the class path, under {@code -Xlint:all,-requires-automatic -Werror}.
   */
  static DiskCompilation module(Path dir, String moduleInfo) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    return compile(dir,
        Map.of("module-info.java", moduleInfo, "p/Circuits.java", Fixtures.CIRCUITS),
        List.of("--class-path", empty.toString(),
            "--module-path", runtimeModule(dir).toString(),
            "-Xlint:all,-requires-automatic", "-Werror"));
  }

  /**
   * Compiles {@code sources} (relative path to text) with the processor, {@code -d dir/classes
   * -s dir/generated} and {@code options}.
   */
  static DiskCompilation compile(Path dir, Map<String, String> sources, List<String> options)
      throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file);
    }
    files.sort(null);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> all = new ArrayList<>(
          List.of("-d", classes.toString(), "-s", generated.toString()));
      all.addAll(options);
      JavaCompiler.CompilationTask task = javac.getTask(null, fileManager, diagnostics, all, null,
          fileManager.getJavaFileObjectsFromPaths(files));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      boolean success = task.call();
      return new DiskCompilation(success, diagnostics.getDiagnostics(), classes, generated);
    }
  }

  /**
   * A jar holding the runtime (the annotation, and what generated code calls), named as an
   * automatic module.
   */
  private static Path runtimeModule(Path dir) throws IOException {
    Path jar = dir.resolve("backprop-runtime.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"),
        "backprop.runtime");
    List<Class<?>> classes = List.of(Differentiable.class, Arguments.class, Tape.class);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Class<?> type : classes) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
          out.putNextEntry(new JarEntry(entry));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  String diagnosticsText() {
    return diagnostics.stream().map(Object::toString).collect(Collectors.joining("\n"));
  }

  /** Requires success with no diagnostic at all. */
  void assertCleanSuccess() {
    assertSuccess();
    assertWithMessage("diagnostics").that(diagnosticsText()).isEmpty();
  }

  /** Requires success with no error (javac's own warnings allowed). */
  void assertSuccess() {
    assertWithMessage("compiled; diagnostics:\n%s", diagnosticsText()).that(success).isTrue();
  }

  String generatedSource(String qualifiedName) {
    Path file = generatedSources.resolve(qualifiedName.replace('.', '/') + ".java");
    assertWithMessage("%s generated", file).that(Files.isRegularFile(file)).isTrue();
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a compiled class (in the unnamed module of a fresh loader). */
  Class<?> load(String binaryName) {
    try {
      URLClassLoader loader = new URLClassLoader(
          new URL[] {classes.toUri().toURL()}, DiskCompilation.class.getClassLoader());
      return Class.forName(binaryName, true, loader);
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
