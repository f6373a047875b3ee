package org.crmkit.shared;

/**
 * Which page of a list to return.
 *
 * @param page zero-based page number
 * @param size records per page, 1..1000
 */
public record PageRequest(int page, int size) {
  public static final int MAX_SIZE = 1000;

  public PageRequest {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page size must be 1.." + MAX_SIZE + ", was " + size);
    }
  }

  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size);
  }

  /** The first page of the given size. */
  public static PageRequest first(int size) {
    return new PageRequest(0, size);
  }

  /** @return the index of the first record of this page */
  public long offset() {
    return (long) page * size;
  }
}
