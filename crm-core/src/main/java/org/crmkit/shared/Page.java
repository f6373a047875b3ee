package org.crmkit.shared;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a list, with the total number of matching records.
 *
 * @param items the records of this page, never null
 * @param request the request that produced this page
 * @param total the number of matching records across all pages
 * @param <T> the record type
 */
public record Page<T>(List<T> items, PageRequest request, long total) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(request, "request");
    if (total < items.size()) {
      throw new IllegalArgumentException("total " + total + " is less than the page's " + items.size() + " items");
    }
  }

  /** @return true when another page follows */
  public boolean hasNext() {
    return request.offset() + items.size() < total;
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), request, total);
  }
}
