package org.crmkit.shared;

/**
 * A win probability in whole percent, 0 to 100.
 *
 * @param percent the percentage, 0..100
 */
public record Probability(int percent) implements Comparable<Probability> {
  public static final Probability ZERO = new Probability(0);
  public static final Probability CERTAIN = new Probability(100);

  public Probability {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException(
          "probability must be between 0 and 100 percent, was " + percent);
    }
  }

  public static Probability of(int percent) {
    return new Probability(percent);
  }

  @Override
  public int compareTo(Probability o) {
    return Integer.compare(percent, o.percent);
  }

  @Override
  public String toString() {
    return percent + "%";
  }
}
