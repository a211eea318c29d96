package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's import rules, as Dagger's build dependencies enforce them: data flows one way
 * (read, check, differentiate, emit), only read touches the compiler's trees, only emit touches
 * JavaPoet, and nothing uses javac internals.
 */
class ArchitectureTest {

  private static final Path MAIN = Paths.get("src/main/java/dev/backprop/processor");

  /** For each stage, the stages it may import (ir is shared by all). */
  private static final Map<String, List<String>> ALLOWED = Map.of(
      "ir", List.of(),
      "read", List.of("ir"),
      "check", List.of("ir"),
      "differentiate", List.of("ir", "check"),
      "emit", List.of("ir"));

  @Test
  void stagesImportOnlyTheStageBefore() throws IOException {
    List<String> violations = new ArrayList<>();
    for (var stage : ALLOWED.entrySet()) {
      for (Path file : sources(MAIN.resolve(stage.getKey()))) {
        for (String line : Files.readAllLines(file)) {
          if (!line.startsWith("import")) {
            continue;
          }
          for (String other : ALLOWED.keySet()) {
            boolean importsOther = line.contains("dev.backprop.processor." + other + ".");
            if (importsOther && !other.equals(stage.getKey())
                && !stage.getValue().contains(other)) {
              violations.add(file.getFileName() + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyReadUsesTheTreeApiAndOnlyEmitUsesJavaPoet() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources(MAIN)) {
      String text = Files.readAllLines(file).stream()
          .filter(l -> l.startsWith("import")).collect(Collectors.joining("\n"));
      String stage = MAIN.relativize(file).getName(0).toString();
      if (text.contains("com.sun.source") && !stage.equals("read")) {
        violations.add(file + " uses com.sun.source");
      }
      if (text.contains("com.palantir.javapoet") && !stage.equals("emit")) {
        violations.add(file + " uses JavaPoet");
      }
      if (text.contains("com.sun.tools" + ".javac")) {
        violations.add(file + " uses javac internals");
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void everyPublicTypeHasJavadoc() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : sources(MAIN)) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.matches("(public )?(final )?(sealed )?(class|interface|enum|record) .*")
            || line.matches("public .*(class|interface|enum|record) .*")) {
          String before = String.join("\n", lines.subList(Math.max(0, i - 12), i));
          if (!before.contains("*/")) {
            missing.add(file.getFileName().toString());
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  private static List<Path> sources(Path root) throws IOException {
    assertTrue(Files.isDirectory(root), root + " is not a directory");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }
}
