package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Report} on {@code sample-jmh-result.json}: JMH 1.37's JSON as the benchmarks jar writes
 * it, trimmed to a few benchmarks, with made-up round scores (they are no measurement). One
 * benchmark has no {@code -prof gc} metrics; one is a contender the report does not know,
 * measured as throughput; the SVM comes at three sizes (one contender's in shuffled order, one
 * contender missing at N=10), the MLP with one fork instead of two; {@code CompileTimeBenchmark}
 * has single shots in ms at two numbers of methods; {@code LoopBenchmark} is a class the report
 * does not know.
 */
class ReportTest {

  private static final String COLUMNS = "| sigmoid neuron (5) | 2-layer ReLU net (13) | SVM cost N=10"
      + " | SVM cost N=1000 | SVM cost N=100000 | MLP 4-64-3, batch 32 (515) |";

  private static String json;

  @BeforeAll
  static void readSample() throws IOException {
    try (InputStream in = ReportTest.class.getResourceAsStream("/sample-jmh-result.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> lines() {
    return Report.read(json).markdown().lines().toList();
  }

  @Test
  void firstLineStatesTheSettingsAndTheClassesThatDiffer() {
    String first = lines().get(0);
    assertTrue(first.startsWith("JMH 1.37 on OpenJDK"), first);
    assertTrue(first.contains("2 fork(s), 5 warm-up iteration(s) of 1 s, 5 measured of 1 s."),
        first);
    assertTrue(first.endsWith(
        " Except MLP 4-64-3 (515): 1 fork(s), 5 warm-up iteration(s) of 1 s, 5 measured of 1 s."),
        first);
  }

  @Test
  void timeTableHasAColumnPerWorkloadAndSizeAndARowPerContender() {
    List<String> lines = lines();
    assertTrue(lines.contains("| contender " + COLUMNS), lines.toString());
    assertTrue(lines.contains("| generated (plain) | 10.0 ± 0.5 | 6.0 ± 0.2 | 100.0 ± 5.0"
        + " | 8000.0 ± 400.0 | 900000.0 ± 20000.0 | 80000.0 ± 2000.0 |"), lines.toString());
    // the sizes in increasing order although the JSON has them shuffled
    assertTrue(lines.contains("| hand-written (ninja) | 8.0 ± 0.4 |  | 40.0 ± 2.0"
        + " | 4000.0 ± 100.0 | 400000.0 ± 10000.0 | 64000.0 ± 1000.0 |"), lines.toString());
    assertTrue(lines.contains(
        "| Hipparchus Gradient |  | 1800.0 ± 90.0 |  | 80000.0 ± 2000.0 | 6000000.0 ± 100000.0 |  |"));
    // an unknown contender, under its own name: 0.05 ops/ns is 20 ns/op; one iteration, no error
    assertTrue(lines.contains("| tape |  | 20.0 |  |  |  |  |"), lines.toString());
  }

  @Test
  void ratiosAreOfNanosecondsPerCallForEveryWorkload() {
    List<String> lines = lines();
    assertTrue(lines.contains("| ratio " + COLUMNS), lines.toString());
    assertTrue(lines.contains(
        "| generated / hand-written | 1.25 |  | 2.50 | 2.00 | 2.25 | 1.25 |"), lines.toString());
    assertTrue(lines.contains(
        "| gradient / function (generated / function) | 2.00 |  | 4.00 | 4.00 | 4.50 | 1.60 |"));
    assertTrue(lines.contains(
        "| object autograd / generated | 40.00 |  | 160.00 | 187.50 | 333.33 |  |"));
    assertTrue(lines.contains("| Hipparchus / generated |  | 300.00 |  | 10.00 | 6.67 |  |"));
  }

  @Test
  void allocationTableReadsGcAllocRateNorm() {
    List<String> lines = lines();
    assertTrue(lines.contains("Allocation, gc.alloc.rate.norm in B/op (`-prof gc`):"));
    assertTrue(lines.contains("| generated (plain) | 0.0 |  | 0.0 | 0.0 | 0.0 | 0.0 |"),
        lines.toString());
    assertTrue(lines.contains(
        "| object autograd (micrograd) | 1200.0 |  | 18000.0 | 1560000.0 | 158000000.0 |  |"));
    assertTrue(lines.contains("| function alone | 0.0 |  | 0.0 | 0.0 | 0.0 | 568.0 |"));
  }

  @Test
  void svmTableGivesTimePerExampleAndItsGrowth() {
    List<String> lines = lines();
    assertTrue(lines.contains("| contender | ns/op N=10 | ns/op N=1000 | ns/op N=100000"
        + " | ns/example N=10 | ns/example N=1000 | ns/example N=100000"
        + " | ns/example N=100000 / N=1000 |"), lines.toString());
    assertTrue(lines.contains("| generated (plain) | 100.0 | 8000.0 | 900000.0"
        + " | 10.00 | 8.00 | 9.00 | 1.13 |"), lines.toString());
    assertTrue(lines.contains("| Hipparchus Gradient |  | 80000.0 | 6000000.0"
        + " |  | 80.00 | 60.00 | 0.75 |"), lines.toString());
    // a contender never measured on the SVM has no row there
    assertEquals(1, lines.stream().filter(l -> l.startsWith("| tape |  |  |  |  |  |")).count());
  }

  @Test
  void linearityStatementSortsContendersByGrowth() {
    String linearity = lines().stream().filter(l -> l.startsWith("Linearity")).findFirst()
        .orElseThrow();
    assertEquals("Linearity from N=1000 to N=100000 (100x the examples), time per example at"
        + " N=100000 over that at N=1000: linear in N (0.80 to 1.25): generated (plain) 1.13,"
        + " hand-written (ninja) 1.00, function alone 1.00. Faster than linear (above 1.25):"
        + " object autograd (micrograd) 2.00. Slower than linear (below 0.80: a fixed cost per"
        + " call still counts at N=1000): Hipparchus Gradient 0.75.", linearity);
  }

  @Test
  void compileTimeHasItsOwnTableAndStaysOutOfTheOthers() {
    List<String> lines = lines();
    assertTrue(lines.contains("Compile time (JMH single shots; 3 fork(s), 2 warm-up iteration(s),"
        + " 5 measured), ms (± is JMH's 99.9% interval):"), lines.toString());
    assertTrue(lines.contains("| 1 | 400.0 ± 20.0 | 450.0 ± 30.0 | 50.0 | 50.00 |"));
    assertTrue(lines.contains("| 10 | 420.0 ± 20.0 | 620.0 ± 30.0 | 200.0 | 20.00 |"));
    assertTrue(lines.stream().noneMatch(l -> l.contains("javacAlone") || l.contains("CompileTime")),
        lines.toString());
  }

  @Test
  void unknownBenchmarkClassesAreNamedNotTabulated() {
    List<String> lines = lines();
    assertEquals(
        "Not tabulated (benchmark classes this report does not know): LoopBenchmark.tape.",
        lines.get(lines.size() - 1));
    assertTrue(lines.stream().noneMatch(l -> l.contains("Loop |")), lines.toString());
  }

  @Test
  void compileTimeAloneGivesItsTableAndNoChart(@TempDir Path dir) throws IOException {
    JsonArray compile = new JsonArray();
    for (JsonElement b : JsonParser.parseString(json).getAsJsonArray()) {
      if (b.getAsJsonObject().get("benchmark").getAsString().contains(".CompileTimeBenchmark.")) {
        compile.add(b);
      }
    }
    String compileOnly = compile.toString();
    String markdown = Report.read(compileOnly).markdown();
    assertTrue(markdown.startsWith("Compile time (JMH single shots"), markdown);
    assertFalse(markdown.contains("ns/op"), markdown);
    Path input = dir.resolve("jmh-result.json");
    Files.writeString(input, compileOnly, StandardCharsets.UTF_8);
    Report.write(input, dir);
    assertTrue(Files.exists(dir.resolve("results.md")));
    assertFalse(Files.exists(dir.resolve("results.png")));
  }

  @Test
  void writesTheTableAndAPng(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("jmh-result.json");
    Files.writeString(input, json, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    Report.write(input, out);
    assertEquals(Report.read(json).markdown(),
        Files.readString(out.resolve("results.md"), StandardCharsets.UTF_8));
    byte[] png = Files.readAllBytes(out.resolve("results.png"));
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
    assertArrayEquals(magic, Arrays.copyOf(png, 4));
  }
}
