package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.backprop.Differentiable;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * Compiles a named module {@code demo} (its module-info and {@code p.Circuits}) with the system
 * compiler on disk, against the annotation packaged as the automatic module {@code
 * backprop.runtime} on the module path and with nothing on the class path.
 * (compile-testing's in-memory file manager cannot compile a module-info.)
 */
final class ModuleCompilation {

  final boolean success;
  final List<Diagnostic<? extends JavaFileObject>> diagnostics;
  final Path classes;
  final Path generatedSources;

  private ModuleCompilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Path classes, Path generatedSources) {
    this.success = success;
    this.diagnostics = diagnostics;
    this.classes = classes;
    this.generatedSources = generatedSources;
  }

  static ModuleCompilation compile(Path dir, String moduleInfo) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.createDirectories(src.resolve("p"));
    Files.writeString(src.resolve("p/Circuits.java"), Fixtures.CIRCUITS);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          List.of("-d", classes.toString(), "-s", generated.toString(),
              "--class-path", empty.toString(),
              "--module-path", runtimeModule(dir).toString(),
              "-Xlint:all,-requires-automatic", "-Werror"),
          null,
          files.getJavaFileObjects(src.resolve("module-info.java"), src.resolve("p/Circuits.java")));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      boolean success = task.call();
      return new ModuleCompilation(success, diagnostics.getDiagnostics(), classes, generated);
    }
  }

  /** A jar holding the annotation, named as an automatic module. */
  private static Path runtimeModule(Path dir) throws IOException {
    Path jar = dir.resolve("backprop-runtime.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"),
        "backprop.runtime");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = Differentiable.class.getResourceAsStream("Differentiable.class")) {
      out.putNextEntry(new JarEntry("dev/backprop/Differentiable.class"));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  void assertCleanSuccess() {
    String all = diagnostics.stream().map(Object::toString).collect(Collectors.joining("\n"));
    assertWithMessage("compiled; diagnostics:\n%s", all).that(success).isTrue();
    assertWithMessage("diagnostics").that(all).isEmpty();
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
          new URL[] {classes.toUri().toURL()}, ModuleCompilation.class.getClassLoader());
      return Class.forName(binaryName, true, loader);
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
