package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisTest {

  private static final Multiclass.Dataset IRIS = Iris.load();

  @Test
  void has150RowsFiftyPerSpecies() {
    assertEquals(150, IRIS.x().length);
    assertEquals(150, IRIS.y().length);
    int[] counts = new int[3];
    for (int label : IRIS.y()) {
      counts[label]++;
    }
    assertArrayEquals(new int[] {50, 50, 50}, counts);
    for (double[] row : IRIS.x()) {
      assertEquals(4, row.length);
    }
  }

  @Test
  void wellKnownRows() {
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, IRIS.x()[0]);
    assertEquals(0, IRIS.y()[0]);
    assertArrayEquals(new double[] {7.0, 3.2, 4.7, 1.4}, IRIS.x()[50]);
    assertEquals(1, IRIS.y()[50]);
    assertArrayEquals(new double[] {6.3, 3.3, 6.0, 2.5}, IRIS.x()[100]);
    assertEquals(2, IRIS.y()[100]);
    assertArrayEquals(new double[] {5.9, 3.0, 5.1, 1.8}, IRIS.x()[149]);
    // Fisher's rows 35 and 38, which UCI's iris.data has wrong
    assertArrayEquals(new double[] {4.9, 3.1, 1.5, 0.2}, IRIS.x()[34]);
    assertArrayEquals(new double[] {4.9, 3.6, 1.4, 0.1}, IRIS.x()[37]);
  }

  /** The column means every description of the data set gives: 5.843, 3.057, 3.758, 1.199. */
  @Test
  void columnMeans() {
    double[] mean = new double[4];
    for (double[] row : IRIS.x()) {
      for (int j = 0; j < 4; j++) {
        mean[j] += row[j] / 150;
      }
    }
    assertEquals(List.of("5.843", "3.057", "3.758", "1.199"),
        List.of(RandomPoints.f3(mean[0]), RandomPoints.f3(mean[1]), RandomPoints.f3(mean[2]),
            RandomPoints.f3(mean[3])));
  }

  @Test
  void stratifiedSplitIs120And30AndCoversEveryRowOnce() {
    Iris.Split split = Iris.split(IRIS, IrisNet.SPLIT_SEED, IrisNet.TEST_PER_CLASS);
    assertEquals(120, split.train().x().length);
    assertEquals(30, split.test().x().length);
    int[] counts = new int[3];
    for (int label : split.test().y()) {
      counts[label]++;
    }
    assertArrayEquals(new int[] {10, 10, 10}, counts);
    // the same multiset of rows (Iris has a few duplicate flowers, so compare sorted lists)
    List<String> whole = rows(IRIS);
    List<String> parts = rows(split.train());
    parts.addAll(rows(split.test()));
    Collections.sort(whole);
    Collections.sort(parts);
    assertEquals(whole, parts);
  }

  @Test
  void standardizedTrainingFeaturesHaveMean0AndDeviation1() {
    Iris.Split split =
        Iris.standardize(Iris.split(IRIS, IrisNet.SPLIT_SEED, IrisNet.TEST_PER_CLASS));
    double[][] x = split.train().x();
    for (int j = 0; j < 4; j++) {
      double mean = 0;
      double square = 0;
      for (double[] row : x) {
        mean += row[j] / x.length;
        square += row[j] * row[j] / x.length;
      }
      assertEquals(0, mean, 1e-12);
      assertEquals(1, square - mean * mean, 1e-12);
    }
  }

  private static List<String> rows(Multiclass.Dataset data) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < data.x().length; i++) {
      rows.add(Arrays.toString(data.x()[i]) + " " + data.y()[i]);
    }
    return rows;
  }
}
